import { BitVectorType, ByteListType, ByteVectorType, ContainerType, UintBigintType, UintNumberType, VectorCompositeType } from '@chainsafe/ssz'
import {
  BLOCK_BODY_EXECUTION_PAYLOAD_DEPTH,
  BYTES_PER_LOGS_BLOOM,
  FINALIZED_ROOT_DEPTH,
  FINALIZED_ROOT_DEPTH_ELECTRA,
  ForkName,
  MAX_EXTRA_DATA_BYTES,
  NEXT_SYNC_COMMITTEE_DEPTH,
  NEXT_SYNC_COMMITTEE_DEPTH_ELECTRA,
  SYNC_COMMITTEE_SIZE,
} from '@lodestar/params'
import { UnsupportedForkError } from '../errors/consensus.ts'

// The SSZ containers the light client reads, and only those: the same definitions as `@lodestar/types` 1.28.1 (field
// names, order, types and the beacon-API `eth2` JSON casing), so the values are interchangeable with Lodestar's and the
// roots are the same (src/consensus/sszLightClient.test.ts checks both on real data of every fork and on random values).
// Importing `@lodestar/types` builds every fork's containers (BeaconState, blocks, ~160 types), which was the largest
// part of the light-client worker's start (docs/performance.md); this module builds 25.
// Spec: consensus-specs v1.5.0 — phase0 beacon-chain.md (BeaconBlockHeader, SigningData, ForkData), altair
// beacon-chain.md (SyncCommittee, SyncAggregate), bellatrix/capella/deneb beacon-chain.md (ExecutionPayloadHeader), and
// capella/deneb/electra light-client/sync-protocol.md (LightClientHeader, Bootstrap, Update, FinalityUpdate,
// OptimisticUpdate): https://github.com/ethereum/consensus-specs/tree/v1.5.0/specs

const Bytes4 = new ByteVectorType(4)
const Bytes32 = new ByteVectorType(32)
const Bytes48 = new ByteVectorType(48)
const Bytes96 = new ByteVectorType(96)
const UintNum64 = new UintNumberType(8)
const UintBn64 = new UintBigintType(8)
const UintBn256 = new UintBigintType(32)
const eth2 = (typeName: string) => ({ typeName, jsonCase: 'eth2' as const })

/** A 20-byte execution address; its JSON is the lower-case hex that beacon APIs serve (Lodestar's checksums it on output only). */
const ExecutionAddress = new ByteVectorType(20)

export const BeaconBlockHeader = new ContainerType(
  { slot: UintNum64, proposerIndex: UintNum64, parentRoot: Bytes32, stateRoot: Bytes32, bodyRoot: Bytes32 },
  eth2('BeaconBlockHeader'),
)
export const SigningData = new ContainerType({ objectRoot: Bytes32, domain: Bytes32 }, eth2('SigningData'))
export const ForkData = new ContainerType({ currentVersion: Bytes4, genesisValidatorsRoot: Bytes32 }, eth2('ForkData'))
export const SyncCommittee = new ContainerType(
  { pubkeys: new VectorCompositeType(Bytes48, SYNC_COMMITTEE_SIZE), aggregatePubkey: Bytes48 },
  eth2('SyncCommittee'),
)
const SyncAggregate = new ContainerType(
  { syncCommitteeBits: new BitVectorType(SYNC_COMMITTEE_SIZE), syncCommitteeSignature: Bytes96 },
  eth2('SyncCommitteeBits'),
)

const capellaExecutionFields = {
  parentHash: Bytes32,
  feeRecipient: ExecutionAddress,
  stateRoot: Bytes32,
  receiptsRoot: Bytes32,
  logsBloom: new ByteVectorType(BYTES_PER_LOGS_BLOOM),
  prevRandao: Bytes32,
  blockNumber: UintNum64,
  gasLimit: UintNum64,
  gasUsed: UintNum64,
  timestamp: UintNum64,
  extraData: new ByteListType(MAX_EXTRA_DATA_BYTES),
  baseFeePerGas: UintBn256,
  blockHash: Bytes32,
  transactionsRoot: Bytes32,
  withdrawalsRoot: Bytes32,
}
const CapellaExecutionPayloadHeader = new ContainerType(capellaExecutionFields, eth2('ExecutionPayloadHeader'))
const DenebExecutionPayloadHeader = new ContainerType(
  { ...capellaExecutionFields, blobGasUsed: UintBn64, excessBlobGas: UintBn64 },
  eth2('ExecutionPayloadHeader'),
)

