import { GENERATOR, rootOfUnity } from '../../field/babybear.ts'
import type { CompositionInput } from '../../stark/composition.ts'
import { zkvmCompositionParams, zkvmCompositionShape, zkvmParamWords } from '../../zkvm/wasmComposition.ts'
import type { GpuContext } from './context.ts'
import { toMont } from './wgslField.ts'

/** Columns the zkVM composition reads: 83 main and 32 aux coordinate columns. */
const WIDTH = 115

/** Bytes of the largest binding of the composition kernel (the LDE columns) on a domain of `size` points. */
export const compositionBindingBytes = (size: number) => 4 * WIDTH * size

/**
 * The zkVM composition (= `zkvmCompositionWasm`, src/prover/zkvm/wasmComposition.ts) on the GPU: the
 * 115 LDE columns uploaded once (column-major u32), the WASM kernel's parameter block in Montgomery form,
 * one invocation per LDE row (wgslComposition.ts). Returns 4 coordinate columns of N canonical u32.
 * The caller checks the input with `zkvmCompositionShape` first.
 * @returns the columns, or null when the columns do not fit one binding.
 */
export async function zkvmCompositionOnGpu(ctx: GpuContext, c: CompositionInput): Promise<Uint32Array[] | null> {
  const shape = zkvmCompositionShape(c)
  if (!shape) throw new TypeError('not a zkVM composition input')
  const size = 2 ** c.logDomain
  if (compositionBindingBytes(size) > ctx.limits.maxBindingBytes) return null
  const step = size / 2 ** c.logN
  const pipes = await ctx.pipelinesOf('composition')
  const pipe = pipes.get('composition') as GPUComputePipeline
  const words = zkvmParamWords(shape.lastCount) + step
  const prm = zkvmCompositionParams(c, shape.view, shape.lastCount, step, words).map(toMont)
  const src = new Uint32Array(WIDTH * size)
  ;[...c.main, ...c.aux].forEach((col, i) => {
    src.set(col, i * size)
  })
  const colsBuf = ctx.upload(src, 'composition columns')
  const prmBuf = ctx.upload(prm, 'composition params')
  const out = ctx.storage(16 * size, 'composition out')
  const uni = ctx.uniforms([[size, step, shape.lastCount, c.logDomain, toMont(rootOfUnity(c.logDomain)), toMont(GENERATOR), size, 0]])
  try {
    const bytes = await ctx.run(
      (pass) =>
        ctx.dispatch(
          pass,
          pipe,
          [
            { binding: 0, resource: { buffer: colsBuf } },
            { binding: 1, resource: { buffer: prmBuf } },
            { binding: 2, resource: { buffer: out } },
            { binding: 3, resource: ctx.slot(uni, 0, 32) },
          ],
          size,
        ),
      out,
      16 * size,
    )
    const all = new Uint32Array(bytes)
    return [0, 1, 2, 3].map((j) => all.slice(j * size, (j + 1) * size))
  } finally {
    colsBuf.destroy()
    prmBuf.destroy()
    out.destroy()
    uni.destroy()
  }
}
