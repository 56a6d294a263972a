// The on-chain receipt verifier half of `npm run bench` (docs/zkvm-evm.md "Gas"), in its own process; prints one JSON line.
// Usage: node --import tsx bench/evmVerifyMain.ts
// A fresh anvil, the verifier deployed (devnet/deployVerifier.ts), real Fibonacci receipts proven here (1, 2 and 4 segments
// of 2^10 rows, 1 of 2^12), and eth_estimateGas of ZkvmReceiptVerifier.verify on each. Gas is deterministic: one run each.
import { createPublicClient, encodeFunctionData, http } from 'viem'
import { startAnvil } from '../devnet/anvil.ts'
import { deployReceiptVerifier } from '../devnet/deployVerifier.ts'
import { DEV_ACCOUNT } from '../devnet/run.ts'
import { receiptVerifierAbi } from '../src/contracts/receiptVerifierAbi.ts'
import { fibonacci } from '../src/prover/vm/programs/fibonacci.ts'
import { proveReceipt } from '../src/prover/zkvm/receipt.ts'
import { encodeReceiptForEvm } from '../src/prover/zkvm/receiptEvm.ts'

const anvil = await startAnvil({ port: 0, blockTimeSec: 0 })
try {
  const verifier = await deployReceiptVerifier(anvil.url, DEV_ACCOUNT)
  const pub = createPublicClient({ transport: http(anvil.url, { timeout: 300_000 }) })
  const rows = []
  // fibonacci(n) runs 6n + 6 cycles: n = 10 → 1 segment of 2^10, 200 → 2, 520 → 4; n = 200 at 2^12 → 1 segment.
  for (const [n, po2] of [
    [10, 10],
    [200, 10],
    [520, 10],
    [200, 12],
  ] as const) {
    const receipt = await proveReceipt(fibonacci, [n], po2)
    const data = encodeReceiptForEvm(receipt)
    const bytes = (data.length - 2) / 2
    const gas = await pub.estimateGas({ to: verifier, data: encodeFunctionData({ abi: receiptVerifierAbi, functionName: 'verify', args: [data] }) })
    rows.push({ segments: receipt.segments.length, po2, bytes, gas: Number(gas), calldataOnly: 16 * bytes })
  }
  console.log(JSON.stringify({ rows }))
} finally {
  await anvil.stop()
}
