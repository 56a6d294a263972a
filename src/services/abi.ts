import { parseAbi } from 'viem'

/**
 * The parts of the ServiceRegistry and ProofMarket ABIs the Services page reads and decodes (the contract of
 * /tmp interfaces: contracts/ServiceRegistry.sol, contracts/ProofMarket.sol). Views are called through verified
 * eth_calls; errors decode reverts; DisputeSettled is read from the dispute transaction's receipt.
 */
export const SERVICE_REGISTRY_ABI = parseAbi([
  'struct Request { uint256 serviceId; address user; bytes input; uint256 nonce; }',
  'struct Response { bytes32 requestHash; bytes output; }',
  'function serviceCount() view returns (uint256)',
  'function getService(uint256 serviceId) view returns (address owner, bytes32 programId, string name)',
  'function providersOf(uint256 serviceId) view returns (address[] providers, string[] endpoints, uint256[] stakes)',
  'function stakeOf(uint256 serviceId, address provider) view returns (uint256)',
  'function requestHash(Request r) view returns (bytes32)',
  'function responseHash(Response r) view returns (bytes32)',
  'function dispute(Request request, bytes userSignature, Response response, bytes providerSignature, uint256 proofRequestId)',
  'event DisputeSettled(uint256 indexed serviceId, address indexed provider, address indexed user, bytes32 requestHash, uint256 proofRequestId, bytes claimedOutput, bytes32 provenJournalDigest, uint256 slashed, uint256 burned)',
  'error InsufficientStake(uint256)',
  'error NotServing(uint256, address)',
  'error AlreadyDisputed(bytes32, address)',
  'error ProofDoesNotMatch()',
  'error ResponseWasCorrect()',
  'error UnstakeNotReady(uint64)',
  'error UnknownService(uint256)',
  'error ProviderBanned(uint256, address)',
  'error InvalidSignature()',
])

export const PROOF_MARKET_CLAIM_ABI = parseAbi([
  'function fulfilledClaim(uint256 requestId) view returns (bool fulfilled, bytes32 imageId, bytes32 inputDigest, bytes32 journalDigest)',
  'struct RequestStatus { uint8 state; bool slashed; address locker; address fulfiller; uint256 price; uint256 collateral; uint64 lockDeadline; uint64 deadline; bytes32 requestDigest; bytes32 imageId; bytes32 inputDigest; bytes32 journalDigest; uint64 lockedAtBlock; uint64 fulfilledAtBlock; }',
  'function requestStatus(uint256 requestId) view returns (RequestStatus)',
])
