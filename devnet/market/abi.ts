// The parts of the ProofMarket and ServiceRegistry ABIs the devnet agents use, written from the contract
// interface of issue 11 (/docs/proof-market.md). Human-readable, parsed once by viem.
import { parseAbi } from "viem";

const STRUCTS = [
  "struct Offer { uint256 minPrice; uint256 maxPrice; uint64 rampUpStart; uint32 rampUpPeriod; uint32 lockTimeout; uint32 timeout; uint256 lockCollateral; }",
  "struct ProofRequest { uint256 id; bytes32 imageId; string inputUrl; bytes input; Offer offer; }",
  "struct RequestStatus { uint8 state; bool slashed; address locker; address fulfiller; uint256 price; uint256 collateral; uint64 lockDeadline; uint64 deadline; bytes32 requestDigest; bytes32 imageId; bytes32 inputDigest; bytes32 journalDigest; uint64 lockedAtBlock; uint64 fulfilledAtBlock; }",
] as const;

/** ProofMarket: deposits, the request lifecycle, its events and errors. */
export const proofMarketAbi = parseAbi([
  ...STRUCTS,
  "function deposit() payable",
  "function withdraw(uint256 value)",
  "function balanceOf(address) view returns (uint256)",
  "function requestDigest(ProofRequest r) view returns (bytes32)",
  "function priceAt(Offer o, uint64 t) pure returns (uint256)",
  "function submitRequest(ProofRequest r, bytes clientSignature) payable",
  "function lockRequest(ProofRequest r, bytes clientSignature)",
  "function fulfill(uint256 requestId, bytes receipt)",
  "function slash(uint256 requestId)",
  "function requestStatus(uint256 requestId) view returns (RequestStatus)",
  "event Deposit(address indexed account, uint256 value)",
  "event RequestSubmitted(uint256 indexed requestId, bytes32 indexed requestDigest, ProofRequest request, bytes clientSignature)",
  "event RequestLocked(uint256 indexed requestId, address indexed prover, bytes32 indexed requestDigest, uint256 price, uint256 collateral)",
  "event RequestFulfilled(uint256 indexed requestId, address indexed prover, bytes32 indexed requestDigest, bytes32 imageId, bytes32 inputDigest, bytes32 journalDigest)",
  "event ProofDelivered(uint256 indexed requestId, address indexed prover, bytes receipt)",
  "event ProverSlashed(uint256 indexed requestId, address indexed prover, uint256 burned, uint256 transferred, address recipient)",
  "error InvalidOffer()",
  "error InvalidRequestId(uint256)",
  "error AlreadyLocked(uint256)",
  "error NotLocked(uint256)",
  "error LockExpired(uint256)",
  "error RequestExpired(uint256)",
  "error AlreadySettled(uint256)",
  "error NotExpired(uint256)",
  "error InsufficientBalance(address,uint256)",
  "error ClaimMismatch(string field)",
  "error PriceTooHigh(uint256)",
  "error InvalidSignature()",
]);

/** ServiceRegistry: services, stakes and membership. */
export const serviceRegistryAbi = parseAbi([
  "function defineService(bytes32 programId, string name) returns (uint256 serviceId)",
  "function stake(uint256 serviceId) payable",
  "function joinService(uint256 serviceId, string endpoint)",
  "function stakeOf(uint256 serviceId, address provider) view returns (uint256)",
  "function serviceCount() view returns (uint256)",
  "function getService(uint256 serviceId) view returns (address owner, bytes32 programId, string name)",
  "function providersOf(uint256 serviceId) view returns (address[] providers, string[] endpoints, uint256[] stakes)",
  "error InsufficientStake(uint256)",
  "error NotServing(uint256,address)",
  "error UnknownService(uint256)",
]);
