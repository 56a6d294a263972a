import { ssz } from '@lodestar/types'
import { createPublicClient, createTestClient, createWalletClient, type Hex, http, parseEther, stringToBytes } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startAnvil } from '../../../devnet/anvil.ts'
import { SLOT_OFFSET, startDevnetBeacon } from '../../../devnet/beacon/devnetBeacon.ts'
import { encodeBlobPadded31, viemKzg } from '../../../devnet/storage/kzg.ts'
import { toHex } from '../../verify/hex.ts'
import { anchorBlobInBeacon, clearAnchorCache } from './anchorBlob.ts'

const dev = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80')
const RETENTION = 4
let anvil: Awaited<ReturnType<typeof startAnvil>>
let beacon: Awaited<ReturnType<typeof startDevnetBeacon>>
let blockNumber: number
let versionedHashes: readonly Hex[]
const testClient = () => createTestClient({ mode: 'anvil', chain: foundry, transport: http(anvil.url) })

/** Resolves once the beacon has produced slot `s` (it follows anvil's blocks). */
async function headAt(s: number) {
  while (beacon.head() < s) await new Promise((ok) => setTimeout(ok, 50))
}
/** The root of the beacon's block at `slot`: in the app this is a light-client-verified header's root. */
async function rootAt(slot: number): Promise<Hex> {
  const body = (await (await fetch(`${beacon.url}/eth/v2/beacon/blocks/${slot}`)).json()) as { data: { message: unknown } }
  return toHex(ssz.deneb.BeaconBlock.hashTreeRoot(ssz.deneb.BeaconBlock.fromJson(body.data.message))) as Hex
}

beforeAll(async () => {
  anvil = await startAnvil({ port: 0, blockTimeSec: 0 })
  beacon = await startDevnetBeacon({ rpcUrl: anvil.url, port: 0, quiet: true, blobRetentionSlots: RETENTION, pollMs: 50 })
  const pub = createPublicClient({ chain: foundry, transport: http(anvil.url) })
  const wallet = createWalletClient({ account: dev, chain: foundry, transport: http(anvil.url) })
  const hash = await wallet.sendTransaction({
    to: dev.address,
    blobs: [encodeBlobPadded31(stringToBytes('anchored one')), encodeBlobPadded31(stringToBytes('anchored two'))],
    kzg: await viemKzg(),
    maxFeePerBlobGas: parseEther('0.00001'),
  })
  blockNumber = Number((await pub.waitForTransactionReceipt({ hash })).blockNumber)
  versionedHashes = (await pub.getTransaction({ hash })).blobVersionedHashes ?? []
  await testClient().mine({ blocks: 2 })
  await headAt(SLOT_OFFSET + blockNumber + 2)
}, 120_000)
afterAll(async () => {
  vi.restoreAllMocks()
  await beacon?.close()
  await anvil?.stop()
})

describe('anchorBlobInBeacon', () => {
  it('walks parent roots from a verified header to the blob block, finds the commitment and checks the sidecar', async () => {
    const start = { root: await rootAt(SLOT_OFFSET + blockNumber + 2), label: 'test header' }
    for (const versionedHash of versionedHashes) {
      const r = await anchorBlobInBeacon(beacon.url, start, { blockNumber, versionedHash })
      expect(r.slot).toBe(SLOT_OFFSET + blockNumber)
      expect(r.blockRoot).toBe(await rootAt(SLOT_OFFSET + blockNumber))
      expect(r.checks.map((c) => c.label)).toEqual([
        'Beacon block of the blob (parent-root chain from the light client)',
        'Commitment in the verified block body',
        'Blob sidecar: KZG proof and SSZ inclusion proof (depth 17) to the verified block root',
      ])
    }
  }, 60_000)

  it('fails for a blob the block does not commit to, a block newer than the header, and a walk over its bound', async () => {
    const start = { root: await rootAt(SLOT_OFFSET + blockNumber + 2), label: 'test header' }
    const other = `0x01${'ab'.repeat(31)}` as Hex
    await expect(anchorBlobInBeacon(beacon.url, start, { blockNumber, versionedHash: other })).rejects.toMatchObject({ code: 'BlobNotAnchored' })
    const early = { root: await rootAt(SLOT_OFFSET + blockNumber), label: 'older header' }
    await expect(anchorBlobInBeacon(beacon.url, early, { blockNumber: blockNumber + 1, versionedHash: versionedHashes[0] as Hex })).rejects.toMatchObject({
      code: 'BlobNotAnchored',
      message: expect.stringMatching(/newer than the verified header/),
    })
    const far = { root: await rootAt(SLOT_OFFSET + blockNumber + 2), label: 'test header' }
    await expect(
      anchorBlobInBeacon(beacon.url, far, { blockNumber: blockNumber - 1, versionedHash: versionedHashes[0] as Hex }, { maxBlocks: 1 }),
    ).rejects.toMatchObject({
      code: 'BlobNotAnchored',
    })
  }, 60_000)

  it('a beacon serving another block for a root is caught (the served block must hash to the root its child names)', async () => {
    const start = { root: await rootAt(SLOT_OFFSET + blockNumber + 1), label: 'test header' }
    clearAnchorCache()
    const realFetch = globalThis.fetch
    const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const url = String(input)
      // Any block asked by root is answered with the block at the blob's slot + 2 (a lie for every other root).
      if (url.includes('/eth/v2/beacon/blocks/0x')) return realFetch(`${beacon.url}/eth/v2/beacon/blocks/${SLOT_OFFSET + blockNumber + 2}`, init)
      return realFetch(input, init)
    })
    try {
      await expect(anchorBlobInBeacon(beacon.url, start, { blockNumber, versionedHash: versionedHashes[0] as Hex })).rejects.toMatchObject({
        code: 'BlobNotAnchored',
      })
    } finally {
      spy.mockRestore()
    }
  }, 60_000)

  it('after the beacon prunes the sidecars, the commitment in the verified body still anchors the blob, and says so', async () => {
    await testClient().mine({ blocks: RETENTION + 1 })
    const head = SLOT_OFFSET + blockNumber + RETENTION + 3
    await headAt(head)
    const r = await anchorBlobInBeacon(
      beacon.url,
      { root: await rootAt(head), label: 'test header' },
      { blockNumber, versionedHash: versionedHashes[1] as Hex },
    )
    expect(r.checks.at(-1)?.label).toBe('Blob sidecar')
    expect(r.checks.at(-1)?.detail).toMatch(/pruned/)
  }, 60_000)
})
