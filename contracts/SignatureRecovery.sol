// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// ERC-1271 (https://eips.ethereum.org/EIPS/eip-1271): a contract account's signature check.
interface IERC1271 {
    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4 magicValue);
}

/// @title Signature checks for EIP-712 digests: 65-byte (r ‖ s ‖ v) ECDSA signatures of EOAs and ERC-1271 contracts.
/// @notice v is normalised in ONE place (`normaliseV`): 0/1 and 27/28 denote the same two recovery ids; every
/// other v, a wrong length, a high s (EIP-2 malleability) or a failed recovery reverts with InvalidSignature.
library SignatureRecovery {
    error InvalidSignature();

    /// secp256k1 order n / 2.
    uint256 private constant HALF_ORDER = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;
    /// ERC-1271 `isValidSignature.selector`, returned by a contract that accepts the signature.
    bytes4 internal constant ERC1271_MAGIC = 0x1626ba7e;

    /// @return The recovery v in {27, 28}: 0 → 27, 1 → 28, 27 and 28 unchanged. Reverts on anything else.
    function normaliseV(uint8 v) internal pure returns (uint8) {
        if (v == 27 || v == 28) return v;
        if (v == 0 || v == 1) return v + 27;
        revert InvalidSignature();
    }

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
        if (uint256(s) > HALF_ORDER) revert InvalidSignature();
        signer = ecrecover(digest, normaliseV(v), r, s);
        if (signer == address(0)) revert InvalidSignature();
    }

    /// Checks that `signer` signed `digest`: an ERC-1271 contract (`isContract`) must return the magic value from
    /// `isValidSignature(digest, sig)`; an EOA's 65-byte signature must recover to it. Reverts with InvalidSignature.
    function check(address signer, bool isContract, bytes32 digest, bytes calldata sig) internal view {
        if (!isContract) {
            if (recover(digest, sig) != signer) revert InvalidSignature();
            return;
        }
        if (signer.code.length == 0) revert InvalidSignature();
        try IERC1271(signer).isValidSignature(digest, sig) returns (bytes4 magic) {
            if (magic != ERC1271_MAGIC) revert InvalidSignature();
        } catch {
            revert InvalidSignature();
        }
    }
}
