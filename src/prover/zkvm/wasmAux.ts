import { FieldDivisionByZeroError } from '../../errors/prover.ts'
import { align64, blockRows, getProverKernels, reserveScratch } from '../backend/wasmKernels.ts'
import type { Ext4 } from '../field/ext4.ts'
import { EXT_OPS } from '../stark/air.ts'
import { AUX_WIDTH, MAIN_WIDTH } from './columns.ts'
import { betaPowers } from './lookups.ts'

const STRIDE_PAD = 16

/**
 * `lookupAuxTrace(main, γ, β)` (./lookups.ts) from the WASM kernel `zkvmAuxBlock`
 * (wasm/assembly/zkvmAux.ts): the same 32 columns, bit for bit. Blocks of rows of the 83 main
 * columns (≈ `rowBlockBytes` bytes) are copied in; each block makes one batch inversion.
 * @throws {FieldDivisionByZeroError} if some γ − fingerprint is 0 (as the reference).
 */
export function zkvmAuxTraceWasm(main: readonly Uint32Array[], gamma: Ext4, beta: Ext4, rowBlockBytes = 1 << 19): Uint32Array[] {
  if (main.length !== MAIN_WIDTH) throw new TypeError(`${main.length} main columns, expected ${MAIN_WIDTH}`)
  const n = (main[0] as Uint32Array).length
  const k = getProverKernels()
  const rows = Math.min(n, blockRows(n, MAIN_WIDTH, rowBlockBytes))
  const stride = Math.ceil(rows / 4) * 4 + STRIDE_PAD
  const base = reserveScratch(k, 0, 128 + 64 + align64(128 * rows) + align64(448 * rows) + 4 * MAIN_WIDTH * stride)
  const acc = base + 128
  const outPtr = acc + 64
  const scratch = outPtr + align64(128 * rows)
  const block = scratch + align64(448 * rows)
  const mem = new Uint32Array(k.memory.buffer)
  const paramWords = [gamma, ...betaPowers(EXT_OPS, beta)].flatMap((e) => [...e])
  mem.fill(0, acc / 4, acc / 4 + 4)
  const out = Array.from({ length: AUX_WIDTH }, () => new Uint32Array(n))
  for (let start = 0; start < n; start += rows) {
    main.forEach((col, i) => {
      mem.set(col.subarray(start, start + rows), block / 4 + i * stride)
    })
    mem.set(paramWords, base / 4)
    if (k.zkvmAuxBlock(block, rows, stride, base, acc, outPtr, scratch) !== 0) throw new FieldDivisionByZeroError({ field: 'BabyBear^4' })
    out.forEach((col, j) => {
      col.set(mem.subarray(outPtr / 4 + j * rows, outPtr / 4 + (j + 1) * rows), start)
    })
  }
  return out
}
