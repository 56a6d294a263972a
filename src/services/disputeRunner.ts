import { type Hex, isAddressEqual, keccak256, parseEventLogs, type TransactionReceipt } from 'viem'
import { serializeError } from '../errors/serialize.ts'
import { DisputeProofUnavailableError } from '../errors/services.ts'
import { toStoredProofRequest } from '../jobs/actions/storedRequest.ts'
import { SERVICE_REGISTRY_ABI } from './abi.ts'
import { wrongAnswersOf } from './compare.ts'
import { readFulfilledClaim, readRequestState, readService, readStake, type VerifiedCaller } from './registryReads.ts'
import type { StoredDispute, StoredProofRequest, StoredServiceSession } from './sessionStore.ts'

/** What the dispute needs from the outside world (the page injects the wallet, the light client and IndexedDB). */
export type DisputeDeps = {
  /** Verified calls at the light client's current finalized block (a fresh block each time). */
  verifiedAt(): Promise<{ caller: VerifiedCaller; blockNumber: bigint }>
  /** Resolves once the light client's finalized execution block is ≥ `block` (never a timer). */
  finalizedAtLeast(block: bigint, signal: AbortSignal): Promise<void>
  /** Signs the ProofRequest (EIP-712, the user's wallet) and submits it with `valueWei` deposited. @returns The tx hash. */
  submitProof(request: StoredProofRequest, valueWei: bigint): Promise<Hex>
  /** Sends ServiceRegistry.dispute(request, userSig, response, providerSig, proofRequestId). @returns The tx hash. */
  sendDispute(p: { session: StoredServiceSession; provider: Hex; proofRequestId: bigint }): Promise<Hex>
  /** The receipt of a sent transaction (an RPC answer; the slash itself is then proven by verified calls). Throws on a revert. */
  waitReceipt(hash: Hex): Promise<TransactionReceipt>
  save(s: StoredServiceSession): Promise<void>
}

/** Offer terms of the dispute's proof request: price ramps from the provers' ask to twice it; lock 10 min; deadline 20 min. */
export const DISPUTE_OFFER = { rampUpPeriod: 30, lockTimeout: 600, timeout: 1200, lockCollateral: 10n ** 16n } as const

/**
 * The ProofMarket request that settles a dispute: the service's program (`imageId` = its programId) on the SAME
 * input bytes, so the verified receipt's inputDigest = keccak256(request.input). `id` = (user << 32) | index.
 */
export function disputeProofRequest(s: StoredServiceSession, p: { index: number; askWei: bigint; nowSec: bigint }): StoredProofRequest {
  const id = (BigInt(s.request.user) << 32n) | BigInt(p.index >>> 0)
  return toStoredProofRequest({
    id,
    imageId: s.service.programId,
    inputUrl: '',
    input: s.request.input,
    offer: { minPrice: p.askWei, maxPrice: p.askWei * 2n, rampUpStart: p.nowSec, ...DISPUTE_OFFER },
  })
}

const checkAborted = (signal: AbortSignal) => {
  if (signal.aborted) throw signal.reason
}

/**
 * Runs (or resumes, from whatever phase `session.dispute` is in) "prove and dispute":
 * (a) submit the proof request (unless already sent); (b) wait until `fulfilledClaim` says fulfilled at a verified
 * block, with the service's program and our input digest; (c) for every provider whose signed output does not hash
 * to the proven journal digest, send `dispute`; read `DisputeSettled` from its receipt; (d) once the light client
 * has finalized the dispute's block, prove the slash: stakeOf = 0 and gone from providersOf.
 * Every step is saved (`deps.save`) and reported (`onUpdate`) before the next one starts.
 * @throws {DisputeProofUnavailableError} The proof request expired unfulfilled, or proves another program/input.
 */
