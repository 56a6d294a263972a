import type { ColumnMerkleTree, Columns } from '../types.ts'
import type { GpuContext } from './context.ts'

/** Bytes of device memory a Merkle tree over n rows of w elements needs per binding: the larger of the two buffers. */
export const merkleBindingBytes = (n: number, w: number) => Math.max(4 * n * w, 32 * (2 * n - 1))

/**
 * The Merkle tree of docs/zkvm-stark.md over the rows of a column matrix (n = 2^depth rows, canonical
 * elements, checked by the caller), on the GPU: one `leaves` dispatch (one invocation per row) and one
 * `nodes` dispatch per level, in one submission; the tree buffer (level 0 first, 32 bytes per digest,
 * as the WASM kernel lays it out) is read back whole for the openings.
 * @returns the tree, or null when the matrix or the tree does not fit one binding.
 */
export async function merkleOnGpu(ctx: GpuContext, columns: Columns, depth: number): Promise<ColumnMerkleTree | null> {
  const n = 2 ** depth
  const w = columns.length
  if (merkleBindingBytes(n, w) > ctx.limits.maxBindingBytes) return null
  const pipes = await ctx.pipelinesOf('merkle')
  const leaves = pipes.get('leaves') as GPUComputePipeline
  const nodes = pipes.get('nodes') as GPUComputePipeline
  const src = new Uint32Array(n * w)
  columns.forEach((c, i) => {
    src.set(c, i * n)
  })
  const srcBuf = ctx.upload(src, 'merkle rows')
  const treeWords = 8 * (2 * n - 1)
  const tree = ctx.storage(4 * treeWords, 'merkle tree')
  // Level t starts at word 8·(2n − 2^(depth−t+1)).
  const levelStart = (t: number) => 8 * (2 * n - 2 ** (depth - t + 1))
  const slots: number[][] = [[n, w, 0, 0]]
  for (let t = 0; t < depth; t++) slots.push([2 ** (depth - t - 1), 0, levelStart(t), levelStart(t + 1)])
  const uni = ctx.uniforms(slots)
  try {
    const bytes = await ctx.run(
      (pass) => {
        ctx.dispatch(
          pass,
          leaves,
          [
            { binding: 0, resource: { buffer: srcBuf } },
            { binding: 1, resource: { buffer: tree } },
            { binding: 2, resource: ctx.slot(uni, 0, 16) },
          ],
          n,
        )
        for (let t = 0; t < depth; t++) {
          const entries = [
            { binding: 0, resource: { buffer: tree } },
            { binding: 1, resource: ctx.slot(uni, t + 1, 16) },
          ]
          ctx.dispatch(pass, nodes, entries, 2 ** (depth - t - 1))
        }
      },
      tree,
      4 * treeWords,
    )
    const all = new Uint8Array(bytes)
    const layers: Uint8Array[] = []
    for (let t = 0; t <= depth; t++) layers.push(all.slice(4 * levelStart(t), 4 * levelStart(t) + 32 * 2 ** (depth - t)))
    return { depth, width: w, layers, root: (layers[depth] as Uint8Array).slice(0, 32) }
  } finally {
    srcBuf.destroy()
    tree.destroy()
    uni.destroy()
  }
}
