// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title TEST ONLY: a minimal ERC-1271 smart wallet: it accepts 65-byte signatures of its owner (any v is
/// passed through to ecrecover unchanged) and lets the owner make calls.
contract TestSmartWallet {
    address public immutable owner;

    constructor(address owner_) {
        owner = owner_;
    }

    receive() external payable {}

    function isValidSignature(bytes32 hash, bytes calldata sig) external view returns (bytes4) {
        if (sig.length != 65) return 0xffffffff;
        bytes32 r = bytes32(sig[0:32]);
        bytes32 s = bytes32(sig[32:64]);
        uint8 v = uint8(sig[64]);
        return ecrecover(hash, v, r, s) == owner ? bytes4(0x1626ba7e) : bytes4(0xffffffff);
    }

    function execute(address to, uint256 value, bytes calldata data) external returns (bytes memory) {
        require(msg.sender == owner);
        (bool ok, bytes memory ret) = to.call{value: value}(data);
        require(ok);
        return ret;
    }
}
