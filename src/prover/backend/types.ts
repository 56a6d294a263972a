import type { Base } from '../field/babybear.ts'
import type { Ext4 } from '../field/ext4.ts'

/**
 * A column-major matrix of BabyBear elements: `columns[c][i]` is column c at row i. Every column has
 * the same length, a power of two. Elements are canonical (in [0, p)).
 */
export type Columns = readonly Uint32Array[]

/**
 * A Keccak-256 Merkle tree over the rows of a {@link Columns} matrix, with the digests of
 * docs/zkvm-stark.md ("Merkle commitments"): row i = (columns[0][i], …, columns[w−1][i]).
 * `layers[t]` holds the 2^(depth−t) digests of level t back to back (32 bytes each); level 0 are the
 * leaves, `layers[depth]` is the root.
 */
export type ColumnMerkleTree = {
  readonly depth: number
  readonly width: number
  readonly layers: readonly Uint8Array[]
  readonly root: Uint8Array
}

/** A value, or a promise of it (a GPU backend's results arrive asynchronously). */
export type MaybePromise<T> = T | Promise<T>

/** Names of the prover backends. */
export type BackendName = 'ts' | 'wasm' | 'webgpu'

/**
 * The hot kernels of the STARK prover (issue 8 §4, issue 9 §1), any of which may answer asynchronously:
 * the prover awaits every call. Implementations give bit-identical results: `tsBackend` (./ts.ts, the
 * reference), `wasmBackend` (./wasm.ts, AssemblyScript kernels) — both {@link SyncProverBackend} — and
 * the WebGPU backend (./webgpu/). Every method returns fresh arrays; inputs are not modified.
 */
export interface ProverBackend {
  readonly name: BackendName
  interpolate(columns: Columns): MaybePromise<Uint32Array[]>
  evaluateOnCoset(coeffs: Columns, logBlowup: number): MaybePromise<Uint32Array[]>
  merkleTree(columns: Columns): MaybePromise<ColumnMerkleTree>
  foldLayer(values: Uint32Array, beta: Ext4, logDomain: number, r: number): MaybePromise<Uint32Array>
  deepQuotient(args: DeepArgs): MaybePromise<Uint32Array>
  evaluateAt(coeffs: Columns, points: readonly Ext4[]): MaybePromise<Ext4[][]>
}

/**
 * A backend whose kernels answer synchronously (the CPU backends `ts` and `wasm`); the method contracts
 * of {@link ProverBackend} in detail.
 */
export interface SyncProverBackend extends ProverBackend {
  readonly name: 'ts' | 'wasm'
  /**
   * Coefficients (ascending powers) of each column, the column being the evaluations of a polynomial
   * on the subgroup ⟨ω_n⟩ in natural order (inverse NTT; `intt` of src/prover/field/ntt.ts).
   */
  interpolate(columns: Columns): Uint32Array[]
  /**
   * For each column of coefficients (length n), its evaluations on the coset GENERATOR·⟨ω_{n·2^b}⟩,
   * natural order, length n·2^logBlowup (= `cosetLde` of the column's evaluations).
   */
  evaluateOnCoset(coeffs: Columns, logBlowup: number): Uint32Array[]
  /** The Merkle tree over the matrix rows (same digests as `buildMerkleTree` of the rows). */
  merkleTree(columns: Columns): ColumnMerkleTree
  /**
   * One binary FRI fold (`foldLayer` of src/prover/fri/fold.ts) on values given as interleaved ext4
   * coefficients (4·m numbers for m points of D_r); returns 4·m/2 numbers for D_{r+1}.
   */
  foldLayer(values: Uint32Array, beta: Ext4, logDomain: number, r: number): Uint32Array
  /**
   * The DEEP quotient over the LDE coset GENERATOR·⟨ω_N⟩ (N = column length), as interleaved ext4
   * (4·N numbers): at point x,
   *   Σ_i γz_i·(c_i(x) − vz_i)/(x − z) + Σ_{i < nextCount} γg_i·(c_i(x) − vg_i)/(x − gz),
   * where c_i = columns[i]. The first `nextCount` columns are opened at both z and g·z; the rest at z
   * only. `gammaZ`, `valueZ` have one entry per column; `gammaNext`, `valueNext` one per opened-twice
   * column. z and gz must lie off the coset.
   */
  deepQuotient(args: DeepArgs): Uint32Array
  /**
   * Each column of coefficients (ascending powers) evaluated at each point: result[p][c] =
   * Σ_j coeffs[c][j]·points[p]^j in F_p^4 (`evalCoeffsAt` of src/prover/field/ntt.ts).
   */
  evaluateAt(coeffs: Columns, points: readonly Ext4[]): Ext4[][]
}

export type DeepArgs = {
  readonly columns: Columns
  readonly nextCount: number
  readonly z: Ext4
  readonly gz: Ext4
  readonly gammaZ: readonly Ext4[]
  readonly valueZ: readonly Ext4[]
  readonly gammaNext: readonly Ext4[]
  readonly valueNext: readonly Ext4[]
}

/** Reads row i of a column matrix. */
export function rowOf(columns: Columns, i: number): Base[] {
  return columns.map((c) => c[i] as Base)
}
