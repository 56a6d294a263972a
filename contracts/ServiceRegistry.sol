// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {SignatureRecovery} from "./SignatureRecovery.sol";

interface IProofMarketClaims {
    /// The claim of a fulfilled request as its verified receipt committed it.
    function fulfilledClaim(uint256 requestId) external view returns (bool fulfilled, bytes32 imageId, bytes32 inputDigest, bytes32 journalDigest);
}

/// @title A registry of verifiable off-chain services, in the spirit of the verifiable-cloud proposal.
/// @notice A service names its function by program (image) id. Providers stake per service and join it with an
/// HTTP endpoint. Users send EIP-712-signed requests off chain; providers return EIP-712-signed responses. Anyone
/// holding both signatures can dispute a response with a ProofMarket request for the same program and input that
/// was fulfilled with a verified receipt: if the receipt's journal differs from the provider's output, the
/// provider's stake in that service goes to the user and the provider is removed. A provider that leaves stays
/// slashable until it withdraws, UNSTAKE_DELAY after leaving. Rules: docs/proof-market.md.
contract ServiceRegistry {
    struct Service {
        address owner;
        bytes32 programId;
        string name;
    }

    /// Signed by the user.
    struct Request {
        uint256 serviceId;
        address user;
        bytes input;
        uint256 nonce;
    }

    /// Signed by the provider.
    struct Response {
        bytes32 requestHash;
        bytes output;
    }

    struct Member {
        uint256 stake;
        /// 0 while active or never left; else when the stake may be withdrawn.
        uint64 withdrawableAt;
        bool active;
        string endpoint;
    }

    uint256 public constant MIN_STAKE = 1 ether;
    uint64 public constant UNSTAKE_DELAY = 1 days;
    bytes32 public constant REQUEST_TYPEHASH = keccak256("Request(uint256 serviceId,address user,bytes input,uint256 nonce)");
    bytes32 public constant RESPONSE_TYPEHASH = keccak256("Response(bytes32 requestHash,bytes output)");
    bytes32 public immutable DOMAIN_SEPARATOR;
    IProofMarketClaims public immutable market;

    uint256 public serviceCount;
    mapping(uint256 => Service) internal services;
    mapping(uint256 => mapping(address => Member)) internal members;
    /// Active members of each service (order changes on removal).
    mapping(uint256 => address[]) internal active;
    mapping(uint256 => mapping(address => uint256)) internal activeIndex; // index + 1
    /// Settled disputes, keyed by (request hash, provider).
    mapping(bytes32 => mapping(address => bool)) public disputed;

    event ServiceDefined(uint256 indexed serviceId, address indexed owner, bytes32 programId, string name);
    event Staked(uint256 indexed serviceId, address indexed provider, uint256 amount, uint256 total);
    event ServiceJoined(uint256 indexed serviceId, address indexed provider, string endpoint);
    event ServiceLeft(uint256 indexed serviceId, address indexed provider, uint64 withdrawableAt);
    event StakeWithdrawn(uint256 indexed serviceId, address indexed provider, uint256 amount);
    event DisputeSettled(
        uint256 indexed serviceId,
        address indexed provider,
        address indexed user,
        bytes32 requestHash,
        uint256 proofRequestId,
        bytes claimedOutput,
        bytes32 provenJournalDigest,
        uint256 slashed
    );

    error InsufficientStake(uint256 stake);
    error NotServing(uint256 serviceId, address provider);
    error AlreadyDisputed(bytes32 requestHash, address provider);
    error ProofDoesNotMatch();
    error ResponseWasCorrect();
    error UnstakeNotReady(uint64 withdrawableAt);
    error UnknownService(uint256 serviceId);

    constructor(address proofMarket) {
        market = IProofMarketClaims(proofMarket);
        DOMAIN_SEPARATOR = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("LightbusServiceRegistry"),
                keccak256("1"),
                block.chainid,
                address(this)
            )
        );
    }

    /// Defines a service (ids from 1) run by program `programId`.
    function defineService(bytes32 programId, string calldata name) external returns (uint256 serviceId) {
        serviceId = ++serviceCount;
        services[serviceId] = Service({owner: msg.sender, programId: programId, name: name});
        emit ServiceDefined(serviceId, msg.sender, programId, name);
    }

    /// Adds msg.value to the caller's stake in `serviceId`.
    function stake(uint256 serviceId) external payable {
        _known(serviceId);
        Member storage m = members[serviceId][msg.sender];
        m.stake += msg.value;
        emit Staked(serviceId, msg.sender, msg.value, m.stake);
    }

    /// Joins (or rejoins, cancelling a pending leave, or updates the endpoint of) `serviceId`; needs MIN_STAKE in it.
    function joinService(uint256 serviceId, string calldata endpoint) external {
        _known(serviceId);
        Member storage m = members[serviceId][msg.sender];
        if (m.stake < MIN_STAKE) revert InsufficientStake(m.stake);
        m.endpoint = endpoint;
        m.withdrawableAt = 0;
        if (!m.active) {
            m.active = true;
            active[serviceId].push(msg.sender);
            activeIndex[serviceId][msg.sender] = active[serviceId].length;
        }
        emit ServiceJoined(serviceId, msg.sender, endpoint);
    }

    /// Leaves `serviceId` (or starts unstaking a stake that never joined): the stake becomes withdrawable
    /// UNSTAKE_DELAY from now and stays slashable by disputes until withdrawn.
    function leaveService(uint256 serviceId) external {
        Member storage m = members[serviceId][msg.sender];
        if (!m.active && m.stake == 0) revert NotServing(serviceId, msg.sender);
        _deactivate(serviceId, msg.sender);
        m.withdrawableAt = uint64(block.timestamp) + UNSTAKE_DELAY;
        emit ServiceLeft(serviceId, msg.sender, m.withdrawableAt);
    }

    /// Pays out the caller's stake in `serviceId`, UNSTAKE_DELAY after leaveService.
    function withdrawStake(uint256 serviceId) external {
        Member storage m = members[serviceId][msg.sender];
        if (m.active || m.withdrawableAt == 0 || block.timestamp < m.withdrawableAt) revert UnstakeNotReady(m.withdrawableAt);
        uint256 amount = m.stake;
        m.stake = 0;
        m.withdrawableAt = 0;
        emit StakeWithdrawn(serviceId, msg.sender, amount);
        (bool ok,) = msg.sender.call{value: amount}("");
        require(ok);
    }

    function stakeOf(uint256 serviceId, address provider) external view returns (uint256) {
        return members[serviceId][provider].stake;
    }

    function getService(uint256 serviceId) external view returns (address owner, bytes32 programId, string memory name) {
        _known(serviceId);
        Service storage s = services[serviceId];
        return (s.owner, s.programId, s.name);
    }

    /// Active members of `serviceId` with their endpoints and stakes (providers that left are not listed).
    function providersOf(uint256 serviceId)
        external
        view
        returns (address[] memory providers, string[] memory endpoints, uint256[] memory stakes)
    {
        _known(serviceId);
        providers = active[serviceId];
        endpoints = new string[](providers.length);
        stakes = new uint256[](providers.length);
        for (uint256 i = 0; i < providers.length; i++) {
            Member storage m = members[serviceId][providers[i]];
            endpoints[i] = m.endpoint;
            stakes[i] = m.stake;
        }
    }

    function requestHash(Request calldata r) public view returns (bytes32) {
        bytes32 structHash = keccak256(abi.encode(REQUEST_TYPEHASH, r.serviceId, r.user, keccak256(r.input), r.nonce));
        return keccak256(abi.encodePacked("\x19\x01", DOMAIN_SEPARATOR, structHash));
    }

    function responseHash(Response calldata r) public view returns (bytes32) {
        bytes32 structHash = keccak256(abi.encode(RESPONSE_TYPEHASH, r.requestHash, keccak256(r.output)));
        return keccak256(abi.encodePacked("\x19\x01", DOMAIN_SEPARATOR, structHash));
    }

    /// Settles a wrong response. `proofRequestId` must be a fulfilled ProofMarket request whose VERIFIED receipt
    /// claims this service's program and inputDigest == keccak256(request.input); if its journalDigest differs from
    /// keccak256(response.output), the provider's whole stake in this service goes to request.user and the provider
    /// is removed from the service. Anyone holding both signatures may call it; once per (request, provider).
    function dispute(
        Request calldata request,
        bytes calldata userSignature,
        Response calldata response,
        bytes calldata providerSignature,
        uint256 proofRequestId
    ) external {
        bytes32 rh = requestHash(request);
        if (response.requestHash != rh || SignatureRecovery.recover(rh, userSignature) != request.user) {
            revert SignatureRecovery.InvalidSignature();
        }
        address provider = SignatureRecovery.recover(responseHash(response), providerSignature);
        Member storage m = members[request.serviceId][provider];
        if (disputed[rh][provider]) revert AlreadyDisputed(rh, provider);
        if (m.stake == 0) revert NotServing(request.serviceId, provider);
        (bool fulfilled, bytes32 imageId, bytes32 inputDigest, bytes32 journalDigest) = market.fulfilledClaim(proofRequestId);
        if (!fulfilled || imageId != services[request.serviceId].programId || inputDigest != keccak256(request.input)) {
            revert ProofDoesNotMatch();
        }
        if (journalDigest == keccak256(response.output)) revert ResponseWasCorrect();
        disputed[rh][provider] = true;
        uint256 slashed = m.stake;
        m.stake = 0;
        m.withdrawableAt = 0;
        if (m.active) {
            _deactivate(request.serviceId, provider);
            emit ServiceLeft(request.serviceId, provider, 0);
        }
        emit DisputeSettled(request.serviceId, provider, request.user, rh, proofRequestId, response.output, journalDigest, slashed);
        (bool ok,) = request.user.call{value: slashed}("");
        require(ok);
    }

    function _known(uint256 serviceId) internal view {
        if (serviceId == 0 || serviceId > serviceCount) revert UnknownService(serviceId);
    }

    function _deactivate(uint256 serviceId, address provider) internal {
        Member storage m = members[serviceId][provider];
        if (!m.active) return;
        m.active = false;
        address[] storage list = active[serviceId];
        uint256 i = activeIndex[serviceId][provider] - 1;
        address last = list[list.length - 1];
        list[i] = last;
        activeIndex[serviceId][last] = i + 1;
        list.pop();
        delete activeIndex[serviceId][provider];
    }
}
