import { GENERATOR, inv, mul, P, rootOfUnity } from '../../field/babybear.ts'
import type { Columns } from '../types.ts'
import type { GpuContext } from './context.ts'
import { toMont } from './wgslField.ts'

/** Powers x^0..x^(count−1) in Montgomery form. */
function montPowers(x: number, count: number): Uint32Array {
  const out = new Uint32Array(count)
  let t = 1
  for (let i = 0; i < count; i++) {
    out[i] = toMont(t)
    t = mul(t, x)
  }
  return out
}

/** Bytes of device memory one column of an NTT of 2^logSrc → 2^logDst elements needs (input + output). */
export const nttColumnBytes = (logSrc: number, logDst: number) => 4 * (2 ** logSrc + 2 ** logDst)

/**
 * iNTT (`forward` false: coefficients of each column, = intt) or coset LDE (`forward` true: each column of
 * 2^logSrc coefficients evaluated on GENERATOR·⟨ω_(2^logDst)⟩, = evaluateOnCoset) of equal-length columns
 * on the GPU, as many columns per submission as fit in one binding. Column-major buffers: `spread`
 * (pad, coset-scale, bit-reverse), logDst `butterfly` stages, then (inverse only) `scaleAll` by 1/n.
 * @returns the output columns, or null when one column alone does not fit the binding limit.
 */
export async function nttOnGpu(ctx: GpuContext, group: Columns, logSrc: number, logDst: number, forward: boolean): Promise<Uint32Array[] | null> {
  const n = 2 ** logSrc
  const big = 2 ** logDst
  const perBinding = Math.floor(ctx.limits.maxBindingBytes / (4 * big))
  if (perBinding < 1) return null
  const pipes = await ctx.pipelinesOf('ntt')
  const spread = pipes.get('spread') as GPUComputePipeline
  const butterfly = pipes.get('butterfly') as GPUComputePipeline
  const scaleAll = pipes.get('scaleAll') as GPUComputePipeline
  const root = forward ? rootOfUnity(logDst) : inv(rootOfUnity(logDst))
  const twiddles = ctx.table(`tw:${forward}:${logDst}`, () => montPowers(root, Math.max(1, big / 2)))
  const gpow = forward ? ctx.table(`gpow:${logSrc}`, () => montPowers(GENERATOR, n)) : ctx.table('one', () => new Uint32Array(4))
  const out: Uint32Array[] = []
  for (let c0 = 0; c0 < group.length; c0 += perBinding) {
    const cols = group.slice(c0, c0 + perBinding)
    const count = cols.length
    const src = new Uint32Array(count * n)
    cols.forEach((c, i) => {
      src.set(c, i * n)
    })
    const srcBuf = ctx.upload(src, 'ntt src')
    const dst = ctx.storage(4 * count * big, 'ntt dst')
    const slots: number[][] = [[logSrc, logDst, count * big, forward ? 1 : 0]]
    for (let s = 1; s <= logDst; s++) slots.push([logDst, 2 ** (s - 1), big / 2 ** s, (count * big) / 2])
    slots.push([count * big, toMont(inv(n % P)), 0, 0])
    const uni = ctx.uniforms(slots)
    try {
      const bytes = await ctx.run(
        (pass) => {
          ctx.dispatch(
            pass,
            spread,
            [
              { binding: 0, resource: { buffer: srcBuf } },
              { binding: 1, resource: { buffer: dst } },
              { binding: 2, resource: { buffer: gpow } },
              { binding: 3, resource: ctx.slot(uni, 0, 16) },
            ],
            count * big,
          )
          for (let s = 1; s <= logDst; s++) {
            const entries = [
              { binding: 0, resource: { buffer: dst } },
              { binding: 1, resource: { buffer: twiddles } },
              { binding: 2, resource: ctx.slot(uni, s, 16) },
            ]
            ctx.dispatch(pass, butterfly, entries, (count * big) / 2)
          }
          if (!forward) {
            const entries = [
              { binding: 0, resource: { buffer: dst } },
              { binding: 1, resource: ctx.slot(uni, logDst + 1, 16) },
            ]
            ctx.dispatch(pass, scaleAll, entries, count * big)
          }
        },
        dst,
        4 * count * big,
      )
      const all = new Uint32Array(bytes)
      for (let i = 0; i < count; i++) out.push(all.slice(i * big, (i + 1) * big))
    } finally {
      srcBuf.destroy()
      dst.destroy()
      uni.destroy()
    }
  }
  return out
}