const ExecutionBranch = new VectorCompositeType(Bytes32, BLOCK_BODY_EXECUTION_PAYLOAD_DEPTH)

/** The light-client containers of one fork's beacon-API objects. */
function lightClientTypes<H extends ContainerType<any>>(
  ExecutionPayloadHeader: H,
  committeeDepth: number,
  finalityDepth: number,
  LightClientHeader = new ContainerType(
    { beacon: BeaconBlockHeader, execution: ExecutionPayloadHeader, executionBranch: ExecutionBranch },
    eth2('LightClientHeader'),
  ),
) {
  const committeeBranch = new VectorCompositeType(Bytes32, committeeDepth)
  const finalityBranch = new VectorCompositeType(Bytes32, finalityDepth)
  return {
    ExecutionPayloadHeader,
    LightClientHeader,
    LightClientBootstrap: new ContainerType(
      { header: LightClientHeader, currentSyncCommittee: SyncCommittee, currentSyncCommitteeBranch: committeeBranch },
      eth2('LightClientBootstrap'),
    ),
    LightClientUpdate: new ContainerType(
      {
        attestedHeader: LightClientHeader,
        nextSyncCommittee: SyncCommittee,
        nextSyncCommitteeBranch: committeeBranch,
        finalizedHeader: LightClientHeader,
        finalityBranch,
        syncAggregate: SyncAggregate,
        signatureSlot: UintNum64,
      },
      eth2('LightClientUpdate'),
    ),
    LightClientFinalityUpdate: new ContainerType(
      { attestedHeader: LightClientHeader, finalizedHeader: LightClientHeader, finalityBranch, syncAggregate: SyncAggregate, signatureSlot: UintNum64 },
      eth2('LightClientFinalityUpdate'),
    ),
    LightClientOptimisticUpdate: new ContainerType(
      { attestedHeader: LightClientHeader, syncAggregate: SyncAggregate, signatureSlot: UintNum64 },
      eth2('LightClientOptimisticUpdate'),
    ),
  }
}

const capella = lightClientTypes(CapellaExecutionPayloadHeader, NEXT_SYNC_COMMITTEE_DEPTH, FINALIZED_ROOT_DEPTH)
const deneb = lightClientTypes(DenebExecutionPayloadHeader, NEXT_SYNC_COMMITTEE_DEPTH, FINALIZED_ROOT_DEPTH)
// Electra deepens the state's branches (more fields); its header is Deneb's. Fulu's light-client containers are Electra's.
const electra = lightClientTypes(DenebExecutionPayloadHeader, NEXT_SYNC_COMMITTEE_DEPTH_ELECTRA, FINALIZED_ROOT_DEPTH_ELECTRA, deneb.LightClientHeader)

/** The light-client containers of a fork from Capella on. */
export type LightClientTypes = typeof capella

const BY_FORK: Partial<Record<ForkName, LightClientTypes>> = {
  [ForkName.capella]: capella,
  [ForkName.deneb]: deneb as unknown as LightClientTypes,
  [ForkName.electra]: electra as unknown as LightClientTypes,
  [ForkName.fulu]: electra as unknown as LightClientTypes,
}

/**
 * The light-client containers of `fork` (as `sszTypesFor(fork)` of `@lodestar/types`, restricted to them), or
 * undefined for a fork before Capella (no execution header) or one this module does not know.
 */
export const lightClientTypesFor = (fork: string): LightClientTypes | undefined => (Object.hasOwn(BY_FORK, fork) ? BY_FORK[fork as ForkName] : undefined)

/**
 * {@link lightClientTypesFor}, for a fork that must have them.
 * @throws {UnsupportedForkError} For a fork before Capella (its light-client headers carry no execution header).
 */
export function requireLightClientTypes(fork: string): LightClientTypes {
  const types = lightClientTypesFor(fork)
  if (!types) throw new UnsupportedForkError({ fork, reason: 'light-client headers before Capella carry no execution header' })
  return types
}
