// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// Typed reverts of the zkVM receipt verifier, named like the TypeScript error codes (docs/errors.md).
error MalformedReceipt(string reason);
error InvalidReceipt(string reason);
error InvalidStarkProof(uint256 segment, string reason);
error InvalidMerkleOpening(uint256 segment);
error InvalidFriProof(uint256 segment, string reason);
error InvalidProofOfWork(uint256 segment);
