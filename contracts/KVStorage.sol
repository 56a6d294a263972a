// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title Key-value storage of blob commitments, in the spirit of EthStorage.
/// @notice `putBlob` must be called in an EIP-4844 blob transaction: it records, per (sender, key), the
/// blob's size and the first 24 bytes of its versioned hash (`blobhash`), which readers use to check
/// blob bytes they fetch elsewhere (KZG against the commitment behind that versioned hash).
contract KVStorage {
    struct Meta {
        uint40 kvIdx;
        uint24 size;
        bytes24 hash;
    }

    /// Largest value a blob can hold (4096 field elements × 32 bytes).
    uint256 public constant MAX_KV_SIZE = 131072;

    mapping(bytes32 => Meta) internal kv;
    uint40 public lastKvIdx;

    event PutBlob(uint256 indexed kvIdx, uint256 indexed kvSize, bytes32 indexed dataHash);

    error NoBlob(uint256 blobIdx);
    error TooLarge(uint256 length);

    function _skey(address owner, bytes32 key) internal pure returns (bytes32) {
        return keccak256(abi.encode(owner, key));
    }

    /// @param key the caller's key; @param blobIdx index of the blob in this transaction; @param length bytes used.
    function putBlob(bytes32 key, uint256 blobIdx, uint256 length) external payable {
        bytes32 dataHash = blobhash(blobIdx);
        if (dataHash == bytes32(0)) revert NoBlob(blobIdx);
        if (length > MAX_KV_SIZE) revert TooLarge(length);
        Meta storage m = kv[_skey(msg.sender, key)];
        if (m.hash == bytes24(0)) m.kvIdx = lastKvIdx++;
        m.size = uint24(length);
        m.hash = bytes24(dataHash);
        emit PutBlob(m.kvIdx, length, dataHash);
    }

    function size(address owner, bytes32 key) external view returns (uint256) {
        return kv[_skey(owner, key)].size;
    }

    function hash(address owner, bytes32 key) external view returns (bytes24) {
        return kv[_skey(owner, key)].hash;
    }

    function exist(address owner, bytes32 key) external view returns (bool) {
        return kv[_skey(owner, key)].hash != bytes24(0);
    }
}
