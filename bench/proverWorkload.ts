// zkVM prover half of `npm run bench`: one Fibonacci segment of 2^k rows proven with each backend,
// then verified; proof size and peak RSS (sampled every 5 ms). Node only.
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
  let peak = process.memoryUsage().rss
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 5)
  // Let the sampler tick while proving: prove in a macrotask after a yield.
  await new Promise((r) => setTimeout(r, 10))
  const t0 = performance.now()
  const { statement, proof } = proveSegment(segment, code, input, ids, { backend: getBackend(backend) })
  const proveMs = performance.now() - t0
  clearInterval(timer)
  peak = Math.max(peak, process.memoryUsage().rss)
  const t1 = performance.now()
  verifySegment(statement, proof)
  const verifyMs = performance.now() - t1
  return { po2, backend, proveMs, verifyMs, proofBytes: encodeStarkProof(proof).length, peakRssMb: peak / 2 ** 20 }
}

/**
 * WASM at every k in `wasmPo2s`, the TypeScript reference at `tsPo2s` (it is slow: minutes at 2^16).
 * One warm-up proof at 2^10 per backend first (JIT, WASM compile), not counted.
 */
export async function benchProver(wasmPo2s: readonly number[], tsPo2s: readonly number[]): Promise<ProverRow[]> {
  await measure(10, 'wasm')
  await measure(10, 'ts')
  const rows: ProverRow[] = []
  for (const k of wasmPo2s) {
    rows.push(await measure(k, 'wasm'))
    if (tsPo2s.includes(k)) rows.push(await measure(k, 'ts'))
  }
  return rows
}
