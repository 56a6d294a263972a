import { FieldDivisionByZeroError, InvalidStarkProofError } from '../../errors/prover.ts'
import { align64, blockRows, getProverKernels, reserveScratch } from '../backend/wasmKernels.ts'
import { type Base, batchInv, GENERATOR, mul, pow, rootOfUnity, sub } from '../field/babybear.ts'
import type { Ext4 } from '../field/ext4.ts'
import { type CompositionInput, compositionOnDomain } from '../stark/composition.ts'
import { ZKVM_AIR } from './air.ts'
import { AUX_WIDTH, MAIN_WIDTH, NUM_HELPERS } from './columns.ts'
import { NUM_ROW_MAIN, NUM_TRANSITION_MAIN } from './constraints.ts'
import { viewPublicInputs } from './statement.ts'

/** Extra u32 per column in row blocks (columns do not all start in the same cache set). */
const STRIDE_PAD = 16
const WIDTH = MAIN_WIDTH + AUX_WIDTH
const FIRST_MAIN = 12

/**
 * `compositionOnDomain` (src/prover/stark/composition.ts) for ZKVM_AIR, from the WASM kernel
 * `zkvmComposition` (wasm/assembly/zkvm.ts): the same 4 coordinate columns, bit for bit. Blocks of
 * `rows` LDE rows plus the N/n "next" rows after them are copied in (≈ `rowBlockBytes` bytes); other
 * AIRs go to the generic evaluator.
 * @throws {InvalidStarkProofError} if the counts are not ZKVM_AIR's for these public inputs.
 */
export function zkvmCompositionWasm(c: CompositionInput, rowBlockBytes = 1 << 19): Uint32Array[] {
  if (c.air !== ZKVM_AIR) return compositionOnDomain(c)
  const view = viewPublicInputs(c.publicInputs)
  if (typeof view === 'string') throw new TypeError(view)
  const { transition: t, row: r, first: f, last: l } = c.counts
  const lastCount = view.halted === 1 ? 12 : 11
  if (t !== NUM_TRANSITION_MAIN + 1 || r !== NUM_ROW_MAIN + NUM_HELPERS || f !== FIRST_MAIN + 1 || l !== lastCount + 1)
    throw new InvalidStarkProofError({ reason: 'the AIR returned a constraint count other than it declared' })
  const n = 2 ** c.logN
  const size = 2 ** c.logDomain
  const step = size / n
  if (c.main.length !== MAIN_WIDTH || c.aux.length !== AUX_WIDTH || [...c.main, ...c.aux].some((col) => col.length !== size))
    throw new TypeError('composition input is not 83 main and 32 aux LDE columns of the domain size')

  const k = getProverKernels()
  const paramWords = k.zkvmParamWords(lastCount) + step
  const rows = Math.min(size, blockRows(size, WIDTH, rowBlockBytes))
  const stride = Math.ceil((rows + step) / 4) * 4 + STRIDE_PAD
  const paramBytes = align64(4 * paramWords)
  const base = reserveScratch(k, 0, paramBytes + 16 * rows + align64(12 * rows) + 4 * WIDTH * stride)
  const outPtr = base + paramBytes
  const scratch = outPtr + 16 * rows
  const block = scratch + align64(12 * rows)
  const mem = new Uint32Array(k.memory.buffer)
  mem.set(params(c, view, lastCount, step, paramWords), base / 4)
  k.toMontgomery(base, paramWords)

  const out = [0, 1, 2, 3].map(() => new Uint32Array(size))
  const cols = [...c.main, ...c.aux]
  for (let start = 0; start < size; start += rows) {
    const end = start + rows + step
    cols.forEach((col, i) => {
      const at = block / 4 + i * stride
      if (end <= size) mem.set(col.subarray(start, end), at)
      else {
        mem.set(col.subarray(start), at)
        mem.set(col.subarray(0, end - size), at + size - start)
      }
    })
    if (k.zkvmComposition(block, rows, stride, base, lastCount, start, c.logN, c.logDomain, outPtr, scratch) !== 0)
      throw new FieldDivisionByZeroError({ field: 'BabyBear' })
    for (let j = 0; j < 4; j++) (out[j] as Uint32Array).set(mem.subarray(outPtr / 4 + j * rows, outPtr / 4 + (j + 1) * rows), start)
  }
  return out
}

