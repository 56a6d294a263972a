// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {SignatureRecovery} from "./SignatureRecovery.sol";

/// @title A proof market in the spirit of RISC Zero Boundless (boundless-xyz/boundless IBoundlessMarket).
/// @notice Clients sign EIP-712 proof requests (image id, input by value or URL, an offer whose price ramps
/// from minPrice to maxPrice); a prover locks a request with collateral at the current price and fulfils
/// it with (journal, seal) before the lock deadline, or is slashed after it. This devnet market records the
/// seal and sha256(journal) but does not verify the seal on chain: Lightbus verifies it in the tab.
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

    /// `id` = (client address << 32) | index.
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
        uint64 lockDeadline;
        uint64 deadline;
        uint256 collateral;
        bool fulfilled;
        bool slashed;
    }

    bytes32 public constant OFFER_TYPEHASH = keccak256(
        "Offer(uint256 minPrice,uint256 maxPrice,uint64 rampUpStart,uint32 rampUpPeriod,uint32 lockTimeout,uint32 timeout,uint256 lockCollateral)"
    );
    bytes32 public constant REQUEST_TYPEHASH = keccak256(
        "ProofRequest(uint256 id,bytes32 imageId,string inputUrl,bytes input,Offer offer)Offer(uint256 minPrice,uint256 maxPrice,uint64 rampUpStart,uint32 rampUpPeriod,uint32 lockTimeout,uint32 timeout,uint256 lockCollateral)"
    );
    bytes32 public immutable DOMAIN_SEPARATOR;

    mapping(address => uint256) public balanceOf;
    mapping(uint256 => Lock) public locks;
    mapping(uint256 => bytes32) public journalDigest;
    /// What a lock committed to, so other contracts (ServiceRegistry disputes) can rely on a fulfilment.
    mapping(uint256 => bytes32) public lockedImageId;
    mapping(uint256 => bytes32) public lockedInputDigest;

    event Deposit(address indexed account, uint256 value);
    event Withdrawal(address indexed account, uint256 value);
    event RequestSubmitted(uint256 indexed requestId, ProofRequest request, bytes clientSignature);
    event RequestLocked(uint256 indexed requestId, address indexed prover, uint256 price);
    event RequestFulfilled(uint256 indexed requestId, address indexed prover, bytes32 imageId, bytes journal, bytes seal);
    event ProverSlashed(uint256 indexed requestId, address indexed prover, uint256 collateralBurned, uint256 refunded);

    error InvalidOffer();
    error AlreadyLocked(uint256 requestId);
    error NotLocked(uint256 requestId);
    error LockExpired(uint256 requestId);
    error NotProver(uint256 requestId);
    error AlreadySettled(uint256 requestId);
    error NotExpired(uint256 requestId);
    error InsufficientBalance(address account, uint256 needed);

    constructor() {
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
        balanceOf[msg.sender] += msg.value;
        emit Deposit(msg.sender, msg.value);
    }

    function withdraw(uint256 value) external {
        if (balanceOf[msg.sender] < value) revert InsufficientBalance(msg.sender, value);
        balanceOf[msg.sender] -= value;
        emit Withdrawal(msg.sender, value);
        (bool ok,) = msg.sender.call{value: value}("");
        require(ok);
    }

    /// True once `requestId` was fulfilled with `journal`.
    function isFulfilledWith(uint256 requestId, bytes calldata journal) external view returns (bool) {
        return locks[requestId].fulfilled && journalDigest[requestId] == sha256(journal);
    }

    function requestDigest(ProofRequest calldata r) public view returns (bytes32) {
        Offer calldata o = r.offer;
        bytes32 offerHash = keccak256(
            abi.encode(OFFER_TYPEHASH, o.minPrice, o.maxPrice, o.rampUpStart, o.rampUpPeriod, o.lockTimeout, o.timeout, o.lockCollateral)
        );
        bytes32 structHash =
            keccak256(abi.encode(REQUEST_TYPEHASH, r.id, r.imageId, keccak256(bytes(r.inputUrl)), keccak256(r.input), offerHash));
        return keccak256(abi.encodePacked("\x19\x01", DOMAIN_SEPARATOR, structHash));
    }

    function _client(uint256 id) internal pure returns (address) {
        return address(uint160(id >> 32));
    }

    function _checkSignature(ProofRequest calldata r, bytes calldata sig) internal view {
        if (SignatureRecovery.recover(requestDigest(r), sig) != _client(r.id)) revert SignatureRecovery.InvalidSignature();
    }

    function _checkOffer(Offer calldata o) internal pure {
        if (o.minPrice > o.maxPrice || o.rampUpPeriod > o.lockTimeout || o.lockTimeout > o.timeout) revert InvalidOffer();
    }

    /// Price at `t`: minPrice before the ramp, linear to maxPrice over rampUpPeriod, 0 after the lock deadline.
    function priceAt(Offer calldata o, uint64 t) public pure returns (uint256) {
        if (t <= o.rampUpStart) return o.minPrice;
        if (t > o.rampUpStart + o.lockTimeout) return 0;
        if (t >= o.rampUpStart + o.rampUpPeriod) return o.maxPrice;
        return o.minPrice + (o.maxPrice - o.minPrice) * (t - o.rampUpStart) / o.rampUpPeriod;
    }

    /// Broadcasts a signed request (and deposits msg.value for the client). Stores nothing else.
    function submitRequest(ProofRequest calldata r, bytes calldata clientSignature) external payable {
        _checkOffer(r.offer);
        _checkSignature(r, clientSignature);
        if (msg.value > 0) {
            balanceOf[_client(r.id)] += msg.value;
            emit Deposit(_client(r.id), msg.value);
        }
        emit RequestSubmitted(r.id, r, clientSignature);
    }

    /// Locks a request for the caller at the current price, taking the client's payment and the prover's collateral.
    function lockRequest(ProofRequest calldata r, bytes calldata clientSignature) external {
        _checkOffer(r.offer);
        _checkSignature(r, clientSignature);
        if (locks[r.id].prover != address(0)) revert AlreadyLocked(r.id);
        uint64 lockDeadline = r.offer.rampUpStart + r.offer.lockTimeout;
        if (block.timestamp > lockDeadline) revert LockExpired(r.id);
        uint256 price = priceAt(r.offer, uint64(block.timestamp));
        address client = _client(r.id);
        if (balanceOf[client] < price) revert InsufficientBalance(client, price);
        if (balanceOf[msg.sender] < r.offer.lockCollateral) revert InsufficientBalance(msg.sender, r.offer.lockCollateral);
        balanceOf[client] -= price;
        balanceOf[msg.sender] -= r.offer.lockCollateral;
        locks[r.id] = Lock({
            prover: msg.sender,
            price: uint96(price),
            lockDeadline: lockDeadline,
            deadline: r.offer.rampUpStart + r.offer.timeout,
            collateral: r.offer.lockCollateral,
            fulfilled: false,
            slashed: false
        });
        lockedImageId[r.id] = r.imageId;
        lockedInputDigest[r.id] = keccak256(r.input);
        emit RequestLocked(r.id, msg.sender, price);
    }

    /// The locking prover delivers (journal, seal) before the lock deadline and is paid price + collateral.
    function fulfill(uint256 requestId, bytes calldata journal, bytes calldata seal) external {
        Lock storage l = locks[requestId];
        if (l.prover == address(0)) revert NotLocked(requestId);
        if (l.fulfilled || l.slashed) revert AlreadySettled(requestId);
        if (msg.sender != l.prover) revert NotProver(requestId);
        if (block.timestamp > l.lockDeadline) revert LockExpired(requestId);
        l.fulfilled = true;
        journalDigest[requestId] = sha256(journal);
        balanceOf[l.prover] += uint256(l.price) + l.collateral;
        emit RequestFulfilled(requestId, l.prover, lockedImageId[requestId], journal, seal);
    }

    /// After the deadline an unfulfilled lock is slashed: the client is refunded, half the collateral goes to
    /// the client and half is burned.
    function slash(uint256 requestId) external {
        Lock storage l = locks[requestId];
        if (l.prover == address(0)) revert NotLocked(requestId);
        if (l.fulfilled || l.slashed) revert AlreadySettled(requestId);
        if (block.timestamp <= l.deadline) revert NotExpired(requestId);
        l.slashed = true;
        uint256 toClient = uint256(l.price) + l.collateral / 2;
        balanceOf[_client(requestId)] += toClient;
        emit ProverSlashed(requestId, l.prover, l.collateral - l.collateral / 2, toClient);
    }
}
