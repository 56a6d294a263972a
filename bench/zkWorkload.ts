// The zk benchmark workload, shared by Node and Chromium: one real Groth16 vector per family, verified
// by Lightbus (mcl-wasm, prepared keys) and by snarkjs 0.7.6 single-thread (the reference), warm and cold.
// Both time the family's own proof (`checks[0]`, the one `vkey` is for): this compares pairing checks and is no
// verification path — a Telepathy rotate's embedded step check (`verifyZkClaim`) is left out on both sides.
import * as snarkjs from 'snarkjs'
import { createMclBackend } from '../src/verify/groth16/mclBackend.ts'
import type { Groth16Proof } from '../src/verify/groth16/types.ts'
import { verifyGroth16 } from '../src/verify/groth16/verifyGroth16.ts'
import { decodeZkProof } from '../src/verify/zk/decodeZkProof.ts'
import type { ZkFamily } from '../src/verify/zk/types.ts'

export type ZkVector = { name: string; family: ZkFamily; json: unknown; vkey: unknown }

const toSnarkjsProof = (p: Groth16Proof) => ({
  pi_a: [p.a[0].toString(), p.a[1].toString(), '1'],
  pi_b: [
    [p.b[0][0].toString(), p.b[0][1].toString()],
    [p.b[1][0].toString(), p.b[1][1].toString()],
    ['1', '0'],
  ],
  pi_c: [p.c[0].toString(), p.c[1].toString(), '1'],
  protocol: 'groth16',
  curve: 'bn128',
})

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2
}

export type ZkBenchRow = { name: string; oursWarmMs: number; snarkjsWarmMs: number }

let snarkjsReady: Promise<void> | undefined
/** snarkjs verifies with its single-thread curve when one is cached on globalThis (research/zk.md §3.1). */
async function initSnarkjs() {
  snarkjsReady ??= (async () => {
    const { buildBn128 } = (await import('ffjavascript')) as unknown as { buildBn128: (singleThread: boolean) => Promise<unknown> }
    ;(globalThis as { curve_bn128?: unknown }).curve_bn128 = await buildBn128(true)
  })()
  return snarkjsReady
}

/** Cold: first verify including backend initialisation (meaningful once per fresh process or worker). */
export async function coldOurs(v: ZkVector): Promise<number> {
  const t0 = performance.now()
  const backend = await createMclBackend()
  const [c] = decodeZkProof(v.family, v.json).checks
  verifyGroth16(backend, v.family, c.vk, c.publicInputs, c.proof)
  return performance.now() - t0
}

export async function coldSnarkjs(v: ZkVector): Promise<number> {
  const t0 = performance.now()
  await initSnarkjs()
  const [c] = decodeZkProof(v.family, v.json).checks
  const ok = await snarkjs.groth16.verify(v.vkey, c.publicInputs.map(String), toSnarkjsProof(c.proof))
  if (!ok) throw new Error(`snarkjs rejected ${v.name}`)
  return performance.now() - t0
}

/** Warm: median of `runs` verifications (decode + public inputs + pairing check) per vector, both verifiers initialised. */
export async function warm(vectors: ZkVector[], runs: number): Promise<ZkBenchRow[]> {
  const backend = await createMclBackend()
  await initSnarkjs()
  const rows: ZkBenchRow[] = []
  for (const v of vectors) {
    const ours: number[] = []
    const ref: number[] = []
    for (let i = 0; i < runs + 2; i++) {
      let t0 = performance.now()
      const [c] = decodeZkProof(v.family, v.json).checks
      verifyGroth16(backend, v.family, c.vk, c.publicInputs, c.proof)
      const a = performance.now() - t0
      t0 = performance.now()
      const [c2] = decodeZkProof(v.family, v.json).checks
      const ok = await snarkjs.groth16.verify(v.vkey, c2.publicInputs.map(String), toSnarkjsProof(c2.proof))
      const b = performance.now() - t0
      if (!ok) throw new Error(`snarkjs rejected ${v.name}`)
      if (i >= 2) {
        ours.push(a)
        ref.push(b)
      }
    }
    rows.push({ name: v.name, oursWarmMs: median(ours), snarkjsWarmMs: median(ref) })
  }
  return rows
}

export async function disposeSnarkjs() {
  const curve = (globalThis as { curve_bn128?: { terminate?: () => Promise<void> } }).curve_bn128
  await curve?.terminate?.()
}
