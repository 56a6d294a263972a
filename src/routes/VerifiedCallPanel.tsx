import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useSearchParams } from 'react-router'
import { type AbiFunction, decodeFunctionResult, encodeFunctionData, type Hex, parseAbiItem } from 'viem'
import { callBlockInWorker, verifiedCallInWorker } from '../app/storageClient.ts'
import { lightClientProvenance, type Provenance, type ProvenanceCheck } from '../bus/provenance.ts'
import type { ForcedUpdateMark } from '../consensus/lightClientSession.ts'
import { serializeError } from '../errors/serialize.ts'
import { ProofMismatchError } from '../errors/verify.ts'
import { ProvenanceBadge } from '../ui/ProvenanceBadge.tsx'
import type { CallBlock, VerifiedCallResult } from '../verify/call/types.ts'

const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x), 1)

/** A function signature (`function f(uint256) view returns (bool)`, or just `f(uint256) returns (bool)`), or undefined. */
function parseSignature(sig: string): AbiFunction | undefined {
  const s = sig.trim()
  if (!s) return undefined
  const item = parseAbiItem(s.startsWith('function ') ? s : `function ${s}`)
  return item.type === 'function' ? item : undefined
}

/** Comma-separated arguments, converted by the function's input types (JSON for arrays and tuples). */
function parseArgs(fn: AbiFunction, text: string): unknown[] {
  const parts = text.trim() ? text.split(',').map((x) => x.trim()) : []
  return fn.inputs.map((input, i) => {
    const raw = parts[i] ?? ''
    if (input.type.endsWith(']') || input.type === 'tuple') return JSON.parse(raw)
    if (/^u?int/.test(input.type)) return BigInt(raw)
    if (input.type === 'bool') return raw === 'true'
    return raw
  })
}

/** The call's request from the page's URL (`callTo`, and `callData` or `callSig` + `callArgs`): shareable. */
function requestFromParams(params: URLSearchParams): { to: Hex; data: Hex; fn: AbiFunction | undefined } | { error: string } | null {
  const to = params.get('callTo')
  if (!to) return null
  try {
    if (!/^0x[0-9a-fA-F]{40}$/.test(to)) return { error: 'The contract address must be 0x + 40 hex digits.' }
    const fn = parseSignature(params.get('callSig') ?? '')
    if (fn) return { to: to as Hex, data: encodeFunctionData({ abi: [fn], functionName: fn.name, args: parseArgs(fn, params.get('callArgs') ?? '') }), fn }
    const data = params.get('callData') ?? '0x'
    if (!/^0x([0-9a-fA-F]{2})*$/.test(data)) return { error: 'Calldata must be 0x-hex bytes.' }
    return { to: to as Hex, data: data as Hex, fn: undefined }
  } catch (e) {
    return { error: `Cannot encode the call: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` }
  }
}

type CallOutcome = { block: CallBlock; result: VerifiedCallResult; checks: ProvenanceCheck[] }

export type CallAnchor = { blockHash: Hex; stateRoot: Hex; blockNumber: number; slot: number }

/**
 * "Verified call" on the State page: a read-only call run in the storage worker at the light client's finalized
 * block, over state proven against its state root (docs/verified-call.md). The badge is `verified` only when the
 * whole chain holds: light-client header → block hash → state root → every proof and code → EVM.
 */
