import { decodeFunctionResult, encodeFunctionData, type Hex } from 'viem'
import type { LightClientSnapshot } from '../../bus/lightClientStatus.ts'
import { executionHeaderChecks, lightClientChecks, lightClientProvenance, type Provenance, type ProvenanceCheck } from '../../bus/provenance.ts'
import { EXECUTION_CHAIN_IDS } from '../../consensus/chainName.ts'
import { MalformedInputError } from '../../errors/base.ts'
import { ProofMismatchError } from '../../errors/verify.ts'
import type { NetworkConfig } from '../../net/networkConfig.ts'
import { callBlockInWorker, verifiedCallInWorker } from '../storageClient.ts'
import { PROOF_MARKET_READ_ABI } from './market.ts'
import type { RequestStatus } from './marketApi.ts'

/** A value read by a verified eth_call at the light client's finalized block: the block, and how it was checked. */
export type Proven<T> = { value: T; block: { number: bigint; hash: Hex; timestamp: bigint }; provenance: Provenance }

const ms = (t0: number) => Math.round((performance.now() - t0) * 10) / 10

/**
 * Runs `data` against `to` as a verified eth_call (src/verify/call) in the storage worker, at the light client's
 * finalized execution block: header fetched by its verified hash (state root must equal the light client's), then
 * every account, slot and code proven against that state root. The provenance chains the light client's checks,
 * the header and the call's steps.
 * @throws {MalformedInputError} No finalized execution header yet. {@link ProofMismatchError} The RPC's header
 * has another state root. The typed errors of verifiedCall (nothing unproven is returned).
 */
export async function provenCall(
  network: NetworkConfig,
  lc: LightClientSnapshot,
  call: { to: Hex; data: Hex; label: string },
  signal?: AbortSignal,
): Promise<Proven<{ returnData: Hex; reverted: boolean }>> {
  const fin = lc.finalized
  if (!fin?.execution) throw new MalformedInputError({ what: 'light client state', details: 'no finalized execution header yet' })
  const t0 = performance.now()
  const block = await callBlockInWorker(network.executionRpcUrl, fin.execution.blockHash, BigInt(EXECUTION_CHAIN_IDS[network.chain]))
  if (block.stateRoot !== fin.execution.stateRoot) {
    throw new ProofMismatchError({ what: 'block', requested: `state root ${fin.execution.stateRoot}`, answered: `state root ${block.stateRoot}` })
  }
  const checks: ProvenanceCheck[] = [
    ...lightClientChecks(lc.checkpointRoot, lc.steps),
    ...executionHeaderChecks(fin, 'finalized'),
    { label: `Block header ${block.number} by hash`, detail: 'keccak256(rlp(header)) = the light client’s block hash', ms: ms(t0) },
  ]
  const t1 = performance.now()
  const result = await verifiedCallInWorker(network.executionRpcUrl, { to: call.to, data: call.data }, block, signal)
  checks.push(
    { label: `Verified eth_call: ${call.label}`, detail: `${call.to}, calldata ${call.data.slice(0, 74)}${call.data.length > 74 ? '…' : ''}`, ms: ms(t1) },
    ...result.checks,
  )
  return {
    value: { returnData: result.returnData, reverted: result.reverted },
    block: { number: block.number, hash: block.hash, timestamp: block.timestamp },
    provenance: lightClientProvenance(lc.checkpointRoot, fin.forced, checks),
  }
}

/** ProofMarket.requestStatus(id) proven at the light client's finalized block. @throws As {@link provenCall}; a proven revert → MalformedInputError. */
export async function provenRequestStatus(
  network: NetworkConfig,
  lc: LightClientSnapshot,
  market: Hex,
  requestId: bigint,
  signal?: AbortSignal,
): Promise<Proven<RequestStatus>> {
  const data = encodeFunctionData({ abi: PROOF_MARKET_READ_ABI, functionName: 'requestStatus', args: [requestId] })
  const r = await provenCall(network, lc, { to: market, data, label: `ProofMarket.requestStatus(${requestId})` }, signal)
  if (r.value.reverted) throw new MalformedInputError({ what: 'requestStatus answer', details: `the call reverted (proven): ${r.value.returnData}` })
  const status = decodeFunctionResult({ abi: PROOF_MARKET_READ_ABI, functionName: 'requestStatus', data: r.value.returnData }) as RequestStatus
  return { ...r, value: status }
}

/** ProofMarket.balanceOf(account) proven at the light client's finalized block (wei). @throws As {@link provenCall}. */
export async function provenMarketBalance(
  network: NetworkConfig,
  lc: LightClientSnapshot,
  market: Hex,
  account: Hex,
  signal?: AbortSignal,
): Promise<Proven<bigint>> {
  const data = encodeFunctionData({ abi: PROOF_MARKET_READ_ABI, functionName: 'balanceOf', args: [account] })
  const r = await provenCall(network, lc, { to: market, data, label: `ProofMarket.balanceOf(${account})` }, signal)
  if (r.value.reverted) throw new MalformedInputError({ what: 'balanceOf answer', details: `the call reverted (proven): ${r.value.returnData}` })
  return { ...r, value: decodeFunctionResult({ abi: PROOF_MARKET_READ_ABI, functionName: 'balanceOf', data: r.value.returnData }) as bigint }
}
