import { FieldDivisionByZeroError, InvalidProverInputError } from '../../errors/prover.ts'
import { TWO_ADICITY } from '../field/babybear.ts'
import { EXT_ZERO, type Ext4, extAdd, extMul } from '../field/ext4.ts'
import type { ColumnMerkleTree, Columns, DeepArgs, SyncProverBackend } from './types.ts'
import { evaluateAtWasm } from './wasmEvaluateAt.ts'
import { align64, blockRows, getProverKernels, type ProverKernels, reserveScratch } from './wasmKernels.ts'

/**
 * The WASM backend: the same results as `tsBackend` (./ts.ts), byte for byte, from the AssemblyScript
 * kernels of wasm/assembly/prover.ts. Columns are copied into WASM memory in batches (NTTs: whole
 * columns; Merkle leaves and DEEP: blocks of rows of every column; see {@link WasmBackendLimits}), so
 * the module's memory stays near batch + output size rather than growing with the matrix. Inputs must be
 * canonical (elements < p) as {@link Columns} requires; only `merkleTree` checks it.
 */
/** Extra u32 per column in row blocks, so columns do not all start in the same cache set. */
const STRIDE_PAD = 16

/** Copy-in limits of a WASM backend (bytes of WASM memory per kernel call, besides outputs). */
export type WasmBackendLimits = {
  /** Columns per NTT call: as many as fit (input + output) in this many bytes, at least one. */
  readonly nttBatchBytes: number
  /** Rows per Merkle-leaf or DEEP call: the largest power of two whose rows of all columns fit, at least one. */
  readonly rowBlockBytes: number
}

/** A WASM backend with the given copy-in limits (tests use small ones to exercise batching). */
export function createWasmBackend(limits: WasmBackendLimits = { nttBatchBytes: 1 << 24, rowBlockBytes: 1 << 19 }): SyncProverBackend {
  return {
    name: 'wasm',
    interpolate(columns) {
      return byLength(columns, 'iNTT input', (group, log) => nttGroup(group, log, 0, false, limits))
    },
    evaluateOnCoset(coeffs, logBlowup) {
      if (!Number.isInteger(logBlowup) || logBlowup < 0 || logBlowup > TWO_ADICITY) throw invalid('LDE blowup', `log blowup ${logBlowup} is outside [0, 27]`)
      return byLength(coeffs, 'NTT input', (group, log) => {
        if (log + logBlowup > TWO_ADICITY) throw invalid('NTT input', `length 2^${log + logBlowup} exceeds 2^${TWO_ADICITY}`)
        return nttGroup(group, log, logBlowup, true, limits)
      })
    },
    merkleTree: (columns) => merkleTreeWasm(columns, limits),
    foldLayer: foldLayerWasm,
    deepQuotient: (args) => deepQuotientWasm(args, limits),
    evaluateAt: (coeffs, points) => evaluateAtWasm(coeffs, points, limits.nttBatchBytes),
  }
}

/** The WASM backend: ≤ 16 MB per NTT batch, ≤ 512 KB per row block (an L2-sized block of rows beats larger ones). */
export const wasmBackend: SyncProverBackend = createWasmBackend()

const invalid = (what: string, reason: string) => new InvalidProverInputError({ what, reason })

function log2Of(n: number, what: string): number {
  const k = Math.log2(n)
  if (!Number.isInteger(k) || k > TWO_ADICITY) throw invalid(what, `length ${n} is not a power of two ≤ 2^${TWO_ADICITY}`)
  return k
}

/** Runs fn on each maximal run of consecutive columns of one length (normally the whole matrix), in order. */
function byLength(columns: Columns, what: string, fn: (group: Columns, log: number) => Uint32Array[]): Uint32Array[] {
  const out: Uint32Array[] = []
  for (let i = 0; i < columns.length; ) {
    const n = (columns[i] as Uint32Array).length
    let j = i + 1
    while (j < columns.length && (columns[j] as Uint32Array).length === n) j++
    out.push(...fn(columns.slice(i, j), log2Of(n, what)))
    i = j
  }
  return out
}

/** iNTT (forward = false) or coset LDE (forward = true) of equal-length columns, in batches. */
function nttGroup(group: Columns, log: number, logBlowup: number, forward: boolean, limits: WasmBackendLimits): Uint32Array[] {
  const k = getProverKernels()
  const n = 2 ** log
  const big = n * 2 ** logBlowup
  const perColumn = 4 * (forward ? n + big : n)
  const batch = Math.max(1, Math.min(group.length, Math.floor(limits.nttBatchBytes / perColumn)))
  const out: Uint32Array[] = []
  for (let c0 = 0; c0 < group.length; c0 += batch) {
    const cols = group.slice(c0, c0 + batch)
    const src = reserveScratch(k, log + logBlowup, cols.length * perColumn)
    const dst = src + 4 * n * cols.length
    let mem = new Uint32Array(k.memory.buffer)
    cols.forEach((c, i) => {
      mem.set(c, src / 4 + i * n)
    })
    if (forward) k.evaluateOnCoset(src, dst, cols.length, log, logBlowup)
    else k.interpolate(src, cols.length, log)
    mem = new Uint32Array(k.memory.buffer)
    const from = forward ? dst / 4 : src / 4
    const len = forward ? big : n
    for (let i = 0; i < cols.length; i++) out.push(mem.slice(from + i * len, from + (i + 1) * len))
  }
  return out
}

