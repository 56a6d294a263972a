import { useMutation } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import { type Hex, hashTypedData } from 'viem'
import { useLightClient } from '../../app/lightClientState.ts'
import { disputeAction, signServiceRequestAction, submitDisputeProofAction } from '../../app/services/serviceActions.ts'
import { useFinalizedWaiter } from '../../app/services/useFinalizedWaiter.ts'
import { openVerifiedSession } from '../../app/services/verifiedSession.ts'
import { type BaseError, MalformedInputError } from '../../errors/base.ts'
import type { NetworkConfig } from '../../net/networkConfig.ts'
import { programByImageId } from '../../prover/zkvm/programs.ts'
import { askProviders } from '../../services/askProviders.ts'
import { compareAnswers } from '../../services/compare.ts'
import { type DisputeDeps, disputeProofRequest, runDispute } from '../../services/disputeRunner.ts'
import { SERVICE_REQUEST_TYPES, type ServiceRequest, serviceRegistryDomain } from '../../services/eip712.ts'
import type { MarketConfig } from '../../services/marketConfig.ts'
import { cryptoU32, defaultK, pickRandom } from '../../services/pickProviders.ts'
import type { ProviderInfo, ServiceInfo } from '../../services/registryReads.ts'
import { latestServiceSession, putServiceSession, type StoredServiceSession } from '../../services/sessionStore.ts'
import { hexToWords, wordsToHex } from '../../services/words.ts'
import { waitForReceipt } from '../../wallet/actions.ts'
import { useWallet } from '../../wallet/hooks.ts'
import { WalletControl } from '../../wallet/WalletButton.tsx'
import { WalletError } from '../../wallet/WalletError.tsx'
import { WalletScope } from '../../wallet/WalletScope.tsx'
import { AnswersTable } from './AnswersTable.tsx'
import { DisputeView } from './DisputeView.tsx'
import { ManualDispute } from './ManualDispute.tsx'

type Props = { network: NetworkConfig; market: MarketConfig; service: ServiceInfo; providers: ProviderInfo[]; onChainChanged: () => void }

/** Send one signed request to k random providers, compare, prove and dispute (default export: lazily loaded, pulls in wagmi). */
export default function RequestPanel(props: Props) {
  return (
    <section className="space-y-3 border-t border-slate-200 pt-3 dark:border-slate-800" aria-labelledby="request-title" data-testid="service-request">
      <h3 id="request-title" className="font-semibold">
        Ask the providers
      </h3>
      <WalletScope network={props.network}>
        <Panel {...props} />
      </WalletScope>
    </section>
  )
}

/** Decimal words separated by commas or spaces (for programs the app does not know). @throws {MalformedInputError} */
function parseRawWords(text: string): number[] {
  const parts = text.split(/[\s,]+/).filter(Boolean)
  if (parts.length > 4096) throw new MalformedInputError({ what: 'input', details: 'at most 4096 words' })
  const words = parts.map((s) => {
    if (!/^[0-9]{1,10}$/.test(s)) throw new MalformedInputError({ what: 'input', details: `${s.slice(0, 20)} is not a decimal integer` })
    return Number(s)
  })
  return hexToWords(wordsToHex(words), 'input')
}

const randomNonce = () => (BigInt(cryptoU32()) << 32n) | BigInt(cryptoU32())
const btn =
  'rounded-md bg-slate-900 px-4 py-2 text-sm text-white disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-emerald-500 dark:bg-slate-100 dark:text-slate-900'

