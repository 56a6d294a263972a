import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { type Abi, type Hex, keccak256 } from 'viem'
import { MalformedInputError } from '../../errors/base.ts'
import { fromStoredProofRequest } from '../../jobs/actions/storedRequest.ts'
import type { NetworkConfig } from '../../net/networkConfig.ts'
import { useLightClient } from '../lightClientState.ts'
import { checkDelivery, type Delivered, deliveredLog } from './delivery.ts'
import type { StoredJob } from './jobStore.ts'
import { isFinal, jobStateAt } from './jobView.ts'
import { type MarketConfig, PROOF_MARKET_READ_ABI } from './market.ts'
import type { ProofRequest } from './marketApi.ts'
import { fetchJobProgress } from './progress.ts'
import { provenRequestEvents } from './provenEvents.ts'
import { provenRequestStatus } from './provenRead.ts'
import { blockTimestamp, findFailedFulfils, findSubmitted, rpcRequestStatus } from './rpcReads.ts'

/** Error items of every compiled contract (market, registry, verifier) plus the market's, to decode revert data. */
let errorAbi: Promise<Abi> | undefined
function revertAbi(): Promise<Abi> {
  errorAbi ??= import('../../contracts/artifacts.generated.ts')
    .then((a) => Object.values(a).flatMap((c) => (c as { abi: Abi }).abi.filter((x) => x.type === 'error')))
    .catch(() => [] as Abi)
    .then((extra) => [...PROOF_MARKET_READ_ABI.filter((x) => x.type === 'error'), ...extra] as Abi)
  return errorAbi
}

/**
 * Everything the job page and the My jobs list track of one request on `network`:
 * - `proven`: requestStatus by a verified eth_call at the light client's finalized block (re-run at each new
 *   finalized block; the last result stays shown meanwhile), and `provenView` its state;
 * - `rpc`: requestStatus at the RPC's latest block (trusted), polled until final, and `rpcView`;
 * - `submitted`: its RequestSubmitted logs (trusted), used when the request is not in My jobs;
 * - with `detail`: block times, the ProofDelivered receipt checked in the tab, failed fulfil attempts, and the prover
 *   network's segment progress (unverified).
 */
