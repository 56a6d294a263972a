import { describe, expect, it } from 'vitest'
import { InputTooLargeError, MalformedInputError } from '../errors/base.ts'
import { BlockHashMismatchError, InvalidMptProofError, ProofMismatchError, ProofValueMismatchError } from '../errors/verify.ts'
import { flipHex, readFixture } from '../test/fixtures.ts'
import { MAX_PROOF_NODES, MAX_STORAGE_PROOFS, toStorageKey, verifyAccountProof } from './verifyAccountProof.ts'
import { verifyBlockHeader } from './verifyBlockHeader.ts'

const block = () => readFixture('mainnet-execution/block.json')
const proof = () => readFixture('mainnet-execution/proof.json')
const minerProof = () => readFixture('mainnet-execution/block_miner_proof.json')
/** What `proof.json` was fetched for: the deposit contract, storage slot 1. */
const asked = { address: '0x00000000219ab540356cbb839cbe05303d7705fa', storageKeys: ['0x1'] }
const askedMiner = { address: '0x4838b106fce9647bdf1e7877bf73ce8b0bad5f97', storageKeys: [] }

describe('verifyBlockHeader (real mainnet block 21925176)', () => {
  it('recomputes the block hash from the header fields', () => {
    const h = verifyBlockHeader(block())
    expect(h.number).toBe(21925176n)
    expect(h.hash).toBe(block().hash)
  })
  it('accepts a JSON-RPC envelope', () => {
    expect(verifyBlockHeader({ jsonrpc: '2.0', id: 1, result: block() }).number).toBe(21925176n)
  })
  it('rejects a header with one flipped state-root byte', () => {
    const b = block()
    b.stateRoot = flipHex(b.stateRoot)
    expect(() => verifyBlockHeader(b)).toThrow(BlockHashMismatchError)
  })
  it('rejects a block with a missing field', () => {
    const b = block()
    delete b.receiptsRoot
    expect(() => verifyBlockHeader(b)).toThrow(MalformedInputError)
  })
})

describe('verifyAccountProof (real mainnet eth_getProof)', () => {
  it('proves the deposit contract account and storage slot 1', async () => {
    const root = verifyBlockHeader(block()).stateRoot
    const a = await verifyAccountProof(root, proof(), asked)
    expect(a.address).toBe('0x00000000219ab540356cbb839cbe05303d7705fa')
    expect(a.exists).toBe(true)
    expect(a.balanceWei).toBe(BigInt(proof().balance))
    expect(a.storage).toHaveLength(1)
    expect(a.storage[0]?.value).toBe(BigInt(proof().storageProof[0].value))
  })
  it('proves an account-only proof (fee recipient)', async () => {
    const a = await verifyAccountProof(block().stateRoot, minerProof(), askedMiner)
    expect(a.exists).toBe(true)
    expect(a.storage).toHaveLength(0)
  })
  it('rejects one flipped byte in an account proof node', async () => {
    for (const i of [0, 3]) {
      const p = proof()
      p.accountProof[i] = flipHex(p.accountProof[i])
      await expect(verifyAccountProof(block().stateRoot, p, asked)).rejects.toThrow(InvalidMptProofError)
    }
  })
  it('rejects one flipped byte in a storage proof node', async () => {
    const p = proof()
    p.storageProof[0].proof[0] = flipHex(p.storageProof[0].proof[0])
    await expect(verifyAccountProof(block().stateRoot, p, asked)).rejects.toThrow(InvalidMptProofError)
  })
  it('rejects a claimed balance the proof does not hold', async () => {
    const p = proof()
    p.balance = `0x${(BigInt(p.balance) + 1n).toString(16)}`
    await expect(verifyAccountProof(block().stateRoot, p, asked)).rejects.toThrow(ProofValueMismatchError)
  })
  it('rejects a claimed storage value the proof does not hold', async () => {
    const p = proof()
    p.storageProof[0].value = '0x1234'
    await expect(verifyAccountProof(block().stateRoot, p, asked)).rejects.toThrow(ProofValueMismatchError)
  })
  it('rejects the proof against another state root', async () => {
    await expect(verifyAccountProof(flipHex(block().stateRoot), proof(), asked)).rejects.toThrow(InvalidMptProofError)
  })
  it('rejects malformed input with a typed error', async () => {
    await expect(verifyAccountProof(block().stateRoot, { foo: 1 }, asked)).rejects.toThrow(MalformedInputError)
    await expect(verifyAccountProof('0x12', proof(), asked)).rejects.toThrow(MalformedInputError)
  })
})

