import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useId, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { cancelProveJob, type ProveJobState, startProveJob, useProveJob } from '../app/proveJob.ts'
import { receiptQueryOptions, useReceiptVerifyProgress } from '../app/useLocalReceipts.ts'
import { BaseError } from '../errors/base.ts'
import { serializeError } from '../errors/serialize.ts'
import type { BackendName } from '../prover/backend/index.ts'
import { probeWebGpu, type WebGpuProbe } from '../prover/backend/webgpu/probe.ts'
import { conjecturedSecurityBits } from '../prover/stark/shape.ts'
import { MAX_SEGMENT_PO2, MIN_SEGMENT_PO2 } from '../prover/vm/segments.ts'
import { getProgram, PROGRAMS, type ProgramName } from '../prover/zkvm/programs.ts'
import { SEGMENT_PARAMS } from '../prover/zkvm/segmentProof.ts'
import { Hash } from '../ui/Hash.tsx'
import { ProgressBar } from '../ui/ProgressBar.tsx'

const field = 'rounded-md bg-white px-2 py-1 ring-1 ring-slate-300 dark:bg-slate-900 dark:ring-slate-700'
const button =
  'rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-emerald-500 disabled:cursor-not-allowed disabled:opacity-50'
const P = SEGMENT_PARAMS

type Running = Extract<ProveJobState, { params: unknown }>

const BACKEND_LABELS: Record<BackendName, string> = { wasm: 'WASM', ts: 'TypeScript', webgpu: 'WebGPU' }

/** The WebGPU adapter of this browser (null while probing). */
function useWebGpuProbe(): WebGpuProbe | null {
  const [probe, setProbe] = useState<WebGpuProbe | null>(null)
  useEffect(() => {
    let live = true
    probeWebGpu().then((p) => live && setProbe(p))
    return () => {
      live = false
    }
  }, [])
  return probe
}

/** "WebGPU (adapter name)", marked as a software adapter when it is a fallback adapter, or why it is unavailable. */
function webGpuLabel(p: WebGpuProbe | null): string {
  if (p === null) return 'WebGPU (looking for an adapter…)'
  if (!p.available) return `WebGPU (unavailable: ${p.reason})`
  return `WebGPU (${p.adapterName}${p.isFallbackAdapter ? ', software adapter' : ''})`
}

