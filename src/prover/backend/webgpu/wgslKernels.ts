import { WGSL_FIELD } from './wgslField.ts'

/**
 * WGSL of the NTT kernels on column-major matrices (`count` columns of 2^logN u32, back to back).
 * - `spread`: dst[c·2^logDst + rev(j)] = j < 2^logSrc ? src[c·2^logSrc + j]·(scale ? gpow[j] : 1) : 0
 *   (zero padding, optional coset scaling by GENERATOR^j, and the bit-reversal permutation in one pass);
 * - `butterfly`: one radix-2 Cooley–Tukey stage of half-length h (twiddle ω_N^(j·stride), Montgomery form);
 * - `scaleAll`: data[i] = data[i]·s (the 1/n of the inverse NTT).
 * One invocation per output element / butterfly; the grid is (x, y) workgroups of 64 (linearId).
 */
export const WGSL_NTT = /* wgsl */ `${WGSL_FIELD}
struct SpreadParams { logSrc: u32, logDst: u32, total: u32, scale: u32 }
struct StageParams { logN: u32, half: u32, stride: u32, total: u32 }
struct ScaleParams { total: u32, sMont: u32, pad0: u32, pad1: u32 }

@group(0) @binding(0) var<storage, read> spreadSrc: array<u32>;
@group(0) @binding(1) var<storage, read_write> spreadDst: array<u32>;
@group(0) @binding(2) var<storage, read> gpow: array<u32>;
@group(0) @binding(3) var<uniform> sp: SpreadParams;

@compute @workgroup_size(64)
fn spread(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let id = linearId(gid, nwg);
  if (id >= sp.total) { return; }
  let big = 1u << sp.logDst;
  let col = id >> sp.logDst;
  let j = id & (big - 1u);
  var v = 0u;
  if (j < (1u << sp.logSrc)) {
    v = spreadSrc[(col << sp.logSrc) + j];
    if (sp.scale != 0u) { v = mont(v, gpow[j]); }
  }
  var r = 0u;
  if (sp.logDst > 0u) { r = reverseBits(j) >> (32u - sp.logDst); }
  spreadDst[(col << sp.logDst) + r] = v;
}

@group(0) @binding(0) var<storage, read_write> stageData: array<u32>;
@group(0) @binding(1) var<storage, read> twiddles: array<u32>;
@group(0) @binding(2) var<uniform> st: StageParams;

@compute @workgroup_size(64)
fn butterfly(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let id = linearId(gid, nwg);
  if (id >= st.total) { return; }
  let perCol = 1u << (st.logN - 1u);
  let col = id >> (st.logN - 1u);
  let k = id & (perCol - 1u);
  let j = k % st.half;
  let block = k / st.half;
  let i0 = (col << st.logN) + block * 2u * st.half + j;
  let i1 = i0 + st.half;
  let u = stageData[i0];
  let v = mont(stageData[i1], twiddles[j * st.stride]);
  stageData[i0] = fadd(u, v);
  stageData[i1] = fsub(u, v);
}

@group(0) @binding(0) var<storage, read_write> scaleData: array<u32>;
@group(0) @binding(1) var<uniform> sc: ScaleParams;

@compute @workgroup_size(64)
fn scaleAll(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let id = linearId(gid, nwg);
  if (id >= sc.total) { return; }
  scaleData[id] = mont(scaleData[id], sc.sMont);
}
`

/**
 * WGSL of the binary FRI fold (`foldLayer` of src/prover/fri/fold.ts): out[i] = (lo + hi)/2 +
 * β·(lo − hi)·inv2x[i], lo = values[i], hi = values[i + half] (ext4, interleaved), β and the
 * inverses in Montgomery form.
 */
export const WGSL_FOLD = /* wgsl */ `${WGSL_FIELD}
struct FoldParams { half: u32, inv2Mont: u32, pad0: u32, pad1: u32, betaMont: vec4<u32> }
@group(0) @binding(0) var<storage, read> values: array<vec4<u32>>;
@group(0) @binding(1) var<storage, read> inv2x: array<u32>;
@group(0) @binding(2) var<storage, read_write> folded: array<vec4<u32>>;
@group(0) @binding(3) var<uniform> fp: FoldParams;

@compute @workgroup_size(64)
fn fold(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = linearId(gid, nwg);
  if (i >= fp.half) { return; }
  let lo = values[i];
  let hi = values[i + fp.half];
  let even = emulBaseM(eadd(lo, hi), fp.inv2Mont);
  let odd = emulBaseM(esub(lo, hi), inv2x[i]);
  folded[i] = eadd(even, emulM(odd, fp.betaMont));
}
`
