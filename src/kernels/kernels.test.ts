import { createMerkleProof, createMPT, verifyMerkleProof } from '@ethereumjs/mpt'
import { sha256 } from '@noble/hashes/sha2.js'
import fc from 'fast-check'
import { bytesToHex, hexToBytes, keccak256 } from 'viem'
import { describe, expect, it } from 'vitest'
import { readFixture } from '../test/fixtures.ts'
import { keccak256Wasm, mptGetWasm, sha256Wasm } from './kernels.ts'

const hex = (b: Uint8Array) => bytesToHex(b)
// Lengths around the block boundaries of both hashes (SHA-256: 55/56/64; Keccak: rate 136), plus random ones.
const lengths = fc.oneof(fc.constantFrom(0, 1, 55, 56, 63, 64, 65, 119, 120, 127, 128, 135, 136, 137, 271, 272, 273), fc.nat(1200))
const inputs = lengths.chain((n) => fc.uint8Array({ minLength: n, maxLength: n }))

describe('WASM hash kernels (differential, 1,000 random inputs each)', () => {
  it('sha256 equals @noble/hashes', () => {
    fc.assert(
      fc.property(inputs, (data) => {
        expect(hex(sha256Wasm(data))).toBe(hex(sha256(data)))
      }),
      { numRuns: 1000 },
    )
  })
  it('keccak256 equals viem (@noble/hashes keccak_256)', () => {
    fc.assert(
      fc.property(inputs, (data) => {
        expect(hex(keccak256Wasm(data))).toBe(keccak256(data))
      }),
      { numRuns: 1000 },
    )
  })
  it('handles inputs larger than the initial memory (memory growth)', () => {
    const big = new Uint8Array(300_000).map((_, i) => i * 7)
    expect(hex(sha256Wasm(big))).toBe(hex(sha256(big)))
    expect(hex(keccak256Wasm(big))).toBe(keccak256(big))
  })
})

/** The reference walk: @ethereumjs/mpt, null for absence, 'error' for an invalid proof. */
async function reference(root: Uint8Array, key: Uint8Array, proof: Uint8Array[], useKeyHashing: boolean) {
  try {
    const v = await verifyMerkleProof(key, proof, { root, useKeyHashing })
    return v === null ? null : hex(v)
  } catch {
    return 'error'
  }
}
function ours(root: Uint8Array, key: Uint8Array, proof: Uint8Array[]) {
  try {
    const v = mptGetWasm(root, key, proof)
    return v === null ? null : hex(v)
  } catch {
    return 'error'
  }
}

describe('WASM MPT walk (differential against @ethereumjs/mpt)', () => {
  it('agrees on the real mainnet proofs (account, storage, absent slot) and their tampered copies', async () => {
    const block = readFixture('mainnet-execution/block.json')
    for (const file of ['mainnet-execution/proof.json', 'mainnet-execution/block_miner_proof.json']) {
      const p = readFixture(file)
      const root = hexToBytes(block.stateRoot)
      const key = hexToBytes(keccak256(p.address))
      const nodes: Uint8Array[] = p.accountProof.map((n: `0x${string}`) => hexToBytes(n))
      const r = await reference(root, hexToBytes(p.address), nodes, true)
      expect(r).not.toBe('error')
      expect(ours(root, key, nodes)).toBe(r)
      for (const s of p.storageProof) {
        const sroot = hexToBytes(p.storageHash)
        const slot = hexToBytes(`0x${BigInt(s.key).toString(16).padStart(64, '0')}`)
        const sn: Uint8Array[] = s.proof.map((n: `0x${string}`) => hexToBytes(n))
        expect(ours(sroot, hexToBytes(keccak256(slot)), sn)).toBe(await reference(sroot, slot, sn, true))
        // an absent slot of the same contract, proven by exclusion from the same nodes' neighbourhood
        const absent = hexToBytes(`0x${'00'.repeat(31)}ff`)
        expect(ours(sroot, hexToBytes(keccak256(absent)), sn)).toBe(await reference(sroot, absent, sn, true))
      }
      for (let i = 0; i < nodes.length; i++) {
        const t = nodes.map((n: Uint8Array) => n.slice())
        const node = t[i] as Uint8Array
        node[node.length >> 1] = (node[node.length >> 1] as number) ^ 0x10
        expect(ours(root, key, t)).toBe(await reference(root, hexToBytes(p.address), t, true))
      }
    }
  })

  it('the empty trie: rlp("") under keccak256(rlp("")) proves absence; no node proves nothing', async () => {
    const emptyRoot = hexToBytes('0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421')
    const key = hexToBytes(`0x${'00'.repeat(32)}`)
    // DIFF FROM REFERENCE: @ethereumjs/mpt rejects the one-node proof [0x80] ("Invalid proof provided"), which
    // anvil returns for the storage of an account without storage; the node does hash to the root.
    expect(await reference(emptyRoot, key, [hexToBytes('0x80')], true)).toBe('error')
    expect(ours(emptyRoot, hexToBytes(keccak256(key)), [hexToBytes('0x80')])).toBeNull()
    expect(ours(emptyRoot, hexToBytes(keccak256(key)), [])).toBe(await reference(emptyRoot, key, [], true))
    // 0x80 under any other root is a missing node, as for the reference
    const other = hexToBytes(`0x${'11'.repeat(32)}`)
    expect(ours(other, hexToBytes(keccak256(key)), [hexToBytes('0x80')])).toBe(await reference(other, key, [hexToBytes('0x80')], true))
  })

  it('agrees on random tries with embedded nodes, present and absent keys, and corrupted proofs', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.uint8Array({ minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 40, selector: (k) => hex(k) }),
        fc.uint8Array({ minLength: 1, maxLength: 4 }),
        fc.nat(),
        async (keys, probe, seed) => {
          const trie = await createMPT({ useKeyHashing: false })
          for (const [i, k] of keys.entries()) await trie.put(k, new Uint8Array([i + 1, (seed + i) & 0xff]))
          const root = trie.root()
          for (const key of [keys[seed % keys.length] as Uint8Array, probe]) {
            const proof = await createMerkleProof(trie, key)
            expect(ours(root, key, proof)).toBe(await reference(root, key, proof, false))
            if (proof.length > 0) {
              const t = proof.map((n) => n.slice())
              const node = t[seed % t.length] as Uint8Array
              node[seed % node.length] = (node[seed % node.length] as number) ^ (1 + (seed % 255))
              expect(ours(root, key, t)).toBe(await reference(root, key, t, false))
            }
          }
        },
      ),
      { numRuns: 300 },
    )
  })
})