function Panel({ network, market, service, providers, onChainChanged }: Props) {
  const w = useWallet()
  const lc = useLightClient()
  const lcRef = useRef(lc)
  lcRef.current = lc
  const finalizedAtLeast = useFinalizedWaiter(lc, network.id)
  const program = programByImageId(service.programId)
  const n = providers.length
  const [inputText, setInputText] = useState(program?.exampleInput ?? '')
  const [k, setK] = useState(defaultK(n))
  useEffect(() => setK(defaultK(n)), [n])
  const [session, setSession] = useState<StoredServiceSession | null>(null)
  const [loaded, setLoaded] = useState(false)
  const ready = w.status === 'connected' && !w.wrongChain && Boolean(w.address)

  useEffect(() => {
    let live = true
    setLoaded(false)
    latestServiceSession(network.id, service.id.toString())
      .then((s) => live && setSession(s ?? null))
      .catch(() => {})
      .finally(() => live && setLoaded(true))
    return () => {
      live = false
    }
  }, [network.id, service.id])

  const send = useMutation<StoredServiceSession, BaseError, void>({
    mutationFn: async () => {
      const words = program ? program.parseInput(inputText) : parseRawWords(inputText)
      const user = w.address as Hex
      const request: ServiceRequest = { serviceId: service.id, user, input: wordsToHex(words), nonce: randomNonce() }
      const domain = serviceRegistryDomain(w.chainId, market.serviceRegistry)
      const requestHash = hashTypedData({ domain, types: SERVICE_REQUEST_TYPES, primaryType: 'Request', message: request })
      const signature = await signServiceRequestAction(w.config, { registry: market.serviceRegistry, request })
      const chosen = pickRandom(providers, k)
      let s: StoredServiceSession = {
        id: requestHash,
        networkId: network.id,
        chainId: w.chainId,
        registry: market.serviceRegistry,
        createdAtMs: Date.now(),
        service: { id: service.id.toString(), name: service.name, programId: service.programId },
        request: { serviceId: service.id.toString(), user, input: request.input, nonce: request.nonce.toString() },
        inputText,
        userSignature: signature,
        slots: chosen.map((p) => ({ provider: p.address, endpoint: p.endpoint, outcome: { status: 'pending' } })),
      }
      setSession(s)
      await putServiceSession(s)
      await askProviders(
        chosen.map((p) => ({ provider: p.address, endpoint: p.endpoint })),
        { request, signature, requestHash, domain },
        (i, outcome) => {
          s = { ...s, slots: s.slots.map((x, j) => (j === i ? { ...x, outcome } : x)) }
          setSession(s)
          void putServiceSession(s)
        },
      )
      return s
    },
  })

  const abort = useRef<AbortController | null>(null)
  useEffect(() => () => abort.current?.abort(new Error('left the page')), [])
  const dispute = useMutation<StoredServiceSession, BaseError, { fresh: boolean }>({
    mutationFn: async ({ fresh }) => {
      const s = session as StoredServiceSession
      abort.current?.abort(new Error('restarted'))
      const ac = new AbortController()
      abort.current = ac
      const deps: DisputeDeps = {
        verifiedAt: async () => {
          const v = await openVerifiedSession(network, lcRef.current as NonNullable<typeof lc>, ac.signal)
          return { caller: v.caller, blockNumber: v.block.number }
        },
        finalizedAtLeast,
        submitProof: (request, valueWei) => submitDisputeProofAction(w.config, { market: market.proofMarket, request, valueWei }),
        sendDispute: ({ session: x, provider, proofRequestId }) => {
          const slot = x.slots.find((y) => y.provider === provider && y.outcome.status === 'answered')
          if (slot?.outcome.status !== 'answered') throw new MalformedInputError({ what: 'dispute', details: `no signed answer of ${provider}` })
          return disputeAction(w.config, {
            registry: market.serviceRegistry,
            request: { serviceId: BigInt(x.request.serviceId), user: x.request.user, input: x.request.input, nonce: BigInt(x.request.nonce) },
            userSignature: x.userSignature,
            response: slot.outcome.response,
            providerSignature: slot.outcome.signature,
            proofRequestId,
          })
        },
        waitReceipt: (hash) => waitForReceipt(w.config, hash),
        save: putServiceSession,
      }
      const first = fresh
        ? () => disputeProofRequest(s, { index: cryptoU32(), askWei: market.proverAskWei, nowSec: BigInt(Math.floor(Date.now() / 1000)) })
        : null
      const done = await runDispute(s, deps, market, first, setSession, ac.signal)
      onChainChanged()
      return done
    },
  })

  // A reload resumes a dispute in flight once the wallet is back (it may have to send the dispute transactions).
  const resumed = useRef<string | null>(null)
  const phase = session?.dispute?.phase
  useEffect(() => {
    if (!loaded || !session || !ready || dispute.isPending) return
    if (phase !== 'proving' && phase !== 'proven' && phase !== 'disputing') return
    if (resumed.current === session.id) return
    resumed.current = session.id
    dispute.mutate({ fresh: false })
  }, [loaded, session, ready, phase, dispute])

  const verdict = session ? compareAnswers(session.slots) : null
  const inputWords = session ? hexToWords(session.request.input) : []
  const busy = send.isPending || dispute.isPending

  return (
    <div className="space-y-4">
      {!ready && (
        <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="service-wallet">
          <span>
            {w.status === 'connected' ? 'Switch your wallet to this network to sign a request:' : 'Connect a wallet to sign a request (browsing needs none):'}
          </span>
          <WalletControl />
        </div>
      )}
      <form
        className="grid gap-3 sm:grid-cols-[1fr_auto_auto] sm:items-end"
        onSubmit={(e) => {
          e.preventDefault()
          send.mutate()
        }}
      >
        <label className="block text-sm">
          <span className="mb-1 block text-slate-600 dark:text-slate-400">
            Input{program ? ` — ${program.inputHelp}` : ' — decimal words below p, comma-separated'}
          </span>
          <input
            className="mono w-full rounded-md bg-white px-3 py-2 ring-1 ring-slate-300 dark:bg-slate-900 dark:ring-slate-700"
            value={inputText}
            onChange={(e) => setInputText(e.target.value)}
            spellCheck={false}
            data-testid="service-input"
          />
        </label>
        <label className="block text-sm">
          <span className="mb-1 block text-slate-600 dark:text-slate-400">Providers asked (k of {n})</span>
          <select
            className="rounded-md bg-white px-3 py-2 ring-1 ring-slate-300 dark:bg-slate-900 dark:ring-slate-700"
            value={k}
            onChange={(e) => setK(Number(e.target.value))}
            disabled={n === 0}
            data-testid="service-k"
          >
            {Array.from({ length: n }, (_, i) => i + 1).map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className={btn} disabled={!ready || busy || n === 0} data-testid="service-send">
          {send.isPending ? 'Asking…' : 'Sign and send'}
        </button>
      </form>
      <p className="text-xs text-slate-500 dark:text-slate-400">
        Your wallet signs the request (EIP-712, domain LightbusServiceRegistry on chain {w.chainId}); nothing is sent on chain. The app picks {k} of the {n}{' '}
        providers at random and asks them in parallel (10 s each).
      </p>
      {send.error && <WalletError error={send.error} />}
      {session && verdict && (
        <div className="space-y-3" data-testid="service-session" data-request-hash={session.id}>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Request on input <span className="mono">{session.inputText}</span> ({inputWords.length} word{inputWords.length === 1 ? '' : 's'}), nonce{' '}
            {session.request.nonce}, asked {session.slots.length} provider{session.slots.length === 1 ? '' : 's'}.
          </p>
          <AnswersTable slots={session.slots} describeOutput={(words) => (program ? program.describeJournal(words, inputWords) : words.join(', '))} />
          <div
            role="status"
            aria-live="polite"
            data-testid="service-verdict"
            data-verdict={verdict.verdict}
            className={`rounded-md p-3 text-sm ${
              verdict.verdict === 'disagree'
                ? 'bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-200'
                : verdict.verdict === 'agree'
                  ? 'bg-sky-50 text-sky-900 dark:bg-sky-950 dark:text-sky-200'
                  : 'bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-200'
            }`}
          >
            {verdict.verdict === 'pending' && 'Waiting for the providers…'}
            {verdict.verdict === 'none' && 'No provider gave an answer that passed the checks.'}
            {verdict.verdict === 'agree' &&
              `Agree: ${verdict.answered} staked provider${verdict.answered === 1 ? '' : 's'} signed the same output. That is agreement, not a proof: they could all be wrong together. Each signed answer can still be disputed later with a proof.`}
            {verdict.verdict === 'disagree' &&
              `Disagree: ${verdict.groups.length} different signed outputs. At least one provider signed a wrong output; a proof of the program on this input shows which, and a dispute slashes its stake to you.`}
          </div>
          {verdict.verdict === 'disagree' && !session.dispute && (
            <button type="button" className={btn} disabled={!ready || busy} onClick={() => dispute.mutate({ fresh: true })} data-testid="service-dispute">
              Prove and dispute
            </button>
          )}
          {session.dispute && <DisputeView session={session} onRetry={() => dispute.mutate({ fresh: false })} retrying={dispute.isPending} ready={ready} />}
          {dispute.error && <WalletError error={dispute.error} />}
          <ManualDispute session={session} config={w.config} registry={market.serviceRegistry} ready={ready} />
        </div>
      )}
    </div>
  )
}
