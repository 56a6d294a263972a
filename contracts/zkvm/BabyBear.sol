// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title BabyBear (p = 15*2^27 + 1) and F_p^4 = F_p[x]/(x^4 - 11) arithmetic (docs/zkvm-stark.md "Field", "Extension").
/// @notice An F_p^4 element is packed in one word: coordinate j (of x^j) in bits 64j..64j+31, each < p.
/// A base element is the same packing with coordinates 1..3 zero.
library BabyBear {
    uint256 internal constant P = 2013265921;
    uint256 internal constant LANE = 0xffffffffffffffff;
    /// The multiplicative generator 31 (the LDE coset shift) and the primitive 2^27-th root of unity 31^((p-1)/2^27).
    uint256 internal constant GENERATOR = 31;
    uint256 internal constant ROOT_27 = 0x1a427a41;

    function add(uint256 a, uint256 b) internal pure returns (uint256 c) {
        assembly ("memory-safe") {
            let p := P
            let k := LANE
            c := or(
                or(addmod(and(a, k), and(b, k), p), shl(64, addmod(and(shr(64, a), k), and(shr(64, b), k), p))),
                or(shl(128, addmod(and(shr(128, a), k), and(shr(128, b), k), p)), shl(192, addmod(shr(192, a), shr(192, b), p)))
            )
        }
    }

    function neg(uint256 a) internal pure returns (uint256 c) {
        assembly ("memory-safe") {
            let p := P
            let k := LANE
            c := or(
                or(mod(sub(p, and(a, k)), p), shl(64, mod(sub(p, and(shr(64, a), k)), p))),
                or(shl(128, mod(sub(p, and(shr(128, a), k)), p)), shl(192, mod(sub(p, shr(192, a)), p)))
            )
        }
    }

    function sub(uint256 a, uint256 b) internal pure returns (uint256) {
        return add(a, neg(b));
    }

    function mul(uint256 a, uint256 b) internal pure returns (uint256 c) {
        assembly ("memory-safe") {
            let p := P
            let k := LANE
            let a0 := and(a, k)
            let a1 := and(shr(64, a), k)
            let a2 := and(shr(128, a), k)
            let a3 := shr(192, a)
            let b0 := and(b, k)
            let b1 := and(shr(64, b), k)
            let b2 := and(shr(128, b), k)
            let b3 := shr(192, b)
            let c0 := mod(add(mul(a0, b0), mul(11, add(add(mul(a1, b3), mul(a2, b2)), mul(a3, b1)))), p)
            let c1 := mod(add(add(mul(a0, b1), mul(a1, b0)), mul(11, add(mul(a2, b3), mul(a3, b2)))), p)
            let c2 := mod(add(add(add(mul(a0, b2), mul(a1, b1)), mul(a2, b0)), mul(11, mul(a3, b3))), p)
            let c3 := mod(add(add(mul(a0, b3), mul(a1, b2)), add(mul(a2, b1), mul(a3, b0))), p)
            c := or(or(c0, shl(64, c1)), or(shl(128, c2), shl(192, c3)))
        }
    }

    /// a * s for a base element s < p.
    function mulBase(uint256 a, uint256 s) internal pure returns (uint256 c) {
        assembly ("memory-safe") {
            let p := P
            let k := LANE
            c := or(
                or(mulmod(and(a, k), s, p), shl(64, mulmod(and(shr(64, a), k), s, p))),
                or(shl(128, mulmod(and(shr(128, a), k), s, p)), shl(192, mulmod(shr(192, a), s, p)))
            )
        }
    }

    /// x^e in the base field.
    function basePow(uint256 x, uint256 e) internal pure returns (uint256 r) {
        assembly ("memory-safe") {
            let p := P
            r := 1
            for {} e {} {
                if and(e, 1) { r := mulmod(r, x, p) }
                x := mulmod(x, x, p)
                e := shr(1, e)
            }
        }
    }

    /// x^(p-2): the inverse of x != 0 (0 maps to 0).
    function baseInv(uint256 x) internal pure returns (uint256) {
        return basePow(x, P - 2);
    }

    /// a^e in F_p^4.
    function pow(uint256 a, uint256 e) internal pure returns (uint256 r) {
        r = 1;
        while (e != 0) {
            if (e & 1 == 1) r = mul(r, a);
            a = mul(a, a);
            e >>= 1;
        }
    }

    /// a^(2^k) in F_p^4.
    function powTwo(uint256 a, uint256 k) internal pure returns (uint256) {
        for (uint256 i = 0; i < k; i++) {
            a = mul(a, a);
        }
        return a;
    }

    /// The inverse in F_p^4 (0 maps to 0): with b = a(-x), a*b = c0 + c2*x^2 lies in F_p[x^2], whose
    /// inverse is (c0 - c2*x^2)/(c0^2 - 11*c2^2); then a^-1 = b * (a*b)^-1.
    function inv(uint256 a) internal pure returns (uint256) {
        uint256 b = a & ~((LANE << 64) | (LANE << 192)) | (neg(a) & ((LANE << 64) | (LANE << 192)));
        uint256 e = mul(a, b);
        uint256 c0 = e & LANE;
        uint256 c2 = (e >> 128) & LANE;
        uint256 n = addmod(mulmod(c0, c0, P), P - mulmod(11, mulmod(c2, c2, P), P), P);
        uint256 ni = baseInv(n);
        uint256 ei = mulmod(c0, ni, P) | (mulmod(P - c2, ni, P) % P) << 128;
        return mul(b, ei);
    }

    /// The primitive 2^k-th root of unity 31^((p-1)/2^k), 0 <= k <= 27.
    function rootOfUnity(uint256 k) internal pure returns (uint256 w) {
        w = ROOT_27;
        for (uint256 i = k; i < 27; i++) {
            w = mulmod(w, w, P);
        }
    }

    /// A little-endian u32 from 4 bytes: `w` holds them big-endian in its low 32 bits.
    function swap32(uint256 w) internal pure returns (uint256) {
        return ((w & 0xff) << 24) | ((w & 0xff00) << 8) | ((w >> 8) & 0xff00) | (w >> 24);
    }
}
