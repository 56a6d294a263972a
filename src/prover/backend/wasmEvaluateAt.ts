import type { Ext4 } from '../field/ext4.ts'
import type { Columns } from './types.ts'
import { align64, getProverKernels, reserveScratch } from './wasmKernels.ts'

/**
 * `evaluateAt` of the WASM backend: Σ_j c_j·z^j for every coefficient column at every point, the same
 * values as the TypeScript backend's `evalCoeffsAt` (src/prover/field/ntt.ts). Per run of equal-length columns, the powers of each
 * point are computed once in WASM (`extPowers`), and columns are copied in batches of at most
 * `batchBytes` bytes (at least one column), each evaluated at every point (`evalAt`).
 */
export function evaluateAtWasm(coeffs: Columns, points: readonly Ext4[], batchBytes: number): Ext4[][] {
  const out: Ext4[][] = points.map(() => [])
  if (points.length === 0) return out
  const k = getProverKernels()
  for (let i = 0; i < coeffs.length; ) {
    const len = (coeffs[i] as Uint32Array).length
    let j = i + 1
    while (j < coeffs.length && (coeffs[j] as Uint32Array).length === len) j++
    if (len === 0) {
      for (let c = i; c < j; c++) for (const o of out) o.push([0, 0, 0, 0] as unknown as Ext4)
      i = j
      continue
    }
    const batch = Math.max(1, Math.min(j - i, Math.floor(batchBytes / (4 * len))))
    const pwBytes = align64(16 * len)
    const base = reserveScratch(k, 0, 64 + pwBytes * points.length + align64(16 * batch) + 4 * len * batch)
    const pw = base + 64
    const res = pw + pwBytes * points.length
    const cols = res + align64(16 * batch)
    points.forEach((z, p) => {
      new Uint32Array(k.memory.buffer).set(z, base / 4)
      k.extPowers(base, len, pw + p * pwBytes)
    })
    for (let c0 = i; c0 < j; c0 += batch) {
      const count = Math.min(batch, j - c0)
      const mem = new Uint32Array(k.memory.buffer)
      for (let c = 0; c < count; c++) mem.set(coeffs[c0 + c] as Uint32Array, cols / 4 + c * len)
      points.forEach((_, p) => {
        k.evalAt(cols, len, count, pw + p * pwBytes, res)
        const r = new Uint32Array(k.memory.buffer, res, 4 * count)
        for (let c = 0; c < count; c++) (out[p] as Ext4[]).push(Array.from(r.subarray(4 * c, 4 * c + 4)) as unknown as Ext4)
      })
    }
    i = j
  }
  return out
}
