import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ChainName } from '../src/consensus/chainConfig.ts'
import { isChainName } from '../src/consensus/chainName.ts'
import { UsageError } from './usage.ts'

const here = dirname(fileURLToPath(import.meta.url))

/** Resolves `--network`: a chain name, or a network id of public/config.json. @throws {UsageError} */
export function resolveChain(network: string | undefined): ChainName {
  const n = network ?? 'mainnet'
  if (isChainName(n)) return n
  try {
    const config = JSON.parse(readFileSync(join(here, '../public/config.json'), 'utf8')) as { networks: { id: string; chain: string }[] }
    const found = config.networks.find((x) => x.id === n)
    if (found && isChainName(found.chain)) return found.chain
  } catch {
    // fall through to the usage error
  }
  throw new UsageError(`unknown --network ${n.slice(0, 80)}`)
}
