import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MalformedInputError } from '../errors/base.ts'
import { fetchFeedReceipts } from './receiptFeed.ts'

let server: Server
let base = ''
const asked: string[] = []
let feed: unknown = {}

beforeAll(async () => {
  server = createServer((req, res) => {
    asked.push(req.url ?? '')
    res.setHeader('content-type', 'application/json')
    if (req.url === '/lightbus/results') res.end(JSON.stringify(feed))
    else if (req.url === '/lightbus/proofs/0xjob1') res.end(JSON.stringify({ data: { json: { version: 1, system: 'lightbus-stark' } } }))
    else {
      res.statusCode = 404
      res.end('{}')
    }
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((r) => server.close(() => r())))

describe('fetchFeedReceipts', () => {
  it('fetches the receipts of lightbus-stark rows only, as served text', async () => {
    feed = {
      data: [
        { id: '0xjob1', proofId: '0xjob1', family: 'lightbus-stark', source: 'coordinator X', receivedAtMs: 5 },
        { id: 'r0', proofId: 'risc0-a', family: 'risc0', source: 'y', receivedAtMs: 1 },
      ],
    }
    asked.length = 0
    const got = await fetchFeedReceipts(`${base}/lightbus/results`)
    expect(got).toEqual([{ feedId: '0xjob1', source: 'coordinator X', receivedAtMs: 5, text: '{"version":1,"system":"lightbus-stark"}' }])
    expect(asked).toEqual(['/lightbus/results', '/lightbus/proofs/0xjob1'])
  })

  it('rejects a feed of another shape and a receipt row without ids', async () => {
    feed = { rows: [] }
    await expect(fetchFeedReceipts(`${base}/lightbus/results`)).rejects.toBeInstanceOf(MalformedInputError)
    feed = { data: [{ family: 'lightbus-stark' }] }
    await expect(fetchFeedReceipts(`${base}/lightbus/results`)).rejects.toBeInstanceOf(MalformedInputError)
  })
})
