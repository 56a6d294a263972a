import { createPublicClient, type Hex, http } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAnvil } from '../devnet/anvil.ts'
import { deployReceiptVerifier } from '../devnet/deployVerifier.ts'
import { ZkvmReceiptVerifier } from '../src/contracts/artifacts.generated.ts'
import { fibonacci } from '../src/prover/vm/programs/fibonacci.ts'
import { proveReceipt, type Receipt } from '../src/prover/zkvm/receipt.ts'
import { encodeReceiptForEvm, journalDigest } from '../src/prover/zkvm/receiptEvm.ts'

const DEV: Hex = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
let anvil: Awaited<ReturnType<typeof startAnvil>>
let verifier: Hex
let pub: ReturnType<typeof createPublicClient>
let fib1: Receipt

beforeAll(async () => {
  anvil = await startAnvil({ port: 28971, blockTimeSec: 0, gasLimit: 200_000_000n })
  pub = createPublicClient({ transport: http(anvil.url, { timeout: 120_000 }) })
  verifier = await deployReceiptVerifier(anvil.url, DEV)
  fib1 = await proveReceipt(fibonacci, [10], 10)
}, 300_000)
afterAll(async () => {
  await anvil?.stop()
})

describe('ZkvmReceiptVerifier', () => {
  it('accepts a real one-segment receipt', async () => {
    const data = encodeReceiptForEvm(fib1)
    const claim = await pub.readContract({ address: verifier, abi: ZkvmReceiptVerifier.abi, functionName: 'verify', args: [data] })
    expect(claim.imageId).toBe(fib1.imageId)
    expect(claim.journalDigest).toBe(journalDigest(fib1.journal))
    const gas = await pub.estimateGas({
      to: verifier,
      data: (await import('viem')).encodeFunctionData({ abi: ZkvmReceiptVerifier.abi, functionName: 'verify', args: [data] }),
    })
    console.log('gas', gas, 'bytes', (data.length - 2) / 2)
  }, 300_000)
})
