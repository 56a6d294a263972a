import { WGSL_FIELD } from './wgslField.ts'

/** Montgomery form (x·2^32 mod p) of small constants, written into the WGSL source. */
const R_MOD_P = 2 ** 32 - 2 * 2013265921
const m = (x: number) => Number((BigInt(x) * BigInt(R_MOD_P)) % 2013265921n)
/** 2^64 mod p: mont(x, R2) is x in Montgomery form. */
const R2 = Number(2n ** 64n % 2013265921n)

/**
 * WGSL of the zkVM composition (`zkvmComposition` of wasm/assembly/zkvm.ts, i.e. `compositionOnDomain`
 * of src/prover/stark/composition.ts for ZKVM_AIR, src/prover/zkvm/air.ts): one invocation per LDE row.
 * Bindings: `cols` 115 column-major LDE columns (83 main, 32 aux coordinates) of `size` canonical u32;
 * `prm` the WASM kernel's parameter block in Montgomery form (layout: src/prover/zkvm/wasmComposition.ts
 * `zkvmCompositionParams`), then (x^n − 1)^(−1) for one period of `step` points; `out` 4 coordinate
 * columns of `size` canonical u32. Inside, every value is in Montgomery form (mont(a, b) = a·b·2^(−32)),
 * as in the WASM kernel; the output is converted back to canonical.
 */
