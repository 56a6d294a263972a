import type { ReactNode } from 'react'
import { WagmiProvider } from 'wagmi'
import { useNetwork } from '../app/useNetwork.ts'
import type { NetworkConfig } from '../net/networkConfig.ts'
import { walletConfigFor } from './config.ts'

/** Configs whose stored connection was already restored by one island (reconnect once per page, not per island). */
const reconnected = new WeakSet<object>()

/**
 * A wagmi island: WagmiProvider with the one cached config of the network (src/wallet/config.ts), under the app's
 * QueryClientProvider (so wagmi shares the app's TanStack QueryClient). The header button, the storage upload
 * panel and job submission each mount one; they share the config, hence the connection. Lazily loaded: only
 * modules that import this file pull wagmi in.
 */
export function WalletScope({ children, network }: { children: ReactNode; network?: NetworkConfig }) {
  const { network: current } = useNetwork()
  const n = network ?? current
  if (!n) return null
  const config = walletConfigFor(n)
  const first = !reconnected.has(config)
  reconnected.add(config)
  return (
    <WagmiProvider config={config} reconnectOnMount={first}>
      {children}
    </WagmiProvider>
  )
}
