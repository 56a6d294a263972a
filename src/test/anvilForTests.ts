import { createRequire } from 'node:module'
import type { Abi, Hex } from 'viem'
import { startAnvil } from '../../devnet/anvil.ts'

/** anvil on an ephemeral port it binds itself (port 0), mining on every transaction. */
export async function startTestAnvil() {
  return startAnvil({ port: 0, blockTimeSec: 0 })
}

/** Compiles Solidity sources with solc-js (offline; cancun). @returns ABI and creation bytecode per contract name. */
export function compileSolidity(sources: Record<string, string>): Record<string, { abi: Abi; bytecode: Hex }> {
  const require = createRequire(import.meta.url)
  const solc = require('solc') as { compile(input: string): string }
  const input = {
    language: 'Solidity',
    sources: Object.fromEntries(Object.entries(sources).map(([k, v]) => [k, { content: v }])),
    settings: { optimizer: { enabled: true, runs: 200 }, evmVersion: 'cancun', outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } } },
  }
  const out = JSON.parse(solc.compile(JSON.stringify(input))) as {
    errors?: { severity: string; formattedMessage: string }[]
    contracts: Record<string, Record<string, { abi: Abi; evm: { bytecode: { object: string } } }>>
  }
  const errors = (out.errors ?? []).filter((e) => e.severity === 'error')
  if (errors.length) throw new Error(errors.map((e) => e.formattedMessage).join('\n'))
  const result: Record<string, { abi: Abi; bytecode: Hex }> = {}
  for (const file of Object.values(out.contracts)) {
    for (const [name, c] of Object.entries(file)) result[name] = { abi: c.abi, bytecode: `0x${c.evm.bytecode.object}` }
  }
  return result
}
