// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IReceiptVerifier} from "./IReceiptVerifier.sol";
import {SignatureRecovery} from "./SignatureRecovery.sol";

/// @title A proof market in the spirit of RISC Zero Boundless (boundless-xyz/boundless IBoundlessMarket).
/// @notice Clients sign EIP-712 proof requests (image id, input, an offer whose price ramps from minPrice to
/// maxPrice); a prover locks a request with collateral at the current price and fulfils it with a zkVM composite
/// receipt that the receipt verifier (IReceiptVerifier) accepts and whose claim matches the locked request. After
/// the lock deadline any prover may fulfil and earns the locker's collateral; after the deadline an unfulfilled lock
/// is slashed. Rules, money flows and events: docs/proof-market.md.
contract ProofMarket {
    struct Offer {
        uint256 minPrice;
        uint256 maxPrice;
        uint64 rampUpStart;
        uint32 rampUpPeriod;
        uint32 lockTimeout;
        uint32 timeout;
        uint256 lockCollateral;
    }

    /// `id` = (client address << 32) | uint32 index, plus bit 192 when the client is an ERC-1271 contract.
    struct ProofRequest {
        uint256 id;
        bytes32 imageId;
        string inputUrl;
        bytes input;
        Offer offer;
    }

    struct Lock {
        address prover;
        uint96 price;
        address fulfiller;
        uint64 lockDeadline;
        uint64 deadline;
        uint96 collateral;
        uint64 lockedAtBlock;
        uint64 fulfilledAtBlock;
        bool fulfilled;
        bool slashed;
        bytes32 requestDigest;
        bytes32 imageId;
        /// keccak256(request.input) at lock; after fulfilment equal to the verified receipt's inputDigest.
        bytes32 inputDigest;
        /// The verified receipt's journalDigest (zero until fulfilled).
        bytes32 journalDigest;
    }

    /// What the UI proves with a verified eth_call at a light-client block.
    struct RequestStatus {
        uint8 state; // 0 never locked, 1 locked, 2 fulfilled, 3 expired (deadline passed, not fulfilled)
        bool slashed;
        address locker;
        address fulfiller;
        uint256 price;
        uint256 collateral;
        uint64 lockDeadline;
        uint64 deadline;
        bytes32 requestDigest;
        bytes32 imageId;
        bytes32 inputDigest;
        bytes32 journalDigest;
        uint64 lockedAtBlock;
        uint64 fulfilledAtBlock;
    }

    uint8 internal constant STATE_UNKNOWN = 0;
    uint8 internal constant STATE_LOCKED = 1;
    uint8 internal constant STATE_FULFILLED = 2;
    uint8 internal constant STATE_EXPIRED = 3;
    /// Bit 192 of a request id: the client is a contract (ERC-1271).
    uint256 internal constant SMART_WALLET_FLAG = 1 << 192;

    bytes32 public constant OFFER_TYPEHASH = keccak256(
        "Offer(uint256 minPrice,uint256 maxPrice,uint64 rampUpStart,uint32 rampUpPeriod,uint32 lockTimeout,uint32 timeout,uint256 lockCollateral)"
    );
    bytes32 public constant REQUEST_TYPEHASH = keccak256(
        "ProofRequest(uint256 id,bytes32 imageId,string inputUrl,bytes input,Offer offer)Offer(uint256 minPrice,uint256 maxPrice,uint64 rampUpStart,uint32 rampUpPeriod,uint32 lockTimeout,uint32 timeout,uint256 lockCollateral)"
    );
    bytes32 public immutable DOMAIN_SEPARATOR;
    IReceiptVerifier public immutable receiptVerifier;

    mapping(address => uint256) public balanceOf;
    mapping(uint256 => Lock) internal locks;
    /// Accounting: address(this).balance == totalDeposits + totalEscrowed + totalBurned at all times.
    uint256 public totalDeposits;
    uint256 public totalEscrowed;
    uint256 public totalBurned;

    event Deposit(address indexed account, uint256 value);
    event Withdrawal(address indexed account, uint256 value);
    event RequestSubmitted(uint256 indexed requestId, bytes32 indexed requestDigest, ProofRequest request, bytes clientSignature);
    event RequestLocked(uint256 indexed requestId, address indexed prover, bytes32 indexed requestDigest, uint256 price, uint256 collateral);
    event RequestFulfilled(
        uint256 indexed requestId, address indexed prover, bytes32 indexed requestDigest, bytes32 imageId, bytes32 inputDigest, bytes32 journalDigest
    );
    event ProofDelivered(uint256 indexed requestId, address indexed prover, bytes receipt);
    event ProverSlashed(uint256 indexed requestId, address indexed prover, uint256 burned, uint256 transferred, address recipient);

    error InvalidOffer();
    error InvalidRequestId(uint256 requestId);
    error AlreadyLocked(uint256 requestId);
    error NotLocked(uint256 requestId);
    error LockExpired(uint256 requestId);
    error RequestExpired(uint256 requestId);
    error AlreadySettled(uint256 requestId);
    error NotExpired(uint256 requestId);
    error InsufficientBalance(address account, uint256 needed);
    error ClaimMismatch(string field);
    error PriceTooHigh(uint256 value);

    constructor(address receiptVerifier_) {
        receiptVerifier = IReceiptVerifier(receiptVerifier_);
        DOMAIN_SEPARATOR = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("LightbusProofMarket"),
                keccak256("1"),
                block.chainid,
                address(this)
            )
        );
    }

    function deposit() public payable {
        _credit(msg.sender, msg.value);
        emit Deposit(msg.sender, msg.value);
    }

    function withdraw(uint256 value) external {
        if (balanceOf[msg.sender] < value) revert InsufficientBalance(msg.sender, value);
        balanceOf[msg.sender] -= value;
        totalDeposits -= value;
        emit Withdrawal(msg.sender, value);
        (bool ok,) = msg.sender.call{value: value}("");
        require(ok);
    }

    /// EIP-712 digest of `r` on this market's domain ("LightbusProofMarket", "1", chain id, this address).
    function requestDigest(ProofRequest calldata r) public view returns (bytes32) {
        Offer calldata o = r.offer;
        bytes32 offerHash = keccak256(
            abi.encode(OFFER_TYPEHASH, o.minPrice, o.maxPrice, o.rampUpStart, o.rampUpPeriod, o.lockTimeout, o.timeout, o.lockCollateral)
        );
        bytes32 structHash =
            keccak256(abi.encode(REQUEST_TYPEHASH, r.id, r.imageId, keccak256(bytes(r.inputUrl)), keccak256(r.input), offerHash));
        return keccak256(abi.encodePacked("\x19\x01", DOMAIN_SEPARATOR, structHash));
    }

    /// Price (wei) at unix time `t`: minPrice up to rampUpStart, linear to maxPrice over rampUpPeriod (rounded
    /// down), maxPrice until the lock deadline (rampUpStart + lockTimeout), 0 after it. Reverts on an invalid offer.
    function priceAt(Offer calldata o, uint64 t) public pure returns (uint256) {
        _checkOffer(o);
        return _priceAt(o, t);
    }

    /// Broadcasts a signed request (and deposits msg.value for the client). Stores nothing else.
    function submitRequest(ProofRequest calldata r, bytes calldata clientSignature) external payable {
        bytes32 digest = _checkRequest(r, clientSignature);
        if (msg.value > 0) {
            address client = _client(r.id);
            _credit(client, msg.value);
            emit Deposit(client, msg.value);
        }
        emit RequestSubmitted(r.id, digest, r, clientSignature);
    }

    /// Locks a request for the caller at the current price, taking the client's payment and the caller's collateral
    /// into escrow; records the request digest, image id and keccak256(input) the fulfilment must match.
    function lockRequest(ProofRequest calldata r, bytes calldata clientSignature) external {
        bytes32 digest = _checkRequest(r, clientSignature);
        Lock storage l = locks[r.id];
        if (l.prover != address(0)) revert AlreadyLocked(r.id);
        uint64 lockDeadline = r.offer.rampUpStart + r.offer.lockTimeout;
        if (block.timestamp > lockDeadline) revert LockExpired(r.id);
        uint256 price = _priceAt(r.offer, block.timestamp);
        uint256 collateral = r.offer.lockCollateral;
        address client = _client(r.id);
        if (balanceOf[client] < price) revert InsufficientBalance(client, price);
        if (balanceOf[msg.sender] < collateral) revert InsufficientBalance(msg.sender, collateral);
        balanceOf[client] -= price;
        balanceOf[msg.sender] -= collateral;
        totalDeposits -= price + collateral;
        totalEscrowed += price + collateral;
        l.prover = msg.sender;
        l.price = _u96(price);
        l.collateral = _u96(collateral);
        l.lockDeadline = lockDeadline;
        l.deadline = r.offer.rampUpStart + r.offer.timeout;
        l.lockedAtBlock = uint64(block.number);
        l.requestDigest = digest;
        l.imageId = r.imageId;
        l.inputDigest = keccak256(r.input);
        emit RequestLocked(r.id, msg.sender, digest, price, collateral);
    }

    /// Delivers a receipt for a locked request. The verifier must accept `receipt` (its revert data is passed on
    /// unchanged) and its claim must match the lock: same image id, inputDigest == keccak256(request.input), exit
    /// code 0 (else ClaimMismatch(field)). Up to the lock deadline the locker is paid price + its collateral back
    /// (whoever delivers); after it and up to the deadline the client gets the price back and the caller earns the
    /// locker's collateral (the lock is marked slashed).
    function fulfill(uint256 requestId, bytes calldata receipt) external {
        Lock storage l = locks[requestId];
        if (l.prover == address(0)) revert NotLocked(requestId);
        if (l.fulfilled || l.slashed) revert AlreadySettled(requestId);
        if (block.timestamp > l.deadline) revert RequestExpired(requestId);
        IReceiptVerifier.ReceiptClaim memory claim = receiptVerifier.verify(receipt);
        if (claim.imageId != l.imageId) revert ClaimMismatch("imageId");
        if (claim.inputDigest != l.inputDigest) revert ClaimMismatch("inputDigest");
        if (claim.exitCode != 0) revert ClaimMismatch("exitCode");
        l.fulfilled = true;
        l.fulfiller = msg.sender;
        l.journalDigest = claim.journalDigest;
        l.fulfilledAtBlock = uint64(block.number);
        uint256 price = l.price;
        uint256 collateral = l.collateral;
        totalEscrowed -= price + collateral;
        if (block.timestamp <= l.lockDeadline) {
            _credit(l.prover, price + collateral);
        } else {
            l.slashed = true;
            _credit(_client(requestId), price);
            _credit(msg.sender, collateral);
            emit ProverSlashed(requestId, l.prover, 0, collateral, msg.sender);
        }
        emit RequestFulfilled(requestId, msg.sender, l.requestDigest, claim.imageId, claim.inputDigest, claim.journalDigest);
        emit ProofDelivered(requestId, msg.sender, receipt);
    }

    /// After the deadline an unfulfilled lock is slashed: the client gets the price back and half the collateral
    /// (rounded down); the other half is burned (stays in the contract, counted in totalBurned, never withdrawable).
    function slash(uint256 requestId) external {
        Lock storage l = locks[requestId];
        if (l.prover == address(0)) revert NotLocked(requestId);
        if (l.fulfilled || l.slashed) revert AlreadySettled(requestId);
        if (block.timestamp <= l.deadline) revert NotExpired(requestId);
        l.slashed = true;
        uint256 collateral = l.collateral;
        uint256 toClient = collateral / 2;
        uint256 burned = collateral - toClient;
        address client = _client(requestId);
        totalEscrowed -= uint256(l.price) + collateral;
        totalBurned += burned;
        _credit(client, uint256(l.price) + toClient);
        emit ProverSlashed(requestId, l.prover, burned, toClient, client);
    }

    function requestStatus(uint256 requestId) external view returns (RequestStatus memory s) {
        Lock storage l = locks[requestId];
        if (l.prover == address(0)) return s;
        s.state = l.fulfilled ? STATE_FULFILLED : block.timestamp > l.deadline ? STATE_EXPIRED : STATE_LOCKED;
        s.slashed = l.slashed;
        s.locker = l.prover;
        s.fulfiller = l.fulfiller;
        s.price = l.price;
        s.collateral = l.collateral;
        s.lockDeadline = l.lockDeadline;
        s.deadline = l.deadline;
        s.requestDigest = l.requestDigest;
        s.imageId = l.imageId;
        s.inputDigest = l.inputDigest;
        s.journalDigest = l.journalDigest;
        s.lockedAtBlock = l.lockedAtBlock;
        s.fulfilledAtBlock = l.fulfilledAtBlock;
    }

    /// The claim of a fulfilled request as its VERIFIED receipt committed it (what ServiceRegistry disputes use).
    function fulfilledClaim(uint256 requestId) external view returns (bool fulfilled, bytes32 imageId, bytes32 inputDigest, bytes32 journalDigest) {
        Lock storage l = locks[requestId];
        if (!l.fulfilled) return (false, bytes32(0), bytes32(0), bytes32(0));
        return (true, l.imageId, l.inputDigest, l.journalDigest);
    }

    function _credit(address account, uint256 value) internal {
        balanceOf[account] += value;
        totalDeposits += value;
    }

    function _client(uint256 id) internal pure returns (address) {
        return address(uint160(id >> 32));
    }

    function _u96(uint256 x) internal pure returns (uint96) {
        if (x > type(uint96).max) revert PriceTooHigh(x);
        return uint96(x);
    }

    /// Checks the id, the offer and the client's signature. @return digest the request's EIP-712 digest.
    function _checkRequest(ProofRequest calldata r, bytes calldata sig) internal view returns (bytes32 digest) {
        if (r.id >> 193 != 0) revert InvalidRequestId(r.id);
        _checkOffer(r.offer);
        digest = requestDigest(r);
        SignatureRecovery.check(_client(r.id), r.id & SMART_WALLET_FLAG != 0, digest, sig);
    }

    function _checkOffer(Offer calldata o) internal pure {
        if (o.maxPrice > type(uint96).max) revert PriceTooHigh(o.maxPrice);
        if (o.lockCollateral > type(uint96).max) revert PriceTooHigh(o.lockCollateral);
        if (
            o.minPrice > o.maxPrice || o.rampUpPeriod > o.lockTimeout || o.lockTimeout > o.timeout || o.timeout == 0
                || uint256(o.rampUpStart) + o.timeout > type(uint64).max
        ) revert InvalidOffer();
    }

    function _priceAt(Offer calldata o, uint256 t) internal pure returns (uint256) {
        uint256 start = o.rampUpStart;
        if (t <= start) return o.minPrice;
        if (t > start + o.lockTimeout) return 0;
        if (t >= start + o.rampUpPeriod) return o.maxPrice;
        return o.minPrice + (o.maxPrice - o.minPrice) * (t - start) / o.rampUpPeriod;
    }
}
