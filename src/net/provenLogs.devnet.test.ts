import { createPublicClient, createWalletClient, type Hex, http, toEventSelector } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type LieMode, startLyingRpc } from '../../devnet/lyingRpc.ts'
import { fibonacci } from '../prover/vm/programs/fibonacci.ts'
import { proveReceipt } from '../prover/zkvm/receipt.ts'
import { decodeReceiptFromEvm, encodeReceiptForEvm, journalDigest } from '../prover/zkvm/receiptEvm.ts'
import { verifyReceipt } from '../prover/zkvm/verifyReceipt.ts'
import { compileSolidity, startTestAnvil } from '../test/anvilForTests.ts'
import { clearHeaderCache } from './headerChain.ts'
import { checkFulfilmentClaim, fetchMarketFulfilments } from './marketResults.ts'
import { clearReceiptsCache, fetchProvenLogs, proveLogsByBlock } from './provenLogs.ts'

// The ProofMarket's fulfilment events (docs/verified-results.md), emitted by a stand-in contract.
const SOURCE = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
contract Emitter {
  event RequestFulfilled(uint256 indexed requestId, address indexed prover, bytes32 indexed requestDigest, bytes32 imageId, bytes32 inputDigest, bytes32 journalDigest);
  event ProofDelivered(uint256 indexed requestId, address indexed prover, bytes receipt);
  event Other(uint256 x);
  function fulfil(uint256 id, bytes calldata receipt) external {
    emit Other(id);
    emit RequestFulfilled(id, msg.sender, keccak256(receipt), bytes32(id), keccak256(abi.encode(id)), keccak256(receipt));
    emit ProofDelivered(id, msg.sender, receipt);
  }
  function other(uint256 x) external { emit Other(x); }
  function deliver(uint256 id, bytes32 imageId, bytes32 inputDigest, bytes32 journalDigest, bytes calldata receipt) external {
    emit RequestFulfilled(id, msg.sender, keccak256(receipt), imageId, inputDigest, journalDigest);
    emit ProofDelivered(id, msg.sender, receipt);
  }
}`
const DELIVERED = toEventSelector('ProofDelivered(uint256,address,bytes)')
const FULFILLED = toEventSelector('RequestFulfilled(uint256,address,bytes32,bytes32,bytes32,bytes32)')
const dev = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80')

let anvil: Awaited<ReturnType<typeof startTestAnvil>>
let proxy: Awaited<ReturnType<typeof startLyingRpc>>
let emitter: Hex
let fromBlock: number
let head: { blockNumber: number; blockHash: Hex }

beforeAll(async () => {
  anvil = await startTestAnvil()
  proxy = await startLyingRpc({ upstream: anvil.url, topic0: DELIVERED })
  const pub = createPublicClient({ chain: foundry, transport: http(anvil.url) })
  const wallet = createWalletClient({ account: dev, chain: foundry, transport: http(anvil.url) })
  const { abi, bytecode } = compileSolidity({ 'Emitter.sol': SOURCE }).Emitter as { abi: any; bytecode: Hex }
  const deployed = await pub.waitForTransactionReceipt({ hash: await wallet.deployContract({ abi, bytecode }) })
  emitter = deployed.contractAddress as Hex
  fromBlock = Number(deployed.blockNumber)
  for (const [fn, args] of [
    ['fulfil', [1n, '0x0102030405']],
    ['other', [7n]],
    ['fulfil', [2n, `0x${'ab'.repeat(300)}`]],
  ] as const) {
    await pub.waitForTransactionReceipt({ hash: await wallet.writeContract({ address: emitter, abi, functionName: fn, args } as never) })
  }
  // A real zkVM receipt delivered as the ProofMarket delivers it (one 2^10 segment).
  const receipt = await proveReceipt(fibonacci, [20], 10)
  const claim = [receipt.imageId, receipt.inputDigest, journalDigest(receipt.journal)]
  await pub.waitForTransactionReceipt({
    hash: await wallet.writeContract({ address: emitter, abi, functionName: 'deliver', args: [3n, ...claim, encodeReceiptForEvm(receipt)] } as never),
  })
  await wallet.sendTransaction({ to: dev.address, value: 1n }).then((hash) => pub.waitForTransactionReceipt({ hash }))
  const latest = await pub.getBlock()
  head = { blockNumber: Number(latest.number), blockHash: latest.hash as Hex }
}, 120_000)
afterAll(async () => {
  await proxy?.close()
  await anvil?.stop()
})

const params = (rpcUrl: string) => ({ rpcUrl, verifiedHead: head, address: emitter, topics: [[FULFILLED, DELIVERED]], fromBlock })

describe('fetchProvenLogs (anvil; a lying JSON-RPC proxy in front of it)', () => {
  it('proves every fulfilment log against its block receipts root, chained to the verified block', async () => {
    clearHeaderCache()
    clearReceiptsCache()
    const logs = await fetchProvenLogs(params(anvil.url))
    expect(logs.map((l) => l.topics[0])).toEqual([FULFILLED, DELIVERED, FULFILLED, DELIVERED, FULFILLED, DELIVERED])
    expect(logs[1]?.data).toContain('0102030405')
    expect(logs[0]?.checks.map((c) => c.label)).toEqual([
      `Light-client verified execution block ${head.blockNumber}`,
      `Header chain to block ${logs[0]?.blockNumber}`,
      'Receipts root',
      'Log in the verified receipts',
    ])
    // The per-transaction fallback gives the same answer.
    proxy.setMode('no-block-receipts')
    expect(await fetchProvenLogs(params(proxy.url))).toEqual(logs)
  }, 60_000)

  it('market rows: pairs proven, the delivered receipt verifies and equals its RequestFulfilled claim', async () => {
    proxy.setMode('honest')
    const r = await fetchMarketFulfilments({ rpcUrl: proxy.url, market: emitter, verifiedHead: head })
    expect(r.rows.map((x) => [x.requestId, x.proof.status])).toEqual([
      [1n, 'proven'],
      [2n, 'proven'],
      [3n, 'proven'],
    ])
    const row = r.rows[2] as (typeof r.rows)[number]
    const v = verifyReceipt(decodeReceiptFromEvm(row.receipt as Hex))
    expect(() => checkFulfilmentClaim(row.id, row.claim, v)).not.toThrow()
    // Rows 1 and 2 claim digests of another receipt: refused.
    expect(() => checkFulfilmentClaim('x', r.rows[0]?.claim ?? null, v)).toThrow(expect.objectContaining({ code: 'FeedClaimMismatch' }))
    proxy.setMode('alter-log')
    const lied = await fetchMarketFulfilments({ rpcUrl: proxy.url, market: emitter, verifiedHead: head })
    expect(lied.rows.map((x) => (x.proof.status === 'failed' ? x.proof.error.code : 'proven'))).toEqual(['LogNotProven', 'proven', 'proven'])
  }, 60_000)

  const lies: [LieMode, string, string?][] = [
    ['drop-log', 'LogNotProven', 'omitted'],
    ['alter-log', 'LogNotProven', 'altered'],
    ['alter-receipts', 'ReceiptsRootMismatch'],
    ['alter-header', 'LogNotAnchored', 'contradiction'],
  ]
  it.each(lies)(
    'a proxy that lies (%s) is caught: %s',
    async (mode, code, reason) => {
      clearHeaderCache()
      clearReceiptsCache()
      proxy.setMode(mode)
      const error = await fetchProvenLogs(params(proxy.url)).catch((e) => e)
      expect(error).toMatchObject({ code, ...(reason ? { reason } : {}) })
      if (mode !== 'alter-header') {
        // Per block: eth_getLogs lies about the first delivery only (its block fails, the other stays proven);
        // the receipts lie alters the first delivery of every block served.
        const r = await proveLogsByBlock(params(proxy.url))
        expect(r.blocks.map((b) => b.status)).toEqual(mode === 'alter-receipts' ? ['failed', 'failed', 'failed'] : ['failed', 'proven', 'proven'])
      }
    },
    60_000,
  )

  it('refuses blocks out of reach of the verified head', async () => {
    proxy.setMode('honest')
    await expect(fetchProvenLogs({ ...params(proxy.url), maxBlocks: 1 })).rejects.toMatchObject({ code: 'LogNotAnchored', reason: 'out-of-reach' })
    await expect(fetchProvenLogs({ ...params(proxy.url), toBlock: head.blockNumber + 1 })).rejects.toMatchObject({
      code: 'LogNotAnchored',
      reason: 'out-of-reach',
    })
    await expect(fetchProvenLogs({ ...params(proxy.url), verifiedHead: { ...head, blockHash: `0x${'11'.repeat(32)}` } })).rejects.toMatchObject({
      code: 'LogNotAnchored',
      reason: 'contradiction',
    })
  }, 60_000)
})
