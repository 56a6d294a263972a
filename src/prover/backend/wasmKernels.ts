import { decodeBase64 } from '../../kernels/kernels.ts'
import { PROVER_WASM_BASE64 } from '../../kernels/kernelsWasm.generated.ts'

/**
 * The STARK prover's AssemblyScript module (wasm/assembly/prover.ts; ABI in wasm/README.md, "Prover
 * module"), a second instance with its own memory, separate from the hashing kernels of
 * src/kernels/kernels.ts so that its twiddle tables and large buffers never meet their scratch.
 * Instantiated once, synchronously. Pointers and byte lengths are numbers; all buffers hold u32
 * little-endian words (canonical BabyBear elements unless stated).
 */
export type ProverKernels = {
  memory: WebAssembly.Memory
  scratchBase(): number
  nttPrepare(logN: number): number
  interpolate(cols: number, count: number, logN: number): void
  evaluateOnCoset(src: number, dst: number, count: number, logN: number, logBlowup: number): void
  merkleLeaves(cols: number, rows: number, width: number, stride: number, row: number, out: number): number
  merkleLayers(base: number, depth: number): void
  keccak256x2(a: number, b: number, len: number, outA: number, outB: number): void
  foldLayer(values: number, beta: number, logDomain: number, r: number, out: number): void
  toMontgomery(ptr: number, count: number): void
  deepChunk(
    cols: number,
    rows: number,
    width: number,
    stride: number,
    nextCount: number,
    params: number,
    start: number,
    logN: number,
    out: number,
    scratch: number,
  ): number
  extPowers(z: number, len: number, out: number): void
  evalAt(cols: number, len: number, count: number, pw: number, out: number): void
  zkvmParamWords(lastCount: number): number
  zkvmComposition(
    cols: number,
    rows: number,
    stride: number,
    params: number,
    lastCount: number,
    start: number,
    logN: number,
    logDomain: number,
    out: number,
    scratch: number,
  ): number
  zkvmAuxBlock(cols: number, rows: number, stride: number, params: number, acc: number, out: number, scratch: number): number
}

let cache: ProverKernels | undefined

/** The instantiated prover kernels (memoised). */
export function getProverKernels(): ProverKernels {
  if (!cache) {
    const module = new WebAssembly.Module(decodeBase64(PROVER_WASM_BASE64) as BufferSource)
    cache = new WebAssembly.Instance(module, {}).exports as unknown as ProverKernels
  }
  return cache
}

/**
 * Prepares twiddles up to 2^logN (the module grows its memory for them) and makes `bytes` bytes
 * addressable from the scratch base, which it returns. The base moves when the twiddle tables grow, so
 * callers take it from here for every operation; views of `memory.buffer` must be recreated after this.
 */
export function reserveScratch(k: ProverKernels, logN: number, bytes: number): number {
  const base = k.nttPrepare(logN) >>> 0
  const need = base + bytes
  const have = k.memory.buffer.byteLength
  if (need > have) k.memory.grow(Math.ceil((need - have) / 65_536))
  return base
}

/** Rounds a byte count up to a multiple of 64 (buffers start on cache lines). */
export const align64 = (bytes: number): number => Math.ceil(bytes / 64) * 64

/** Rows per block: the largest power of two ≤ n with 4·width·rows ≤ limit bytes (at least 1). */
export function blockRows(n: number, width: number, limit: number): number {
  let rows = 1
  while (rows < n && 2 * rows * width * 4 <= limit) rows *= 2
  return rows
}
