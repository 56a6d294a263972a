import { bytesToHex, encodeFunctionData, type Hex } from 'viem'
import { MalformedInputError } from '../../errors/base.ts'
import { BLOB_CAPACITY, encodeBlobs } from './blobEncoding.ts'

/** Blobs per transaction at most (EIP-4844 Cancun/Prague limit per block; EIP-7594 per-transaction limit). */
export const MAX_BLOBS_PER_TX = 6
/** Files per upload and bytes per file at most (a small site: 32 files, 2 MiB each). */
export const MAX_FILES = 32
export const MAX_FILE_BYTES = 2 * 1024 * 1024

export type UploadFile = { name: string; bytes: Uint8Array }
export type PlannedTx = { chunkIds: number[]; lengths: number[]; blobs: Uint8Array[] }
export type PlannedFile = { name: string; size: number; chunks: number; txs: PlannedTx[] }

/** The FlatDirectory functions the upload calls (contracts/FlatDirectory.sol, ERC-5018 style). */
export const FLAT_DIRECTORY_WRITE_ABI = [
  {
    type: 'function',
    name: 'writeChunksByBlobs',
    stateMutability: 'payable',
    inputs: [
      { name: 'name', type: 'bytes' },
      { name: 'chunkIds', type: 'uint256[]' },
      { name: 'lengths', type: 'uint256[]' },
    ],
    outputs: [],
  },
  { type: 'function', name: 'setDefault', stateMutability: 'nonpayable', inputs: [{ name: 'name', type: 'bytes' }], outputs: [] },
] as const
export const KV_UPFRONT_ABI = [{ type: 'function', name: 'upfrontPayment', stateMutability: 'view', inputs: [], outputs: [{ type: 'uint256' }] }] as const

/** A file name as stored (no leading slash; `/`-separated path; printable, no `..`). */
export function checkFileName(name: string): string {
  const n = name.replace(/^\/+/, '')
  if (!n || n.length > 200 || n.split('/').some((p) => p === '' || p === '.' || p === '..') || !/^[A-Za-z0-9._\-/ ]+$/.test(n)) {
    throw new MalformedInputError({ what: 'file name', details: `${JSON.stringify(name)}: use letters, digits, - _ . and / (no ?, #, %, ..)` })
  }
  return n
}

/**
 * Splits each file into blob chunks (the padding codec, 126976 content bytes per blob) and groups them into
 * transactions of at most {@link MAX_BLOBS_PER_TX} blobs (`writeChunksByBlobs`, blob i = chunk chunkIds[i]).
 * @throws {MalformedInputError} No files, too many, a bad or duplicate name, a file over the cap.
 */
export function planUpload(files: UploadFile[]): PlannedFile[] {
  if (files.length === 0) throw new MalformedInputError({ what: 'upload', details: 'choose at least one file' })
  if (files.length > MAX_FILES) throw new MalformedInputError({ what: 'upload', details: `at most ${MAX_FILES} files` })
  const seen = new Set<string>()
  return files.map((f) => {
    const name = checkFileName(f.name)
    if (seen.has(name)) throw new MalformedInputError({ what: 'upload', details: `two files named ${name}` })
    seen.add(name)
    if (f.bytes.length > MAX_FILE_BYTES) throw new MalformedInputError({ what: 'upload', details: `${name} is larger than ${MAX_FILE_BYTES} bytes` })
    const blobs = encodeBlobs(f.bytes)
    const txs: PlannedTx[] = []
    for (let i = 0; i < blobs.length; i += MAX_BLOBS_PER_TX) {
      const ids = blobs.slice(i, i + MAX_BLOBS_PER_TX).map((_, j) => i + j)
      txs.push({
        chunkIds: ids,
        lengths: ids.map((id) => Math.min(BLOB_CAPACITY, f.bytes.length - id * BLOB_CAPACITY)),
        blobs: blobs.slice(i, i + MAX_BLOBS_PER_TX),
      })
    }
    return { name, size: f.bytes.length, chunks: blobs.length, txs }
  })
}

