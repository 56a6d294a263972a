import { type ForkName, isForkPostCapella, isForkPostDeneb } from '@lodestar/params'
import type { LightClientHeader } from '@lodestar/types'
import { toHex } from '@lodestar/utils'
import { MalformedInputError } from '../errors/base.ts'
import { InvalidMerkleBranchError } from '../errors/consensus.ts'
import type { LightClientConfig } from './lightClientConfig.ts'
import { isValidMerkleBranch } from './specUtils.ts'
import { BeaconBlockHeader, lightClientTypesFor } from './sszLightClient.ts'

/**
 * `EXECUTION_PAYLOAD_GINDEX` in `BeaconBlockBody` (Capella through Fulu): 25, depth 4.
 * Spec: https://github.com/ethereum/consensus-specs/blob/v1.5.0/specs/capella/light-client/sync-protocol.md#constants
 */
export const EXECUTION_PAYLOAD_GINDEX = 25
const EXECUTION_PAYLOAD_DEPTH = 4

/** A Capella+ `LightClientHeader`: beacon header plus the execution payload header and its branch. */
export type ExecutionLightClientHeader = LightClientHeader & {
  execution: {
    parentHash: Uint8Array
    stateRoot: Uint8Array
    receiptsRoot: Uint8Array
    blockNumber: number | bigint
    blockHash: Uint8Array
    transactionsRoot: Uint8Array
    timestamp: number | bigint
    gasUsed: number | bigint
    feeRecipient: Uint8Array
  }
  executionBranch: Uint8Array[]
}

export const hasExecution = (h: LightClientHeader): h is ExecutionLightClientHeader => 'execution' in h

/**
 * `is_valid_light_client_header` (Capella and Deneb versions; Electra and Fulu keep Deneb's): the header's
 * epoch is Capella or later (Lightbus follows no pre-Capella header), a pre-Deneb header carries
 * `blob_gas_used == excess_blob_gas == 0`, and the execution payload header is proven under the beacon
 * header's `body_root` by `execution_branch` (generalized index 25, depth 4).
 * Spec: https://github.com/ethereum/consensus-specs/blob/v1.5.0/specs/capella/light-client/sync-protocol.md#modified-is_valid_light_client_header
 * and https://github.com/ethereum/consensus-specs/blob/v1.5.0/specs/deneb/light-client/sync-protocol.md#modified-is_valid_light_client_header
 * DIFF FROM SPEC (stricter): a pre-Capella header (which the spec accepts with an empty execution part) is rejected.
 * @throws {InvalidMerkleBranchError} When the branch does not fold to `body_root` or the header has no execution part.
 * @throws {MalformedInputError} When the execution part does not have the shape of the header's fork.
 */
export function assertValidLightClientHeader(config: LightClientConfig, header: LightClientHeader): void {
  const fork = config.getForkName(header.beacon.slot)
  if (!isForkPostCapella(fork) || !hasExecution(header)) {
    throw new InvalidMerkleBranchError({ what: 'execution (no execution header)', gindex: EXECUTION_PAYLOAD_GINDEX })
  }
  const execution = header.execution as ExecutionLightClientHeader['execution'] & { blobGasUsed?: number | bigint; excessBlobGas?: number | bigint }
  if (!isForkPostDeneb(fork) && (Number(execution.blobGasUsed ?? 0) !== 0 || Number(execution.excessBlobGas ?? 0) !== 0)) {
    throw new InvalidMerkleBranchError({ what: 'execution (blob gas in a pre-Deneb header)', gindex: EXECUTION_PAYLOAD_GINDEX })
  }
  let leaf: Uint8Array
  try {
    leaf = executionHeaderType(fork).hashTreeRoot(header.execution as never)
  } catch (cause) {
    throw new MalformedInputError({
      what: `light-client header at slot ${header.beacon.slot}`,
      details: `its execution payload header is not a ${fork} one`,
      cause,
    })
  }
  if (
    !Array.isArray(header.executionBranch) ||
    header.executionBranch.length !== EXECUTION_PAYLOAD_DEPTH ||
    !isValidMerkleBranch(leaf, header.executionBranch, EXECUTION_PAYLOAD_DEPTH, EXECUTION_PAYLOAD_GINDEX % 2 ** EXECUTION_PAYLOAD_DEPTH, header.beacon.bodyRoot)
  ) {
    throw new InvalidMerkleBranchError({ what: 'execution', gindex: EXECUTION_PAYLOAD_GINDEX })
  }
}

/** The SSZ `ExecutionPayloadHeader` type of a Capella+ fork. */
export const executionHeaderType = (fork: ForkName) =>
  (lightClientTypesFor(fork) as unknown as { ExecutionPayloadHeader: { hashTreeRoot(value: unknown): Uint8Array } }).ExecutionPayloadHeader

/** What the UI and CLI show of a verified header; all hex is 0x-prefixed, lower case. */
export type HeaderSummary = {
  slot: number
  /** hash_tree_root(BeaconBlockHeader), 32 bytes. */
  blockRoot: `0x${string}`
  beaconStateRoot: `0x${string}`
  execution: {
    blockNumber: number
    blockHash: `0x${string}`
    stateRoot: `0x${string}`
    transactionsRoot: `0x${string}`
    receiptsRoot: `0x${string}`
    /** Unix seconds. */
    timestamp: number
    feeRecipient: `0x${string}`
    gasUsed: number
  } | null
}

export function summarizeHeader(header: LightClientHeader): HeaderSummary {
  const hex = (b: Uint8Array) => toHex(b) as `0x${string}`
  return {
    slot: header.beacon.slot,
    blockRoot: hex(BeaconBlockHeader.hashTreeRoot(header.beacon)),
    beaconStateRoot: hex(header.beacon.stateRoot),
    execution: hasExecution(header)
      ? {
          blockNumber: Number(header.execution.blockNumber),
          blockHash: hex(header.execution.blockHash),
          stateRoot: hex(header.execution.stateRoot),
          transactionsRoot: hex(header.execution.transactionsRoot),
          receiptsRoot: hex(header.execution.receiptsRoot),
          timestamp: Number(header.execution.timestamp),
          feeRecipient: hex(header.execution.feeRecipient),
          gasUsed: Number(header.execution.gasUsed),
        }
      : null,
  }
}
