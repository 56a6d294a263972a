import { type Common, createCustomCommon, Hardfork, Holesky, Hoodi, Mainnet, Sepolia } from '@ethereumjs/common'
import type { KZG } from '@ethereumjs/util'
import { UnsupportedCallChainError } from '../../errors/call.ts'

/** The devnet's execution chain id (devnet/anvil.ts DEVNET_CHAIN_ID) and the hardfork its anvil runs (`--hardfork cancun`). */
export const DEVNET_EXECUTION_CHAIN_ID = 31337n
export const DEVNET_HARDFORK = Hardfork.Cancun

/** Public chains whose fork schedule @ethereumjs/common 10.1.3 carries (Osaka and the BPO forks included). */
const SCHEDULES = new Map([
  [1n, Mainnet],
  [11155111n, Sepolia],
  [17000n, Holesky],
  [560048n, Hoodi],
])

/**
 * The EVM rules a verified call runs under, chosen from the verified block: on a public chain the fork its
 * schedule activates at the block's number and timestamp (so a CLZ or P256VERIFY call on an Osaka block runs
 * as the chain ran it); on the devnet, the fork its anvil runs. `kzg` (hex-string API, e.g. micro-eth-signer's
 * KZG) backs the point-evaluation precompile 0x0a.
 * @param chainId - The execution chain id the light client follows (CHAINID).
 * @throws {UnsupportedCallChainError} For a chain whose fork schedule Lightbus does not know: its rules would be a guess.
 */
export function callCommon(chainId: bigint | undefined, blockNumber: bigint, timestamp: bigint, kzg?: KZG): Common {
  const customCrypto = kzg ? { kzg } : {}
  if (chainId === DEVNET_EXECUTION_CHAIN_ID) return createCustomCommon({ chainId: Number(chainId) }, Mainnet, { hardfork: DEVNET_HARDFORK, customCrypto })
  const schedule = chainId === undefined ? undefined : SCHEDULES.get(chainId)
  if (!schedule) throw new UnsupportedCallChainError({ chainId: chainId === undefined ? 'none' : String(chainId) })
  const common = createCustomCommon({}, schedule, { customCrypto })
  common.setHardforkBy({ blockNumber, timestamp })
  return common
}
