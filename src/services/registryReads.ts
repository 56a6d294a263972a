import { decodeFunctionResult, encodeFunctionData, type Hex } from 'viem'
import type { ProvenanceCheck } from '../bus/provenance.ts'
import { CallExecutionError } from '../errors/call.ts'
import { ServiceNotFoundError } from '../errors/services.ts'
import { PROOF_MARKET_CLAIM_ABI, SERVICE_REGISTRY_ABI } from './abi.ts'

/**
 * A verified eth_call at one light-client-verified block (the app's: the storage worker's `call`, docs/verified-call.md).
 * `checks` are the call's proof steps; `reverted` a proven revert.
 */
export type VerifiedCaller = (to: Hex, data: Hex) => Promise<{ returnData: Hex; reverted: boolean; checks: ProvenanceCheck[] }>

/** A value read by verified calls, with the checks of every call it took (in order). */
export type Proven<T> = { value: T; checks: ProvenanceCheck[] }

export type ServiceInfo = { id: bigint; owner: Hex; programId: Hex; name: string }
export type ProviderInfo = { address: Hex; endpoint: string; stake: bigint }
export type FulfilledClaim = { fulfilled: boolean; imageId: Hex; inputDigest: Hex; journalDigest: Hex }

/** Most services listed on one page of the list (the newest first). */
export const MAX_LISTED_SERVICES = 50

type Fn = 'serviceCount' | 'getService' | 'providersOf' | 'stakeOf'

async function callView<T>(
  caller: VerifiedCaller,
  to: Hex,
  abi: typeof SERVICE_REGISTRY_ABI | typeof PROOF_MARKET_CLAIM_ABI,
  fn: string,
  args: readonly unknown[],
  checks: ProvenanceCheck[],
): Promise<T> {
  const data = encodeFunctionData({ abi, functionName: fn, args } as Parameters<typeof encodeFunctionData>[0])
  const r = await caller(to, data)
  checks.push(
    {
      label: `Verified call ${fn}(${args.map(String).join(', ')}) on ${to}`,
      detail: r.reverted ? 'reverted (proven)' : `${(r.returnData.length - 2) / 2} bytes returned`,
    },
    ...r.checks,
  )
  if (r.reverted)
    throw new CallExecutionError({ details: `${fn} reverted on ${to} (a proven revert at the verified block: is it the contract this network names?)` })
  return decodeFunctionResult({ abi, functionName: fn, data: r.returnData } as Parameters<typeof decodeFunctionResult>[0]) as T
}

const reg = <T>(caller: VerifiedCaller, registry: Hex, fn: Fn, args: readonly unknown[], checks: ProvenanceCheck[]) =>
  callView<T>(caller, registry, SERVICE_REGISTRY_ABI, fn, args, checks)

/** The registry's services (at most {@link MAX_LISTED_SERVICES}, newest first) and their count. */
export async function readServices(caller: VerifiedCaller, registry: Hex): Promise<Proven<{ count: bigint; services: ServiceInfo[] }>> {
  const checks: ProvenanceCheck[] = []
  const count = await reg<bigint>(caller, registry, 'serviceCount', [], checks)
  const services: ServiceInfo[] = []
  for (let id = count; id >= 1n && services.length < MAX_LISTED_SERVICES; id--) {
    const [owner, programId, name] = await reg<[Hex, Hex, string]>(caller, registry, 'getService', [id], checks)
    services.push({ id, owner, programId, name })
  }
  return { value: { count, services }, checks }
}

/**
 * One service and its active providers (address, endpoint, stake in this service, wei).
 * @throws {ServiceNotFoundError} For an id outside 1..serviceCount.
 */
export async function readService(caller: VerifiedCaller, registry: Hex, id: bigint): Promise<Proven<{ service: ServiceInfo; providers: ProviderInfo[] }>> {
  const checks: ProvenanceCheck[] = []
  const count = await reg<bigint>(caller, registry, 'serviceCount', [], checks)
  if (id < 1n || id > count) throw new ServiceNotFoundError({ serviceId: id, count })
  const [owner, programId, name] = await reg<[Hex, Hex, string]>(caller, registry, 'getService', [id], checks)
  const [addresses, endpoints, stakes] = await reg<[Hex[], string[], bigint[]]>(caller, registry, 'providersOf', [id], checks)
  const providers = addresses.map((address, i) => ({ address, endpoint: endpoints[i] ?? '', stake: stakes[i] ?? 0n }))
  return { value: { service: { id, owner, programId, name }, providers }, checks }
}

/** A provider's stake in one service (wei; 0 after a slash). */
export async function readStake(caller: VerifiedCaller, registry: Hex, id: bigint, provider: Hex): Promise<Proven<bigint>> {
  const checks: ProvenanceCheck[] = []
  return { value: await reg<bigint>(caller, registry, 'stakeOf', [id, provider], checks), checks }
}

/** ProofMarket.fulfilledClaim: digests as the verified receipt committed them (not labels chosen by the locker). */
export async function readFulfilledClaim(caller: VerifiedCaller, market: Hex, proofRequestId: bigint): Promise<Proven<FulfilledClaim>> {
  const checks: ProvenanceCheck[] = []
  const [fulfilled, imageId, inputDigest, journalDigest] = await callView<[boolean, Hex, Hex, Hex]>(
    caller,
    market,
    PROOF_MARKET_CLAIM_ABI,
    'fulfilledClaim',
    [proofRequestId],
    checks,
  )
  return { value: { fulfilled, imageId, inputDigest, journalDigest }, checks }
}

/** ProofMarket.requestStatus `state` and `deadline` (unix s): 0 submitted, 1 locked, 2 fulfilled, 3 expired. */
export async function readRequestState(
  caller: VerifiedCaller,
  market: Hex,
  proofRequestId: bigint,
): Promise<Proven<{ state: number; deadline: bigint; locker: Hex }>> {
  const checks: ProvenanceCheck[] = []
  const s = await callView<{ state: number; deadline: bigint; locker: Hex }>(caller, market, PROOF_MARKET_CLAIM_ABI, 'requestStatus', [proofRequestId], checks)
  return { value: { state: s.state, deadline: s.deadline, locker: s.locker }, checks }
}