export function VerifiedCallPanel(props: {
  networkId: string
  rpcUrl: string
  chainId: number
  anchor: CallAnchor
  lcChecks: ProvenanceCheck[]
  checkpointRoot: string
  forced?: ForcedUpdateMark | undefined
}) {
  const { anchor, rpcUrl } = props
  const [params, setParams] = useSearchParams()
  const request = requestFromParams(params)
  const [form, setForm] = useState({
    to: params.get('callTo') ?? '',
    data: params.get('callData') ?? '',
    sig: params.get('callSig') ?? '',
    args: params.get('callArgs') ?? '',
  })
  const callKey = request && 'to' in request ? `${request.to}:${request.data}` : null
  const q = useQuery<CallOutcome, Error, CallOutcome, readonly unknown[]>({
    queryKey: ['verifiedCall', props.networkId, anchor.slot, callKey],
    enabled: Boolean(request && 'to' in request),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
    // The light client finalizing a newer block re-runs the call there; the last result stays shown (with its block) meanwhile.
    placeholderData: (prev, prevQuery) => (prevQuery?.queryKey[1] === props.networkId && prevQuery?.queryKey[3] === callKey ? prev : undefined),
    queryFn: async ({ signal }): Promise<CallOutcome> => {
      const r = request as { to: Hex; data: Hex }
      const t0 = performance.now()
      const block = await callBlockInWorker(rpcUrl, anchor.blockHash, BigInt(props.chainId))
      if (block.stateRoot !== anchor.stateRoot)
        throw new ProofMismatchError({ what: 'block', requested: `state root ${anchor.stateRoot}`, answered: `state root ${block.stateRoot}` })
      const headerCheck: ProvenanceCheck = {
        label: `Block header ${block.number} by hash`,
        detail: 'keccak256(rlp(header)) = the light client’s block hash: base fee, gas limit, prevRandao, coinbase bound',
        ms: Math.round((performance.now() - t0) * 10) / 10,
      }
      const result = await verifiedCallInWorker(rpcUrl, { to: r.to, data: r.data }, block, signal)
      return { block, result, checks: [headerCheck, ...result.checks] }
    },
  })
  let provenance: Provenance | null = null
  if (q.isError) provenance = { status: 'failed', error: serializeError(q.error), checks: [] }
  else if (q.data) provenance = lightClientProvenance(props.checkpointRoot, props.forced, [...props.lcChecks, ...q.data.checks])
  const fn = request && 'fn' in request ? request.fn : undefined
  let decoded: string | undefined
  if (q.data && fn && fn.outputs.length > 0 && !q.data.result.reverted) {
    try {
      decoded = json(decodeFunctionResult({ abi: [fn], functionName: fn.name, data: q.data.result.returnData }))
    } catch (e) {
      decoded = `cannot decode as ${fn.outputs.map((o) => o.type).join(', ')}: ${e instanceof Error ? e.message.split('\n')[0] : ''}`
    }
  }
  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    setParams((p) => {
      const n = new URLSearchParams(p)
      for (const k of ['callTo', 'callData', 'callSig', 'callArgs']) n.delete(k)
      n.set('callTo', form.to.trim())
      if (form.sig.trim()) {
        n.set('callSig', form.sig.trim())
        if (form.args.trim()) n.set('callArgs', form.args.trim())
      } else n.set('callData', form.data.trim() || '0x')
      return n
    })
  }
  const input = 'mono mt-1 w-full rounded-md bg-white px-2 py-1 ring-1 ring-slate-300 dark:bg-slate-900 dark:ring-slate-700'
  return (
    <section className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800" data-testid="verified-call" aria-label="Verified call">
      <h2 className="flex flex-wrap items-center justify-between gap-2 font-semibold">
        Verified call at the finalized block ({q.data ? q.data.block.number.toString() : anchor.blockNumber})
        {provenance && <ProvenanceBadge provenance={provenance} what="Call result" />}
      </h2>
      <form className="grid gap-2 sm:grid-cols-2" onSubmit={submit}>
        <label className="block text-sm sm:col-span-2">
          Contract address
          <input className={input} value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} placeholder="0x…" data-testid="call-to" />
        </label>
        <label className="block text-sm">
          Function signature (optional)
          <input
            className={input}
            value={form.sig}
            onChange={(e) => setForm({ ...form, sig: e.target.value })}
            placeholder="balanceOf(address) view returns (uint256)"
            data-testid="call-sig"
          />
        </label>
        <label className="block text-sm">
          Arguments (comma separated)
          <input
            className={input}
            value={form.args}
            onChange={(e) => setForm({ ...form, args: e.target.value })}
            placeholder="0x…, 42"
            data-testid="call-args"
          />
        </label>
        <label className="block text-sm sm:col-span-2">
          Or calldata (hex, used without a signature)
          <input
            className={input}
            value={form.data}
            onChange={(e) => setForm({ ...form, data: e.target.value })}
            placeholder="0x70a08231…"
            data-testid="call-data"
          />
        </label>
        <button type="submit" className="w-fit rounded-md bg-emerald-700 px-3 py-1.5 text-sm text-white" data-testid="call-submit">
          Call
        </button>
      </form>
      {request && 'error' in request && (
        <p role="alert" className="text-rose-700 dark:text-rose-300" data-testid="call-error">
          {request.error}
        </p>
      )}
      {q.isFetching && (
        <p role="status" className="text-slate-500 dark:text-slate-400">
          Fetching proofs and running the call…
        </p>
      )}
      {q.isError && (
        <p role="alert" className="text-rose-700 dark:text-rose-300" data-testid="call-error">
          {serializeError(q.error).code}: {serializeError(q.error).shortMessage}
        </p>
      )}
      {q.data && (
        <dl className="grid grid-cols-1 gap-x-4 wrap-anywhere sm:grid-cols-[max-content_minmax(0,1fr)] sm:gap-y-1.5 [&_dd]:mb-1.5 sm:[&_dd]:mb-0 text-sm">
          <dt className="text-slate-500 dark:text-slate-400">{q.data.result.reverted ? 'Reverted with' : 'Returned'}</dt>
          <dd className="mono break-all" data-testid="call-return">
            {q.data.result.returnData}
          </dd>
          {decoded !== undefined && (
            <>
              <dt className="text-slate-500 dark:text-slate-400">Decoded</dt>
              <dd className="mono whitespace-pre-wrap break-all" data-testid="call-decoded">
                {decoded}
              </dd>
            </>
          )}
          <dt className="text-slate-500 dark:text-slate-400">Proven</dt>
          <dd>
            {q.data.result.proven.accounts} accounts, {q.data.result.proven.slots} slots, {q.data.result.proven.codes} codes; {q.data.result.gasUsed.toString()}{' '}
            gas
          </dd>
        </dl>
      )}
    </section>
  )
}
