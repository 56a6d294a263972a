import { InvalidProverInputError } from '../../errors/prover.ts'
import { keccak256Wasm } from '../../kernels/kernels.ts'
import { type Base, GENERATOR, mul, P, rootOfUnity, writeBase } from '../field/babybear.ts'
import { type Ext4, extAdd, extInv, extMul, extMulBase, extSub, fromBase } from '../field/ext4.ts'
import { evalCoeffsAt, intt, ntt } from '../field/ntt.ts'
import { foldLayer as foldLayerExt } from '../fri/fold.ts'
import type { ColumnMerkleTree, Columns, DeepArgs, SyncProverBackend } from './types.ts'

/**
 * The TypeScript reference backend: the field, NTT, Merkle and FRI code of src/prover, column-major.
 * Slow but plain; the WASM backend must match it byte for byte (src/prover/backend/backend.test.ts).
 */
export const tsBackend: SyncProverBackend = {
  name: 'ts',
  interpolate(columns) {
    return columns.map((c) => {
      const a = Uint32Array.from(c)
      intt(a)
      return a
    })
  },
  evaluateOnCoset(coeffs, logBlowup) {
    return coeffs.map((c) => {
      const out = new Uint32Array(c.length << logBlowup)
      let s = 1
      for (let j = 0; j < c.length; j++) {
        out[j] = mul(c[j] as Base, s)
        s = mul(s, GENERATOR)
      }
      ntt(out)
      return out
    })
  },
  merkleTree(columns) {
    return merkleTreeTs(columns)
  },
  foldLayer(values, beta, logDomain, r) {
    const m = values.length / 4
    const ext: Ext4[] = Array.from({ length: m }, (_, i) => [values[4 * i], values[4 * i + 1], values[4 * i + 2], values[4 * i + 3]] as unknown as Ext4)
    const out = foldLayerExt(ext, beta, logDomain, r)
    const flat = new Uint32Array(out.length * 4)
    for (let i = 0; i < out.length; i++) flat.set(out[i] as Ext4, 4 * i)
    return flat
  },
  deepQuotient(args) {
    return deepQuotientTs(args)
  },
  evaluateAt(coeffs, points) {
    return points.map((z) => coeffs.map((c) => evalCoeffsAt(c, z)))
  },
}

function merkleTreeTs(columns: Columns): ColumnMerkleTree {
  const w = columns.length
  if (w === 0) throw new InvalidProverInputError({ what: 'Merkle matrix', reason: 'no columns' })
  const n = (columns[0] as Uint32Array).length
  const depth = Math.log2(n)
  if (!Number.isInteger(depth) || columns.some((c) => c.length !== n))
    throw new InvalidProverInputError({ what: 'Merkle matrix', reason: 'columns are not of one power-of-two length' })
  const leaves = new Uint8Array(32 * n)
  const row = new Uint8Array(4 * w)
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < w; c++) {
      const v = (columns[c] as Uint32Array)[i] as number
      if (v >= P) throw new InvalidProverInputError({ what: 'Merkle row', reason: `element ${v} is not canonical` })
      writeBase(row, 4 * c, v)
    }
    leaves.set(keccak256Wasm(row), 32 * i)
  }
  const layers: Uint8Array[] = [leaves]
  for (let d = 0; d < depth; d++) {
    const below = layers[d] as Uint8Array
    const up = new Uint8Array(below.length / 2)
    for (let i = 0; i < up.length / 32; i++) up.set(keccak256Wasm(below.subarray(64 * i, 64 * i + 64)), 32 * i)
    layers.push(up)
  }
  return { depth, width: w, layers, root: (layers[depth] as Uint8Array).slice(0, 32) }
}

function deepQuotientTs(a: DeepArgs): Uint32Array {
  const cols = a.columns
  const n = (cols[0] as Uint32Array).length
  const logN = Math.log2(n)
  // Constant parts Σ γ_i·v_i, so the per-point work is Σ γ_i·c_i(x) (ext × base).
  let constZ: Ext4 = [0, 0, 0, 0]
  cols.forEach((_, i) => {
    constZ = extAdd(constZ, extMul(a.gammaZ[i] as Ext4, a.valueZ[i] as Ext4))
  })
  let constG: Ext4 = [0, 0, 0, 0]
  for (let i = 0; i < a.nextCount; i++) constG = extAdd(constG, extMul(a.gammaNext[i] as Ext4, a.valueNext[i] as Ext4))
  // Denominators (x − z), (x − gz) over the coset, inverted in one batch per coordinate set.
  const w = rootOfUnity(logN)
  const xs = new Uint32Array(n)
  let x = GENERATOR
  for (let i = 0; i < n; i++) {
    xs[i] = x
    x = mul(x, w)
  }
  const invZ = batchExtInv(xs, a.z)
  const invG = batchExtInv(xs, a.gz)
  const out = new Uint32Array(4 * n)
  for (let i = 0; i < n; i++) {
    let sz: Ext4 = [0, 0, 0, 0]
    for (let c = 0; c < cols.length; c++) sz = extAdd(sz, extMulBase(a.gammaZ[c] as Ext4, (cols[c] as Uint32Array)[i] as Base))
    let sg: Ext4 = [0, 0, 0, 0]
    for (let c = 0; c < a.nextCount; c++) sg = extAdd(sg, extMulBase(a.gammaNext[c] as Ext4, (cols[c] as Uint32Array)[i] as Base))
    const v = extAdd(extMul(extSub(sz, constZ), invZ[i] as Ext4), extMul(extSub(sg, constG), invG[i] as Ext4))
    out.set(v, 4 * i)
  }
  return out
}

/** (x_i − z)^(−1) for all i, Montgomery's batch inversion in F_p^4. */
export function batchExtInv(xs: Uint32Array, z: Ext4): Ext4[] {
  const d: Ext4[] = Array.from(xs, (x) => extSub(fromBase(x), z))
  return batchExtInvValues(d)
}

/** Inverses of nonzero ext4 values (Montgomery's trick; one extension inversion). */
export function batchExtInvValues(d: readonly Ext4[]): Ext4[] {
  const n = d.length
  const prefix: Ext4[] = new Array(n)
  let acc: Ext4 = [1, 0, 0, 0]
  for (let i = 0; i < n; i++) {
    prefix[i] = acc
    acc = extMul(acc, d[i] as Ext4)
  }
  let invAcc = extInv(acc)
  const out: Ext4[] = new Array(n)
  for (let i = n - 1; i >= 0; i--) {
    out[i] = extMul(invAcc, prefix[i] as Ext4)
    invAcc = extMul(invAcc, d[i] as Ext4)
  }
  return out
}
