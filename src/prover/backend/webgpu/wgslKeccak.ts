/** Keccak-f[1600] round constants (FIPS 202 §3.2.5, rc from the degree-8 LFSR), as [lo, hi] u32 pairs. */
function roundConstants(): number[] {
  let r = 1
  const bit = () => {
    const out = r & 1
    r <<= 1
    if (r & 0x100) r ^= 0x171
    return out
  }
  const out: number[] = []
  for (let i = 0; i < 24; i++) {
    let lo = 0
    let hi = 0
    for (let j = 0; j < 7; j++) {
      const b = bit()
      const pos = 2 ** j - 1
      if (b) {
        if (pos < 32) lo |= 1 << pos
        else hi |= 1 << (pos - 32)
      }
    }
    out.push(lo >>> 0, hi >>> 0)
  }
  return out
}

/** Rotation offsets r[x + 5y] (FIPS 202 §3.2.2). */
const RHO = [0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14]
/** π: lane x + 5y moves to y + 5·((2x + 3y) mod 5). */
const PI = Array.from({ length: 25 }, (_, l) => {
  const x = l % 5
  const y = Math.floor(l / 5)
  return y + 5 * ((2 * x + 3 * y) % 5)
})

/** `v` rotated left by the constant n as a 64-bit lane (low, high), an expression with constant shifts. */
function rot(v: string, n: number): string {
  if (n === 0) return v
  if (n === 32) return `vec2<u32>(${v}.y, ${v}.x)`
  const [lo, hi] = n < 32 ? ['x', 'y'] : ['y', 'x']
  const m = n % 32
  return `vec2<u32>((${v}.${lo} << ${m}u) | (${v}.${hi} >> ${32 - m}u), (${v}.${hi} << ${m}u) | (${v}.${lo} >> ${32 - m}u))`
}

/**
 * Keccak-f[1600] with the 25 lanes in registers and each round's θ, ρ, π, χ written out (constant
 * rotations): the state array is only read and written once per permutation.
 */
function keccakF(): string {
  const L = Array.from({ length: 25 }, (_, l) => l)
  const X = [0, 1, 2, 3, 4]
  const body = [
    ...X.map((x) => `    let c${x} = a${x} ^ a${x + 5} ^ a${x + 10} ^ a${x + 15} ^ a${x + 20};`),
    ...X.map((x) => `    let d${x} = c${(x + 4) % 5} ^ ${rot(`c${(x + 1) % 5}`, 1)};`),
    ...L.map((l) => `    let t${l} = a${l} ^ d${l % 5};`),
    ...L.map((l) => `    let b${PI[l]} = ${rot(`t${l}`, RHO[l] as number)};`),
    ...L.map((l) => {
      const x = l % 5
      const y = l - x
      return `    a${l} = b${l} ^ (~b${((x + 1) % 5) + y} & b${((x + 2) % 5) + y});`
    }),
    '    a0 = a0 ^ vec2<u32>(RC[2u * round], RC[2u * round + 1u]);',
  ]
  return [
    'fn keccakF(s: ptr<function, array<vec2<u32>, 25>>) {',
    ...L.map((l) => `  var a${l} = (*s)[${l}];`),
    '  for (var round = 0u; round < 24u; round++) {',
    ...body,
    '  }',
    ...L.map((l) => `  (*s)[${l}] = a${l};`),
    '}',
  ].join('\n')
}

/**
 * WGSL Keccak-256 (rate 136 bytes = 34 u32 words, pad10*1 with the 0x01 domain byte) on u32 words:
 * lane l is (s[2l], s[2l + 1]) = (low, high) 32 bits, little-endian, so a message of u32le words XORs
 * straight into s. `leaves`: digest of row i of a column-major matrix (w columns of n words),
 * keccak256(u32le(row[0]) ‖ … ‖ u32le(row[w−1])); `nodes`: keccak256(left ‖ right) of two 8-word
 * digests of one tree level into the next (docs/zkvm-stark.md, "Merkle commitments"). Digests are 8
 * words (32 bytes) each, in a tree buffer laid out level after level, leaves first.
 */
export const WGSL_KECCAK = /* wgsl */ `
const RC = array<u32, 48>(${roundConstants()
  .map((v) => `${v}u`)
  .join(', ')});

${keccakF()}

fn absorbWord(s: ptr<function, array<vec2<u32>, 25>>, pos: u32, w: u32) {
  let lane = pos >> 1u;
  if ((pos & 1u) == 0u) { (*s)[lane].x = (*s)[lane].x ^ w; } else { (*s)[lane].y = (*s)[lane].y ^ w; }
}

// Pads after 'pos' words of the last block and permutes.
fn finish(s: ptr<function, array<vec2<u32>, 25>>, pos: u32) {
  absorbWord(s, pos, 1u);
  absorbWord(s, 33u, 0x80000000u);
  keccakF(s);
}

struct MerkleParams { n: u32, width: u32, src: u32, dst: u32 }
@group(0) @binding(0) var<storage, read> cols: array<u32>;
@group(0) @binding(1) var<storage, read_write> tree: array<u32>;
@group(0) @binding(2) var<uniform> mp: MerkleParams;

fn store(s: ptr<function, array<vec2<u32>, 25>>, at: u32) {
  for (var k = 0u; k < 4u; k++) {
    tree[at + 2u * k] = (*s)[k].x;
    tree[at + 2u * k + 1u] = (*s)[k].y;
  }
}

@compute @workgroup_size(64)
fn leaves(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.y * nwg.x * 64u + gid.x;
  if (i >= mp.n) { return; }
  var s: array<vec2<u32>, 25>;
  var pos = 0u;
  for (var c = 0u; c < mp.width; c++) {
    absorbWord(&s, pos, cols[c * mp.n + i]);
    pos++;
    if (pos == 34u) { keccakF(&s); pos = 0u; }
  }
  finish(&s, pos);
  store(&s, mp.dst + 8u * i);
}

@group(0) @binding(0) var<storage, read_write> nodeTree: array<u32>;
@group(0) @binding(1) var<uniform> np: MerkleParams;

@compute @workgroup_size(64)
fn nodes(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.y * nwg.x * 64u + gid.x;
  if (i >= np.n) { return; }
  var s: array<vec2<u32>, 25>;
  for (var k = 0u; k < 16u; k++) { absorbWord(&s, k, nodeTree[np.src + 16u * i + k]); }
  finish(&s, 16u);
  for (var k = 0u; k < 4u; k++) {
    nodeTree[np.dst + 8u * i + 2u * k] = s[k].x;
    nodeTree[np.dst + 8u * i + 2u * k + 1u] = s[k].y;
  }
}
`