/** Proves one of the shipped zkVM programs in a worker of this tab, segment by segment. */
export function ProvePage() {
  const job = useProveJob()
  const queryClient = useQueryClient()
  const running = job.phase === 'executing' || job.phase === 'proving'
  const [program, setProgram] = useState<ProgramName>('fibonacci')
  const [inputText, setInputText] = useState(getProgram('fibonacci').exampleInput)
  const [po2, setPo2] = useState(MIN_SEGMENT_PO2)
  const [backend, setBackend] = useState<BackendName>('wasm')
  const [inputError, setInputError] = useState<string | null>(null)
  const webgpu = useWebGpuProbe()
  const ids = { input: useId(), inputHelp: useId(), inputError: useId() }
  const entry = getProgram(program)

  const start = (e: React.FormEvent) => {
    e.preventDefault()
    let input: number[]
    try {
      input = entry.parseInput(inputText)
    } catch (err) {
      setInputError(err instanceof BaseError ? (err.details ?? err.shortMessage) : serializeError(err).shortMessage)
      return
    }
    setInputError(null)
    startProveJob({ program, inputText, input, po2, backend }, queryClient)
  }

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Prove</h1>
      <p className="max-w-3xl text-slate-600 dark:text-slate-400">
        Run one of Lightbus’s zkVM programs in this tab and prove it with the Lightbus STARK: the run is cut into segments of 2^k cycles and each segment is
        proven in a worker (BabyBear, Keccak-256 commitments, FRI with blowup {2 ** P.logBlowup}, {P.numQueries} queries and {P.powBits} grinding bits:{' '}
        {conjecturedSecurityBits(P)} bits of conjectured security). The receipt is then verified in the verifier pool like any other result.
      </p>
      <form
        onSubmit={start}
        className="grid max-w-3xl gap-4 rounded-lg border border-slate-200 p-4 sm:grid-cols-2 dark:border-slate-800"
        aria-label="Proving job settings"
      >
        <label className="flex flex-col gap-1 text-sm">
          Program
          <select
            className={field}
            value={program}
            disabled={running}
            onChange={(e) => {
              const name = e.target.value as ProgramName
              setProgram(name)
              setInputText(getProgram(name).exampleInput)
              setInputError(null)
            }}
          >
            {PROGRAMS.map((p) => (
              <option key={p.name} value={p.name}>
                {p.title}
              </option>
            ))}
          </select>
        </label>
        <div className="flex flex-col gap-1 text-sm">
          <label htmlFor={ids.input}>Input</label>
          <input
            id={ids.input}
            className={`${field} mono`}
            value={inputText}
            disabled={running}
            aria-describedby={`${ids.inputHelp} ${inputError ? ids.inputError : ''}`}
            aria-invalid={inputError ? true : undefined}
            onChange={(e) => setInputText(e.target.value)}
          />
          <span id={ids.inputHelp} className="text-xs text-slate-500 dark:text-slate-400">
            {entry.inputHelp}
          </span>
          {inputError && (
            <span id={ids.inputError} role="alert" className="text-xs text-rose-700 dark:text-rose-300" data-testid="prove-input-error">
              {inputError}
            </span>
          )}
        </div>
        <label className="flex flex-col gap-1 text-sm">
          Segment size
          <select className={field} value={po2} disabled={running} onChange={(e) => setPo2(Number(e.target.value))}>
            {Array.from({ length: MAX_SEGMENT_PO2 - MIN_SEGMENT_PO2 + 1 }, (_, i) => MIN_SEGMENT_PO2 + i).map((k) => (
              <option key={k} value={k}>
                2^{k} = {(2 ** k).toLocaleString('en-US')} cycles
              </option>
            ))}
          </select>
        </label>
        <fieldset className="flex min-w-0 flex-col gap-1 text-sm">
          <legend className="mb-1">Backend</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-1 wrap-anywhere">
            {(
              [
                ['wasm', 'WASM (default)', true],
                ['ts', 'TypeScript reference', true],
                ['webgpu', webGpuLabel(webgpu), webgpu?.available === true],
              ] as const
            ).map(([value, text, usable]) => (
              <label key={value} className="flex items-center gap-1.5" data-testid={`backend-${value}`}>
                <input type="radio" name="backend" value={value} checked={backend === value} disabled={running || !usable} onChange={() => setBackend(value)} />
                {text}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="flex gap-2 sm:col-span-2">
          <button type="submit" disabled={running} className={`${button} bg-emerald-700 text-white hover:bg-emerald-800`}>
            Start proving
          </button>
          <button
            type="button"
            disabled={!running}
            onClick={cancelProveJob}
            className={`${button} ring-1 ring-slate-300 hover:bg-slate-100 dark:ring-slate-700 dark:hover:bg-slate-800`}
          >
            Cancel
          </button>
        </div>
      </form>
      {job.phase !== 'idle' && <JobView job={job} />}
    </div>
  )
}

function useNow(active: boolean) {
  const [now, setNow] = useState(Date.now())
  useEffect(() => {
    if (!active) return
    const t = setInterval(() => setNow(Date.now()), 250)
    return () => clearInterval(t)
  }, [active])
  return now
}

function JobView({ job }: { job: Running }) {
  const running = job.phase === 'executing' || job.phase === 'proving'
  const now = useNow(running)
  const elapsedMs = (job.finishedAtMs ?? now) - job.startedAtMs
  const k = job.params.po2
  const n = job.segments ?? 0
  const proven = job.segmentMs.length
  const segCycles = (i: number) => Math.min(2 ** k, (job.cycles ?? 0) - i * 2 ** k)
  const cyclesProven = Array.from({ length: proven }, (_, i) => segCycles(i)).reduce((a, b) => a + b, 0)
  const status =
    job.phase === 'executing'
      ? 'Executing the program…'
      : job.phase === 'proving'
        ? `Proving segment ${Math.min(proven + 1, n)} of ${n}…`
        : job.phase === 'done'
          ? `Proven: ${n} segment${n === 1 ? '' : 's'} in ${(elapsedMs / 1000).toFixed(1)} s.`
          : job.phase === 'cancelled'
            ? 'Cancelled. Nothing was stored.'
            : `Failed: ${job.error?.code}.`
  return (
    <section
      aria-labelledby="job-title"
      className="max-w-3xl space-y-4 rounded-lg border border-slate-200 p-4 dark:border-slate-800"
      data-testid="prove-job"
      data-phase={job.phase}
    >
      <h2 id="job-title" className="font-semibold">
        {getProgram(job.params.program).title} on “{job.params.inputText.length > 40 ? `${job.params.inputText.slice(0, 40)}…` : job.params.inputText}”, 2^{k}
        -cycle segments, {BACKEND_LABELS[job.params.backend]} backend
      </h2>
      <p role="status" aria-live="polite" data-testid="prove-status" className="text-sm">
        {status}
      </p>
      <dl className="grid grid-cols-3 gap-2 text-sm">
        <div>
          <dt className="text-slate-500 dark:text-slate-400">Elapsed</dt>
          <dd className="mono" data-testid="prove-elapsed">
            {(elapsedMs / 1000).toFixed(1)} s
          </dd>
        </div>
        <div>
          <dt className="text-slate-500 dark:text-slate-400">Cycles</dt>
          <dd className="mono">{job.cycles === null ? '…' : job.cycles.toLocaleString('en-US')}</dd>
        </div>
        <div>
          <dt className="text-slate-500 dark:text-slate-400">Proving rate</dt>
          <dd className="mono">
            {proven > 0 ? `${Math.round(cyclesProven / (job.segmentMs.reduce((a, b) => a + b, 0) / 1000)).toLocaleString('en-US')} cycles/s` : '…'}
          </dd>
        </div>
      </dl>
      {job.segments !== null && (
        <>
          <ProgressBar value={proven} max={n} label="Segments proven" />
          <ol className="grid gap-1.5 text-sm" aria-label="Segments" data-testid="prove-segments">
            {Array.from({ length: n }, (_, i) => {
              const state = i < proven ? 'proven' : i === proven && job.phase === 'proving' ? 'proving' : 'queued'
              return (
                <li key={i} className="grid grid-cols-[7rem_1fr_11rem] items-center gap-3" data-testid="prove-segment" data-state={state}>
                  <span>
                    Segment {i + 1}/{n}
                  </span>
                  <div
                    role="progressbar"
                    aria-label={`Segment ${i + 1} of ${n}: ${state}`}
                    aria-valuemin={0}
                    aria-valuemax={1}
                    aria-valuenow={state === 'proven' ? 1 : 0}
                    className="h-2 w-full overflow-hidden rounded bg-slate-200 dark:bg-slate-800"
                  >
                    <div
                      className={`h-full ${state === 'proven' ? 'w-full bg-emerald-500' : state === 'proving' ? 'w-full animate-pulse bg-sky-400/70' : 'w-0'}`}
                    />
                  </div>
                  <span className="mono text-xs text-slate-600 dark:text-slate-400">
                    {segCycles(i).toLocaleString('en-US')} cycles
                    {state === 'proven' ? `, ${((job.segmentMs[i] ?? 0) / 1000).toFixed(1)} s` : state === 'proving' ? ', proving…' : ''}
                  </span>
                </li>
              )
            })}
          </ol>
        </>
      )}
      {job.phase === 'failed' && job.error && (
        <p role="alert" className="rounded-md bg-rose-50 p-3 text-rose-900 dark:bg-rose-950 dark:text-rose-200" data-testid="prove-error">
          {job.error.name} ({job.error.code}): {job.error.shortMessage}
        </p>
      )}
      {job.phase === 'done' && job.receipt && <ReceiptSummary job={job} receipt={job.receipt} />}
    </section>
  )
}

function ReceiptSummary({ job, receipt }: { job: Running; receipt: NonNullable<Running['receipt']> }) {
  const [params] = useSearchParams()
  const verification = useQuery(receiptQueryOptions(receipt))
  const progress = useReceiptVerifyProgress(receipt.id)
  const entry = getProgram(job.params.program)
  const [href, setHref] = useState<string | null>(null)
  useEffect(() => {
    const url = URL.createObjectURL(new Blob([receipt.text], { type: 'application/json' }))
    setHref(url)
    return () => URL.revokeObjectURL(url)
  }, [receipt.text])
  const search = params.toString() ? `?${params.toString()}` : ''
  return (
    <div className="space-y-3 border-t border-slate-200 pt-3 dark:border-slate-800" data-testid="prove-receipt">
      <dl className="grid grid-cols-1 gap-x-4 wrap-anywhere sm:grid-cols-[max-content_minmax(0,1fr)] sm:gap-y-1 [&_dd]:mb-1.5 sm:[&_dd]:mb-0 text-sm">
        <dt className="text-slate-500 dark:text-slate-400">Journal</dt>
        <dd data-testid="prove-journal">{entry.describeJournal(receipt.journal, job.params.input)}</dd>
        <dt className="text-slate-500 dark:text-slate-400">Image id</dt>
        <dd>
          <Hash value={receipt.imageId} label="image id" />
        </dd>
        <dt className="text-slate-500 dark:text-slate-400">Segments</dt>
        <dd>
          {receipt.segments} × 2^{job.params.po2} cycles ({receipt.cycles.toLocaleString('en-US')} cycles)
        </dd>
        <dt className="text-slate-500 dark:text-slate-400">Receipt</dt>
        <dd>{(receipt.text.length / 1024).toFixed(0)} KiB of JSON</dd>
        <dt className="text-slate-500 dark:text-slate-400">Verification</dt>
        <dd aria-live="polite" data-testid="prove-verification">
          {verification.isSuccess
            ? `verified in the worker pool (${verification.data.wallMs.toFixed(0)} ms)`
            : verification.isError
              ? `rejected: ${serializeError(verification.error).code}`
              : `verifying in the worker pool${progress ? ` (${progress.done}/${progress.total} segments)` : ''}…`}
        </dd>
      </dl>
      <div className="flex flex-wrap gap-2">
        {href && (
          <a
            href={href}
            download={`${job.params.program}-receipt.json`}
            className={`${button} bg-slate-900 text-white hover:bg-slate-700 dark:bg-slate-100 dark:text-slate-900 dark:hover:bg-slate-300`}
          >
            Download receipt (JSON)
          </a>
        )}
        <Link
          to={{ pathname: `/results/${receipt.id}`, search }}
          className={`${button} ring-1 ring-slate-300 hover:bg-slate-100 dark:ring-slate-700 dark:hover:bg-slate-800`}
        >
          Open in Verified results
        </Link>
      </div>
    </div>
  )
}
