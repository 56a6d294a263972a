import { type Hex, parseAbi } from 'viem'
import type { NetworkConfig } from '../../net/networkConfig.ts'

/** The devnet's ProofMarket (devnet/run.ts PROOF_MARKET_CONTRACT, nonce 1 of anvil's account 0). */
export const DEVNET_PROOF_MARKET: Hex = '0xe7f1725e7734ce288f8367e1bb143e90bb3f0512'
/** The honest devnet provers' ask (wei): they lock a request once its price reaches it (devnet/market/prover.ts). */
export const DEVNET_PROVER_ASK_WEI = 100_000_000_000_000n

/**
 * What the Jobs pages need of a network's proof market: the ProofMarket address (20 bytes), the prover-network
 * coordinator's HTTP base URL (segment progress; null = none) and the devnet provers' ask (wei; null = unknown).
 */
export type MarketConfig = { proofMarket: Hex; coordinatorHttpUrl: string | null; proverAskWei: bigint | null }

type RawMarket = { proofMarket?: unknown; coordinatorHttpUrl?: unknown; proverAskWei?: unknown }

/**
 * The market of `network`: config.json `market` (`{ proofMarket, coordinatorHttpUrl, proverAskWei }`, parsed by
 * NetworkConfig), else on the devnet its fixed addresses (coordinator HTTP on 18548); null = the network has none.
 */
export function marketOf(network: NetworkConfig): MarketConfig | null {
  const m = (network as NetworkConfig & { market?: RawMarket | null }).market
  if (m && typeof m.proofMarket === 'string' && /^0x[0-9a-fA-F]{40}$/.test(m.proofMarket)) {
    const ask = typeof m.proverAskWei === 'string' && /^[0-9]{1,40}$/.test(m.proverAskWei) ? BigInt(m.proverAskWei) : null
    return {
      proofMarket: m.proofMarket.toLowerCase() as Hex,
      coordinatorHttpUrl: typeof m.coordinatorHttpUrl === 'string' ? m.coordinatorHttpUrl.replace(/\/+$/, '') : null,
      proverAskWei: ask,
    }
  }
  if (network.kind !== 'devnet') return null
  const info = network.proverNetwork?.coordinatorInfoUrl
  return {
    proofMarket: DEVNET_PROOF_MARKET,
    coordinatorHttpUrl: info ? new URL(info).origin : 'http://127.0.0.1:18548',
    proverAskWei: DEVNET_PROVER_ASK_WEI,
  }
}

const OFFER = '(uint256 minPrice, uint256 maxPrice, uint64 rampUpStart, uint32 rampUpPeriod, uint32 lockTimeout, uint32 timeout, uint256 lockCollateral)'
const REQUEST = `(uint256 id, bytes32 imageId, string inputUrl, bytes input, ${OFFER} offer)`
const STATUS =
  '(uint8 state, bool slashed, address locker, address fulfiller, uint256 price, uint256 collateral, uint64 lockDeadline, uint64 deadline, bytes32 requestDigest, bytes32 imageId, bytes32 inputDigest, bytes32 journalDigest, uint64 lockedAtBlock, uint64 fulfilledAtBlock)'

/** The parts of ProofMarket (contracts/ProofMarket.sol, /tmp interfaces of issue 11) the Jobs pages read and decode. */
export const PROOF_MARKET_READ_ABI = parseAbi([
  'function balanceOf(address account) view returns (uint256)',
  'function deposit() payable',
  'function withdraw(uint256 value)',
  `function requestStatus(uint256 requestId) view returns (${STATUS} status)`,
  'function fulfill(uint256 requestId, bytes receipt)',
  'function slash(uint256 requestId)',
  `function submitRequest(${REQUEST} r, bytes clientSignature) payable`,
  `function lockRequest(${REQUEST} r, bytes clientSignature)`,
  `event RequestSubmitted(uint256 indexed requestId, bytes32 indexed requestDigest, ${REQUEST} request, bytes clientSignature)`,
  'event RequestLocked(uint256 indexed requestId, address indexed prover, bytes32 indexed requestDigest, uint256 price, uint256 collateral)',
  'event RequestFulfilled(uint256 indexed requestId, address indexed prover, bytes32 indexed requestDigest, bytes32 imageId, bytes32 inputDigest, bytes32 journalDigest)',
  'event ProofDelivered(uint256 indexed requestId, address indexed prover, bytes receipt)',
  'event ProverSlashed(uint256 indexed requestId, address indexed prover, uint256 burned, uint256 transferred, address recipient)',
  'error InvalidOffer()',
  'error InvalidRequestId(uint256 requestId)',
  'error AlreadyLocked(uint256 requestId)',
  'error NotLocked(uint256 requestId)',
  'error LockExpired(uint256 requestId)',
  'error RequestExpired(uint256 requestId)',
  'error AlreadySettled(uint256 requestId)',
  'error NotExpired(uint256 requestId)',
  'error InsufficientBalance(address account, uint256 needed)',
  'error ClaimMismatch(string field)',
  'error PriceTooHigh(uint256 value)',
  'error InvalidSignature()',
])
