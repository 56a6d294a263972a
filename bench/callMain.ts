// The verified eth_call half of `npm run bench` (docs/verified-call.md), in its own process; prints one JSON line.
// Usage: node --import tsx bench/callMain.ts [ROUNDS]
// On a fresh anvil with the devnet contracts: a plain eth_call, a verified call cold (empty proof cache: access
// list, proofs, code, EVM) and warm (same call again, proofs and code from the per-state-root cache).
import { encodeFunctionData, type Hex, parseAbi } from 'viem'
import { startAnvil } from '../devnet/anvil.ts'
import { DEV_ACCOUNT, deployContracts, PROOF_MARKET_CONTRACT } from '../devnet/run.ts'
import { createRpcCallStateSource, fetchCallBlock } from '../src/net/callStateRpc.ts'
import { rpcRequest } from '../src/net/executionRpc.ts'
import { createCallProofCache } from '../src/verify/call/cache.ts'
import { verifiedCall } from '../src/verify/call/verifiedCall.ts'

const rounds = Number(process.argv[2] ?? 20)
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number
const anvil = await startAnvil({ port: 0, blockTimeSec: 0 })
try {
  await deployContracts(anvil.url)
  const abi = parseAbi(['function balanceOf(address) view returns (uint256)'])
  const req = { to: PROOF_MARKET_CONTRACT as Hex, data: encodeFunctionData({ abi, functionName: 'balanceOf', args: [DEV_ACCOUNT] }) }
  const latest = (await rpcRequest(anvil.url, 'eth_getBlockByNumber', ['latest', false])) as { hash: Hex }
  const block = await fetchCallBlock(anvil.url, latest.hash, 31337n)
  const tag = `0x${block.number.toString(16)}`
  const source = createRpcCallStateSource(anvil.url)
  const time = async (f: () => Promise<unknown>) => {
    const t0 = performance.now()
    await f()
    return performance.now() - t0
  }
  // one untimed warm-up of each path (module JIT, anvil caches)
  await rpcRequest(anvil.url, 'eth_call', [req, tag])
  await verifiedCall(source, req, block)
  const plain: number[] = []
  const cold: number[] = []
  const warm: number[] = []
  for (let i = 0; i < rounds; i++) {
    plain.push(await time(() => rpcRequest(anvil.url, 'eth_call', [req, tag])))
    const cache = createCallProofCache()
    cold.push(await time(() => verifiedCall(source, req, block, { cache })))
    warm.push(await time(() => verifiedCall(source, req, block, { cache })))
  }
  console.log(JSON.stringify({ rounds, call: 'ProofMarket.balanceOf(dev)', plainMs: median(plain), coldMs: median(cold), warmMs: median(warm) }))
} finally {
  await anvil.stop()
}
