// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title ECDSA recovery for 65-byte (r ‖ s ‖ v) signatures over an EIP-712 digest.
/// @notice Rejects wrong lengths, high-s signatures (EIP-2 malleability) and failed recovery.
library SignatureRecovery {
    error InvalidSignature();

    /// secp256k1 order n / 2.
    uint256 private constant HALF_ORDER = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;

    /// @return signer the address that signed `digest`. Reverts with InvalidSignature otherwise.
    function recover(bytes32 digest, bytes calldata sig) internal pure returns (address signer) {
        if (sig.length != 65) revert InvalidSignature();
        bytes32 r;
        bytes32 s;
        uint8 v;
        assembly {
            r := calldataload(sig.offset)
            s := calldataload(add(sig.offset, 32))
            v := byte(0, calldataload(add(sig.offset, 64)))
        }
        if (v < 27) v += 27;
        if (uint256(s) > HALF_ORDER) revert InvalidSignature();
        signer = ecrecover(digest, v, r, s);
        if (signer == address(0)) revert InvalidSignature();
    }
}
