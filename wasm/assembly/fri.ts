// One binary FRI fold (src/prover/fri/fold.ts `foldLayer`) on interleaved ext4 values.
import { add, GENERATOR, inv, mul, mulMont, pow, redc, rootOfUnity, sub, toMont } from './babybear'

/** 2^(−1) mod p. */
const INV2: u32 = 1006632961
/** 11·R² mod p (Montgomery form of 11·b is redc(b·R2W)). */
const R2W: u32 = <u32>((<u64>1172168163 * 11) % 2013265921)

/**
 * values: m = 2^(logDomain−r) ext4 points of D_r = 31^(2^r)·⟨ω_(logDomain−r)⟩ (4·m u32, natural
 * order, coefficient-interleaved). Writes 4·(m/2) u32 at `out`:
 *   out[i] = (lo + hi)/2 + β·(lo − hi)/(2x_i), lo = values[i], hi = values[i + m/2], x_i = 31^(2^r)·ω^i.
 * β is an ext4 at `beta` (16 bytes). out must not overlap values. m ≥ 2.
 */
export function foldLayer(values: usize, beta: usize, logDomain: i32, r: i32, out: usize): void {
  const logM = logDomain - r
  const half: usize = (<usize>1) << <usize>(logM - 1)
  // (2x_i)^(−1) = (2·x0)^(−1)·ω^(−i), kept in Montgomery form.
  const x0 = pow(GENERATOR, (<u64>1) << <u64>r)
  let invTwoX = toMont(inv(mul(2, x0)))
  const wInvM = toMont(inv(rootOfUnity(logM)))
  const inv2M = toMont(INV2)
  const b0 = <u64>toMont(load<u32>(beta, 0)), b1 = <u64>toMont(load<u32>(beta, 4))
  const b2 = <u64>toMont(load<u32>(beta, 8)), b3 = <u64>toMont(load<u32>(beta, 12))
  const w1 = <u64>redc(<u64>load<u32>(beta, 4) * R2W), w2 = <u64>redc(<u64>load<u32>(beta, 8) * R2W)
  const w3 = <u64>redc(<u64>load<u32>(beta, 12) * R2W)
  const hiOff = half << 4
  for (let i: usize = 0; i < half; i++) {
    const lo = values + (i << 4)
    const hi = lo + hiOff
    const l0 = load<u32>(lo, 0), l1 = load<u32>(lo, 4), l2 = load<u32>(lo, 8), l3 = load<u32>(lo, 12)
    const h0 = load<u32>(hi, 0), h1 = load<u32>(hi, 4), h2 = load<u32>(hi, 8), h3 = load<u32>(hi, 12)
    const o0 = <u64>mulMont(sub(l0, h0), invTwoX), o1 = <u64>mulMont(sub(l1, h1), invTwoX)
    const o2 = <u64>mulMont(sub(l2, h2), invTwoX), o3 = <u64>mulMont(sub(l3, h3), invTwoX)
    // β·odd, β in Montgomery form (x^4 = 11 folded into w·).
    const p0 = add(redc(o0 * b0 + o1 * w3), redc(o2 * w2 + o3 * w1))
    const p1 = add(redc(o0 * b1 + o1 * b0), redc(o2 * w3 + o3 * w2))
    const p2 = add(redc(o0 * b2 + o1 * b1), redc(o2 * b0 + o3 * w3))
    const p3 = add(redc(o0 * b3 + o1 * b2), redc(o2 * b1 + o3 * b0))
    const d = out + (i << 4)
    store<u32>(d, add(mulMont(add(l0, h0), inv2M), p0), 0)
    store<u32>(d, add(mulMont(add(l1, h1), inv2M), p1), 4)
    store<u32>(d, add(mulMont(add(l2, h2), inv2M), p2), 8)
    store<u32>(d, add(mulMont(add(l3, h3), inv2M), p3), 12)
    invTwoX = mulMont(invTwoX, wInvM)
  }
}
