// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IReceiptVerifier} from "./IReceiptVerifier.sol";
import {InvalidReceipt, MalformedReceipt} from "./zkvm/ZkvmErrors.sol";

interface IZkvmStarkVerifier {
    function verifySegment(uint256 segment, uint256 logN, bytes calldata pi, bytes calldata proof) external view;
}

/// @title The on-chain verifier of Lightbus zkVM composite receipts: the Solidity twin of
/// src/prover/zkvm/verifyReceipt.ts over the EVM encoding of docs/zkvm-evm.md.
/// @notice Checks, cheap ones first (docs/zkvm-air.md "Receipt" 1-7): the layout and bounds, Lightbus's
/// parameters, the program's canonical decoding, image id and input digest, the segment chain, the claim,
/// then every segment's STARK proof through ZkvmStarkVerifier (which evaluates the AIR through ZkvmAir).
contract ZkvmReceiptVerifier is IReceiptVerifier {
    uint256 internal constant P = 2013265921;
    uint256 internal constant HEADER = 104;
    uint256 internal constant STATE = 44 + 1024; // pc, r0..r7, inputPos, journalLength, memory
    uint256 internal constant SEG_FIXED = 4 + 2 * STATE + 12 + 4;
    /// Bits rd=1, rs1=2, rs2=4, imm=8 of the fields each opcode uses (docs/zkvm.md "Encoding"), one nibble per opcode.
    uint256 internal constant FIELDS = 0x21eb8eee39bb7778;

    address public immutable stark;

    constructor(address stark_) {
        stark = stark_;
    }

    struct R {
        uint256 b; // calldata offset of the receipt
        uint256 po2;
        uint256 entry;
        uint256 codeBytes;
        uint256 inputs;
        uint256 journal;
        uint256 count;
        uint256 inputAt;
        uint256 journalAt;
        uint256[] seg; // calldata offsets of the segments
    }

    function _u(uint256 o, uint256 size) private pure returns (uint256 v) {
        assembly ("memory-safe") {
            let x := calldataload(o)
            for { let i := 0 } lt(i, size) { i := add(i, 1) } {
                v := or(v, shl(mul(8, i), byte(i, x)))
            }
        }
    }

    function _u32(uint256 o) private pure returns (uint256 w) {
        assembly ("memory-safe") {
            let x := shr(224, calldataload(o))
            w := or(or(shl(24, and(x, 0xff)), shl(8, and(x, 0xff00))), or(and(shr(8, x), 0xff00), shr(24, x)))
        }
    }

    function _hash(uint256 o, uint256 len) private pure returns (bytes32 h) {
        assembly ("memory-safe") {
            let f := mload(0x40)
            calldatacopy(f, o, len)
            h := keccak256(f, len)
        }
    }

    /// Reverts MalformedReceipt unless every u32 word in calldata [o, o + 4n) is below p.
    function _words(uint256 o, uint256 n, string memory what) private pure {
        bool bad;
        assembly ("memory-safe") {
            for { let i := 0 } lt(i, n) { i := add(i, 1) } {
                let x := shr(224, calldataload(add(o, mul(4, i))))
                x := or(or(shl(24, and(x, 0xff)), shl(8, and(x, 0xff00))), or(and(shr(8, x), 0xff00), shr(24, x)))
                bad := or(bad, iszero(lt(x, 2013265921)))
            }
        }
        if (bad) revert MalformedReceipt(what);
    }

    function verify(bytes calldata receipt) external view returns (ReceiptClaim memory claim) {
        R memory r = _layout(receipt);
        uint256 b = r.b;
        // 1. Lightbus's parameters exactly and a segment size in 2^10..2^16.
        if (_u(b + 2, 5) != (2 | (52 << 8) | (16 << 24) | (3 << 32))) revert InvalidReceipt("parameters are not Lightbus's");
        if (r.po2 < 10 || r.po2 > 16) revert InvalidReceipt("segment size is outside 2^10..2^16");
        // 2. The code decodes canonically; the image id is keccak-256(code || entry u32 LE).
        uint256 n = r.codeBytes / 8;
        _program(r, n);
        if (!_imageIdWithEntry(r, bytes32(msg.data[b + 8:b + 40])))
            revert InvalidReceipt("the image id is not keccak-256 of the program code and entry");
        // 3. The input digest.
        if (_hash(r.inputAt, 4 * r.inputs) != bytes32(msg.data[b + 40:b + 72])) revert InvalidReceipt("the input digest is not keccak-256 of the input");
        // 4-6. The chain of segments and the claim.
        uint64 cycles = _chain(r, n);
        claim.imageId = bytes32(msg.data[b + 8:b + 40]);
        claim.inputDigest = bytes32(msg.data[b + 40:b + 72]);
        claim.journalDigest = _hash(r.journalAt, 4 * r.journal);
        claim.exitCode = uint32(_u32(b + 72));
        claim.cycles = cycles;
        claim.segments = uint32(r.count);
        // 7. Every segment's STARK proof against its statement.
        for (uint256 i = 0; i < r.count; i++) {
            _segment(r, i, n);
        }
    }

    /// The image id over code || u32le(entry): the entry is not contiguous with the code in calldata, so hash a copy.
    function _imageIdWithEntry(R memory r, bytes32 expected) private pure returns (bool ok) {
        uint256 o = r.b + HEADER;
        uint256 len = r.codeBytes;
        uint256 e = r.entry;
        assembly ("memory-safe") {
            let f := mload(0x40)
            calldatacopy(f, o, len)
            mstore8(add(f, len), and(e, 0xff))
            mstore8(add(f, add(len, 1)), and(shr(8, e), 0xff))
            mstore8(add(f, add(len, 2)), and(shr(16, e), 0xff))
            mstore8(add(f, add(len, 3)), and(shr(24, e), 0xff))
            ok := eq(keccak256(f, add(len, 4)), expected)
        }
    }

    /// Header, counts, bounds and the exact length (docs/zkvm-evm.md "Layout"); MalformedReceipt otherwise.
    function _layout(bytes calldata receipt) private pure returns (R memory r) {
        uint256 b;
        assembly ("memory-safe") {
            b := receipt.offset
        }
        uint256 len = receipt.length;
        r.b = b;
        if (len < HEADER) revert MalformedReceipt("shorter than the header");
        if (len > 16 * 1024 * 1024) revert MalformedReceipt("longer than 16 MiB");
        if (uint8(msg.data[b]) != 1) revert MalformedReceipt("version is not 1");
        if (uint8(msg.data[b + 7]) != 0) revert MalformedReceipt("reserved byte is not 0");
        r.po2 = uint8(msg.data[b + 1]);
        if (_u32(b + 72) >= P) revert MalformedReceipt("exit code is not below p");
        if (_u(b + 76, 8) > 4096 << 16) revert MalformedReceipt("cycles out of range");
        r.entry = _u32(b + 84);
        r.codeBytes = _u32(b + 88);
        r.inputs = _u32(b + 92);
        r.journal = _u32(b + 96);
        r.count = _u32(b + 100);
        if (r.entry > 4096 || r.codeBytes > 8 * 4096) revert MalformedReceipt("program out of range");
        if (r.inputs > 1 << 20 || r.journal > 1 << 20) revert MalformedReceipt("input or journal longer than 2^20 words");
        if (r.count == 0 || r.count > 256) revert MalformedReceipt("not 1..256 segments");
        r.inputAt = b + HEADER + r.codeBytes;
        r.journalAt = r.inputAt + 4 * r.inputs;
        uint256 o = r.journalAt + 4 * r.journal;
        uint256 end = b + len;
        if (o > end) revert MalformedReceipt("truncated");
        _words(r.inputAt, r.inputs + r.journal, "an input or journal word is not below p");
        r.seg = new uint256[](r.count);
        for (uint256 i = 0; i < r.count; i++) {
            r.seg[i] = o;
            if (o + SEG_FIXED > end) revert MalformedReceipt("truncated segment");
            uint256 rom = _u32(o + SEG_FIXED - 4);
            if (rom > 4096) revert MalformedReceipt("too many ROM multiplicities");
            uint256 proofAt = o + SEG_FIXED + 4 * rom + 2048;
            if (proofAt + 4 > end) revert MalformedReceipt("truncated segment");
            uint256 proofLen = _u32(proofAt);
            if (proofLen > 8 * 1024 * 1024) revert MalformedReceipt("proof longer than 8 MiB");
            o = proofAt + 4 + proofLen;
            if (o > end) revert MalformedReceipt("truncated proof");
            // Bounds of the JSON receipt (parseReceipt): index, pc, registers, positions, halted, exit code, cycles, words.
            if (_u32(r.seg[i]) > 4096) revert MalformedReceipt("segment index out of range");
            _stateBounds(r.seg[i]);
            _stateBounds(r.seg[i] + STATE);
            uint256 t = r.seg[i] + 4 + 2 * STATE;
            if (_u32(t) > 1) revert MalformedReceipt("halted is not 0 or 1");
            if (_u32(t + 4) >= P) revert MalformedReceipt("exit code is not below p");
            if (_u32(t + 8) > 1 << 16) revert MalformedReceipt("segment cycles out of range");
            _words(t + 16, rom + 512, "a multiplicity or access time is not below p");
        }
        if (o != end) revert MalformedReceipt("trailing bytes");
    }

    /// State at segment offset so (+ STATE for the end): pc <= 4096, registers < p, positions <= 2^20, memory < p.
    function _stateBounds(uint256 so) private pure {
        uint256 s = so + 4;
        if (_u32(s) > 4096) revert MalformedReceipt("pc out of range");
        _words(s + 4, 8, "a register is not below p");
        if (_u32(s + 36) > 1 << 20 || _u32(s + 40) > 1 << 20) revert MalformedReceipt("input or journal position out of range");
        _words(s + 44, 256, "a memory word is not a field element");
    }

    /// docs/zkvm.md "Encoding": non-empty, whole instructions, canonical fields, branch targets and entry in the code.
    function _program(R memory r, uint256 n) private pure {
        if (r.codeBytes == 0 || r.codeBytes % 8 != 0) revert MalformedReceipt("program: code length is not a positive multiple of 8");
        if (r.entry >= n) revert MalformedReceipt("program: entry is outside the code");
        uint256 o = r.b + HEADER;
        for (uint256 i = 0; i < n; i++) {
            uint256 w = uint256(bytes32(msg.data[o + 8 * i:o + 8 * i + 8])) >> 192;
            uint256 op = w >> 56;
            uint256 rd = (w >> 48) & 0xff;
            uint256 rs1 = (w >> 40) & 0xff;
            uint256 rs2 = (w >> 32) & 0xff;
            uint256 imm = _u32(o + 8 * i + 4);
            if (op > 15) revert MalformedReceipt("program: unknown opcode");
            uint256 used = (FIELDS >> (4 * op)) & 0xf;
            if (rd > 7 || rs1 > 7 || rs2 > 7) revert MalformedReceipt("program: a register field is not r0..r7");
            if ((used & 1 == 0 && rd != 0) || (used & 2 == 0 && rs1 != 0) || (used & 4 == 0 && rs2 != 0) || (used & 8 == 0 && imm != 0))
                revert MalformedReceipt("program: an unused field is not 0");
            if (imm >= P) revert MalformedReceipt("program: imm is not below p");
            if ((op == 8 || op == 9 || op == 10 || op == 11) && imm >= n) revert MalformedReceipt("program: branch target outside the code");
        }
    }

    /// Segment chaining and the claim (verifyReceipt.ts steps 4-6); returns the total cycles.
    function _chain(R memory r, uint256 n) private pure returns (uint64) {
        uint256 rows = uint256(1) << r.po2;
        uint256 cycles = 0;
        for (uint256 i = 0; i < r.count; i++) {
            uint256 so = r.seg[i];
            if (_u32(so) != i) revert InvalidReceipt("a segment is out of position");
            if (i == 0) {
                // pc = entry, registers, positions and memory all 0.
                if (_u32(so + 4) != r.entry) revert InvalidReceipt("segment 0 does not start where the program starts");
                for (uint256 o = so + 8; o < so + 4 + STATE; o += 32) {
                    uint256 w = uint256(bytes32(msg.data[o:o + 32]));
                    uint256 left = so + 4 + STATE - o;
                    if (left < 32) w >>= 8 * (32 - left);
                    if (w != 0) revert InvalidReceipt("segment 0 does not start where the program starts");
                }
            } else if (_hash(r.seg[i - 1] + 4 + STATE, STATE) != _hash(so + 4, STATE)) {
                revert InvalidReceipt("a segment does not start where the previous one ended");
            }
            uint256 t = so + 4 + 2 * STATE;
            bool halted = _u32(t) == 1;
            uint256 segCycles = _u32(t + 8);
            bool last = i == r.count - 1;
            if (!last && (halted || segCycles != rows)) revert InvalidReceipt("a segment before the last must run 2^k cycles without halting");
            if (last && !halted) revert InvalidReceipt("the last segment does not halt");
            if (!halted && _u32(t + 4) != 0) revert InvalidReceipt("an exit code without halting");
            uint256 s = so + 4;
            uint256 e = so + 4 + STATE;
            if (_u32(e + 36) < _u32(s + 36) || _u32(e + 36) > r.inputs) revert InvalidReceipt("an input position is outside the input");
            if (_u32(e + 40) < _u32(s + 40) || _u32(e + 40) > r.journal) revert InvalidReceipt("a journal position is outside the journal");
            if (_u32(t + 12) != n) revert InvalidReceipt("ROM multiplicities differ from the instruction count");
            if (segCycles < 1 || segCycles > rows) revert InvalidReceipt("segment cycles outside 1..2^k");
            cycles += segCycles;
        }
        uint256 lastEnd = r.seg[r.count - 1] + 4 + STATE;
        uint256 lt = lastEnd + STATE;
        if (_u32(lt + 4) != _u32(r.b + 72)) revert InvalidReceipt("claimed exit code differs from the segments'");
        if (_u32(lastEnd + 40) != r.journal) revert InvalidReceipt("claimed journal length differs from the segments'");
        if (cycles != _u(r.b + 76, 8)) revert InvalidReceipt("claimed cycles differ from the segments'");
        return uint64(cycles);
    }

    /// Builds segment i's public inputs (statement.ts toPublicInputs, u32 LE words) and verifies its proof.
    function _segment(R memory r, uint256 i, uint256 n) private view {
        uint256 so = r.seg[i];
        uint256 s = so + 4;
        uint256 e = s + STATE;
        uint256 t = e + STATE;
        uint256 rom = t + 12;
        uint256 ins = _u32(e + 36) - _u32(s + 36);
        uint256 outs = _u32(e + 40) - _u32(s + 40);
        uint256 words = 34 + 6 * n + 25 + 1024 + ins + outs;
        bytes memory pi = new bytes(4 * words);
        uint256 b = r.b;
        uint256 code = b + HEADER;
        uint256 inAt = r.inputAt + 4 * _u32(s + 36);
        uint256 jAt = r.journalAt + 4 * _u32(s + 40);
        assembly ("memory-safe") {
            let d := add(pi, 32)
            // image id and input digest: 16 big-endian halves each, as u32 LE words.
            for { let k := 0 } lt(k, 32) { k := add(k, 1) } {
                let x := calldataload(add(add(b, 8), mul(2, k)))
                mstore8(add(d, mul(4, k)), byte(1, x))
                mstore8(add(d, add(mul(4, k), 1)), byte(0, x))
            }
            d := add(d, 128)
            mstore8(d, and(i, 0xff))
            mstore8(add(d, 1), and(shr(8, i), 0xff))
            mstore8(add(d, 4), and(n, 0xff))
            mstore8(add(d, 5), and(shr(8, n), 0xff))
            d := add(d, 8)
            // code: [op, rd, rs1, rs2, imm] per instruction.
            for { let k := 0 } lt(k, n) { k := add(k, 1) } {
                let x := calldataload(add(code, mul(8, k)))
                let q := add(d, mul(20, k))
                mstore8(q, byte(0, x))
                mstore8(add(q, 4), byte(1, x))
                mstore8(add(q, 8), byte(2, x))
                mstore8(add(q, 12), byte(3, x))
                calldatacopy(add(q, 16), add(add(code, mul(8, k)), 4), 4)
            }
            d := add(d, mul(20, n))
            calldatacopy(d, add(rom, 4), mul(4, n)) // ROM multiplicities
            d := add(d, mul(4, n))
            calldatacopy(d, s, 44) // start pc, registers, inputPos, journalLength
            calldatacopy(add(d, 44), e, 44) // end
            d := add(d, 88)
            calldatacopy(d, add(t, 8), 4) // cycles
            calldatacopy(add(d, 4), t, 4) // halted
            calldatacopy(add(d, 8), add(t, 4), 4) // exit code
            d := add(d, 12)
            calldatacopy(d, add(s, 44), 1024) // start memory
            calldatacopy(add(d, 1024), add(e, 44), 1024) // end memory
            let tables := add(add(rom, 4), mul(4, n))
            calldatacopy(add(d, 2048), add(tables, 1024), 1024) // last access
            calldatacopy(add(d, 3072), tables, 1024) // byte multiplicities
            d := add(d, 4096)
            calldatacopy(d, inAt, mul(4, ins))
            calldatacopy(add(d, mul(4, ins)), jAt, mul(4, outs))
        }
        uint256 proofAt = rom + 4 + 4 * n + 2048;
        uint256 proofLen = _u32(proofAt);
        uint256 fmp;
        assembly ("memory-safe") {
            fmp := mload(0x40)
        }
        IZkvmStarkVerifier(stark).verifySegment(i, r.po2, pi, msg.data[proofAt + 4:proofAt + 4 + proofLen]);
        // The call's argument copy is dead: release it, so memory does not grow with the segment count.
        assembly ("memory-safe") {
            mstore(0x40, fmp)
        }
    }
}
