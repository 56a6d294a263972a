import { type ReactNode, useEffect } from 'react'
import { WagmiContext } from 'wagmi'
import { reconnect } from 'wagmi/actions'
import { useNetwork } from '../app/useNetwork.ts'
import type { NetworkConfig } from '../net/networkConfig.ts'
import { walletConfigFor } from './config.ts'

/** Configs whose stored connection was already restored (once per page, not per island or render). */
const reconnected = new WeakSet<object>()

/**
 * A wagmi island: the wagmi context with the one cached config of the network (src/wallet/config.ts), under the
 * app's QueryClientProvider (so wagmi shares the app's TanStack QueryClient). The header button, the storage upload
 * panel and job submission each mount one; they share the config, hence the connection. Lazily loaded: only
 * modules that import this file pull wagmi in.
 *
 * Not `WagmiProvider`: its Hydrate runs on every render (`ssr: false`) and either reconnects again or, with
 * `reconnectOnMount={false}`, clears the connections; several islands would fight. This restores the stored
 * connection once per config instead (wagmi's `reconnect`).
 */
export function WalletScope({ children, network }: { children: ReactNode; network?: NetworkConfig }) {
  const { network: current } = useNetwork()
  const n = network ?? current
  const config = n ? walletConfigFor(n) : null
  useEffect(() => {
    if (!config || reconnected.has(config)) return
    reconnected.add(config)
    void reconnect(config).catch(() => {})
  }, [config])
  if (!config) return null
  return <WagmiContext.Provider value={config}>{children}</WagmiContext.Provider>
}