/** Checks a non-empty matrix of one power-of-two column length; returns that length and its log. */
function matrixShape(columns: Columns, what: string): { n: number; log: number } {
  if (columns.length === 0) throw invalid(what, 'no columns')
  const n = (columns[0] as Uint32Array).length
  const log = Math.log2(n)
  if (!Number.isInteger(log) || log > TWO_ADICITY || columns.some((c) => c.length !== n)) throw invalid(what, 'columns are not of one power-of-two length')
  return { n, log }
}

/** Copies rows [start, start + rows) of every column to ptr, column c at ptr + 4·stride·c. */
function copyRowBlock(k: ProverKernels, columns: Columns, start: number, rows: number, stride: number, ptr: number): void {
  const mem = new Uint32Array(k.memory.buffer)
  columns.forEach((c, i) => {
    mem.set(c.subarray(start, start + rows), ptr / 4 + i * stride)
  })
}

function merkleTreeWasm(columns: Columns, limits: WasmBackendLimits): ColumnMerkleTree {
  const { n, log: depth } = matrixShape(columns, 'Merkle matrix')
  const w = columns.length
  const k = getProverKernels()
  const rows = blockRows(n, w, limits.rowBlockBytes)
  const stride = rows + STRIDE_PAD
  const treeBytes = align64(32 * (2 * n - 1))
  const rowBytes = align64(4 * w)
  const base = reserveScratch(k, 0, treeBytes + rowBytes + 4 * w * stride)
  const rowPtr = base + treeBytes
  const block = rowPtr + rowBytes
  for (let start = 0; start < n; start += rows) {
    copyRowBlock(k, columns, start, rows, stride, block)
    const bad = k.merkleLeaves(block, rows, w, stride, rowPtr, base + 32 * start)
    if (bad >= 0) {
      const v = (columns[Math.floor(bad / stride)] as Uint32Array)[start + (bad % stride)]
      throw invalid('Merkle row', `element ${v} is not canonical`)
    }
  }
  k.merkleLayers(base, depth)
  const bytes = new Uint8Array(k.memory.buffer)
  const layers: Uint8Array[] = []
  for (let t = 0, off = base, count = n; t <= depth; t++, off += 32 * count, count /= 2) layers.push(bytes.slice(off, off + 32 * count))
  return { depth, width: w, layers, root: (layers[depth] as Uint8Array).slice(0, 32) }
}

function foldLayerWasm(values: Uint32Array, beta: Ext4, logDomain: number, r: number): Uint32Array {
  const m = values.length / 4
  const logM = logDomain - r
  if (!Number.isInteger(logDomain) || !Number.isInteger(r) || r < 0 || logM < 1 || logDomain > TWO_ADICITY || m !== 2 ** logM) {
    throw invalid('FRI layer', `${m} points do not fill layer ${r} of a 2^${logDomain} domain`)
  }
  const k = getProverKernels()
  const base = reserveScratch(k, 0, 16 * m + 16 + 8 * m)
  const betaPtr = base + 16 * m
  const out = betaPtr + 16
  const mem = new Uint32Array(k.memory.buffer)
  mem.set(values, base / 4)
  mem.set(beta, betaPtr / 4)
  k.foldLayer(base, betaPtr, logDomain, r, out)
  return new Uint32Array(k.memory.buffer).slice(out / 4, out / 4 + 2 * m)
}

function deepQuotientWasm(a: DeepArgs, limits: WasmBackendLimits): Uint32Array {
  const { n, log } = matrixShape(a.columns, 'DEEP columns')
  const w = a.columns.length
  const next = a.nextCount
  if (!Number.isInteger(next) || next < 0 || next > w) throw invalid('DEEP columns', `nextCount ${next} is outside [0, ${w}]`)
  if (a.gammaZ.length < w || a.valueZ.length < w || a.gammaNext.length < next || a.valueNext.length < next) {
    throw invalid('DEEP openings', 'fewer challenges or values than columns')
  }
  let constZ: Ext4 = EXT_ZERO
  for (let i = 0; i < w; i++) constZ = extAdd(constZ, extMul(a.gammaZ[i] as Ext4, a.valueZ[i] as Ext4))
  let constG: Ext4 = EXT_ZERO
  for (let i = 0; i < next; i++) constG = extAdd(constG, extMul(a.gammaNext[i] as Ext4, a.valueNext[i] as Ext4))

  const k = getProverKernels()
  const rows = blockRows(n, w, limits.rowBlockBytes)
  const stride = rows + STRIDE_PAD
  const paramWords = 16 + 4 * (w + next)
  const paramBytes = align64(4 * paramWords)
  const base = reserveScratch(k, 0, paramBytes + 16 * rows + 36 * rows + 4 * w * stride)
  const outPtr = base + paramBytes
  const scratch = outPtr + 16 * rows
  const block = align64(scratch + 36 * rows)
  const mem = new Uint32Array(k.memory.buffer)
  const params = [a.z, a.gz, constZ, constG, ...a.gammaZ.slice(0, w), ...a.gammaNext.slice(0, next)]
  params.forEach((e, i) => {
    mem.set(e, base / 4 + 4 * i)
  })
  k.toMontgomery(base + 64, 4 * (w + next))
  const out = new Uint32Array(4 * n)
  for (let start = 0; start < n; start += rows) {
    copyRowBlock(k, a.columns, start, rows, stride, block)
    if (k.deepChunk(block, rows, w, stride, next, base, start, log, outPtr, scratch) !== 0) throw new FieldDivisionByZeroError({ field: 'BabyBear^4' })
    out.set(new Uint32Array(k.memory.buffer, outPtr, 4 * rows), 4 * start)
  }
  return out
}
