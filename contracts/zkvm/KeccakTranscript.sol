// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {BabyBear} from "./BabyBear.sol";

/// @title The Keccak-256 Fiat-Shamir transcript of docs/zkvm-stark.md "Transcript" (src/prover/commit/transcript.ts).
/// @notice The state is a bytes32 passed by value. Labels are left-aligned in a bytes32 with their length.
/// Buffers are built in temporary memory above the free memory pointer.
library KeccakTranscript {
    /// S0 = keccak256("lightbus-stark-v1" || u8(len(L)) || L) for a label of at most 32 bytes.
    function start(bytes32 label, uint256 len) internal pure returns (bytes32 s) {
        assembly ("memory-safe") {
            let f := mload(0x40)
            mstore(f, "lightbus-stark-v1")
            mstore8(add(f, 17), len)
            mstore(add(f, 18), label)
            s := keccak256(f, add(18, len))
        }
    }

    /// Writes the absorb header at f; returns the offset of the data.
    function _head(bytes32 s, uint256 f, uint256 kind, bytes32 label, uint256 llen, uint256 dlen) private pure returns (uint256 d) {
        assembly ("memory-safe") {
            mstore(f, s)
            mstore8(add(f, 32), kind)
            mstore8(add(f, 33), llen)
            mstore(add(f, 34), label)
            let w := dlen
            let le := or(or(shl(24, and(w, 0xff)), shl(16, and(shr(8, w), 0xff))), or(shl(8, and(shr(16, w), 0xff)), and(shr(24, w), 0xff)))
            mstore(add(add(f, 34), llen), shl(224, le))
            d := add(add(f, 38), llen)
        }
    }

    /// Absorbs `len` bytes at memory `ptr` (kind: 1 bytes, 2 base, 3 ext4, 4 digest, 5 pow).
    function absorbMem(bytes32 s, uint256 kind, bytes32 label, uint256 llen, uint256 ptr, uint256 len) internal pure returns (bytes32 out) {
        uint256 f;
        assembly ("memory-safe") {
            f := mload(0x40)
        }
        uint256 d = _head(s, f, kind, label, llen, len);
        assembly ("memory-safe") {
            mcopy(d, ptr, len)
            out := keccak256(f, sub(add(d, len), f))
        }
    }

    /// Absorbs `len` bytes of calldata at `off`.
    function absorbCd(bytes32 s, uint256 kind, bytes32 label, uint256 llen, uint256 off, uint256 len) internal pure returns (bytes32 out) {
        uint256 f;
        assembly ("memory-safe") {
            f := mload(0x40)
        }
        uint256 d = _head(s, f, kind, label, llen, len);
        assembly ("memory-safe") {
            calldatacopy(d, off, len)
            out := keccak256(f, sub(add(d, len), f))
        }
    }

    /// Absorbs a 32-byte digest (kind 4).
    function absorbDigest(bytes32 s, bytes32 label, uint256 llen, bytes32 digest) internal pure returns (bytes32 out) {
        uint256 f;
        assembly ("memory-safe") {
            f := mload(0x40)
        }
        uint256 d = _head(s, f, 4, label, llen, 32);
        assembly ("memory-safe") {
            mstore(d, digest)
            out := keccak256(f, sub(add(d, 32), f))
        }
    }

    /// h_c = keccak256(S || kind || u8(llen) || label || u32le(c)); returns the first h_c whose u32le(h[0..4])
    /// `accept` (mode 0: base element, v & 0x7fffffff < p; mode 1: index below `limit`).
    function _squeeze(bytes32 s, uint256 kind, bytes32 label, uint256 llen, uint256 limit) private pure returns (bytes32 h, uint256 v) {
        assembly ("memory-safe") {
            let f := mload(0x40)
            mstore(f, s)
            mstore8(add(f, 32), kind)
            mstore8(add(f, 33), llen)
            mstore(add(f, 34), label)
            let cAt := add(add(f, 34), llen)
            let n := add(38, llen)
            for { let c := 0 } 1 { c := add(c, 1) } {
                let le := or(or(shl(24, and(c, 0xff)), shl(16, and(shr(8, c), 0xff))), or(shl(8, and(shr(16, c), 0xff)), and(shr(24, c), 0xff)))
                mstore(cAt, shl(224, le))
                h := keccak256(f, n)
                let w := shr(224, h)
                v := or(or(shl(24, and(w, 0xff)), shl(8, and(w, 0xff00))), or(and(shr(8, w), 0xff00), shr(24, w)))
                if eq(kind, 0x10) { v := and(v, 0x7fffffff) }
                if lt(v, limit) { break }
            }
        }
    }

    function squeezeBase(bytes32 s, bytes32 label, uint256 llen) internal pure returns (bytes32, uint256) {
        return _squeeze(s, 0x10, label, llen, BabyBear.P);
    }

    /// Four base squeezes c0..c3, packed.
    function squeezeExt4(bytes32 s, bytes32 label, uint256 llen) internal pure returns (bytes32, uint256 e) {
        uint256 c;
        for (uint256 j = 0; j < 4; j++) {
            (s, c) = _squeeze(s, 0x10, label, llen, BabyBear.P);
            e |= c << (64 * j);
        }
        return (s, e);
    }

    /// One index in [0, n), 1 <= n <= 2^32, without modulo bias (kind 0x11).
    function squeezeIndex(bytes32 s, bytes32 label, uint256 llen, uint256 n) internal pure returns (bytes32 h, uint256 v) {
        (h, v) = _squeeze(s, 0x11, label, llen, ((1 << 32) / n) * n);
        v %= n;
    }

    /// Leading zero bits of keccak256(S || u64le(nonce)) are at least `bits`.
    function powOk(bytes32 s, uint256 nonce, uint256 bits) internal pure returns (bool ok) {
        assembly ("memory-safe") {
            let f := mload(0x40)
            mstore(f, s)
            for { let i := 0 } lt(i, 8) { i := add(i, 1) } {
                mstore8(add(add(f, 32), i), and(shr(mul(8, i), nonce), 0xff))
            }
            let h := keccak256(f, 40)
            ok := iszero(shr(sub(256, bits), h))
            if iszero(bits) { ok := 1 }
        }
    }
}
