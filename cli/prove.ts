import { rename, rm, writeFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { BaseError } from '../src/errors/base.ts'
import { WebGpuUnavailableError } from '../src/errors/prover.ts'
import { BACKEND_NAMES, type BackendName } from '../src/prover/backend/index.ts'
import { resolveBackend } from '../src/prover/backend/resolve.ts'
import type { WebGpuBackend } from '../src/prover/backend/webgpu/backend.ts'
import { MAX_SEGMENT_PO2, MIN_SEGMENT_PO2 } from '../src/prover/vm/segments.ts'
import { getProgram, isProgramName, PROGRAM_NAMES } from '../src/prover/zkvm/programs.ts'
import { type ProveProgress, proveReceipt } from '../src/prover/zkvm/receipt.ts'
import { elapsedMs } from './output.ts'
import { UsageError } from './usage.ts'
import { loadNodeGpu } from './webgpuNode.ts'

/** Total bytes of a receipt's segment proofs. */
export const proofBytesOf = (segments: readonly { proof: string }[]) => segments.reduce((a, s) => a + (s.proof.length - 2) / 2, 0)

/**
 * `prove`: executes a shipped program on the given input, proves every segment of 2^k cycles and writes
 * the composite receipt (JSON) to `--out`. Progress lines go to `err` (stderr): one after execution, one
 * per proven segment.
 * @throws {UsageError} for a bad flag or input text; the prover's typed errors (VmFault, CycleLimitExceeded…).
 */
export async function proveCli(args: string[], err: (text: string) => void) {
  const { values } = parseArgs({
    args,
    options: {
      program: { type: 'string' },
      input: { type: 'string' },
      'segment-po2': { type: 'string' },
      backend: { type: 'string' },
      out: { type: 'string' },
    },
  })
  if (!isProgramName(values.program)) throw new UsageError(`--program must be one of ${PROGRAM_NAMES.join(', ')}`)
  const entry = getProgram(values.program)
  if (values.input === undefined) throw new UsageError(`missing --input (${entry.name}: ${entry.inputHelp})`)
  let input: number[]
  try {
    input = entry.parseInput(values.input)
  } catch (e) {
    throw new UsageError(`--input: ${e instanceof BaseError ? (e.details ?? e.shortMessage) : 'invalid'} (${entry.name}: ${entry.inputHelp})`)
  }
  const k = Number(values['segment-po2'])
  if (!/^[0-9]{1,2}$/.test(values['segment-po2'] ?? '') || k < MIN_SEGMENT_PO2 || k > MAX_SEGMENT_PO2)
    throw new UsageError(`--segment-po2 must be an integer in ${MIN_SEGMENT_PO2}..${MAX_SEGMENT_PO2}`)
  const backendName = (values.backend ?? 'wasm') as BackendName
  if (!BACKEND_NAMES.includes(backendName)) throw new UsageError(`--backend must be one of ${BACKEND_NAMES.join(', ')}`)
  if (!values.out) throw new UsageError('missing --out FILE (where the receipt is written)')

  const t0 = performance.now()
  let last = 0
  const onProgress = (p: ProveProgress) => {
    if (p.index === null) {
      err(`executed ${entry.name}: ${p.cycles} cycles, ${p.segments} segment(s) of 2^${k} cycles, ${p.elapsedMs} ms\n`)
    } else {
      const cycles = Math.min(2 ** k, p.cycles - p.index * 2 ** k)
      err(`segment ${p.index + 1}/${p.segments} proven: ${cycles} cycles, ${p.elapsedMs - last} ms\n`)
    }
    last = p.elapsedMs
  }
  // WebGPU: Dawn (the webgpu package), loaded only now; see cli/webgpuNode.ts for the environment it needs.
  const gpu = backendName === 'webgpu' ? await loadNodeGpu() : null
  if (gpu && 'unavailable' in gpu) throw new WebGpuUnavailableError({ reason: gpu.unavailable })
  const { backend } = await resolveBackend(backendName, gpu)
  const receipt = await proveReceipt(entry.program, input, k, { backend, onProgress })
  const fallbacks = 'fallbacks' in backend && typeof backend.fallbacks === 'function' ? (backend.fallbacks() as string[]) : []
  for (const f of fallbacks) err(`webgpu fallback: ${f}\n`)
  const text = JSON.stringify(receipt)
  // Written next to the target and renamed, so an interrupted run never leaves a truncated receipt.
  const tmp = `${values.out}.${process.pid}.tmp`
  await writeFile(tmp, text)
    .then(() => rename(tmp, values.out as string))
    .catch(async (e: unknown) => {
      await rm(tmp, { force: true }).catch(() => undefined)
      throw new UsageError(`cannot write --out ${values.out?.slice(0, 200)}${e instanceof Error && 'code' in e ? ` (${String(e.code)})` : ''}`)
    })
  return {
    ok: true,
    command: 'prove',
    program: entry.name,
    imageId: receipt.imageId,
    backend: backendName,
    ...(backend.name === 'webgpu' ? { adapter: (backend as WebGpuBackend).adapterName, fallbacks } : {}),
    segmentPo2: k,
    segments: receipt.segments.length,
    cycles: receipt.cycles,
    exitCode: receipt.exitCode,
    journal: receipt.journal,
    summary: entry.describeJournal(receipt.journal, input),
    out: values.out,
    receiptBytes: text.length,
    proofBytes: proofBytesOf(receipt.segments),
    elapsedMs: elapsedMs(t0),
  }
}
