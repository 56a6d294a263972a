import { useMutation, useQueryClient } from '@tanstack/react-query'
import { lazy, Suspense, useEffect, useId, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { formatEther, type Hex, toHex } from 'viem'
import { nextRequestIndex, saveSignedJob, updateJob } from '../../app/jobs/jobStore.ts'
import type { MarketConfig } from '../../app/jobs/market.ts'
import { signProofRequest, submitProofRequest } from '../../app/jobs/marketApi.ts'
import { DEFAULT_OFFER_FORM, DEVNET_MAX_COLLATERAL_WEI, type FieldErrors, type OfferForm, offerFromForm, programInput } from '../../app/jobs/offerForm.ts'
import { nextIndexOnChain, rpcMarketBalance } from '../../app/jobs/rpcReads.ts'
import { submitJob } from '../../app/jobs/submitJob.ts'
import type { BaseError } from '../../errors/base.ts'
import type { NetworkConfig } from '../../net/networkConfig.ts'
import { getProgram, PROGRAMS } from '../../prover/zkvm/programs.ts'
import { useWallet } from '../../wallet/hooks.ts'
import { WalletControl } from '../../wallet/WalletButton.tsx'
import { WalletError } from '../../wallet/WalletError.tsx'

const PriceChart = lazy(() => import('./PriceChart.tsx'))

const field = 'mono w-full rounded-md bg-white px-2 py-1 ring-1 ring-slate-300 dark:bg-slate-900 dark:ring-slate-700 aria-invalid:ring-rose-500'
const button =
  'rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-emerald-500 disabled:cursor-not-allowed disabled:opacity-50'

const OFFER_FIELDS: { key: keyof OfferForm; label: string; unit: string }[] = [
  { key: 'minPriceEth', label: 'Min price', unit: 'ETH' },
  { key: 'maxPriceEth', label: 'Max price', unit: 'ETH' },
  { key: 'rampStartInSec', label: 'Ramp-up starts in', unit: 's from now' },
  { key: 'rampUpPeriodSec', label: 'Ramp-up period', unit: 's' },
  { key: 'lockTimeoutSec', label: 'Lock timeout', unit: 's after ramp start' },
  { key: 'timeoutSec', label: 'Timeout', unit: 's after ramp start' },
  { key: 'collateralEth', label: 'Prover collateral', unit: 'ETH' },
]

/** Wall-clock seconds, ticking every second (the chart's "now"). */
function useNowSec(): number {
  const [now, setNow] = useState(() => Math.floor(Date.now() / 1000))
  useEffect(() => {
    const t = setInterval(() => setNow(Math.floor(Date.now() / 1000)), 1_000)
    return () => clearInterval(t)
  }, [])
  return now
}

/** The submit form of /jobs (inside a WalletScope): program, input, offer with its live price chart, sign and submit. */
export function SubmitJobPanel({ network, market }: { network: NetworkConfig; market: MarketConfig }) {
  const w = useWallet()
  const queryClient = useQueryClient()
  const [params] = useSearchParams()
  const nowSec = useNowSec()
  const [choice, setChoice] = useState<string>('fibonacci')
  const [customImageId, setCustomImageId] = useState('')
  const [inputText, setInputText] = useState('20')
  const [form, setForm] = useState<OfferForm>(DEFAULT_OFFER_FORM)
  const ids = { program: useId(), image: useId(), input: useId(), inputErr: useId() }
  const { offer, errors } = offerFromForm(form, BigInt(nowSec))
  const prog =
    choice === 'custom' ? programInput({ kind: 'custom', imageId: customImageId }, inputText) : programInput({ kind: 'program', name: choice }, inputText)
  const ready = w.status === 'connected' && !w.wrongChain && Boolean(w.address)

  const submit = useMutation<{ txHash: Hex; requestId: bigint }, BaseError, void>({
    mutationKey: ['lightbus-wallet', w.chainId, 'submit-job'],
    mutationFn: async () => {
      if (!offer || 'error' in prog || !w.address) throw new Error('form not ready')
      const r = await submitJob(
        {
          networkId: network.id,
          client: w.address,
          imageId: prog.imageId,
          words: prog.words,
          program: choice === 'custom' ? null : choice,
          inputText,
          // The ramp starts at the moment of signing, not when the form was last edited.
          offer: offerFromForm(form, BigInt(Math.floor(Date.now() / 1000))).offer ?? offer,
          nowMs: Date.now(),
        },
        {
          sign: (request) => signProofRequest(w.config, { market: market.proofMarket, request }),
          send: (request, signature, valueWei) => submitProofRequest(w.config, { market: market.proofMarket, request, signature, valueWei }),
          balance: (client) => rpcMarketBalance(network.executionRpcUrl, market.proofMarket, client),
          // The next index this browser knows, or past every index the client used on chain (another browser).
          nextIndex: async (networkId, client) =>
            Math.max(await nextRequestIndex(networkId, client), await nextIndexOnChain(network.executionRpcUrl, market.proofMarket, client)),
          saveSigned: async (job, index) => {
            await saveSignedJob(job, index)
            await queryClient.invalidateQueries({ queryKey: ['jobs', network.id, 'mine'] })
          },
          update: updateJob,
        },
      ).finally(() => queryClient.invalidateQueries({ queryKey: ['jobs', network.id, 'mine'] }))
      return { txHash: r.txHash, requestId: BigInt(r.job.requestId) }
    },
  })

  const fieldError = (k: keyof OfferForm, errs: FieldErrors) => errs[k]
  const search = params.toString() ? `?${params.toString()}` : ''
  const imageId = choice === 'custom' ? customImageId : getProgram(choice as 'fibonacci').imageId
  return (
    <section className="space-y-4 rounded-lg border border-slate-200 p-4 dark:border-slate-800" aria-labelledby="submit-title">
      <h2 id="submit-title" className="text-lg font-semibold">
        Submit a job
      </h2>
      {!ready && (
        <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="jobs-wallet">
          <span>
            {w.status === 'connected' ? 'Switch your wallet to this network to submit:' : 'Connect a wallet to submit a job (browsing jobs needs none):'}
          </span>
          <WalletControl />
        </div>
      )}
      <form
        className="grid gap-4 sm:grid-cols-2"
        aria-label="Proof request"
        onSubmit={(e) => {
          e.preventDefault()
          submit.mutate()
        }}
      >
        <div className="flex flex-col gap-1 text-sm">
          <label htmlFor={ids.program}>Program</label>
          <select
            id={ids.program}
            className={field}
            value={choice}
            onChange={(e) => {
              setChoice(e.target.value)
              if (e.target.value !== 'custom') setInputText(getProgram(e.target.value as 'fibonacci').exampleInput)
            }}
            data-testid="job-program"
          >
            {PROGRAMS.map((p) => (
              <option key={p.name} value={p.name}>
                {p.title} ({p.imageId.slice(0, 10)}…)
              </option>
            ))}
            <option value="custom">Custom image id…</option>
          </select>
          {choice === 'custom' ? (
            <>
              <label htmlFor={ids.image}>Image id</label>
              <input id={ids.image} className={field} value={customImageId} placeholder="0x… (32 bytes)" onChange={(e) => setCustomImageId(e.target.value)} />
            </>
          ) : (
            <span className="mono break-all text-xs text-slate-500 dark:text-slate-400" title="image id = keccak256(code ‖ entry)">
              image id {imageId}
            </span>
          )}
        </div>
        <div className="flex flex-col gap-1 text-sm">
          <label htmlFor={ids.input}>Input</label>
          <input
            id={ids.input}
            className={field}
            value={inputText}
            aria-invalid={'error' in prog || undefined}
            aria-describedby={'error' in prog ? ids.inputErr : undefined}
            onChange={(e) => setInputText(e.target.value)}
            data-testid="job-input"
          />
          <span id={ids.inputErr} className={`text-xs ${'error' in prog ? 'text-rose-700 dark:text-rose-300' : 'text-slate-500 dark:text-slate-400'}`}>
            {'error' in prog ? prog.error : choice === 'custom' ? 'input words: decimal integers below p' : getProgram(choice as 'fibonacci').inputHelp}
          </span>
        </div>
        <fieldset className="grid min-w-0 gap-3 sm:col-span-2 sm:grid-cols-4">
          <legend className="mb-1 text-sm font-medium">Offer</legend>
          {OFFER_FIELDS.map((f) => {
            const err = fieldError(f.key, errors)
            return (
              <label key={f.key} className="flex flex-col gap-1 text-sm">
                <span>
                  {f.label} <span className="text-xs text-slate-500 dark:text-slate-400">({f.unit})</span>
                </span>
                <input
                  className={field}
                  value={form[f.key]}
                  inputMode="decimal"
                  aria-invalid={err ? true : undefined}
                  onChange={(e) => setForm({ ...form, [f.key]: e.target.value })}
                  data-testid={`offer-${f.key}`}
                />
                {err && (
                  <span role="alert" className="text-xs text-rose-700 dark:text-rose-300" data-testid="offer-error">
                    {err}
                  </span>
                )}
              </label>
            )
          })}
        </fieldset>
        <div className="sm:col-span-2">
          {offer ? (
            <Suspense fallback={<p className="text-sm text-slate-500 dark:text-slate-400">Loading the chart…</p>}>
              <PriceChart offer={offer} nowSec={nowSec} askWei={market.proverAskWei} />
            </Suspense>
          ) : (
            <p className="text-sm text-slate-500 dark:text-slate-400">Fix the offer to see its price over time.</p>
          )}
          {offer && market.proverAskWei !== null && offer.maxPrice < market.proverAskWei && (
            <p role="note" className="mt-2 rounded-md bg-amber-50 p-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200" data-testid="ask-hint">
              The max price is below the devnet provers’ ask ({formatEther(market.proverAskWei)} ETH): the honest provers will not lock this request. A cheaper
              prover may — and on the devnet the cheap one is dishonest.
            </p>
          )}
          {offer && network.kind === 'devnet' && offer.lockCollateral > DEVNET_MAX_COLLATERAL_WEI && (
            <p role="note" className="mt-2 rounded-md bg-amber-50 p-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
              Devnet provers lock only requests whose collateral is at most {formatEther(DEVNET_MAX_COLLATERAL_WEI)} ETH.
            </p>
          )}
        </div>
        <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
          <button
            type="submit"
            disabled={!ready || !offer || 'error' in prog || submit.isPending}
            className={`${button} bg-emerald-700 text-white hover:bg-emerald-800`}
            data-testid="job-submit"
          >
            Sign and submit
          </button>
          {submit.isPending && (
            <span role="status" className="text-sm text-slate-500 dark:text-slate-400">
              Asking your wallet…
            </span>
          )}
          {submit.data && (
            <span role="status" className="text-sm" data-testid="job-submitted">
              Submitted (transaction {submit.data.txHash.slice(0, 10)}…).{' '}
              <Link className="text-emerald-700 underline dark:text-emerald-400" to={`/jobs/${toHex(submit.data.requestId)}${search}`}>
                Follow the job
              </Link>
            </span>
          )}
        </div>
        {submit.error && (
          <div className="sm:col-span-2">
            <WalletError error={submit.error} />
          </div>
        )}
      </form>
    </section>
  )
}
