// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {SignatureRecovery} from "./SignatureRecovery.sol";

interface IProofMarketView {
    function lockedImageId(uint256 requestId) external view returns (bytes32);
    function lockedInputDigest(uint256 requestId) external view returns (bytes32);
    function isFulfilledWith(uint256 requestId, bytes calldata journal) external view returns (bool);
}

/// @title A registry of verifiable off-chain services, in the spirit of the verifiable-cloud proposal.
/// @notice Providers stake and join services; a service names its functions by program (image) id.
/// Users send EIP-712-signed requests off chain and providers return EIP-712-signed responses. A user who
/// holds a provider's signed response can dispute it with a ProofMarket request for the same program and
/// input whose fulfilled journal is the correct output: if the provider's output differs, its stake is
/// slashed to the user. (On the devnet the market records seals without verifying them on chain.)
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

    uint256 public constant MIN_STAKE = 1 ether;
    bytes32 public constant REQUEST_TYPEHASH = keccak256("Request(uint256 serviceId,address user,bytes input,uint256 nonce)");
    bytes32 public constant RESPONSE_TYPEHASH = keccak256("Response(bytes32 requestHash,bytes output)");
    bytes32 public immutable DOMAIN_SEPARATOR;
    IProofMarketView public immutable market;

    mapping(address => uint256) public stakeOf;
    mapping(uint256 => Service) public services;
    mapping(uint256 => mapping(address => bool)) public serves;
    mapping(bytes32 => bool) public disputed;
    uint256 public serviceCount;

    event ProviderStaked(address indexed provider, uint256 stake);
    event ServiceDefined(uint256 indexed serviceId, address indexed owner, bytes32 programId, string name);
    event ServiceJoined(uint256 indexed serviceId, address indexed provider);
    event DisputeSettled(uint256 indexed serviceId, address indexed provider, address indexed user, uint256 slashed, bytes32 requestHash);

    error InsufficientStake(uint256 stake);
    error NotServing(uint256 serviceId, address provider);
    error AlreadyDisputed(bytes32 requestHash);
    error ProofDoesNotMatch();
    error ResponseWasCorrect();

    constructor(address proofMarket) {
        market = IProofMarketView(proofMarket);
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

    function stake() external payable {
        stakeOf[msg.sender] += msg.value;
        emit ProviderStaked(msg.sender, stakeOf[msg.sender]);
    }

    function defineService(bytes32 programId, string calldata name) external returns (uint256 serviceId) {
        serviceId = ++serviceCount;
        services[serviceId] = Service({owner: msg.sender, programId: programId, name: name});
        emit ServiceDefined(serviceId, msg.sender, programId, name);
    }

    function joinService(uint256 serviceId) external {
        if (stakeOf[msg.sender] < MIN_STAKE) revert InsufficientStake(stakeOf[msg.sender]);
        serves[serviceId][msg.sender] = true;
        emit ServiceJoined(serviceId, msg.sender);
    }

    function requestHash(Request calldata r) public view returns (bytes32) {
        bytes32 structHash = keccak256(abi.encode(REQUEST_TYPEHASH, r.serviceId, r.user, keccak256(r.input), r.nonce));
        return keccak256(abi.encodePacked("\x19\x01", DOMAIN_SEPARATOR, structHash));
    }

    function responseHash(Response calldata r) public view returns (bytes32) {
        bytes32 structHash = keccak256(abi.encode(RESPONSE_TYPEHASH, r.requestHash, keccak256(r.output)));
        return keccak256(abi.encodePacked("\x19\x01", DOMAIN_SEPARATOR, structHash));
    }

    /// Settles a wrong response: `proofRequestId` is a fulfilled ProofMarket request for this service's program on
    /// this request's input whose journal is `correctOutput`. Slashes the provider's whole stake to the user.
    function dispute(
        Request calldata request,
        bytes calldata userSignature,
        Response calldata response,
        bytes calldata providerSignature,
        uint256 proofRequestId,
        bytes calldata correctOutput
    ) external {
        bytes32 rh = requestHash(request);
        if (SignatureRecovery.recover(rh, userSignature) != request.user || response.requestHash != rh) revert SignatureRecovery.InvalidSignature();
        address provider = SignatureRecovery.recover(responseHash(response), providerSignature);
        if (!serves[request.serviceId][provider]) revert NotServing(request.serviceId, provider);
        if (disputed[rh]) revert AlreadyDisputed(rh);
        if (
            market.lockedImageId(proofRequestId) != services[request.serviceId].programId
                || market.lockedInputDigest(proofRequestId) != keccak256(request.input)
                || !market.isFulfilledWith(proofRequestId, correctOutput)
        ) revert ProofDoesNotMatch();
        if (keccak256(correctOutput) == keccak256(response.output)) revert ResponseWasCorrect();
        disputed[rh] = true;
        uint256 slashed = stakeOf[provider];
        stakeOf[provider] = 0;
        serves[request.serviceId][provider] = false;
        emit DisputeSettled(request.serviceId, provider, request.user, slashed, rh);
        (bool ok,) = request.user.call{value: slashed}("");
        require(ok);
    }
}
