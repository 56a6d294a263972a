import type { ProverBackend } from '../backend/types.ts'
import type { Transcript } from '../commit/transcript.ts'
import type { Ext4 } from '../field/ext4.ts'
import type { Layer } from './prover.ts'

/** Interleaved ext4 values (4·m numbers) from Ext4[] (or the same array if already flat). */
export function flatten(values: readonly Ext4[] | Uint32Array): Uint32Array {
  if (values instanceof Uint32Array) return values
  const out = new Uint32Array(4 * values.length)
  values.forEach((v, i) => {
    out.set(v, 4 * i)
  })
  return out
}

/** Ext4[] from interleaved values. */
export function unflatten(values: Uint32Array): Ext4[] {
  return Array.from({ length: values.length / 4 }, (_, i) => Array.from(values.subarray(4 * i, 4 * i + 4)) as unknown as Ext4)
}

/**
 * The FRI commit phase over interleaved ext4 values with a prover backend: layer r is committed by
 * `backend.merkleTree` over the 8 columns of its rows (f(x_i) ‖ f(−x_i), the rows of `pairRow`, so
 * the same digests as `buildMerkleTree`) and folded by `backend.foldLayer` (the same values as
 * `foldLayer`). Transcript messages as in proveFriIndexed.
 */
export async function commitLayersFlat(
  backend: ProverBackend,
  values: Uint32Array,
  rounds: number,
  logDomain: number,
  transcript: Transcript,
): Promise<{ layers: Layer[]; current: Ext4[] }> {
  const layers: Layer[] = []
  let current = values
  for (let r = 0; r < rounds; r++) {
    const layer = current
    const half = layer.length / 8
    const cols = Array.from({ length: 8 }, () => new Uint32Array(half))
    for (let i = 0; i < half; i++)
      for (let k = 0; k < 4; k++) {
        ;(cols[k] as Uint32Array)[i] = layer[4 * i + k] as number
        ;(cols[4 + k] as Uint32Array)[i] = layer[4 * (i + half) + k] as number
      }
    const tree = await backend.merkleTree(cols)
    layers.push({
      root: tree.root,
      open: (q) => {
        const i = q % half
        const path: Uint8Array[] = []
        for (let d = 0, j = i; d < tree.depth; d++, j >>= 1) path.push((tree.layers[d] as Uint8Array).slice(32 * (j ^ 1), 32 * (j ^ 1) + 32))
        const at = (e: number) => Array.from(layer.subarray(4 * e, 4 * e + 4)) as unknown as Ext4
        return { pair: [at(i), at(i + half)], path }
      },
    })
    transcript.absorbDigest('fri-layer', tree.root)
    const beta = transcript.squeezeExt4('fri-beta')
    current = await backend.foldLayer(layer, beta, logDomain, r)
  }
  return { layers, current: unflatten(current) }
}
