// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {BabyBear as F} from "./BabyBear.sol";
import {KeccakTranscript as T} from "./KeccakTranscript.sol";
import {InvalidFriProof, InvalidMerkleOpening, InvalidProofOfWork, InvalidStarkProof, MalformedReceipt} from "./ZkvmErrors.sol";

interface IZkvmAir {
    function evaluate(uint256[] calldata input) external pure returns (uint256 st, uint256 sr, uint256 sf, uint256 sl);
}

/// @title The STARK verifier of one zkVM segment proof (docs/zkvm-stark.md, docs/zkvm-air.md), the
/// Solidity twin of src/prover/stark/verifier.ts verifyStark(ZKVM_AIR, ...) with SEGMENT_PARAMS.
/// @notice `pi` is the segment's public inputs as u32 little-endian words (statement.ts toPublicInputs),
/// `proof` the STARK proof bytes ("Proof layout"). Reverts with the typed errors of ZkvmErrors.sol.
/// The shape is Lightbus's exactly: 83 main, 32 aux, 8 composition columns, 52 queries, blowup 4,
/// 16 grinding bits, final polynomial of 8 coefficients.
contract ZkvmStarkVerifier {
    uint256 internal constant P = 2013265921;
    uint256 internal constant MW = 83;
    uint256 internal constant AW = 32;
    uint256 internal constant CW = 8;
    uint256 internal constant NQ = 52;
    uint256 internal constant W = MW + AW + CW; // columns opened at z
    uint256 internal constant M = MW + AW; // columns opened at g*z
    uint256 internal constant OOD_AT = 12 + 96; // after the header and three roots
    uint256 internal constant OOD_BYTES = 16 * (2 * MW + 2 * AW + CW);
    /// AIR input layout (src/prover/zkvm/airSolidity.ts AIR_INPUT).
    uint256 internal constant IN_GAMMA = 182;
    uint256 internal constant IN_ALPHAS = 214;

    address public immutable air;

    constructor(address air_) {
        air = air_;
    }

    struct V {
        uint256 seg;
        uint256 logN;
        uint256 logDomain;
        uint256 po; // calldata offset of the proof
        uint256 pio; // calldata offset of the public inputs
        uint256 codeLen;
        uint256 halted;
        bytes32 s;
        uint256 gamma;
        uint256 beta;
        uint256 z;
        uint256 gz;
        uint256 qo; // calldata offset of the STARK query openings
        uint256 perQuery;
        uint256 fo; // calldata offset of the FRI proof
        uint256 rounds;
        uint256 cz;
        uint256 cg;
        uint256[] alphasAndFrame;
        uint256[] betas;
        uint256[] indices;
        uint256[] gp; // gamma powers: per power, coordinates (0, 2) then (1, 3) at 128-bit spacing
    }

    function _stark(V memory v, string memory reason) private pure {
        revert InvalidStarkProof(v.seg, reason);
    }

    /// The u32 little-endian word at calldata offset o.
    function _u32(uint256 o) private pure returns (uint256 w) {
        assembly ("memory-safe") {
            let x := shr(224, calldataload(o))
            w := or(or(shl(24, and(x, 0xff)), shl(8, and(x, 0xff00))), or(and(shr(8, x), 0xff00), shr(24, x)))
        }
    }

    /// The packed F_p^4 element at calldata offset o (16 bytes); reverts unless every coordinate is < p.
    function _ext(uint256 o) private pure returns (uint256 e) {
        bool bad;
        assembly ("memory-safe") {
            let x := calldataload(o)
            // byte-swap each 32-bit lane: the four u32 LE words become their values.
            x := or(and(shr(8, x), 0x00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff), shl(8, and(x, 0x00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff)))
            x := or(and(shr(16, x), 0x0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff), shl(16, and(x, 0x0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff)))
            let c0 := shr(224, x)
            let c1 := and(shr(192, x), 0xffffffff)
            let c2 := and(shr(160, x), 0xffffffff)
            let c3 := and(shr(128, x), 0xffffffff)
            let p := 2013265921
            bad := iszero(and(and(lt(c0, p), lt(c1, p)), and(lt(c2, p), lt(c3, p))))
            e := or(or(c0, shl(64, c1)), or(shl(128, c2), shl(192, c3)))
        }
        if (bad) revert MalformedReceipt("STARK proof: an element is not below p");
    }

    /// The public input word i.
    function _pi(V memory v, uint256 i) private pure returns (uint256) {
        return _u32(v.pio + 4 * i);
    }

    function verifySegment(uint256 segment, uint256 logN, bytes calldata pi, bytes calldata proof) external view {
        V memory v;
        v.seg = segment;
        v.logN = logN;
        v.logDomain = logN + 2;
        v.po = _offset(proof);
        v.pio = _offset(pi);
        _shape(v, proof.length, pi.length);
        _commitPhase(v, pi.length);
        _compositionCheck(v);
        _friAndQueries(v);
    }

    function _offset(bytes calldata b) private pure returns (uint256 o) {
        assembly ("memory-safe") {
            o := b.offset
        }
    }

    /// Header, exact lengths (docs/zkvm-stark.md "Proof layout"; FRI "Proof encoding") and the public-input layout.
    function _shape(V memory v, uint256 proofLen, uint256 piLen) private pure {
        uint256 po = v.po;
        uint256 d = v.logDomain;
        if (proofLen < OOD_AT) revert MalformedReceipt("STARK proof: shorter than its header");
        uint256 h = uint256(bytes32(msg.data[po:po + 12])) >> 160;
        // version 2, logN, mw 83, aw 32, cw 8, Q 52 (u16 LE), depth, reserved 0
        uint256 expected = (uint256(2) << 88) | (v.logN << 80) | (uint256(0x5300) << 64) | (uint256(0x2000) << 48) | (uint256(0x0800) << 32)
            | (uint256(0x3400) << 16) | (d << 8);
        if (h != expected) _stark(v, "proof header is not the zkVM segment shape");
        v.perQuery = 2 * ((4 * MW + 32 * d) + (4 * AW + 32 * d) + (4 * CW + 32 * d));
        v.qo = po + OOD_AT + OOD_BYTES;
        uint256 friAt = OOD_AT + OOD_BYTES + NQ * v.perQuery;
        if (proofLen < friAt + 4) revert MalformedReceipt("STARK proof: truncated");
        uint256 friLen = _u32(po + friAt);
        if (proofLen != friAt + 4 + friLen) revert MalformedReceipt("STARK proof: length differs from its header");
        v.fo = po + friAt + 4;
        // FRI: version 1, R, D = L - 1, F = 8, Q = 52, nonce < 2^53.
        uint256 rounds = v.logN - 3;
        v.rounds = rounds;
        uint256 perFri = 0;
        for (uint256 r = 0; r < rounds; r++) {
            perFri += 32 + 32 * (d - 1 - r);
        }
        if (friLen != 17 + 32 * rounds + 16 * 8 + NQ * perFri) revert MalformedReceipt("FRI proof: length differs from the shape");
        uint256 fh = uint256(bytes32(msg.data[v.fo:v.fo + 9])) >> 184;
        if (fh != ((1 << 64) | (rounds << 56) | ((d - 1) << 48) | (uint256(8) << 40) | uint256(0x3400))) revert InvalidFriProof(v.seg, "FRI header is not the shape");
        if (_u32(v.fo + 13) >= (1 << 21)) revert MalformedReceipt("FRI proof: nonce is not below 2^53");
        // Public inputs: header 34, code 5L, rom L, start 11, end 11, 3, memory and tables 4*256, io words.
        if (piLen < 4 * 34) _stark(v, "public inputs: fewer than the header");
        uint256 L = _pi(v, 33);
        if (L < 1 || L > 4096) _stark(v, "public inputs: code length");
        v.codeLen = L;
        uint256 fixedWords = 59 + 6 * L + 1024;
        if (piLen < 4 * fixedWords) _stark(v, "public inputs: fewer than the fixed part");
        uint256 ins = _pi(v, 54 + 6 * L) - _pi(v, 43 + 6 * L);
        uint256 outs = _pi(v, 55 + 6 * L) - _pi(v, 44 + 6 * L);
        if (piLen != 4 * (fixedWords + ins + outs)) _stark(v, "public inputs: length differs from the layout");
        v.halted = _pi(v, 57 + 6 * L);
        if (v.halted > 1) _stark(v, "public inputs: halted is not 0 or 1");
    }

    /// Transcript up to the out-of-domain values (docs/zkvm-stark.md "Transcript order" 1-8).
    function _commitPhase(V memory v, uint256 piLen) private pure {
        uint256 po = v.po;
        bytes32 s = T.start("lightbus-zkvm-segment-v1", 24);
        // stark-air: the AIR name, copied below the scratch the transcript uses.
        s = _absorbName(s);
        uint256 nLast = 12 + v.halted;
        uint256[14] memory shape = [v.logN, MW, AW, 2, 3, 14, 87, 13, nLast, 2, 2, NQ, 16, 3];
        s = _absorbWords(s, "stark-shape", 11, shape);
        s = T.absorbCd(s, 2, "stark-public", 12, v.pio, piLen);
        s = T.absorbDigest(s, "stark-main", 10, bytes32(msg.data[po + 12:po + 44]));
        (s, v.gamma) = T.squeezeExt4(s, "stark-challenge", 15);
        (s, v.beta) = T.squeezeExt4(s, "stark-challenge", 15);
        s = T.absorbDigest(s, "stark-aux", 9, bytes32(msg.data[po + 44:po + 76]));
        uint256 nAlpha = 14 + 87 + 13 + nLast;
        uint256[] memory a = new uint256[](IN_ALPHAS + nAlpha);
        for (uint256 j = 0; j < nAlpha; j++) {
            (s, a[IN_ALPHAS + j]) = T.squeezeExt4(s, "stark-alpha", 11);
        }
        v.alphasAndFrame = a;
        s = T.absorbDigest(s, "stark-composition", 17, bytes32(msg.data[po + 76:po + 108]));
        uint256 n = v.logN;
        uint256 shiftInv = F.baseInv(F.GENERATOR);
        while (true) {
            uint256 z;
            (s, z) = T.squeezeExt4(s, "stark-ood", 9);
            if (F.powTwo(z, n) != 1 && F.powTwo(F.mulBase(z, shiftInv), v.logDomain) != 1) {
                v.z = z;
                break;
            }
        }
        v.gz = F.mulBase(v.z, F.rootOfUnity(n));
        s = T.absorbCd(s, 3, "stark-ood", 9, po + OOD_AT, OOD_BYTES);
        v.s = s;
    }

    function _absorbName(bytes32 s) private pure returns (bytes32) {
        uint256 f;
        assembly ("memory-safe") {
            f := add(mload(0x40), 0x400)
            mstore(f, "lightbus-zkvm-v1")
        }
        // absorbMem copies from f into a buffer at the free pointer (below f + 0x400 is never reached: 38 + 9 + 16 bytes).
        return T.absorbMem(s, 1, "stark-air", 9, f, 16);
    }

    function _absorbWords(bytes32 s, bytes32 label, uint256 llen, uint256[14] memory words) private pure returns (bytes32) {
        uint256 f;
        assembly ("memory-safe") {
            f := add(mload(0x40), 0x400)
        }
        for (uint256 i = 0; i < 14; i++) {
            uint256 w = words[i];
            uint256 le = ((w & 0xff) << 24) | ((w & 0xff00) << 8) | ((w >> 8) & 0xff00) | (w >> 24);
            assembly ("memory-safe") {
                mstore(add(f, mul(4, i)), shl(224, le))
            }
        }
        return T.absorbMem(s, 2, label, llen, f, 56);
    }

    /// Checks sum_k z^(k*D) H_k(z) = H(z) with H(z) from the claimed frame (src/prover/stark/composition.ts compositionAt).
    function _compositionCheck(V memory v) private view {
        uint256[] memory a = v.alphasAndFrame;
        uint256 ood = v.po + OOD_AT;
        for (uint256 i = 0; i < 2 * MW; i++) {
            a[i] = _ext(ood + 16 * i);
        }
        // aux ext columns from their coordinates: sum_j x^j * c_{4e+j}, at z then g*z.
        for (uint256 e = 0; e < 16; e++) {
            uint256 acc = 0;
            for (uint256 j = 0; j < 4; j++) {
                acc = F.add(acc, F.mul(_ext(ood + 16 * (2 * MW + 4 * e + j)), uint256(1) << (64 * j)));
            }
            a[2 * MW + e] = acc;
        }
        a[IN_GAMMA] = v.gamma;
        a[IN_GAMMA + 1] = v.beta;
        uint256 bpow = v.beta;
        for (uint256 i = 0; i < 6; i++) {
            a[IN_GAMMA + 3 + i] = bpow;
            bpow = F.mul(bpow, v.beta);
        }
        a[IN_GAMMA + 2] = _tableSum(v, a);
        uint256 L = v.codeLen;
        for (uint256 i = 0; i < 11; i++) {
            a[IN_GAMMA + 9 + i] = _pi(v, 34 + 6 * L + i);
        }
        for (uint256 i = 0; i < 9; i++) {
            a[IN_GAMMA + 20 + i] = _pi(v, 45 + 6 * L + i);
        }
        a[IN_GAMMA + 29] = _pi(v, 56 + 6 * L);
        a[IN_GAMMA + 30] = _pi(v, 58 + 6 * L);
        a[IN_GAMMA + 31] = v.halted;
        (uint256 st, uint256 sr, uint256 sf, uint256 sl) = IZkvmAir(air).evaluate(a);
        uint256 z = v.z;
        uint256 zn = F.powTwo(z, v.logN);
        uint256 zInv = F.inv(F.sub(zn, 1));
        uint256 gLast = F.baseInv(F.rootOfUnity(v.logN));
        uint256 zMinusLast = F.sub(z, gLast);
        uint256 rhs = F.mul(st, F.mul(zInv, zMinusLast));
        rhs = F.add(rhs, F.mul(sr, zInv));
        rhs = F.add(rhs, F.mul(sf, F.inv(F.sub(z, 1))));
        rhs = F.add(rhs, F.mul(sl, F.inv(zMinusLast)));
        uint256 comp = ood + 16 * (2 * MW + 2 * AW);
        uint256 h0 = 0;
        uint256 h1 = 0;
        for (uint256 j = 0; j < 4; j++) {
            h0 = F.add(h0, F.mul(_ext(comp + 16 * j), uint256(1) << (64 * j)));
            h1 = F.add(h1, F.mul(_ext(comp + 16 * (4 + j)), uint256(1) << (64 * j)));
        }
        uint256 lhs = F.add(h0, F.mul(zn, h1));
        if (lhs != rhs) _stark(v, "the composition identity fails at the out-of-domain point");
    }

    /// The log-up table side E (src/prover/zkvm/lookups.ts tableSum) as one fraction N/D, inverted once.
    /// Terms with multiplicity 0, and memory words untouched in the segment (their +1 and -1 terms are equal), are skipped.
    function _tableSum(V memory v, uint256[] memory a) private pure returns (uint256) {
        uint256 gamma = v.gamma;
        uint256[6] memory bp;
        for (uint256 i = 0; i < 6; i++) {
            bp[i] = a[IN_GAMMA + 3 + i];
        }
        uint256 num = 0;
        uint256 den = 1;
        uint256 L = v.codeLen;
        // ROM: (j, op, rd, rs1, rs2, imm) with multiplicity rom_j.
        for (uint256 j = 0; j < L; j++) {
            uint256 m = _pi(v, 34 + 5 * L + j);
            if (m == 0) continue;
            uint256 x = F.add(1, F.mulBase(bp[0], j));
            for (uint256 k = 0; k < 5; k++) {
                x = F.add(x, F.mulBase(bp[k + 1], _pi(v, 34 + 5 * j + k)));
            }
            uint256 d = F.sub(gamma, x);
            num = F.add(F.mul(num, d), F.mulBase(den, m));
            den = F.mul(den, d);
        }
        uint256 base = 59 + 6 * L;
        // BYTE: (t) with multiplicity byte_t.
        for (uint256 t = 0; t < 256; t++) {
            uint256 m = _pi(v, base + 768 + t);
            if (m == 0) continue;
            uint256 d = F.sub(gamma, F.add(2, F.mulBase(bp[0], t)));
            num = F.add(F.mul(num, d), F.mulBase(den, m));
            den = F.mul(den, d);
        }
        // MEM: +1/(g - (3, a, end_a, last_a)) - 1/(g - (3, a, start_a, 0)).
        for (uint256 addr = 0; addr < 256; addr++) {
            uint256 s0 = _pi(v, base + addr);
            uint256 e0 = _pi(v, base + 256 + addr);
            uint256 la = _pi(v, base + 512 + addr);
            if (s0 == e0 && la == 0) continue;
            uint256 ax = F.add(3, F.mulBase(bp[0], addr));
            uint256 d1 = F.sub(gamma, F.add(F.add(ax, F.mulBase(bp[1], e0)), F.mulBase(bp[2], la)));
            uint256 d2 = F.sub(gamma, F.add(ax, F.mulBase(bp[1], s0)));
            // +1/d1 - 1/d2 = (d2 - d1)/(d1 d2)
            uint256 dd = F.mul(d1, d2);
            num = F.add(F.mul(num, dd), F.mul(den, F.sub(d2, d1)));
            den = F.mul(den, dd);
        }
        // INPUT (4, ip0 + k, w) and JOURNAL (5, jp0 + k, w), multiplicity 1.
        uint256 io = base + 1024;
        uint256 ins = _pi(v, 54 + 6 * L) - _pi(v, 43 + 6 * L);
        uint256 outs = _pi(v, 55 + 6 * L) - _pi(v, 44 + 6 * L);
        for (uint256 k = 0; k < ins + outs; k++) {
            bool isIn = k < ins;
            uint256 pos = isIn ? _pi(v, 43 + 6 * L) + k : _pi(v, 44 + 6 * L) + (k - ins);
            uint256 x = F.add(isIn ? 4 : 5, F.add(F.mulBase(bp[0], pos % P), F.mulBase(bp[1], _pi(v, io + k))));
            uint256 d = F.sub(gamma, x);
            num = F.add(F.mul(num, d), den);
            den = F.mul(den, d);
        }
        return F.mul(num, F.inv(den));
    }

    /// FRI (docs/zkvm-stark.md "FRI") and, at each query, the STARK openings and DEEP values against layer 0.
    function _friAndQueries(V memory v) private pure {
        bytes32 s = v.s;
        uint256 gammaDeep;
        (s, gammaDeep) = T.squeezeExt4(s, "stark-deep", 10);
        uint256 ld = v.logDomain;
        uint256[14] memory fp = [v.logN, 2, NQ, 16, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        s = _absorbFriParams(s, fp);
        uint256 rounds = v.rounds;
        uint256[] memory betas = new uint256[](rounds);
        for (uint256 r = 0; r < rounds; r++) {
            s = T.absorbDigest(s, "fri-layer", 9, bytes32(msg.data[v.fo + 17 + 32 * r:v.fo + 49 + 32 * r]));
            (s, betas[r]) = T.squeezeExt4(s, "fri-beta", 8);
        }
        v.betas = betas;
        uint256 finalAt = v.fo + 17 + 32 * rounds;
        for (uint256 j = 0; j < 8; j++) {
            _ext(finalAt + 16 * j);
        }
        s = T.absorbCd(s, 3, "fri-final", 9, finalAt, 128);
        uint256 nonce = _u32(v.fo + 9) | (_u32(v.fo + 13) << 32);
        if (!T.powOk(s, nonce, 16)) revert InvalidProofOfWork(v.seg);
        s = T.absorbCd(s, 5, "pow", 3, v.fo + 9, 8);
        uint256[] memory idx = new uint256[](NQ);
        for (uint256 k = 0; k < NQ; k++) {
            (s, idx[k]) = T.squeezeIndex(s, "fri-query", 9, uint256(1) << (ld - 1));
        }
        v.indices = idx;
        _deepPrecompute(v, gammaDeep);
        uint256 perFri = 0;
        for (uint256 r = 0; r < rounds; r++) {
            perFri += 32 + 32 * (ld - 1 - r);
        }
        uint256 friQueries = finalAt + 128;
        for (uint256 k = 0; k < NQ; k++) {
            _query(v, k, friQueries + k * perFri);
        }
    }

    function _absorbFriParams(bytes32 s, uint256[14] memory w5) private pure returns (bytes32) {
        uint256 f;
        assembly ("memory-safe") {
            f := add(mload(0x40), 0x400)
        }
        for (uint256 i = 0; i < 5; i++) {
            uint256 w = w5[i];
            uint256 le = ((w & 0xff) << 24) | ((w & 0xff00) << 8) | ((w >> 8) & 0xff00) | (w >> 24);
            assembly ("memory-safe") {
                mstore(add(f, mul(4, i)), shl(224, le))
            }
        }
        return T.absorbMem(s, 2, "fri-params", 10, f, 20);
    }

    /// gamma^i (packed) for i < W + M; Cz = sum_{i<W} gamma^i c_i(z); Cg = sum_{i<M} gamma^(W+i) c_i(gz).
    function _deepPrecompute(V memory v, uint256 g) private pure {
        uint256[] memory gp = new uint256[](2 * (W + M));
        uint256 pw = 1;
        uint256 ood = v.po + OOD_AT;
        uint256 cz = 0;
        uint256 cg = 0;
        for (uint256 i = 0; i < W + M; i++) {
            gp[2 * i] = (pw & F.LANE) | (((pw >> 128) & F.LANE) << 128);
            gp[2 * i + 1] = ((pw >> 64) & F.LANE) | ((pw >> 192) << 128);
            if (i < W) {
                // atZ: main(z) [0, 83), aux(z) at OOD index 166.., composition(z) at 230..
                uint256 idx = i < MW ? i : (i < M ? 2 * MW + (i - MW) : 2 * MW + 2 * AW + (i - M));
                cz = F.add(cz, F.mul(pw, _ext(ood + 16 * idx)));
            } else {
                uint256 j = i - W;
                uint256 idx = j < MW ? MW + j : 2 * MW + AW + (j - MW);
                cg = F.add(cg, F.mul(pw, _ext(ood + 16 * idx)));
            }
            pw = F.mul(pw, g);
        }
        v.gp = gp;
        v.cz = cz;
        v.cg = cg;
    }

    /// keccak256 Merkle opening of the row at calldata [rowOff, rowOff + rowLen) at leaf `index` of a tree of `depth`
    /// with the path right after the row (docs/zkvm-stark.md "Merkle commitments").
    function _merkle(V memory v, uint256 rowOff, uint256 rowLen, uint256 index, uint256 depth, bytes32 root) private pure {
        bool ok;
        assembly ("memory-safe") {
            let f := mload(0x40)
            calldatacopy(f, rowOff, rowLen)
            let h := keccak256(f, rowLen)
            let path := add(rowOff, rowLen)
            for { let t := 0 } lt(t, depth) { t := add(t, 1) } {
                let sib := calldataload(add(path, mul(32, t)))
                switch and(shr(t, index), 1)
                case 1 {
                    mstore(0, sib)
                    mstore(32, h)
                }
                default {
                    mstore(0, h)
                    mstore(32, sib)
                }
                h := keccak256(0, 64)
            }
            ok := eq(h, root)
        }
        if (!ok) revert InvalidMerkleOpening(v.seg);
    }

    /// Over a row of n base elements in calldata at rowOff (column `first` onwards): acc[0..1] += sum gamma^(first+i) * row_i
    /// and, if `both`, acc[2..3] += sum gamma^(W+first+i) * row_i. Each pair holds the four lanes as (lanes 0, 2) and
    /// (lanes 1, 3) at 128-bit spacing, unreduced (< 2^69 each). Reverts on an element >= p.
    function _weighted(uint256[] memory gp, uint256 first, uint256 rowOff, uint256 n, bool both, uint256[4] memory acc) private pure {
        uint256 g1;
        uint256 g2;
        assembly ("memory-safe") {
            g1 := add(add(gp, 32), mul(64, first))
            g2 := mul(both, add(g1, mul(64, 123))) // W = 123 columns at z; 0 = none
        }
        if (!_accumulate(g1, g2, rowOff, n, acc)) revert MalformedReceipt("STARK proof: an opened element is not below p");
    }

    function _accumulate(uint256 g1, uint256 g2, uint256 rowOff, uint256 n, uint256[4] memory acc) private pure returns (bool ok) {
        assembly ("memory-safe") {
            let a0 := mload(acc)
            let a1 := mload(add(acc, 32))
            let a2 := mload(add(acc, 64))
            let a3 := mload(add(acc, 96))
            let x := 0
            let bad := 0
            for { let i := 0 } lt(i, n) { i := add(i, 1) } {
                if iszero(and(i, 7)) {
                    x := calldataload(add(rowOff, shl(2, i)))
                    x := or(and(shr(8, x), 0x00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff), shl(8, and(x, 0x00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff)))
                    x := or(and(shr(16, x), 0x0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff), shl(16, and(x, 0x0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff)))
                }
                let e := and(shr(sub(224, shl(5, and(i, 7))), x), 0xffffffff)
                bad := or(bad, iszero(lt(e, 2013265921)))
                let g := add(g1, shl(6, i))
                a0 := add(a0, mul(e, mload(g)))
                a1 := add(a1, mul(e, mload(add(g, 32))))
                if g2 {
                    g := add(g2, shl(6, i))
                    a2 := add(a2, mul(e, mload(g)))
                    a3 := add(a3, mul(e, mload(add(g, 32))))
                }
            }
            mstore(acc, a0)
            mstore(add(acc, 32), a1)
            mstore(add(acc, 64), a2)
            mstore(add(acc, 96), a3)
            ok := iszero(bad)
        }
    }

    /// The packed F_p^4 value of an accumulator pair (lanes 0, 2 in `e`, lanes 1, 3 in `o`).
    function _pack(uint256 e, uint256 o) private pure returns (uint256) {
        uint256 lo = (1 << 128) - 1;
        return ((e & lo) % P) | (((o & lo) % P) << 64) | (((e >> 128) % P) << 128) | (((o >> 128) % P) << 192);
    }

    function _query(V memory v, uint256 k, uint256 friAt) private pure {
        uint256 q = v.indices[k];
        uint256 ld = v.logDomain;
        uint256 x0 = mulmod(F.GENERATOR, F.basePow(F.rootOfUnity(ld), q), P);
        // FRI layer openings and folds.
        uint256 lo0 = _ext(friAt);
        uint256 hi0 = _ext(friAt + 16);
        _fri(v, q, x0, friAt);
        // STARK openings at rows q and q + N/2 (x0 and -x0) and DEEP against layer 0.
        uint256 d = ld;
        uint256 qa = v.qo + k * v.perQuery;
        uint256 mainOpen = 4 * MW + 32 * d;
        uint256 auxOpen = 4 * AW + 32 * d;
        uint256 compOpen = 4 * CW + 32 * d;
        uint256 po = v.po;
        for (uint256 side = 0; side < 2; side++) {
            uint256 index = q + side * (uint256(1) << (ld - 1));
            uint256 mo = qa + side * mainOpen;
            uint256 ao = qa + 2 * mainOpen + side * auxOpen;
            uint256 co = qa + 2 * mainOpen + 2 * auxOpen + side * compOpen;
            _merkle(v, mo, 4 * MW, index, d, bytes32(msg.data[po + 12:po + 44]));
            _merkle(v, ao, 4 * AW, index, d, bytes32(msg.data[po + 44:po + 76]));
            _merkle(v, co, 4 * CW, index, d, bytes32(msg.data[po + 76:po + 108]));
            uint256[4] memory acc;
            _weighted(v.gp, 0, mo, MW, true, acc);
            _weighted(v.gp, MW, ao, AW, true, acc);
            _weighted(v.gp, M, co, CW, false, acc);
            uint256 x = side == 0 ? x0 : P - x0;
            uint256 xz = F.sub(x, v.z);
            uint256 xg = F.sub(x, v.gz);
            uint256 lhs = F.mul(side == 0 ? lo0 : hi0, F.mul(xz, xg));
            uint256 rhs = F.add(F.mul(F.sub(_pack(acc[0], acc[1]), v.cz), xg), F.mul(F.sub(_pack(acc[2], acc[3]), v.cg), xz));
            if (lhs != rhs) _stark(v, "a DEEP value differs from FRI layer 0");
        }
    }

    /// For r < R: opens layer r at q mod |D_r|/2 and checks 2x*f_{r+1} = x(lo + hi) + beta_r (lo - hi), where f_{r+1} is the
    /// next layer's value at q (or the final polynomial at x0^(2^R)) and x = +-x0^(2^r) the layer point (fold.ts foldPair, times 2x).
    function _fri(V memory v, uint256 q, uint256 x0, uint256 start) private pure {
        uint256 ld = v.logDomain;
        uint256 rounds = v.rounds;
        uint256 xr = x0; // x0^(2^r)
        uint256 o = start;
        uint256 lo;
        uint256 hi;
        uint256 x;
        for (uint256 r = 0; r < rounds; r++) {
            uint256 depth = ld - 1 - r;
            uint256 nlo = _ext(o);
            uint256 nhi = _ext(o + 16);
            _merkle(v, o, 32, q & ((uint256(1) << depth) - 1), depth, bytes32(msg.data[v.fo + 17 + 32 * r:v.fo + 49 + 32 * r]));
            if (r > 0) {
                // f_r at q: the row's first value if q mod |D_r| < |D_r|/2, else its second.
                uint256 sel = (q >> depth) & 1 == 0 ? nlo : nhi;
                _foldCheck(v, lo, hi, x, v.betas[r - 1], sel);
            }
            lo = nlo;
            hi = nhi;
            x = (q >> depth) & 1 == 0 ? xr : P - xr;
            xr = mulmod(xr, xr, P);
            o += 32 + 32 * depth;
        }
        // Final polynomial at y = x0^(2^R) (Horner).
        uint256 finalAt = v.fo + 17 + 32 * rounds;
        uint256 y = 0;
        for (uint256 j = 8; j > 0; j--) {
            y = F.add(F.mulBase(y, xr), _ext(finalAt + 16 * (j - 1)));
        }
        _foldCheck(v, lo, hi, x, v.betas[rounds - 1], y);
    }

    function _foldCheck(V memory v, uint256 lo, uint256 hi, uint256 x, uint256 beta, uint256 next) private pure {
        uint256 lhs = F.mulBase(F.add(next, next), x);
        uint256 rhs = F.add(F.mulBase(F.add(lo, hi), x), F.mul(beta, F.sub(lo, hi)));
        if (lhs != rhs) revert InvalidFriProof(v.seg, "a layer is not the fold of the previous one");
    }
}
