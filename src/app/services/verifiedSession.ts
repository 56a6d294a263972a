import type { Hex } from 'viem'
import type { LightClientSnapshot } from '../../bus/lightClientStatus.ts'
import { executionHeaderChecks, lightClientChecks, lightClientProvenance, type Provenance, type ProvenanceCheck } from '../../bus/provenance.ts'
import { EXECUTION_CHAIN_IDS } from '../../consensus/chainName.ts'
import { MalformedInputError } from '../../errors/base.ts'
import { ProofMismatchError } from '../../errors/verify.ts'
import type { NetworkConfig } from '../../net/networkConfig.ts'
import type { Proven, VerifiedCaller } from '../../services/registryReads.ts'
import { callBlockInWorker, verifiedCallInWorker } from '../storageClient.ts'

/** Verified calls at one light-client-finalized block, and how to turn their checks into a provenance record. */
export type VerifiedSession = {
  caller: VerifiedCaller
  block: { number: bigint; hash: Hex; timestamp: bigint }
  /** The provenance of a value read in this session: light client → header → block → the value's calls. */
  provenanceOf(checks: ProvenanceCheck[]): Provenance
}

/**
 * Opens a session at the light client's CURRENT finalized execution block: the block header fetched by its
 * verified hash (state root compared), every call then a verified eth_call in the storage worker.
 * @throws {MalformedInputError} The light client has no finalized execution header yet.
 * @throws {ProofMismatchError} The RPC's header has another state root. And the verified call's typed errors.
 */
export async function openVerifiedSession(network: NetworkConfig, lc: LightClientSnapshot, signal?: AbortSignal): Promise<VerifiedSession> {
  const fin = lc.finalized
  if (!fin?.execution) throw new MalformedInputError({ what: 'light client state', details: 'no finalized execution header yet' })
  const t0 = performance.now()
  const block = await callBlockInWorker(network.executionRpcUrl, fin.execution.blockHash as Hex, BigInt(EXECUTION_CHAIN_IDS[network.chain]))
  if (block.stateRoot !== fin.execution.stateRoot) {
    throw new ProofMismatchError({ what: 'block', requested: `state root ${fin.execution.stateRoot}`, answered: `state root ${block.stateRoot}` })
  }
  const base: ProvenanceCheck[] = [
    ...lightClientChecks(lc.checkpointRoot, lc.steps),
    ...executionHeaderChecks(fin, 'finalized'),
    {
      label: `Block header ${block.number} by hash`,
      detail: 'keccak256(rlp(header)) = the light client’s block hash; every call runs at its state root',
      ms: Math.round(performance.now() - t0),
    },
  ]
  const caller: VerifiedCaller = async (to, data) => {
    const r = await verifiedCallInWorker(network.executionRpcUrl, { to, data }, block, signal)
    return { returnData: r.returnData, reverted: r.reverted, checks: r.checks }
  }
  return {
    caller,
    block: { number: block.number, hash: block.hash, timestamp: block.timestamp },
    provenanceOf: (checks) => lightClientProvenance(lc.checkpointRoot, fin.forced, [...base, ...checks]),
  }
}

/** A proven value with its provenance and the block it was read at. */
export type ProvenRead<T> = Proven<T> & { provenance: Provenance; block: VerifiedSession['block'] }

export const withProvenance = <T>(s: VerifiedSession, p: Proven<T>): ProvenRead<T> => ({ ...p, provenance: s.provenanceOf(p.checks), block: s.block })
