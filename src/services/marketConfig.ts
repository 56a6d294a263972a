import type { Hex } from 'viem'
import type { NetworkConfig } from '../net/networkConfig.ts'

/** The proof market of a network (config.json `market`): contract addresses (20 bytes), the devnet provers' ask (wei). */
export type MarketConfig = { proofMarket: Hex; serviceRegistry: Hex; proverAskWei: bigint; coordinatorHttpUrl?: string }

const isAddress = (x: unknown): x is Hex => typeof x === 'string' && /^0x[0-9a-fA-F]{40}$/.test(x)

/** The network's market config, or null when it has none (the Services page then says so). */
export function marketConfigOf(network: NetworkConfig): MarketConfig | null {
  const m = (network as { market?: { proofMarket?: unknown; serviceRegistry?: unknown; proverAskWei?: unknown; coordinatorHttpUrl?: unknown } | null }).market
  if (!m || !isAddress(m.proofMarket) || !isAddress(m.serviceRegistry)) return null
  const ask =
    typeof m.proverAskWei === 'string' || typeof m.proverAskWei === 'number' || typeof m.proverAskWei === 'bigint' ? BigInt(m.proverAskWei) : 10n ** 14n
  return {
    proofMarket: m.proofMarket,
    serviceRegistry: m.serviceRegistry,
    proverAskWei: ask,
    ...(typeof m.coordinatorHttpUrl === 'string' ? { coordinatorHttpUrl: m.coordinatorHttpUrl } : {}),
  }
}
