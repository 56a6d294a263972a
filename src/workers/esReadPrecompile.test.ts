import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { encodeAbiParameters, hexToBytes } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MalformedInputError } from '../errors/base.ts'
import { StoredDataUnavailableError } from '../errors/web3.ts'
import { decodeEthStorageReadInput as decodeEsReadInput } from '../verify/storage/ethStorageRead.ts'
import { createEsReadPrecompile, type VerifyStoredBlob } from './esReadPrecompile.ts'

const HASH24 = `0x01${'ab'.repeat(23)}` as const
const input = (kvIdx: bigint, decodeType: number, off: bigint, len: bigint, hash = `${HASH24}${'00'.repeat(8)}` as `0x${string}`) =>
  hexToBytes(
    encodeAbiParameters(
      [{ type: 'uint256' }, { type: 'uint8' }, { type: 'uint256' }, { type: 'uint256' }, { type: 'bytes32' }],
      [kvIdx, decodeType, off, len, hash],
    ),
  )

let server: Server
let url = ''
let held = true
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => {
      body += c
    })
    req.on('end', () => {
      const { id, params } = JSON.parse(body)
      res.setHeader('content-type', 'application/json')
      if (!held) {
        res.end(JSON.stringify({ jsonrpc: '2.0', id, error: { code: 4404, message: `blob not held: ${params[0]}` } }))
        return
      }
      const blob = `0x${'00'.repeat(131072)}`
      res.end(
        JSON.stringify({
          jsonrpc: '2.0',
          id,
          result: { blob, commitment: `0x${'c0'.repeat(48)}`, proof: `0x${'c0'.repeat(48)}`, versionedHash: `${HASH24}${'11'.repeat(8)}` },
        }),
      )
    })
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((ok) => server.close(() => ok())))

describe('EthStorage read precompile', () => {
  it('decodes abi.encode(kvIdx, decodeType, off, len, bytes32 hash) and refuses malformed input', () => {
    expect(decodeEsReadInput(input(7n, 1, 3n, 10n))).toEqual({ kvIdx: 7n, decodeType: 1, off: 3, len: 10, hash24: HASH24 })
    expect(() => decodeEsReadInput(new Uint8Array(159))).toThrow(MalformedInputError)
    expect(() => decodeEsReadInput(input(0n, 2, 0n, 1n))).toThrow(MalformedInputError)
    expect(() => decodeEsReadInput(input(0n, 1, 0n, 1n, `0x${'ff'.repeat(32)}`))).toThrow(MalformedInputError)
  })

  it('verifies the served blob against the hash passed in and returns the asked slice; checks reported', async () => {
    const content = Uint8Array.from({ length: 126976 }, (_, i) => i & 0xff)
    const seen: unknown[] = []
    const verify: VerifyStoredBlob = async (_served, meta) => {
      seen.push(meta)
      return { bytes: content, versionedHash: `${HASH24}${'11'.repeat(8)}` as const, checks: [{ label: 'KZG blob proof', ms: 1 }] }
    }
    const checks: string[] = []
    const pre = createEsReadPrecompile({ nodeUrl: url, verify, onChecks: (c) => checks.push(...c.map((x) => x.label)) })
    held = true
    const out = await pre.run(input(7n, 1, 5n, 4n))
    expect([...out]).toEqual([5, 6, 7, 8])
    expect(seen).toEqual([{ hash24: HASH24, size: 126976 }])
    expect(checks).toEqual(['Blob fetched for kvIdx 7', 'KZG blob proof'])
  })

  it('a verification failure fails the run with the verifier error; 4404 is StoredDataUnavailable', async () => {
    class Lie extends Error {}
    const pre = createEsReadPrecompile({
      nodeUrl: url,
      verify: async () => {
        throw new Lie('bad proof')
      },
    })
    held = true
    await expect(pre.run(input(1n, 1, 0n, 1n))).rejects.toBeInstanceOf(Lie)
    held = false
    await expect(pre.run(input(1n, 1, 0n, 1n))).rejects.toBeInstanceOf(StoredDataUnavailableError)
  })
})
