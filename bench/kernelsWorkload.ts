// WASM kernels (wasm/assembly) against their JS references, in the same run: SHA-256 (@noble/hashes),
// Keccak-256 (viem / @noble/hashes) and the EIP-1186 MPT walk (@ethereumjs/mpt verifyMerkleProof).
import { verifyMerkleProof } from '@ethereumjs/mpt'
import { sha256 } from '@noble/hashes/sha2.js'
import { hexToBytes, keccak256 } from 'viem'
import { keccak256Wasm, mptGetWasm, sha256Wasm } from '../src/kernels/kernels.ts'

export type KernelRow = { name: string; wasmUs: number; jsUs: number }

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] as number
}

/** Median over `rounds` of the mean time of `reps` calls, microseconds. */
async function time(fn: () => unknown | Promise<unknown>, reps: number, rounds = 9): Promise<number> {
  for (let i = 0; i < reps; i++) await fn() // warm-up
  const out: number[] = []
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now()
    for (let i = 0; i < reps; i++) await fn()
    out.push(((performance.now() - t0) * 1000) / reps)
  }
  return median(out)
}

/** @param proof - a real `eth_getProof` result; @param stateRoot - its block's state root. */
export async function benchKernels(proof: { address: string; accountProof: string[] }, stateRoot: string): Promise<KernelRow[]> {
  const small = new Uint8Array(64).map((_, i) => i)
  const large = new Uint8Array(4096).map((_, i) => i * 31)
  const root = hexToBytes(stateRoot as `0x${string}`)
  const address = hexToBytes(proof.address as `0x${string}`)
  const nodes = proof.accountProof.map((n) => hexToBytes(n as `0x${string}`))
  const path = keccak256Wasm(address)
  return [
    { name: 'sha256, 64 B (a public-input step)', wasmUs: await time(() => sha256Wasm(small), 2000), jsUs: await time(() => sha256(small), 2000) },
    { name: 'sha256, 4 KiB', wasmUs: await time(() => sha256Wasm(large), 300), jsUs: await time(() => sha256(large), 300) },
    { name: 'keccak256, 64 B', wasmUs: await time(() => keccak256Wasm(small), 2000), jsUs: await time(() => keccak256(small), 2000) },
    { name: 'keccak256, 4 KiB', wasmUs: await time(() => keccak256Wasm(large), 300), jsUs: await time(() => keccak256(large), 300) },
    {
      name: `MPT account proof walk (${nodes.length} nodes, mainnet)`,
      wasmUs: await time(() => mptGetWasm(root, path, nodes), 300),
      jsUs: await time(() => verifyMerkleProof(address, nodes, { root, useKeyHashing: true }), 300),
    },
  ]
}
