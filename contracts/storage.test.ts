import {
  bytesToHex,
  decodeAbiParameters,
  decodeErrorResult,
  encodeAbiParameters,
  encodeFunctionData,
  getAddress,
  type Hex,
  hexToBytes,
  hexToString,
  keccak256,
  parseEther,
  parseEventLogs,
  stringToHex,
  toHex,
  type BaseError as ViemError,
} from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BLOB_CAPACITY, encodeBlobPadded31, versionedHashOf, viemKzg } from '../devnet/storage/kzg.ts'
import { FlatDirectory, KVStorage } from '../src/contracts/artifacts.generated.ts'
import { type Chain, devAccount, revertName, startChain } from './testkit.ts'

// anvil's dev accounts 0 and 1.
const client = devAccount(0)
const prover = devAccount(1)

let chain: Chain
let pub: Chain['pub']
let kv: Hex
const wallet = (account: typeof client) => chain.wallet(account)
const deploy = (artifact: { abi: readonly unknown[]; bytecode: Hex }, args: readonly unknown[] = []) => chain.deploy(artifact, args)

beforeAll(async () => {
  chain = await startChain()
  pub = chain.pub
  kv = await deploy(KVStorage, [client.address])
}, 30_000)
afterAll(() => chain.stop())

describe('KVStorage (EthStorage API, mended)', () => {
  const FEE = parseEther('0.001')
  const key = (n: number) => `0x${n.toString(16).padStart(64, '0')}` as Hex
  const kvRead = (functionName: string, args: unknown[] = [], account = client) =>
    pub.readContract({ address: kv, abi: KVStorage.abi, functionName: functionName as never, args: args as never, account }) as Promise<never>
  /** A blob transaction to `to` calling `data`, its blobs the PaddingPer31Bytes encodings of `contents`. */
  const sendBlobs = async (contents: Uint8Array[], to: Hex, data: Hex, value = 0n, account = client) => {
    const hash = await wallet(account).sendTransaction({
      to,
      data,
      value,
      blobs: contents.map(encodeBlobPadded31),
      kzg: await viemKzg(),
      maxFeePerBlobGas: parseEther('0.00001'),
      gas: 2_000_000n,
    })
    return pub.waitForTransactionReceipt({ hash })
  }
  const put = (k: Hex, length: bigint, value: bigint, content = stringToHex('hello, world supercomputer'), account = client) =>
    sendBlobs([hexToBytes(content)], kv, encodeFunctionData({ abi: KVStorage.abi, functionName: 'putBlob', args: [k, 0n, length] }), value, account)
  /** The revert name of the same blob call, simulated by eth_call with the blobs' versioned hashes (what blobhash() sees). */
  const putRevert = async (k: Hex, length: bigint, value: bigint, content = stringToHex('hello, world supercomputer')) => {
    const blob = encodeBlobPadded31(hexToBytes(content))
    const kzg = await viemKzg()
    const commitment = bytesToHex(kzg.blobToKzgCommitment(blob))
    try {
      // Raw request: viem's call() drops blobVersionedHashes from eth_call.
      await pub.request({
        method: 'eth_call',
        params: [
          {
            from: client.address,
            to: kv,
            value: toHex(value),
            data: encodeFunctionData({ abi: KVStorage.abi, functionName: 'putBlob', args: [k, 0n, length] }),
            blobVersionedHashes: [versionedHashOf(commitment)],
            maxFeePerBlobGas: toHex(parseEther('0.00001')),
            type: '0x3',
          } as never,
          'latest',
        ],
      })
      return 'no revert'
    } catch (e) {
      const raw = (e as ViemError).walk((x) => typeof (x as { data?: unknown }).data === 'string') as { data?: Hex } | null
      return raw?.data ? decodeErrorResult({ abi: KVStorage.abi, data: raw.data }).errorName : 'unknown revert'
    }
  }
  const kvWrite = (functionName: string, args: unknown[], account = client, value?: bigint) =>
    wallet(account)
      .writeContract({ address: kv, abi: KVStorage.abi, functionName: functionName as never, args: args as never, ...(value ? { value } : {}) })
      .then((hash) => pub.waitForTransactionReceipt({ hash }))

  it('putBlob charges upfrontPayment() for a new key, records size, hash, kvIdx ↔ key, and emits PutBlob with owner and key', async () => {
    expect(await kvRead('upfrontPayment')).toBe(FEE)
    expect(await kvRead('MAX_KV_SIZE')).toBe(BigInt(BLOB_CAPACITY))
    const before = await kvRead('kvEntryCount')
    const receipt = await put(key(1), 26n, FEE)
    expect(receipt.status).toBe('success')
    const [log] = parseEventLogs({ abi: KVStorage.abi, logs: receipt.logs, eventName: 'PutBlob' })
    expect(log?.args).toMatchObject({ kvIdx: before, owner: client.address, key: key(1), size: 26n })
    const tx = await pub.getTransaction({ hash: receipt.transactionHash })
    const hash24 = String(tx.blobVersionedHashes?.[0]).slice(0, 50)
    expect(log?.args.hash).toBe(hash24)
    expect(await kvRead('size', [key(1)])).toBe(26n)
    expect(await kvRead('hash', [key(1)])).toBe(hash24)
    expect(await kvRead('exist', [key(1)])).toBe(true)
    expect(await kvRead('exist', [key(1)], prover)).toBe(false) // namespaced by msg.sender
    expect(await kvRead('keyOf', [before])).toBe(keccak256(encodeAbiParameters([{ type: 'address' }, { type: 'bytes32' }], [client.address, key(1)])))
    const [meta] = (await kvRead('getKvMetas', [[before]])) as Hex[]
    expect(BigInt(meta as Hex)).toBe((before << 216n) | (26n << 192n) | BigInt(hash24))
    expect(await kvRead('feesCollected')).toBe(FEE)
    expect(await pub.getBalance({ address: kv })).toBe(FEE)
  }, 60_000)

  it('refuses a wrong payment: none or too much for a new key, any value for an overwrite (no ETH gets stuck)', async () => {
    expect(await putRevert(key(2), 10n, 0n)).toBe('WrongPayment')
    expect(await putRevert(key(2), 10n, FEE * 2n)).toBe('WrongPayment')
    expect(await putRevert(key(2), 10n, FEE)).toBe('no revert')
    expect(await putRevert(key(1), 10n, FEE)).toBe('WrongPayment') // key(1) exists: an overwrite is free
    expect(await putRevert(key(1), 10n, 0n)).toBe('no revert')
    // and on chain: the transaction reverts, the key stays absent
    expect((await put(key(2), 10n, 0n)).status).toBe('reverted')
    expect(await kvRead('exist', [key(2)])).toBe(false)
  }, 60_000)

  it('size 0 and sizes over the PaddingPer31Bytes capacity revert', async () => {
    expect(await putRevert(key(3), 0n, FEE)).toBe('ZeroSize')
    expect(await putRevert(key(3), BigInt(BLOB_CAPACITY) + 1n, FEE)).toBe('TooLarge')
    expect(await putRevert(key(3), BigInt(BLOB_CAPACITY), FEE)).toBe('no revert')
    expect((await put(key(3), 0n, FEE)).status).toBe('reverted')
    expect(await kvRead('exist', [key(3)])).toBe(false)
  }, 60_000)

  it('an overwrite keeps the kvIdx and emits OverwriteBlob with what it replaced', async () => {
    const [old] = (await kvRead('metaOf', [client.address, key(1)])) as [bigint, bigint, Hex]
    const oldHash = await kvRead('hash', [key(1)])
    const receipt = await put(key(1), 5n, 0n, stringToHex('other'))
    expect(receipt.status).toBe('success')
    const [over] = parseEventLogs({ abi: KVStorage.abi, logs: receipt.logs, eventName: 'OverwriteBlob' })
    expect(over?.args).toMatchObject({ kvIdx: old, owner: client.address, key: key(1), previousSize: 26n, previousHash: oldHash })
    expect(await kvRead('size', [key(1)])).toBe(5n)
    expect(await kvRead('hash', [key(1)])).not.toBe(oldHash)
  }, 60_000)

  it('only the treasury withdraws the collected fees, and receives exactly them', async () => {
    expect(await revertName(kvWrite('withdrawFees', [], prover))).toBe('NotTreasury')
    const fees = (await kvRead('feesCollected')) as bigint
    expect(fees).toBeGreaterThan(0n)
    const before = await pub.getBalance({ address: client.address })
    const receipt = await kvWrite('withdrawFees', [])
    const cost = receipt.gasUsed * receipt.effectiveGasPrice
    expect(await pub.getBalance({ address: client.address })).toBe(before + fees - cost)
    expect(await kvRead('feesCollected')).toBe(0n)
    expect(await pub.getBalance({ address: kv })).toBe(0n)
  }, 60_000)

  it('get reverts GetMustBeCalledOnESNode on a plain node; remove clears the entry and its kvIdx', async () => {
    expect(await revertName(pub.readContract({ address: kv, abi: KVStorage.abi, functionName: 'get', args: [key(1), 1, 0n, 5n], account: client }))).toBe(
      'GetMustBeCalledOnESNode',
    )
    const [idx] = (await kvRead('metaOf', [client.address, key(1)])) as [bigint]
    const receipt = await kvWrite('remove', [key(1)])
    expect(parseEventLogs({ abi: KVStorage.abi, logs: receipt.logs, eventName: 'RemoveBlob' })[0]?.args).toMatchObject({ kvIdx: idx, key: key(1) })
    expect(await kvRead('exist', [key(1)])).toBe(false)
    expect(await kvRead('keyOf', [idx])).toBe(`0x${'00'.repeat(32)}`)
    expect(await kvRead('getKvMetas', [[idx]])).toEqual([`0x${'00'.repeat(32)}`])
    expect(await revertName(kvWrite('remove', [key(1)]))).toBe('NotFound')
  }, 60_000)

  it('putBlob outside a blob transaction reverts with NoBlob and stores nothing', async () => {
    expect(await revertName(kvWrite('putBlob', [key(9), 0n, 100n], client, FEE))).toBe('NoBlob')
    expect(await kvRead('exist', [key(9)])).toBe(false)
  })

  describe('FlatDirectory (ERC-5018 style)', () => {
    let dir: Hex
    const name = stringToHex('index.html')
    const dirWrite = (functionName: string, args: unknown[], account = client) =>
      wallet(account)
        .writeContract({ address: dir, abi: FlatDirectory.abi, functionName: functionName as never, args: args as never })
        .then((hash) => pub.waitForTransactionReceipt({ hash }))
    const dirRead = (functionName: string, args: unknown[] = []) =>
      pub.readContract({ address: dir, abi: FlatDirectory.abi, functionName: functionName as never, args: args as never }) as Promise<never>
    /** A web3:// manual-mode request: calldata = the path, answer = abi.encode(bytes). */
    const web3Get = async (path: string) => {
      const { data } = await pub.call({ to: dir, data: stringToHex(path) })
      return hexToString(decodeAbiParameters([{ type: 'bytes' }], data as Hex)[0])
    }
    beforeAll(async () => {
      dir = await deploy(FlatDirectory, [kv])
    })

    it('owner writes calldata chunks; the fallback serves them by path, "/" as the default file', async () => {
      expect(hexToString(await dirRead('resolveMode'), { size: 32 })).toBe('manual')
      await dirWrite('writeChunk', [name, 0n, stringToHex('<h1>hello ')])
      await dirWrite('writeChunk', [name, 1n, stringToHex('world</h1>')])
      await dirWrite('writeChunk', [stringToHex('a/b.txt'), 0n, stringToHex('text')])
      expect(await web3Get('/')).toBe('<h1>hello world</h1>')
      expect(await web3Get('/index.html')).toBe('<h1>hello world</h1>')
      expect(await web3Get('/a/b.txt')).toBe('text')
      expect(await web3Get('/missing')).toBe('')
      expect(await dirRead('countChunks', [name])).toBe(2n)
      expect(await dirRead('size', [name])).toEqual([20n, 2n])
      expect(await dirRead('readChunk', [name, 1n])).toEqual([stringToHex('world</h1>'), true])
      expect(await dirRead('getChunkHash', [name, 0n])).toBe(keccak256(stringToHex('<h1>hello ')))
      await dirWrite('writeChunk', [name, 1n, stringToHex('there</h1>')]) // replace
      expect(await web3Get('/')).toBe('<h1>hello there</h1>')
    })

    it('refuses writes from others, gaps in chunk ids, and mixing calldata and blob chunks', async () => {
      expect(await revertName(dirWrite('writeChunk', [name, 2n, '0x00'], prover))).toBe('NotOwner')
      expect(await revertName(dirWrite('writeChunk', [name, 5n, '0x00']))).toBe('ChunkOutOfRange')
      expect(await revertName(dirWrite('setDefault', [stringToHex('x')], prover))).toBe('NotOwner')
    })

    it('writeChunksByBlobs: one transaction, several blobs, one chunk each, fees for each new key', async () => {
      const file = stringToHex('two.bin')
      const chunks = [new Uint8Array(40_000).fill(1), new Uint8Array(300).fill(2)]
      const call = (value: bigint) =>
        sendBlobs(
          chunks,
          dir,
          encodeFunctionData({ abi: FlatDirectory.abi, functionName: 'writeChunksByBlobs', args: [file, [0n, 1n], [40_000n, 300n]] }),
          value,
        )
      expect((await call(FEE)).status).toBe('reverted') // two new keys cost two fees
      const receipt = await call(FEE * 2n)
      expect(receipt.status).toBe('success')
      const tx = await pub.getTransaction({ hash: receipt.transactionHash })
      const puts = parseEventLogs({ abi: KVStorage.abi, logs: receipt.logs, eventName: 'PutBlob' })
      expect(puts.map((l) => l.args.hash)).toEqual(tx.blobVersionedHashes?.map((h) => h.slice(0, 50)))
      expect(await dirRead('countChunks', [file])).toBe(2n)
      expect(await dirRead('size', [file])).toEqual([40_300n, 2n])
      const metas = await Promise.all([0n, 1n].map((i) => dirRead('getChunkMeta', [file, i]) as Promise<[number, bigint, Hex, bigint, Hex]>))
      expect(metas.map((m) => [m[1], m[4]])).toEqual([
        [40_000n, puts[0]?.args.hash],
        [300n, puts[1]?.args.hash],
      ])
    }, 60_000)

    it('blob chunks: KV entries under the directory, metadata readable, bytes only on an ES node', async () => {
      const file = stringToHex('big.bin')
      const content = new Uint8Array(1000).map((_, i) => i % 251)
      const data = encodeFunctionData({ abi: FlatDirectory.abi, functionName: 'writeChunkByBlob', args: [file, 0n, 1000n] })
      const receipt = await sendBlobs([content], dir, data, FEE)
      expect(receipt.status).toBe('success')
      const [put] = parseEventLogs({ abi: KVStorage.abi, logs: receipt.logs, eventName: 'PutBlob' })
      const [written] = parseEventLogs({ abi: FlatDirectory.abi, logs: receipt.logs, eventName: 'ChunkWritten' })
      expect(written?.args).toMatchObject({ nameHash: keccak256(file), chunkId: 0n, mode: 2, size: 1000n })
      const kvKey = await dirRead('chunkKey', [file, 0n])
      expect(put?.args).toMatchObject({ owner: getAddress(dir), key: kvKey, size: 1000n })
      const tx = await pub.getTransaction({ hash: receipt.transactionHash })
      const [mode, chunkSize, metaKey, kvIdx, blobHash] = (await dirRead('getChunkMeta', [file, 0n])) as [number, bigint, Hex, bigint, Hex]
      expect([mode, chunkSize, metaKey, kvIdx, blobHash]).toEqual([2, 1000n, kvKey, put?.args.kvIdx, String(tx.blobVersionedHashes?.[0]).slice(0, 50)])
      expect(await dirRead('getChunkHash', [file, 0n])).toBe(`${blobHash}${'00'.repeat(8)}`)
      expect(await dirRead('countChunks', [file])).toBe(1n)
      expect(await dirRead('size', [file])).toEqual([1000n, 1n])
      expect(await revertName(pub.readContract({ address: dir, abi: FlatDirectory.abi, functionName: 'readChunk', args: [file, 0n] }))).toBe(
        'GetMustBeCalledOnESNode',
      )
      expect(await revertName(dirWrite('writeChunk', [file, 1n, '0x00']))).toBe('ModeMismatch')
      // remove deletes the KV entry too
      await dirWrite('remove', [file])
      expect(await dirRead('countChunks', [file])).toBe(0n)
      expect(await kvRead('existOf', [dir, kvKey])).toBe(false)
    }, 60_000)
  })
})
