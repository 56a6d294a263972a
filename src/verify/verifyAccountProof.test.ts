import { describe, expect, it } from 'vitest'
import { MalformedInputError } from '../errors/base.ts'
import { BlockHashMismatchError, InvalidMptProofError, ProofValueMismatchError } from '../errors/verify.ts'
import { flipHex, readFixture } from '../test/fixtures.ts'
import { verifyAccountProof } from './verifyAccountProof.ts'
import { verifyBlockHeader } from './verifyBlockHeader.ts'

const block = () => readFixture('mainnet-execution/block.json')
const proof = () => readFixture('mainnet-execution/proof.json')
const minerProof = () => readFixture('mainnet-execution/block_miner_proof.json')

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
    const a = await verifyAccountProof(root, proof())
    expect(a.address).toBe('0x00000000219ab540356cbb839cbe05303d7705fa')
    expect(a.exists).toBe(true)
    expect(a.balanceWei).toBe(BigInt(proof().balance))
    expect(a.storage).toHaveLength(1)
    expect(a.storage[0]?.value).toBe(BigInt(proof().storageProof[0].value))
  })
  it('proves an account-only proof (fee recipient)', async () => {
    const a = await verifyAccountProof(block().stateRoot, minerProof())
    expect(a.exists).toBe(true)
    expect(a.storage).toHaveLength(0)
  })
  it('rejects one flipped byte in an account proof node', async () => {
    for (const i of [0, 3]) {
      const p = proof()
      p.accountProof[i] = flipHex(p.accountProof[i])
      await expect(verifyAccountProof(block().stateRoot, p)).rejects.toThrow(InvalidMptProofError)
    }
  })
  it('rejects one flipped byte in a storage proof node', async () => {
    const p = proof()
    p.storageProof[0].proof[0] = flipHex(p.storageProof[0].proof[0])
    await expect(verifyAccountProof(block().stateRoot, p)).rejects.toThrow(InvalidMptProofError)
  })
  it('rejects a claimed balance the proof does not hold', async () => {
    const p = proof()
    p.balance = `0x${(BigInt(p.balance) + 1n).toString(16)}`
    await expect(verifyAccountProof(block().stateRoot, p)).rejects.toThrow(ProofValueMismatchError)
  })
  it('rejects a claimed storage value the proof does not hold', async () => {
    const p = proof()
    p.storageProof[0].value = '0x1234'
    await expect(verifyAccountProof(block().stateRoot, p)).rejects.toThrow(ProofValueMismatchError)
  })
  it('rejects the proof against another state root', async () => {
    await expect(verifyAccountProof(flipHex(block().stateRoot), proof())).rejects.toThrow(InvalidMptProofError)
  })
  it('rejects malformed input with a typed error', async () => {
    await expect(verifyAccountProof(block().stateRoot, { foo: 1 })).rejects.toThrow(MalformedInputError)
    await expect(verifyAccountProof('0x12', proof())).rejects.toThrow(MalformedInputError)
  })
})
