// zkVM prover half of `npm run bench`: one Fibonacci segment of 2^k rows proven with each backend,
// then verified; proof size and the process's RSS after proving (WASM memory only grows). Node only.
import { getBackend } from '../src/prover/backend/index.ts'
import { encodeStarkProof } from '../src/prover/stark/encoding.ts'
import { execute } from '../src/prover/vm/executor.ts'
import { decodeProgram } from '../src/prover/vm/isa.ts'
import { fibonacci } from '../src/prover/vm/programs/fibonacci.ts'
import { cutSegments } from '../src/prover/vm/segments.ts'
import { statementIds } from '../src/prover/zkvm/receipt.ts'
import { proveSegment, verifySegment } from '../src/prover/zkvm/segmentProof.ts'

export type ProverRow = { po2: number; backend: 'wasm' | 'ts'; proveMs: number; verifyMs: number; proofBytes: number; peakRssMb: number }

/** A full first segment of 2^po2 rows (no padding): Fibonacci with n = ⌈2^po2 / 6⌉. */
function segmentOf(po2: number) {
  const n = Math.ceil(2 ** po2 / 6)
  const exec = execute(fibonacci, [n])
  const [segment] = cutSegments(exec, po2)
  if (!segment) throw new Error('no segment')
  return { segment, input: [n] }
}

async function measure(po2: number, backend: 'wasm' | 'ts'): Promise<ProverRow> {
  const { segment, input } = segmentOf(po2)
  const ids = statementIds(fibonacci, input)
  const code = decodeProgram(fibonacci)
  // Peak memory is read after proving: RSS (V8 heap + WASM memory, which only grows).
  await new Promise((r) => setTimeout(r, 0))
  const t0 = performance.now()
  const { statement, proof } = await proveSegment(segment, code, input, ids, { backend: getBackend(backend) })
  const proveMs = performance.now() - t0
  const peak = process.memoryUsage().rss
  const t1 = performance.now()
  verifySegment(statement, proof)
  const verifyMs = performance.now() - t1
  return { po2, backend, proveMs, verifyMs, proofBytes: encodeStarkProof(proof).length, peakRssMb: peak / 2 ** 20 }
}

/** The run with the median prove time of `runs` runs. */
async function medianOf(runs: number, po2: number, backend: 'wasm' | 'ts'): Promise<ProverRow> {
  const all: ProverRow[] = []
  for (let i = 0; i < runs; i++) all.push(await measure(po2, backend))
  all.sort((x, y) => x.proveMs - y.proveMs)
  return all[Math.floor(all.length / 2)] as ProverRow
}

/**
 * WASM at every k in `wasmPo2s` (median of `runs` after one warm-up proof at the same k: JIT, WASM
 * memory growth, twiddle tables; a prover proves segment after segment), the TypeScript reference
 * at `tsPo2s` (one run after the same warm-up; it is slow: minutes at 2^16).
 */
export async function benchProver(wasmPo2s: readonly number[], tsPo2s: readonly number[], runs = 3): Promise<ProverRow[]> {
  // All WASM runs first: the reference's garbage (millions of small arrays) would slow the WASM runs' GC.
  const rows: ProverRow[] = []
  for (const k of wasmPo2s) {
    await measure(k, 'wasm')
    rows.push(await medianOf(runs, k, 'wasm'))
  }
  if (tsPo2s.length > 0) await measure(10, 'ts')
  for (const k of tsPo2s) rows.push(await measure(k, 'ts'))
  return rows.sort((x, y) => x.po2 - y.po2 || (x.backend === 'wasm' ? -1 : 1))
}
