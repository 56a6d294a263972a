import { decodeFunctionData, type Hex } from 'viem'
import { describe, expect, it } from 'vitest'
import { MalformedInputError } from '../../errors/base.ts'
import { UserRejectedError } from '../../errors/wallet.ts'
import { BLOB_CAPACITY, BYTES_PER_BLOB } from './blobEncoding.ts'
import { FLAT_DIRECTORY_WRITE_ABI, planUpload, runUpload, type UploadDeps, type UploadEvent } from './upload.ts'

const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + 1) & 0xff)

describe('planUpload', () => {
  it('splits files into blob chunks of 126976 bytes, at most 6 blobs per transaction', () => {
    const [small, big] = planUpload([
      { name: '/index.html', bytes: bytes(10) },
      { name: 'img/big.png', bytes: bytes(7 * BLOB_CAPACITY - 5) },
    ])
    expect(small).toMatchObject({ name: 'index.html', size: 10, chunks: 1 })
    expect(small?.txs).toHaveLength(1)
    expect(small?.txs[0]?.lengths).toEqual([10])
    expect(big?.chunks).toBe(7)
    expect(big?.txs.map((t) => t.chunkIds)).toEqual([[0, 1, 2, 3, 4, 5], [6]])
    expect(big?.txs[1]?.lengths).toEqual([BLOB_CAPACITY - 5])
    expect(big?.txs[0]?.blobs[0]?.length).toBe(BYTES_PER_BLOB)
    // padding codec: every field element starts with 0x00, content in the next 31 bytes
    const blob = small?.txs[0]?.blobs[0] as Uint8Array
    expect(blob[0]).toBe(0)
    expect([...blob.subarray(1, 11)]).toEqual([...bytes(10)])
  })

  it('refuses no files, duplicate names, bad names and oversized files with typed errors', () => {
    expect(() => planUpload([])).toThrow(MalformedInputError)
    expect(() =>
      planUpload([
        { name: 'a', bytes: bytes(1) },
        { name: '/a', bytes: bytes(1) },
      ]),
    ).toThrow(MalformedInputError)
    for (const name of ['../x', 'a//b', 'a?b', 'a#b', '']) expect(() => planUpload([{ name, bytes: bytes(1) }])).toThrow(MalformedInputError)
    expect(() => planUpload([{ name: 'x', bytes: new Uint8Array(3 * 1024 * 1024) }])).toThrow(MalformedInputError)
  })
})

describe('runUpload', () => {
  const DIR = '0x00000000000000000000000000000000000000d1' as Hex
  const fakeDeps = (rejectAt = -1) => {
    const sent: { to: Hex; data: Hex; blobs?: Hex[]; value?: bigint }[] = []
    let n = 0
    const deps: UploadDeps = {
      deployDirectory: async () => ({ hash: '0xd0' as Hex, address: DIR }),
      upfrontPayment: async () => 1000n,
      sendBlobTx: async (tx) => {
        if (n++ === rejectAt) throw new UserRejectedError({ action: 'send a blob transaction' })
        sent.push(tx)
        return `0x${sent.length.toString(16).padStart(64, '0')}` as Hex
      },
      sendTx: async (tx) => {
        sent.push(tx)
        return '0xee' as Hex
      },
      waitForReceipt: async () => {},
    }
    return { deps, sent }
  }

  it('deploys, writes each file with writeChunksByBlobs paying upfrontPayment per blob, and reports each step', async () => {
    const plan = planUpload([
      { name: 'index.html', bytes: bytes(100) },
      { name: 'logo.svg', bytes: bytes(2 * BLOB_CAPACITY) },
    ])
    const { deps, sent } = fakeDeps()
    const events: UploadEvent[] = []
    const r = await runUpload(plan, deps, 31337, (e) => events.push(e))
    expect(r.url).toBe(`web3://${DIR}:31337/`)
    expect(sent).toHaveLength(2)
    const call = decodeFunctionData({ abi: FLAT_DIRECTORY_WRITE_ABI, data: sent[1]?.data as Hex })
    expect(call.functionName).toBe('writeChunksByBlobs')
    expect(call.args?.[1]).toEqual([0n, 1n])
    expect(call.args?.[2]).toEqual([BigInt(BLOB_CAPACITY), BigInt(BLOB_CAPACITY)])
    expect(sent[1]?.value).toBe(2000n)
    expect(sent[1]?.blobs).toHaveLength(2)
    expect(events.filter((e) => e.kind === 'tx' && e.status === 'mined')).toHaveLength(2)
    expect(events.at(-1)).toEqual({ kind: 'done', directory: DIR, url: r.url })
  })

  it('a rejected request stops the upload: nothing after it is sent', async () => {
    const plan = planUpload([
      { name: 'index.html', bytes: bytes(100) },
      { name: 'b.txt', bytes: bytes(100) },
    ])
    const { deps, sent } = fakeDeps(0)
    await expect(runUpload(plan, deps, 31337, () => {})).rejects.toBeInstanceOf(UserRejectedError)
    expect(sent).toHaveLength(0)
  })
})