/**
 * The kernel's parameter block, canonical (the caller converts it to Montgomery form); layout in
 * wasm/assembly/zkvm.ts (also read by the WebGPU kernel, src/prover/backend/webgpu/wgslComposition.ts).
 */
export function zkvmCompositionParams(c: CompositionInput, view: PublicView, lastCount: number, step: number, words: number): Uint32Array {
  return params(c, view, lastCount, step, words)
}

/** Words of the parameter block before the (x^n − 1)^(−1) period (zkvmParamWords of wasm/assembly/zkvm.ts). */
export const zkvmParamWords = (lastCount: number) => 104 + 4 * (NUM_TRANSITION_MAIN + NUM_ROW_MAIN + FIRST_MAIN + lastCount)

type PublicView = Exclude<ReturnType<typeof viewPublicInputs>, string>

/**
 * Checks a composition input the zkVM kernels evaluate (as zkvmCompositionWasm does before its work):
 * the public-input view and the `last` count (11, or 12 when halted), or null when it is not ZKVM_AIR's
 * with well-formed counts and columns (zkvmCompositionWasm then takes the generic path or throws its error).
 */
export function zkvmCompositionShape(c: CompositionInput): { view: PublicView; lastCount: number } | null {
  if (c.air !== ZKVM_AIR) return null
  const view = viewPublicInputs(c.publicInputs)
  if (typeof view === 'string') return null
  const { transition: t, row: r, first: f, last: l } = c.counts
  const lastCount = view.halted === 1 ? 12 : 11
  if (t !== NUM_TRANSITION_MAIN + 1 || r !== NUM_ROW_MAIN + NUM_HELPERS || f !== FIRST_MAIN + 1 || l !== lastCount + 1) return null
  const size = 2 ** c.logDomain
  if (!Number.isInteger(c.logN) || !Number.isInteger(c.logDomain) || c.logN < 1 || c.logDomain < c.logN) return null
  if (c.main.length !== MAIN_WIDTH || c.aux.length !== AUX_WIDTH || [...c.main, ...c.aux].some((col) => col.length !== size)) return null
  return { view, lastCount }
}

function params(c: CompositionInput, view: PublicView, lastCount: number, step: number, words: number): Uint32Array {
  const p = new Uint32Array(words)
  const put = (at: number, e: Ext4) => p.set(e, at)
  put(0, c.challenges[0] as Ext4)
  for (let i = 1; i <= 6; i++) put(4 * i, c.derived[i] as Ext4)
  put(28, c.derived[0] as Ext4)
  p.set(view.start.slice(0, 11), 32)
  p.set([...view.end.slice(0, 9), view.cycles, view.halted, view.exitCode], 44)
  const n = 2 ** c.logN
  p[56] = pow(rootOfUnity(c.logN), n - 1)
  const { transition: t, row: r, first: f } = c.counts
  const a = (j: number) => c.alphas[j] as Ext4
  // Ext constraints: transition running sum, 7 helpers, first and last running sum.
  const ext = [
    a(NUM_TRANSITION_MAIN),
    ...Array.from({ length: NUM_HELPERS }, (_, e) => a(t + NUM_ROW_MAIN + e)),
    a(t + r + FIRST_MAIN),
    a(t + r + f + lastCount),
  ]
  for (const [i, e] of ext.entries()) put(64 + 4 * i, e)
  // Base constraints in the kernel's order: transition, row, first, last (main parts).
  const baseIdx = [
    ...Array.from({ length: NUM_TRANSITION_MAIN }, (_, j) => j),
    ...Array.from({ length: NUM_ROW_MAIN }, (_, j) => t + j),
    ...Array.from({ length: FIRST_MAIN }, (_, j) => t + r + j),
    ...Array.from({ length: lastCount }, (_, j) => t + r + f + j),
  ]
  for (const [i, j] of baseIdx.entries()) put(104 + 4 * i, a(j))
  // (x^n − 1)^(−1) for x = 31·ω_N^j, j < step (x^n − 1 has period step along the coset).
  const w = rootOfUnity(c.logDomain)
  const zs: Base[] = []
  for (let j = 0, x = GENERATOR; j < step; j++, x = mul(x, w)) zs.push(sub(pow(x, n), 1))
  p.set(batchInv(zs), words - step)
  return p
}