export const WGSL_COMPOSITION = /* wgsl */ `${WGSL_FIELD}
struct CompParams { size: u32, step: u32, lastCount: u32, logDomain: u32, wMont: u32, genMont: u32, total: u32, pad: u32 }
@group(0) @binding(0) var<storage, read> cols: array<u32>;
@group(0) @binding(1) var<storage, read> prm: array<u32>;
@group(0) @binding(2) var<storage, read_write> outv: array<u32>;
@group(0) @binding(3) var<uniform> cp: CompParams;

const R2: u32 = ${R2}u;
const ONE: u32 = ${m(1)}u;
const C256: u32 = ${m(256)}u;
const C65536: u32 = ${m(65536)}u;
const TAG_ROM: u32 = ${m(1)}u;
const TAG_BYTE: u32 = ${m(2)}u;
const TAG_MEM: u32 = ${m(3)}u;
const TAG_INPUT: u32 = ${m(4)}u;
const TAG_JOURNAL: u32 = ${m(5)}u;
const PCN: u32 = 9u; const R: u32 = 1u; const RN: u32 = 10u; const S: u32 = 18u; const RS1: u32 = 34u; const RS2: u32 = 42u;
const RD: u32 = 50u; const IMM: u32 = 58u; const A: u32 = 59u; const B: u32 = 60u; const C: u32 = 61u; const PROD: u32 = 62u;
const RES: u32 = 63u; const INV: u32 = 64u; const EQ: u32 = 65u; const TAKEN: u32 = 66u; const LT: u32 = 67u; const X: u32 = 68u;
const MOLD: u32 = 77u; const MNEW: u32 = 78u; const TOLD: u32 = 79u; const IP: u32 = 80u; const JP: u32 = 81u; const CYC: u32 = 82u;
const MAIN_WIDTH: u32 = 83u;
const P_GAMMA: u32 = 0u; const P_BETA: u32 = 4u; const P_SUM: u32 = 28u; const P_FIRST: u32 = 32u; const P_LAST: u32 = 44u;
const P_GLAST: u32 = 56u; const P_ALPHA_EXT: u32 = 64u; const P_ALPHA_BASE: u32 = 104u;

var<private> rowI: u32;
var<private> nextI: u32;
var<private> acc: vec4<u32>;
var<private> k: u32;

fn v(c: u32) -> u32 { return mont(cols[c * cp.size + rowI], R2); }
fn nv(c: u32) -> u32 { return mont(cols[c * cp.size + nextI], R2); }
fn ev(c: u32) -> vec4<u32> { return vec4<u32>(v(c), v(c + 1u), v(c + 2u), v(c + 3u)); }
fn env(c: u32) -> vec4<u32> { return vec4<u32>(nv(c), nv(c + 1u), nv(c + 2u), nv(c + 3u)); }
fn pe(w: u32) -> vec4<u32> { return vec4<u32>(prm[w], prm[w + 1u], prm[w + 2u], prm[w + 3u]); }
fn mul(a: u32, b: u32) -> u32 { return mont(a, b); }
fn add(a: u32, b: u32) -> u32 { return fadd(a, b); }
fn sub(a: u32, b: u32) -> u32 { return fsub(a, b); }
fn boolc(x: u32) -> u32 { return mul(x, sub(x, ONE)); }
// Adds α_k·c (base constraint c, the next base α) to the running sum.
fn put(c: u32) {
  acc = eadd(acc, emulBaseM(pe(P_ALPHA_BASE + 4u * k), c));
  k = k + 1u;
}
fn sumOf(base: u32, count: u32) -> u32 {
  var s = 0u;
  for (var j = 0u; j < count; j = j + 1u) { s = add(s, v(base + j)); }
  return s;
}
fn word(x: u32) -> u32 { return add(v(X + x), add(mul(C256, v(X + x + 1u)), mul(C65536, v(X + x + 2u)))); }
// Σ_{j=1}^{7} j·v(base + j) by suffix sums (no products).
fn weighted(base: u32) -> u32 {
  var s = 0u; var suf = 0u;
  for (var j = 7u; j >= 1u; j = j - 1u) { suf = add(suf, v(base + j)); s = add(s, suf); }
  return s;
}
fn tagE(t: u32) -> vec4<u32> { return vec4<u32>(t, 0u, 0u, 0u); }
// acc + x·β^(i+1).
fn term(e: vec4<u32>, x: u32, i: u32) -> vec4<u32> { return eadd(e, emulBaseM(pe(P_BETA + 4u * i), x)); }
fn sumHelpersRow() -> vec4<u32> {
  var s = vec4<u32>(0u);
  for (var e = 0u; e < 7u; e = e + 1u) { s = eadd(s, ev(MAIN_WIDTH + 4u * e)); }
  return s;
}
fn sumHelpersNext() -> vec4<u32> {
  var s = vec4<u32>(0u);
  for (var e = 0u; e < 7u; e = e + 1u) { s = eadd(s, env(MAIN_WIDTH + 4u * e)); }
  return s;
}
fn powM(b: u32, e: u32) -> u32 {
  var r = ONE;
  var base = b;
  var x = e;
  loop {
    if (x == 0u) { break; }
    if ((x & 1u) != 0u) { r = mont(r, base); }
    base = mont(base, base);
    x = x >> 1u;
  }
  return r;
}
// γ − fingerprint of lookup t (helper-pair order of wasm/assembly/zkvmRow.ts lookupDenominators).
fn den(t: u32) -> vec4<u32> {
  var f: vec4<u32>;
  if (t == 0u) {
    var op = 0u; var suf = 0u;
    for (var i = 15u; i >= 1u; i = i - 1u) { suf = add(suf, v(S + i)); op = add(op, suf); }
    f = term(tagE(TAG_ROM), v(0u), 0u);
    f = term(f, op, 1u);
    f = term(f, weighted(RD), 2u);
    f = term(f, weighted(RS1), 3u);
    f = term(f, weighted(RS2), 4u);
    f = term(f, v(IMM), 5u);
  } else if (t < 10u) {
    f = term(tagE(TAG_BYTE), v(X + t - 1u), 0u);
  } else if (t < 12u) {
    let addr = add(v(A), v(IMM));
    let memTag = term(tagE(TAG_MEM), addr, 0u);
    if (t == 10u) { f = term(term(memTag, v(MNEW), 1u), v(CYC), 2u); } else { f = term(term(memTag, v(MOLD), 1u), v(TOLD), 2u); }
  } else if (t == 12u) {
    f = term(term(tagE(TAG_INPUT), v(IP), 0u), v(RES), 1u);
  } else {
    f = term(term(tagE(TAG_JOURNAL), v(JP), 0u), v(A), 1u);
  }
  return esub(pe(P_GAMMA), f);
}
fn multiplicity(t: u32) -> u32 {
  if (t < 10u) { return ONE; }
  let memop = add(v(S + 12u), v(S + 13u));
  if (t == 10u) { return memop; }
  if (t == 11u) { return sub(0u, memop); }
  if (t == 12u) { return v(S + 14u); }
  return v(S + 15u);
}

@compute @workgroup_size(64)
fn composition(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = linearId(gid, nwg);
  if (i >= cp.total) { return; }
  rowI = i;
  nextI = (i + cp.step) & (cp.size - 1u);
  acc = vec4<u32>(0u);
  k = 0u;
  // Transition (13).
  for (var j = 0u; j < 9u; j = j + 1u) { put(sub(nv(j), v(PCN + j))); }
  put(sub(sub(nv(IP), v(IP)), v(S + 14u)));
  put(sub(sub(nv(JP), v(JP)), v(S + 15u)));
  put(add(sub(sub(nv(CYC), v(CYC)), ONE), v(S)));
  put(mul(v(S), sub(ONE, nv(S))));
  let accCur = ev(MAIN_WIDTH + 28u);
  let accNext = env(MAIN_WIDTH + 28u);
  let eT = esub(esub(accNext, accCur), sumHelpersNext());
  let tSum = eadd(acc, emulM(eT, pe(P_ALPHA_EXT)));
  acc = vec4<u32>(0u);
  // Row (80): opcode one-hot (17).
  for (var op = 0u; op < 16u; op = op + 1u) { put(boolc(v(S + op))); }
  put(sub(sumOf(S, 16u), ONE));
  // Register selectors (27).
  for (var q = 0u; q < 24u; q = q + 1u) { put(boolc(v(RS1 + q))); }
  let s1 = v(S + 1u); let s2 = v(S + 2u); let s3 = v(S + 3u); let s4 = v(S + 4u); let s5 = v(S + 5u); let s6 = v(S + 6u);
  let s7 = v(S + 7u); let s8 = v(S + 8u); let s9 = v(S + 9u); let s10 = v(S + 10u); let s11 = v(S + 11u); let s12 = v(S + 12u);
  let s13 = v(S + 13u); let s14 = v(S + 14u); let s0 = v(S);
  let wr = add(add(add(add(s1, s2), add(s3, s4)), add(add(s5, s6), add(s7, s12))), s14);
  put(sub(sumOf(RS1, 8u), ONE));
  put(sub(sumOf(RS2, 8u), ONE));
  put(sub(sumOf(RD, 8u), wr));
  // Operands (2), c and prod (2).
  var selA = 0u; var selB = 0u;
  for (var j = 0u; j < 8u; j = j + 1u) {
    selA = add(selA, mul(v(RS1 + j), v(R + j)));
    selB = add(selB, mul(v(RS2 + j), v(R + j)));
  }
  let a = v(A); let c = v(C); let b = v(B); let imm = v(IMM);
  put(sub(a, selA));
  put(sub(b, selB));
  let useB = add(add(add(s1, s2), add(s3, s8)), add(add(s9, s10), s13));
  let useI = add(s4, s5);
  put(sub(c, add(mul(useB, b), mul(useI, imm))));
  put(sub(v(PROD), mul(a, c)));
  // Result (1).
  let prod = v(PROD); let res = v(RES);
  var f = add(mul(add(s1, s4), add(a, c)), mul(s2, sub(a, c)));
  f = add(f, add(mul(add(s3, s5), prod), mul(s6, imm)));
  f = add(f, add(mul(s7, a), mul(s12, v(MOLD))));
  put(mul(sub(ONE, s14), sub(res, f)));
  // Register update (8).
  for (var j = 0u; j < 8u; j = j + 1u) {
    let r = v(R + j);
    put(sub(sub(v(RN + j), r), mul(v(RD + j), sub(res, r))));
  }
  // Equality (2), lt boolean (1), BLT decomposition (3).
  let diff = sub(a, c); let eq = v(EQ); let lt = v(LT); let inv = v(INV);
  put(add(sub(mul(diff, inv), ONE), eq));
  put(mul(diff, eq));
  put(boolc(lt));
  put(mul(s10, sub(a, word(0u))));
  put(mul(s10, sub(c, word(3u))));
  let selected = add(mul(lt, sub(sub(c, a), ONE)), mul(sub(ONE, lt), diff));
  put(mul(s10, sub(selected, word(6u))));
  // Branch taken (1), next pc (1).
  let taken = add(add(mul(s8, eq), mul(s9, sub(ONE, eq))), add(mul(s10, lt), s11));
  put(sub(v(TAKEN), taken));
  let pc = v(0u); let pc1 = add(pc, ONE);
  let nextPc = add(add(mul(s0, pc), mul(sub(ONE, s0), pc1)), mul(v(TAKEN), sub(imm, pc1)));
  put(sub(v(PCN), nextPc));
  // Memory (2).
  let mold = v(MOLD); let told = v(TOLD); let memop = add(s12, s13);
  put(sub(v(MNEW), add(mul(s12, mold), mul(s13, b))));
  let gap = add(v(X), mul(C256, v(X + 1u)));
  put(mul(memop, sub(sub(sub(v(CYC), told), ONE), gap)));
  // Unused cells (13).
  let ns10 = sub(ONE, s10); let neither = sub(ns10, memop); let nmem = sub(ONE, memop);
  put(mul(ns10, lt));
  put(mul(eq, inv));
  put(mul(neither, v(X)));
  put(mul(neither, v(X + 1u)));
  for (var j = 2u; j < 9u; j = j + 1u) { put(mul(ns10, v(X + j))); }
  put(mul(nmem, mold));
  put(mul(nmem, told));
  // Lookup helpers (7): h·(γ − X)(γ − Y) − m_X·(γ − Y) − m_Y·(γ − X).
  for (var e = 0u; e < 7u; e = e + 1u) {
    let gx = den(2u * e);
    let gy = den(2u * e + 1u);
    let h = ev(MAIN_WIDTH + 4u * e);
    let hxy = emulM(h, emulM(gx, gy));
    let ce = esub(esub(hxy, emulBaseM(gy, multiplicity(2u * e))), emulBaseM(gx, multiplicity(2u * e + 1u)));
    acc = eadd(acc, emulM(ce, pe(P_ALPHA_EXT + 4u + 4u * e)));
  }
  let rSum = acc;
  acc = vec4<u32>(0u);
  // First (12).
  put(sub(pc, prm[P_FIRST]));
  for (var j = 0u; j < 8u; j = j + 1u) { put(sub(v(R + j), prm[P_FIRST + 1u + j])); }
  put(sub(v(IP), prm[P_FIRST + 9u]));
  put(sub(v(JP), prm[P_FIRST + 10u]));
  put(sub(v(CYC), ONE));
  let fSum = eadd(acc, emulM(esub(accCur, sumHelpersRow()), pe(P_ALPHA_EXT + 32u)));
  acc = vec4<u32>(0u);
  // Last (11 or 12).
  put(sub(v(PCN), prm[P_LAST]));
  for (var j = 0u; j < 8u; j = j + 1u) { put(sub(v(RN + j), prm[P_LAST + 1u + j])); }
  put(sub(v(CYC), prm[P_LAST + 9u]));
  put(sub(s0, prm[P_LAST + 10u]));
  if (cp.lastCount > 11u) { put(sub(imm, prm[P_LAST + 11u])); }
  let lSum = eadd(acc, emulM(esub(accCur, pe(P_SUM)), pe(P_ALPHA_EXT + 36u)));
  // Zerofiers: transition·(x − g^(n−1))/(x^n − 1) + row/(x^n − 1) + first/(x − 1) + last/(x − g^(n−1)).
  let x = mont(cp.genMont, powM(cp.wMont, i));
  let gLast = prm[P_GLAST];
  let xm1 = sub(x, ONE);
  let xmg = sub(x, gLast);
  let both = powM(mul(xm1, xmg), ${2013265921 - 2}u);
  let firstInv = mul(both, xmg);
  let lastInv = mul(both, xm1);
  let zi = prm[P_ALPHA_BASE + 4u * (105u + cp.lastCount) + (i & (cp.step - 1u))];
  var total = emulBaseM(tSum, mul(zi, xmg));
  total = eadd(total, emulBaseM(rSum, zi));
  total = eadd(total, emulBaseM(fSum, firstInv));
  total = eadd(total, emulBaseM(lSum, lastInv));
  outv[i] = mont(total.x, 1u);
  outv[cp.size + i] = mont(total.y, 1u);
  outv[2u * cp.size + i] = mont(total.z, 1u);
  outv[3u * cp.size + i] = mont(total.w, 1u);
}
`