describe('verifyAccountProof answers the question asked', () => {
  it('rejects a valid proof of another account', async () => {
    // The fee recipient's proof is valid under this root, but the deposit contract was asked for.
    await expect(verifyAccountProof(block().stateRoot, minerProof(), asked)).rejects.toThrow(ProofMismatchError)
    await expect(verifyAccountProof(block().stateRoot, proof(), { ...askedMiner, storageKeys: ['0x1'] })).rejects.toThrow(ProofMismatchError)
  })
  it('rejects missing, extra, other or reordered storage keys', async () => {
    const root = block().stateRoot
    for (const storageKeys of [[], ['0x2'], ['0x1', '0x1'], ['0x0', '0x1']]) {
      await expect(verifyAccountProof(root, proof(), { ...asked, storageKeys })).rejects.toThrow(ProofMismatchError)
    }
    const noStorage = { ...proof(), storageProof: [] }
    await expect(verifyAccountProof(root, noStorage, asked)).rejects.toThrow(ProofMismatchError)
  })
  it('accepts the key however it is spelled, and a self-described proof', async () => {
    const root = block().stateRoot
    const padded = { ...asked, storageKeys: [`0x${'0'.repeat(63)}1`], address: asked.address.toUpperCase().replace('0X', '0x') }
    expect((await verifyAccountProof(root, proof(), padded)).storage[0]?.key).toBe(`0x${'0'.repeat(63)}1`)
    expect((await verifyAccountProof(root, proof(), 'self-described')).address).toBe(asked.address)
  })
  it('rejects malformed requests and storage keys with a typed error (33 bytes, not hex)', async () => {
    const root = block().stateRoot
    await expect(verifyAccountProof(root, proof(), { ...asked, storageKeys: [`0x${'11'.repeat(33)}`] })).rejects.toThrow(MalformedInputError)
    await expect(verifyAccountProof(root, proof(), { ...asked, address: '0x1234' })).rejects.toThrow(MalformedInputError)
    const p = proof()
    p.storageProof[0].key = `0x${'11'.repeat(33)}`
    await expect(verifyAccountProof(root, p, 'self-described')).rejects.toThrow(MalformedInputError)
    expect(() => toStorageKey('zz')).toThrow(MalformedInputError)
    expect(toStorageKey(`0x00${'ab'.repeat(32)}`)).toBe(`0x${'ab'.repeat(32)}`)
  })
})

describe('verifyAccountProof bounds its work (attacker review)', () => {
  it('a path of more than MAX_PROOF_NODES nodes, or too many slots, is InputTooLarge before any hashing', async () => {
    const p = proof()
    p.accountProof = Array(MAX_PROOF_NODES + 1).fill('0xc0')
    await expect(verifyAccountProof(block().stateRoot, p, 'self-described')).rejects.toThrow(InputTooLargeError)
    const q = proof()
    q.storageProof = Array(MAX_STORAGE_PROOFS + 1).fill(q.storageProof[0])
    await expect(verifyAccountProof(block().stateRoot, q, 'self-described')).rejects.toThrow(InputTooLargeError)
    const r = proof()
    r.storageProof[0].proof = Array(MAX_PROOF_NODES + 1).fill('0xc0')
    await expect(verifyAccountProof(block().stateRoot, r, asked)).rejects.toThrow(InputTooLargeError)
  })
  it('quantities over 32 bytes and malformed requests are typed errors', async () => {
    const p = proof()
    p.balance = `0x1${'0'.repeat(64)}`
    await expect(verifyAccountProof(block().stateRoot, p, asked)).rejects.toThrow(MalformedInputError)
    for (const bad of [null, { address: asked.address, storageKeys: 'x' }, { storageKeys: [] }, 42]) {
      await expect(verifyAccountProof(block().stateRoot, proof(), bad as never)).rejects.toThrow(MalformedInputError)
    }
  })
})