export function useJobTracking(p: { network: NetworkConfig; market: MarketConfig; requestId: bigint; stored?: StoredJob | undefined; detail?: boolean }) {
  const { network, market, requestId, stored, detail = false } = p
  const rpcUrl = network.executionRpcUrl
  const lc = useLightClient()
  const fin = lc && lc.networkId === network.id ? lc.finalized : null
  const ready = Boolean(fin?.execution && (lc?.status.code === 'synced' || lc?.status.code === 'stalled'))
  const base = ['jobs', network.id, requestId.toString()] as const

  const submitted = useQuery({
    queryKey: [...base, 'submitted'],
    queryFn: () => findSubmitted(rpcUrl, market.proofMarket, requestId),
    refetchInterval: (q) => (q.state.data?.length ? false : 3_000),
    retry: 1,
  })
  const request: ProofRequest | undefined = stored ? fromStoredProofRequest(stored.request) : submitted.data?.[0]?.request
  const isSubmitted = Boolean(submitted.data?.length) || stored?.phase === 'sent'

  const proven = useQuery({
    queryKey: [...base, 'proven', fin?.slot ?? null],
    queryFn: ({ signal }) => provenRequestStatus(network, lc as NonNullable<typeof lc>, market.proofMarket, requestId, signal),
    enabled: ready,
    staleTime: Number.POSITIVE_INFINITY,
    placeholderData: keepPreviousData,
    retry: 1,
  })
  const provenView = proven.data ? jobStateAt(proven.data.value, request?.offer, proven.data.block.timestamp, isSubmitted) : null
  const final = provenView ? isFinal(provenView) : false

  const rpc = useQuery({
    queryKey: [...base, 'rpc'],
    queryFn: async () => {
      const r = await rpcRequestStatus(rpcUrl, market.proofMarket, requestId)
      return { ...r, timestamp: await blockTimestamp(rpcUrl, r.blockNumber) }
    },
    refetchInterval: final ? false : 2_000,
    retry: 1,
  })
  const rpcView = rpc.data ? jobStateAt(rpc.data.status, request?.offer, rpc.data.timestamp, isSubmitted) : null

  const status = proven.data?.value
  const times = useQuery({
    queryKey: [...base, 'times', submitted.data?.[0]?.blockNumber?.toString(), status?.lockedAtBlock.toString(), status?.fulfilledAtBlock.toString()],
    enabled: detail,
    queryFn: async () => {
      const at = async (n: bigint | undefined) => (n && n > 0n ? Number(await blockTimestamp(rpcUrl, n)) : null)
      return { submitted: await at(submitted.data?.[0]?.blockNumber), locked: await at(status?.lockedAtBlock), fulfilled: await at(status?.fulfilledAtBlock) }
    },
    staleTime: Number.POSITIVE_INFINITY,
  })

  const delivery = useQuery({
    queryKey: [...base, 'delivery', status?.state === 2 ? status.fulfilledAtBlock.toString() : null],
    enabled: detail && status?.state === 2 && ready,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
    queryFn: async ({ signal }): Promise<Delivered> => {
      const s = status as NonNullable<typeof status>
      const log = await deliveredLog(network.executionRpcUrl, lc as NonNullable<typeof lc>, market.proofMarket, requestId, s, signal)
      if (!log) return { log: null, check: null }
      return { log, check: await checkDelivery(log.receipt, s, signal) }
    },
  })

  const firstSubmit = submitted.data?.[0]
  const finBlock = fin?.execution?.blockNumber ?? -1
  const submittedProven = useQuery({
    queryKey: [...base, 'submittedProven', firstSubmit?.blockNumber.toString() ?? null],
    enabled: detail && ready && Boolean(firstSubmit && Number(firstSubmit.blockNumber) <= finBlock),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
    queryFn: async ({ signal }) => {
      const logs = await provenRequestEvents<{ requestDigest: Hex; request: ProofRequest }>(
        rpcUrl,
        lc as NonNullable<typeof lc>,
        market.proofMarket,
        'RequestSubmitted',
        requestId,
        Number(firstSubmit?.blockNumber),
        signal,
      )
      const first = logs[0]
      if (!first) throw new MalformedInputError({ what: 'RequestSubmitted log', details: `none in block ${firstSubmit?.blockNumber} by the verified receipts` })
      return first
    },
  })

  const failed = useQuery({
    queryKey: [...base, 'failedFulfils'],
    enabled: detail && Boolean(rpc.data && rpc.data.status.state >= 1),
    refetchInterval: final ? false : 6_000,
    queryFn: async () => findFailedFulfils(rpcUrl, market.proofMarket, requestId, rpc.data?.status.lockedAtBlock ?? 0n, await revertAbi()),
    retry: 1,
  })

  const provingNow = rpc.data?.status.state === 1 || provenView?.state === 'locked'
  const progress = useQuery({
    queryKey: [...base, 'progress'],
    enabled: detail && Boolean(market.coordinatorHttpUrl && request) && (provingNow || status?.state === 2),
    refetchInterval: provingNow && status?.state !== 2 ? 1_500 : false,
    queryFn: ({ signal }) =>
      fetchJobProgress(market.coordinatorHttpUrl as string, (request as ProofRequest).imageId, inputDigestOf(request as ProofRequest), signal),
    retry: false,
  })

  // The request as its proven RequestSubmitted log carries it, once proven (else as stored, or as the RPC's log says).
  const provenRequest = submittedProven.data?.args.request
  return {
    lc,
    ready,
    fin,
    request: provenRequest ?? request,
    requestProven: Boolean(provenRequest),
    submitted,
    submittedProven,
    isSubmitted,
    proven,
    provenView,
    rpc,
    rpcView,
    final,
    times,
    delivery,
    failed,
    progress,
  }
}

/** keccak256(request.input): the receipt's inputDigest when the input is the words as u32 LE. */
export const inputDigestOf = (r: ProofRequest): Hex => keccak256(r.input)
