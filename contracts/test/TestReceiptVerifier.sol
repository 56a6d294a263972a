// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IReceiptVerifier} from "../IReceiptVerifier.sol";

/// @title TEST ONLY: a stand-in receipt verifier for ProofMarket unit tests. Never deployed on the devnet.
/// @notice Its "receipt" is an abi-encoded ReceiptClaim (exactly 6 words); anything else reverts. It proves
/// nothing: tests use it to drive the market's ramp, lock, fulfil and slash rules without STARK proofs.
contract TestReceiptVerifier is IReceiptVerifier {
    error TestReceiptRejected(uint256 length);

    function verify(bytes calldata receipt) external pure returns (ReceiptClaim memory claim) {
        if (receipt.length != 192) revert TestReceiptRejected(receipt.length);
        claim = abi.decode(receipt, (ReceiptClaim));
    }
}