/** What the upload needs from a wallet and the chain (the wallet layer in the app; a viem wallet in tests). */
export type UploadDeps = {
  /** Deploys a FlatDirectory owned by the wallet's account; resolves once mined, with its address. */
  deployDirectory(): Promise<{ hash: Hex; address: Hex }>
  /** KVStorage's upfrontPayment() per new key, wei. */
  upfrontPayment(): Promise<bigint>
  /** Sends a blob transaction; resolves with its hash once sent. */
  sendBlobTx(tx: { to: Hex; data: Hex; blobs: Hex[]; value: bigint }): Promise<Hex>
  /** Sends a plain transaction; resolves with its hash. */
  sendTx(tx: { to: Hex; data: Hex }): Promise<Hex>
  /** Resolves once mined successfully; throws on a revert. */
  waitForReceipt(hash: Hex): Promise<void>
}

export type UploadEvent =
  | { kind: 'deploy'; status: 'asking' | 'sent' | 'mined'; hash?: Hex; address?: Hex }
  | { kind: 'tx'; file: number; tx: number; status: 'asking' | 'sent' | 'mined'; hash?: Hex; blobs: number }
  | { kind: 'default'; status: 'asking' | 'sent' | 'mined'; hash?: Hex }
  | { kind: 'done'; directory: Hex; url: string }

/**
 * Uploads a site: deploys a FlatDirectory, then for each file each planned blob transaction
 * (`writeChunksByBlobs(name, chunkIds, lengths)` paying `upfrontPayment() × blobs`), one after the other, each
 * mined before the next is asked for; `setDefault` when the site has no index.html but one HTML file.
 * Reports every step through `onEvent`. A refused request (UserRejectedError) stops the upload: what was mined
 * before stays, nothing after is sent.
 * @returns The directory and the site's web3:// URL (`web3://<directory>:<chainId>/`).
 */
export async function runUpload(plan: PlannedFile[], deps: UploadDeps, chainId: number, onEvent: (e: UploadEvent) => void) {
  onEvent({ kind: 'deploy', status: 'asking' })
  const { hash, address } = await deps.deployDirectory()
  onEvent({ kind: 'deploy', status: 'mined', hash, address })
  const fee = await deps.upfrontPayment()
  for (const [fi, file] of plan.entries()) {
    for (const [ti, tx] of file.txs.entries()) {
      onEvent({ kind: 'tx', file: fi, tx: ti, status: 'asking', blobs: tx.blobs.length })
      const data = encodeFunctionData({
        abi: FLAT_DIRECTORY_WRITE_ABI,
        functionName: 'writeChunksByBlobs',
        args: [bytesToHex(new TextEncoder().encode(file.name)), tx.chunkIds.map(BigInt), tx.lengths.map(BigInt)],
      })
      const h = await deps.sendBlobTx({ to: address, data, blobs: tx.blobs.map((b) => bytesToHex(b)), value: fee * BigInt(tx.blobs.length) })
      onEvent({ kind: 'tx', file: fi, tx: ti, status: 'sent', hash: h, blobs: tx.blobs.length })
      await deps.waitForReceipt(h)
      onEvent({ kind: 'tx', file: fi, tx: ti, status: 'mined', hash: h, blobs: tx.blobs.length })
    }
  }
  const html = plan.filter((f) => f.name.endsWith('.html'))
  if (!plan.some((f) => f.name === 'index.html') && html.length === 1) {
    onEvent({ kind: 'default', status: 'asking' })
    const data = encodeFunctionData({
      abi: FLAT_DIRECTORY_WRITE_ABI,
      functionName: 'setDefault',
      args: [bytesToHex(new TextEncoder().encode(html[0]?.name ?? ''))],
    })
    const h = await deps.sendTx({ to: address, data })
    await deps.waitForReceipt(h)
    onEvent({ kind: 'default', status: 'mined', hash: h })
  }
  const url = `web3://${address}:${chainId}/`
  onEvent({ kind: 'done', directory: address, url })
  return { directory: address, url }
}
