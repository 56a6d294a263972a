// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

interface IKVStorage {
    function putBlob(bytes32 key, uint256 blobIdx, uint256 length) external payable;
    function putBlobs(bytes32[] calldata keys, uint256[] calldata blobIdxs, uint256[] calldata lengths) external payable;
    function remove(bytes32 key) external;
    function size(bytes32 key) external view returns (uint256);
    function hash(bytes32 key) external view returns (bytes24);
    function get(bytes32 key, uint8 decodeType, uint256 off, uint256 len) external view returns (bytes memory);
    function metaOf(address owner, bytes32 key) external view returns (uint256 kvIdx, uint256 kvSize, bytes24 blobHash);
}

/// @title A directory of files for web3:// sites (ERC-5018 style, after ethstorage/evm-large-storage FlatDirectory),
/// written for the Lightbus devnet.
/// @notice Deployed per site by its owner; only the owner writes. A file is a list of chunks, all of one kind:
/// calldata chunks (bytes kept in this contract's storage) or blob chunks (KVStorage entries under this
/// directory's own namespace, key = keccak256(abi.encode(keccak256(name), chunkId)), content encoded
/// PaddingPer31Bytes). web3:// (ERC-4804/6860) resolves in manual mode through `fallback`: the path ("/a/b.html")
/// names a file; "/" and paths ending in "/" name the default file. Reading a blob chunk goes through
/// KVStorage.get → the ES read precompile 0x33301, which only a storage node's EVM has (a plain node reverts with
/// GetMustBeCalledOnESNode); clients verify blob chunks themselves from `getChunkMeta` (see docs/storage-devnet.md).
contract FlatDirectory {
    uint8 internal constant MODE_NONE = 0;
    uint8 internal constant MODE_CALLDATA = 1;
    uint8 internal constant MODE_BLOB = 2;
    uint8 internal constant DECODE_PADDING_PER_31_BYTES = 1;

    struct File {
        uint8 mode;
        uint256 count;
        mapping(uint256 => bytes) chunks;
    }

    address public immutable owner;
    IKVStorage public immutable storageContract;
    bytes public defaultFile = "index.html";
    mapping(bytes32 => File) internal files;

    event ChunkWritten(bytes32 indexed nameHash, uint256 indexed chunkId, uint8 mode, uint256 size);
    event FileRemoved(bytes32 indexed nameHash, uint256 chunks);

    error NotOwner();
    error ModeMismatch(uint8 fileMode, uint8 writeMode);
    error ChunkOutOfRange(uint256 chunkId, uint256 count);
    error LengthMismatch();
    /// Bubbled up from KVStorage.get (declared here so clients decode it with this ABI).
    error GetMustBeCalledOnESNode();

    constructor(address kvStorage) {
        owner = msg.sender;
        storageContract = IKVStorage(kvStorage);
    }

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner();
        _;
    }

    /// ERC-6860: this contract resolves web3:// URLs in manual mode.
    function resolveMode() external pure returns (bytes32) {
        return "manual";
    }

    /// The KVStorage key of a blob chunk (the directory is the KV owner).
    function chunkKey(bytes memory name, uint256 chunkId) public pure returns (bytes32) {
        return keccak256(abi.encode(keccak256(name), chunkId));
    }

    function _claim(bytes memory name, uint256 chunkId, uint8 mode) internal returns (File storage f) {
        f = files[keccak256(name)];
        if (f.mode != MODE_NONE && f.mode != mode) revert ModeMismatch(f.mode, mode);
        if (chunkId > f.count) revert ChunkOutOfRange(chunkId, f.count);
        f.mode = mode;
        if (chunkId == f.count) f.count++;
    }

    /// Writes (appends or replaces) calldata chunk `chunkId` of `name`.
    function writeChunk(bytes calldata name, uint256 chunkId, bytes calldata data) external onlyOwner {
        File storage f = _claim(name, chunkId, MODE_CALLDATA);
        f.chunks[chunkId] = data;
        emit ChunkWritten(keccak256(name), chunkId, MODE_CALLDATA, data.length);
    }

    /// Writes blob chunk `chunkId` of `name` from blob 0 of this blob transaction (`length` content bytes);
    /// `msg.value` pays KVStorage's upfrontPayment() for a new key and must match it exactly.
    function writeChunkByBlob(bytes calldata name, uint256 chunkId, uint256 length) external payable onlyOwner {
        _claim(name, chunkId, MODE_BLOB);
        storageContract.putBlob{value: msg.value}(chunkKey(name, chunkId), 0, length);
        emit ChunkWritten(keccak256(name), chunkId, MODE_BLOB, length);
    }

    /// Writes blob chunks `chunkIds[i]` of `name` from blob i of this transaction (in increasing chunk order).
    function writeChunksByBlobs(bytes calldata name, uint256[] calldata chunkIds, uint256[] calldata lengths) external payable onlyOwner {
        if (chunkIds.length != lengths.length) revert LengthMismatch();
        bytes32[] memory keys = new bytes32[](chunkIds.length);
        uint256[] memory idxs = new uint256[](chunkIds.length);
        for (uint256 i = 0; i < chunkIds.length; i++) {
            _claim(name, chunkIds[i], MODE_BLOB);
            keys[i] = chunkKey(name, chunkIds[i]);
            idxs[i] = i;
            emit ChunkWritten(keccak256(name), chunkIds[i], MODE_BLOB, lengths[i]);
        }
        storageContract.putBlobs{value: msg.value}(keys, idxs, lengths);
    }

    function setDefault(bytes calldata name) external onlyOwner {
        defaultFile = name;
    }

    /// Removes every chunk of `name` (blob chunks are removed from KVStorage too).
    function remove(bytes calldata name) external onlyOwner returns (uint256 chunks) {
        File storage f = files[keccak256(name)];
        chunks = f.count;
        for (uint256 i = 0; i < chunks; i++) {
            if (f.mode == MODE_BLOB) storageContract.remove(chunkKey(name, i));
            else delete f.chunks[i];
        }
        f.count = 0;
        f.mode = MODE_NONE;
        emit FileRemoved(keccak256(name), chunks);
    }

    function countChunks(bytes calldata name) external view returns (uint256) {
        return files[keccak256(name)].count;
    }

    /// 0 none, 1 calldata, 2 blob.
    function storageMode(bytes calldata name) external view returns (uint8) {
        return files[keccak256(name)].mode;
    }

    function _chunkSize(File storage f, bytes memory name, uint256 chunkId) internal view returns (uint256) {
        if (f.mode == MODE_BLOB) return storageContract.size(chunkKey(name, chunkId));
        return f.chunks[chunkId].length;
    }

    /// Total bytes and chunk count of `name`.
    function size(bytes calldata name) external view returns (uint256 total, uint256 chunks) {
        File storage f = files[keccak256(name)];
        chunks = f.count;
        for (uint256 i = 0; i < chunks; i++) {
            total += _chunkSize(f, name, i);
        }
    }

    /// keccak256 of a calldata chunk; for a blob chunk the 24-byte KV hash (versioned hash[0:24]), left-aligned.
    function getChunkHash(bytes calldata name, uint256 chunkId) external view returns (bytes32) {
        File storage f = files[keccak256(name)];
        if (chunkId >= f.count) return bytes32(0);
        if (f.mode == MODE_BLOB) return bytes32(storageContract.hash(chunkKey(name, chunkId)));
        return keccak256(f.chunks[chunkId]);
    }

    /// What a client needs to fetch and verify a chunk: its mode, size, and for blob chunks the KV key, kvIdx
    /// and 24-byte hash (for calldata chunks kvKey = 0, kvIdx = 0, hash = keccak256 of the bytes, left 24 bytes).
    function getChunkMeta(bytes calldata name, uint256 chunkId)
        external
        view
        returns (uint8 mode, uint256 chunkSize, bytes32 kvKey, uint256 kvIdx, bytes24 blobHash)
    {
        File storage f = files[keccak256(name)];
        if (chunkId >= f.count) revert ChunkOutOfRange(chunkId, f.count);
        mode = f.mode;
        if (mode == MODE_BLOB) {
            kvKey = chunkKey(name, chunkId);
            (kvIdx, chunkSize, blobHash) = storageContract.metaOf(address(this), kvKey);
        } else {
            chunkSize = f.chunks[chunkId].length;
            blobHash = bytes24(keccak256(f.chunks[chunkId]));
        }
    }

    function _readChunk(File storage f, bytes memory name, uint256 chunkId) internal view returns (bytes memory) {
        if (f.mode == MODE_BLOB) {
            bytes32 key = chunkKey(name, chunkId);
            return storageContract.get(key, DECODE_PADDING_PER_31_BYTES, 0, storageContract.size(key));
        }
        return f.chunks[chunkId];
    }

    /// Chunk `chunkId` of `name` and whether it exists.
    function readChunk(bytes calldata name, uint256 chunkId) external view returns (bytes memory, bool) {
        File storage f = files[keccak256(name)];
        if (chunkId >= f.count) return ("", false);
        return (_readChunk(f, name, chunkId), true);
    }

    /// The whole file `name` (its chunks concatenated) and whether it exists.
    function read(bytes memory name) public view returns (bytes memory content, bool found) {
        File storage f = files[keccak256(name)];
        if (f.count == 0) return ("", false);
        for (uint256 i = 0; i < f.count; i++) {
            content = bytes.concat(content, _readChunk(f, name, i));
        }
        return (content, true);
    }

    /// ERC-4804 manual mode: `pathinfo` is the URL path ("/", "/index.html", "/dir/"); answers abi.encode(bytes).
    fallback(bytes calldata pathinfo) external returns (bytes memory) {
        bytes memory content;
        if (pathinfo.length == 0 || pathinfo[0] != 0x2f) return abi.encode(content);
        if (pathinfo[pathinfo.length - 1] == 0x2f) (content,) = read(bytes.concat(pathinfo[1:], defaultFile));
        else (content,) = read(pathinfo[1:]);
        return abi.encode(content);
    }
}
