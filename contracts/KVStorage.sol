// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title Key-value storage of blob commitments, with EthStorage's API (storage-contracts-v1 DecentralizedKV /
/// EthStorageContract), written for the Lightbus devnet.
/// @notice `putBlob` must be called in an EIP-4844 blob transaction: it records, per (sender, key), the blob's
/// content size and the first 24 bytes of its versioned hash (`blobhash`). Readers check blob bytes fetched
/// elsewhere (a storage node, a beacon node) with KZG against the commitment behind that versioned hash.
/// The contract cannot see blob bytes: it cannot check that `length` is the real content length. The app checks
/// the recorded size against the decoded blob (PaddingPer31Bytes: bytes past `size` must be zero, see
/// src/verify/storage decodeBlob); a size that disagrees with the blob makes the read fail, never return bytes.
///
/// Fees: each NEW key costs exactly `upfrontPayment()` (overwrites are free); any other `msg.value` reverts with
/// WrongPayment, so no ETH is ever stuck. Collected fees are tracked in `feesCollected` and sent to `treasury`
/// (set at deploy) by `withdrawFees()`. Removing a key does not refund its fee.
///
/// Storage layout (for eth_getProof; plain slots, not EthStorage's ERC-7201 base):
///   slot 0: `kvEntryCount` (uint256): kvIdx values ever allocated (removed entries leave holes)
///   slot 1: `kvMap` mapping(bytes32 skey => PhyAddr): word at keccak256(skey ‖ uint256(1)) =
///           hash (bytes24, high) ‖ kvSize (uint24) ‖ kvIdx (uint40, low) — EthStorage's PhyAddr packing
///   slot 2: `idxMap` mapping(uint256 kvIdx => bytes32 skey): word at keccak256(uint256(kvIdx) ‖ uint256(2))
///   slot 3: `feesCollected` (uint256): fees received minus fees withdrawn
///   skey = keccak256(abi.encode(owner, key)).
contract KVStorage {
    struct PhyAddr {
        uint40 kvIdx;
        uint24 kvSize;
        bytes24 hash;
    }

    /// EthStorage's DecodeType values (the read precompile's `decodeType` argument).
    uint8 public constant DECODE_RAW = 0;
    uint8 public constant DECODE_PADDING_PER_31_BYTES = 1;
    uint8 public constant DECODE_OPTIMISM_COMPACT = 2;
    /// Largest content a blob holds in the PaddingPer31Bytes encoding (4096 field elements × 31 bytes).
    uint256 public constant MAX_KV_SIZE = 126976;
    /// Fee per new key, in wei.
    uint256 public constant UPFRONT_PAYMENT = 0.001 ether;
    /// EthStorage's read precompile (only an ES node's EVM has code there).
    address public constant READ_PRECOMPILE = address(0x33301);

    uint256 public kvEntryCount;
    mapping(bytes32 => PhyAddr) public kvMap;
    mapping(uint256 => bytes32) public idxMap;
    uint256 public feesCollected;
    address public immutable treasury;

    /// Every put (new key or overwrite).
    event PutBlob(uint256 indexed kvIdx, address indexed owner, bytes32 indexed key, uint256 size, bytes24 hash);
    /// An overwrite of an existing key, emitted after its PutBlob: what it replaced.
    event OverwriteBlob(uint256 indexed kvIdx, address indexed owner, bytes32 indexed key, uint256 previousSize, bytes24 previousHash);
    event RemoveBlob(uint256 indexed kvIdx, address indexed owner, bytes32 indexed key);
    event FeesWithdrawn(address indexed to, uint256 amount);

    error NoBlob(uint256 blobIdx);
    error TooLarge(uint256 length);
    error ZeroSize();
    error WrongPayment(uint256 expected, uint256 sent);
    error LengthMismatch();
    error NotFound(bytes32 key);
    error NotTreasury();
    error TransferFailed();
    error GetMustBeCalledOnESNode();
    error ReadOutOfRange(uint256 off, uint256 len, uint256 size);

    constructor(address treasury_) {
        treasury = treasury_;
    }

    function _skey(address owner, bytes32 key) internal pure returns (bytes32) {
        return keccak256(abi.encode(owner, key));
    }

    /// Fee for one new key, in wei (EthStorage's name; constant here).
    function upfrontPayment() public pure returns (uint256) {
        return UPFRONT_PAYMENT;
    }

    /// Records `key` → (blob `blobIdx` of this transaction, content `length` bytes). Returns true when the key is new.
    function _put(bytes32 key, uint256 blobIdx, uint256 length) internal returns (bool isNew) {
        bytes32 dataHash = blobhash(blobIdx);
        if (dataHash == bytes32(0)) revert NoBlob(blobIdx);
        if (length == 0) revert ZeroSize();
        if (length > MAX_KV_SIZE) revert TooLarge(length);
        bytes32 skey = _skey(msg.sender, key);
        PhyAddr memory old = kvMap[skey];
        isNew = old.hash == bytes24(0);
        uint40 idx = old.kvIdx;
        if (isNew) {
            idx = uint40(kvEntryCount++);
            idxMap[idx] = skey;
        }
        kvMap[skey] = PhyAddr({kvIdx: idx, kvSize: uint24(length), hash: bytes24(dataHash)});
        emit PutBlob(idx, msg.sender, key, length, bytes24(dataHash));
        if (!isNew) emit OverwriteBlob(idx, msg.sender, key, old.kvSize, old.hash);
    }

    function _charge(uint256 newKeys) internal {
        uint256 expected = newKeys * UPFRONT_PAYMENT;
        if (msg.value != expected) revert WrongPayment(expected, msg.value);
        feesCollected += expected;
    }

    /// @param key the caller's key; @param blobIdx index of the blob in this transaction; @param length content bytes (1…MAX_KV_SIZE).
    function putBlob(bytes32 key, uint256 blobIdx, uint256 length) external payable {
        _charge(_put(key, blobIdx, length) ? 1 : 0);
    }

    function putBlobs(bytes32[] calldata keys, uint256[] calldata blobIdxs, uint256[] calldata lengths) external payable {
        if (keys.length != blobIdxs.length || keys.length != lengths.length) revert LengthMismatch();
        uint256 newKeys;
        for (uint256 i = 0; i < keys.length; i++) {
            if (_put(keys[i], blobIdxs[i], lengths[i])) newKeys++;
        }
        _charge(newKeys);
    }

    /// Deletes the caller's `key` (its kvIdx stays allocated and maps to 0). The fee is not refunded.
    function remove(bytes32 key) external {
        bytes32 skey = _skey(msg.sender, key);
        PhyAddr memory m = kvMap[skey];
        if (m.hash == bytes24(0)) revert NotFound(key);
        delete kvMap[skey];
        delete idxMap[m.kvIdx];
        emit RemoveBlob(m.kvIdx, msg.sender, key);
    }

    /// Sends every collected fee to the treasury; only the treasury may call.
    function withdrawFees() external {
        if (msg.sender != treasury) revert NotTreasury();
        uint256 amount = feesCollected;
        feesCollected = 0;
        emit FeesWithdrawn(treasury, amount);
        (bool ok,) = treasury.call{value: amount}("");
        if (!ok) revert TransferFailed();
    }

    // ---- reads namespaced by msg.sender (EthStorage's API) ----
    function size(bytes32 key) external view returns (uint256) {
        return kvMap[_skey(msg.sender, key)].kvSize;
    }

    function hash(bytes32 key) external view returns (bytes24) {
        return kvMap[_skey(msg.sender, key)].hash;
    }

    function exist(bytes32 key) external view returns (bool) {
        return kvMap[_skey(msg.sender, key)].hash != bytes24(0);
    }

    /// Bytes `off`…`off+len` of the caller's `key`, decoded with `decodeType`, from the ES read precompile.
    /// Returns empty bytes for a missing key. Reverts GetMustBeCalledOnESNode on a node without the precompile.
    function get(bytes32 key, uint8 decodeType, uint256 off, uint256 len) external view returns (bytes memory) {
        PhyAddr memory m = kvMap[_skey(msg.sender, key)];
        if (m.hash == bytes24(0)) return new bytes(0);
        if (off + len > m.kvSize) revert ReadOutOfRange(off, len, m.kvSize);
        (bool ok, bytes memory data) = READ_PRECOMPILE.staticcall(abi.encode(uint256(m.kvIdx), decodeType, off, len, bytes32(m.hash)));
        if (!ok || data.length == 0) revert GetMustBeCalledOnESNode();
        return data;
    }

    // ---- reads of any owner's entry (Lightbus additions) ----
    /// (kvIdx, size, hash) of `owner`'s `key`; size 0 and hash 0 when absent.
    function metaOf(address owner, bytes32 key) external view returns (uint256 kvIdx, uint256 kvSize, bytes24 blobHash) {
        PhyAddr memory m = kvMap[_skey(owner, key)];
        return (m.kvIdx, m.kvSize, m.hash);
    }

    function existOf(address owner, bytes32 key) external view returns (bool) {
        return kvMap[_skey(owner, key)].hash != bytes24(0);
    }

    /// The skey (keccak256(abi.encode(owner, key))) stored at `kvIdx`, 0 when removed or never allocated.
    function keyOf(uint256 kvIdx) external view returns (bytes32) {
        return idxMap[kvIdx];
    }

    /// EthStorage's packed metas: kvIdx << 216 | kvSize << 192 | bytes32(hash) >> 64 (0 for a removed index).
    function getKvMetas(uint256[] calldata kvIndices) external view returns (bytes32[] memory metas) {
        metas = new bytes32[](kvIndices.length);
        for (uint256 i = 0; i < kvIndices.length; i++) {
            bytes32 skey = idxMap[kvIndices[i]];
            if (skey == bytes32(0)) continue;
            PhyAddr memory m = kvMap[skey];
            metas[i] = bytes32(uint256(m.kvIdx) << 216 | uint256(m.kvSize) << 192 | uint256(bytes32(m.hash)) >> 64);
        }
    }
}
