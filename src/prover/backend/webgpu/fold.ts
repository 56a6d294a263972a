import { batchInv, GENERATOR, inv, mul, pow, rootOfUnity } from '../../field/babybear.ts'
import type { Ext4 } from '../../field/ext4.ts'
import type { GpuContext } from './context.ts'
import { toMont } from './wgslField.ts'

/** (2·x_i)^(−1)·2^32 mod p for the first half of layer r's points x_i = s^(2^r)·ω_r^i (fold.ts). */
function inv2xTable(logDomain: number, r: number): Uint32Array {
  const half = 2 ** (logDomain - r - 1)
  const w = rootOfUnity(logDomain - r)
  const twoX = new Array<number>(half)
  let x = mul(2, pow(GENERATOR, 2 ** r))
  for (let i = 0; i < half; i++) {
    twoX[i] = x
    x = mul(x, w)
  }
  return Uint32Array.from(batchInv(twoX), toMont)
}

/**
 * One binary FRI fold on the GPU (= `foldLayer` of src/prover/fri/fold.ts on interleaved ext4 values):
 * one invocation per output point.
 * @returns 4·m/2 numbers, or null when the layer does not fit one binding.
 */
export async function foldOnGpu(ctx: GpuContext, values: Uint32Array, beta: Ext4, logDomain: number, r: number): Promise<Uint32Array | null> {
  if (values.byteLength > ctx.limits.maxBindingBytes) return null
  const half = values.length / 8
  const [fold] = (await ctx.pipelinesOf('fold')).values() as unknown as [GPUComputePipeline]
  const inv2x = ctx.table(`inv2x:${logDomain}:${r}`, () => inv2xTable(logDomain, r))
  const src = ctx.upload(values, 'fold values')
  const dst = ctx.storage(8 * half * 2, 'fold out')
  const uni = ctx.uniforms([[half, toMont(inv(2)), 0, 0, ...beta.map(toMont)]])
  try {
    const bytes = await ctx.run(
      (pass) =>
        ctx.dispatch(
          pass,
          fold,
          [
            { binding: 0, resource: { buffer: src } },
            { binding: 1, resource: { buffer: inv2x } },
            { binding: 2, resource: { buffer: dst } },
            { binding: 3, resource: ctx.slot(uni, 0, 32) },
          ],
          half,
        ),
      dst,
      16 * half,
    )
    return new Uint32Array(bytes)
  } finally {
    src.destroy()
    dst.destroy()
    uni.destroy()
  }
}
