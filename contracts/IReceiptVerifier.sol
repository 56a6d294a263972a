// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title The on-chain verifier of Lightbus zkVM composite receipts (docs/zkvm-air.md "Receipt").
/// @notice `receipt` is the EVM encoding of a composite receipt (docs/zkvm-evm.md; TypeScript
/// `encodeReceiptForEvm` in src/prover/zkvm/receiptEvm.ts). `verify` accepts exactly the receipts that the
/// TypeScript `verifyReceipt` accepts, and reverts (with the verifier's typed errors) on every other input.
interface IReceiptVerifier {
    /// What a verified receipt proves. Digests are keccak-256 of the words as u32 little-endian
    /// (inputDigest as in the receipt; journalDigest likewise over the journal words).
    struct ReceiptClaim {
        bytes32 imageId;
        bytes32 inputDigest;
        bytes32 journalDigest;
        uint32 exitCode;
        uint64 cycles;
        uint32 segments;
    }

    /// @return claim the receipt's claim. Reverts unless every segment's STARK proof and the chaining verify.
    function verify(bytes calldata receipt) external view returns (ReceiptClaim memory claim);
}