export async function runDispute(
  start: StoredServiceSession,
  deps: DisputeDeps,
  market: { proofMarket: Hex; serviceRegistry: Hex },
  first: (() => StoredProofRequest) | null,
  onUpdate: (s: StoredServiceSession) => void,
  signal: AbortSignal,
): Promise<StoredServiceSession> {
  let s = start
  const update = async (d: StoredDispute) => {
    s = { ...s, dispute: d }
    await deps.save(s)
    onUpdate(s)
  }
  try {
    if (!s.dispute) {
      if (!first) throw new DisputeProofUnavailableError({ proofRequestId: '?', reason: 'no proof request was sent' })
      const proofRequest = first()
      const submitTx = await deps.submitProof(proofRequest, BigInt(proofRequest.offer.maxPrice))
      await update({ phase: 'proving', proofRequest, submitTx, disputes: [] })
    }
    let d = s.dispute as StoredDispute
    if (d.phase === 'failed') {
      // Retry: from the proof if none is proven yet, else the disputes that did not go through.
      const disputes = d.disputes.map((x) => (x.status === 'failed' ? { ...x, status: x.tx ? ('sent' as const) : ('sending' as const) } : x))
      const { error: _, ...rest } = d
      d = { ...rest, phase: d.journalDigest ? 'disputing' : 'proving', disputes }
      await update(d)
    }
    const proofRequestId = BigInt(d.proofRequest.id)

    if (d.phase === 'proving') {
      if (d.submitTx) await deps.waitReceipt(d.submitTx)
      for (;;) {
        checkAborted(signal)
        const { caller, blockNumber } = await deps.verifiedAt()
        const claim = (await readFulfilledClaim(caller, market.proofMarket, proofRequestId)).value
        if (claim.fulfilled) {
          if (claim.imageId.toLowerCase() !== s.service.programId.toLowerCase() || claim.inputDigest.toLowerCase() !== keccak256(s.request.input)) {
            throw new DisputeProofUnavailableError({ proofRequestId, reason: 'its verified receipt is for another program or input' })
          }
          d = { ...d, phase: 'proven', journalDigest: claim.journalDigest, provenAtBlock: blockNumber.toString() }
          await update(d)
          break
        }
        const state = (await readRequestState(caller, market.proofMarket, proofRequestId)).value
        if (state.state === 3) throw new DisputeProofUnavailableError({ proofRequestId, reason: 'its deadline passed and no prover fulfilled it' })
        await deps.finalizedAtLeast(blockNumber + 1n, signal)
      }
    }

    if (d.phase === 'proven' || d.phase === 'disputing') {
      const wrong = wrongAnswersOf(s.slots, d.journalDigest as Hex)
      let disputes = d.disputes
      for (const w of wrong)
        if (!disputes.some((x) => isAddressEqual(x.provider, w.provider))) disputes = [...disputes, { provider: w.provider, status: 'sending' }]
      d = { ...d, phase: 'disputing', disputes }
      await update(d)
      // One at a time: the wallet orders its nonces, and the user sees each request.
      for (const [i, x] of d.disputes.entries()) {
        if (x.status !== 'sending') continue
        checkAborted(signal)
        const next = [...d.disputes]
        try {
          const tx = await deps.sendDispute({ session: s, provider: x.provider, proofRequestId })
          next[i] = { ...x, status: 'sent', tx }
        } catch (e) {
          next[i] = { ...x, status: 'failed', error: serializeError(e) }
        }
        d = { ...d, disputes: next }
        await update(d)
      }
      for (const [i, x] of d.disputes.entries()) {
        if (x.status !== 'sent' || !x.tx) continue
        const next = [...d.disputes]
        try {
          const receipt = await deps.waitReceipt(x.tx)
          const settled = parseEventLogs({ abi: SERVICE_REGISTRY_ABI, eventName: 'DisputeSettled', logs: receipt.logs }).find(
            (l) => l.address.toLowerCase() === market.serviceRegistry.toLowerCase() && isAddressEqual(l.args.provider, x.provider),
          )
          next[i] = {
            ...x,
            status: 'settled',
            blockNumber: receipt.blockNumber.toString(),
            ...(settled ? { slashed: settled.args.slashed.toString(), burned: settled.args.burned.toString() } : {}),
          }
        } catch (e) {
          next[i] = { ...x, status: 'failed', error: serializeError(e) }
        }
        d = { ...d, disputes: next }
        await update(d)
      }
      // (d) The slash proven at a light-client-finalized block at or after every dispute's block.
      const settled = d.disputes.filter((x) => x.status === 'settled')
      if (settled.length) {
        const last = settled.reduce((m, x) => (BigInt(x.blockNumber ?? 0) > m ? BigInt(x.blockNumber ?? 0) : m), 0n)
        await deps.finalizedAtLeast(last, signal)
        const { caller } = await deps.verifiedAt()
        const providers = (await readService(caller, market.serviceRegistry, BigInt(s.service.id))).value.providers
        const next = [...d.disputes]
        for (const [i, x] of next.entries()) {
          if (x.status !== 'settled') continue
          const stake = (await readStake(caller, market.serviceRegistry, BigInt(s.service.id), x.provider)).value
          const gone = !providers.some((p) => isAddressEqual(p.address, x.provider))
          if (stake === 0n && gone) next[i] = { ...x, status: 'proven' }
        }
        d = { ...d, disputes: next }
      }
      d = { ...d, phase: 'done' }
      await update(d)
    }
    return s
  } catch (e) {
    if (signal.aborted) throw e
    if (s.dispute) await update({ ...s.dispute, phase: 'failed', error: serializeError(e) })
    throw e
  }
}
