import { ssz } from '@lodestar/types'
import { describe, expect, it } from 'vitest'
import { getBeaconConfig } from '../consensus/chainConfig.ts'
import { decodeFinalityUpdate } from '../consensus/decode.ts'
import { summarizeHeader } from '../consensus/lightClientHeader.ts'
import { MalformedInputError } from '../errors/base.ts'
import { ExecutionPayloadMismatchError } from '../errors/verify.ts'
import { flipHex, readFixture } from '../test/fixtures.ts'
import { isHex32, toHex } from './hex.ts'
import { verifyBeaconBlock } from './verifyBeaconBlock.ts'

// The finalized header of the real finality update is block 7109344; its body is in blocks/7109344.json.
const expected = () => {
  const { value } = decodeFinalityUpdate(getBeaconConfig('mainnet'), readFixture('mainnet-lc/finality.json'))
  const s = summarizeHeader(value.finalizedHeader)
  if (!s.execution) throw new Error('fixture has no execution header')
  return { blockRoot: s.blockRoot, execution: s.execution }
}
const block = () => readFixture('mainnet-lc/blocks/7109344.json')

describe('verifyBeaconBlock (real mainnet block 7109344)', () => {
  it('proves every transaction against the verified transactions_root', () => {
    const b = block()
    const v = verifyBeaconBlock(b, expected())
    expect(v.slot).toBe(7109344)
    expect(v.blockNumber).toBe(17923026)
    expect(v.transactions).toHaveLength(b.data.message.body.execution_payload.transactions.length)
    expect(v.transactions.length).toBeGreaterThan(0)
    expect(isHex32(v.transactions[0]?.hash)).toBe(true)
  })
  it('rejects a block with one flipped transaction byte', () => {
    const b = block()
    const txs = b.data.message.body.execution_payload.transactions
    txs[5] = flipHex(txs[5])
    expect(() => verifyBeaconBlock(b, expected())).toThrow(ExecutionPayloadMismatchError)
  })
  it('rejects a transaction byte flip by the transactions_root check alone', () => {
    const b = block()
    const txs = b.data.message.body.execution_payload.transactions
    txs[0] = flipHex(txs[0])
    // a server that also lies about the block root: the transactions_root check still catches it
    const tamperedRoot = toHex(ssz.capella.BeaconBlock.hashTreeRoot(ssz.capella.SignedBeaconBlock.fromJson(b.data).message))
    expect(() => verifyBeaconBlock(b, { ...expected(), blockRoot: tamperedRoot })).toThrow(/transactions_root/)
  })
  it('rejects another block', () => {
    expect(() => verifyBeaconBlock(readFixture('mainnet-lc/blocks/7109430.json'), expected())).toThrow(ExecutionPayloadMismatchError)
  })
  it('rejects malformed input', () => {
    expect(() => verifyBeaconBlock({ version: 'capella', data: {} }, expected())).toThrow(MalformedInputError)
    expect(() => verifyBeaconBlock({ data: {} }, expected())).toThrow(MalformedInputError)
  })
})
