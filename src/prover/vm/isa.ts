import { InvalidInstructionError } from '../../errors/vm.ts'
import { P } from './field.ts'

/** Number of registers r0..r7; each holds a BabyBear element in [0, p). All start at 0. */
export const NUM_REGS = 8
/** Words of memory, addresses 0..255; each word a BabyBear element, all 0 at start. */
export const MEM_WORDS = 256
/** Bytes per encoded instruction. */
export const INSN_BYTES = 8
/** BLT compares operands as integers; both must be < 2^24 (else a VM fault). */
export const LT_BOUND = 1 << 24

/** Opcode byte of each instruction (docs/zkvm.md §Instructions). */
export const Opcode = {
  HALT: 0,
  ADD: 1,
  SUB: 2,
  MUL: 3,
  ADDI: 4,
  MULI: 5,
  LI: 6,
  MOV: 7,
  BEQ: 8,
  BNE: 9,
  BLT: 10,
  JMP: 11,
  LOAD: 12,
  STORE: 13,
  READ: 14,
  WRITE: 15,
} as const
export type Opcode = (typeof Opcode)[keyof typeof Opcode]
export type Mnemonic = keyof typeof Opcode

/** Mnemonic of each opcode, indexed by opcode byte. */
export const MNEMONICS = Object.keys(Opcode) as Mnemonic[]

/** Which of rd, rs1, rs2, imm an opcode reads; every unused field must encode as 0. */
export const FIELDS: Record<Mnemonic, { rd: boolean; rs1: boolean; rs2: boolean; imm: boolean }> = {
  HALT: { rd: false, rs1: false, rs2: false, imm: true },
  ADD: { rd: true, rs1: true, rs2: true, imm: false },
  SUB: { rd: true, rs1: true, rs2: true, imm: false },
  MUL: { rd: true, rs1: true, rs2: true, imm: false },
  ADDI: { rd: true, rs1: true, rs2: false, imm: true },
  MULI: { rd: true, rs1: true, rs2: false, imm: true },
  LI: { rd: true, rs1: false, rs2: false, imm: true },
  MOV: { rd: true, rs1: true, rs2: false, imm: false },
  BEQ: { rd: false, rs1: true, rs2: true, imm: true },
  BNE: { rd: false, rs1: true, rs2: true, imm: true },
  BLT: { rd: false, rs1: true, rs2: true, imm: true },
  JMP: { rd: false, rs1: false, rs2: false, imm: true },
  LOAD: { rd: true, rs1: true, rs2: false, imm: true },
  STORE: { rd: false, rs1: true, rs2: true, imm: true },
  READ: { rd: true, rs1: false, rs2: false, imm: false },
  WRITE: { rd: false, rs1: true, rs2: false, imm: false },
}

/** A decoded instruction. Registers are indices 0..7; `imm` is a field element in [0, p). */
export type Instruction = { op: Opcode; rd: number; rs1: number; rs2: number; imm: number }

/** A program: its code bytes (8 bytes per instruction) and the entry pc (an instruction index). */
export type Program = { code: Uint8Array; entry: number }

/** True for the opcodes whose `imm` is an absolute jump target (an instruction index). */
export function isBranch(op: Opcode): boolean {
  return op === Opcode.BEQ || op === Opcode.BNE || op === Opcode.BLT || op === Opcode.JMP
}

/**
 * Encodes one instruction as 8 bytes: `[op, rd, rs1, rs2, imm as u32 little-endian]`.
 * @throws {InvalidInstructionError} if the instruction is not canonical (see {@link decodeInstruction}).
 */
export function encodeInstruction(insn: Instruction, index = -1): Uint8Array {
  for (const f of ['rd', 'rs1', 'rs2'] as const) {
    const r = insn[f]
    if (!Number.isInteger(r) || r < 0 || r >= NUM_REGS) throw new InvalidInstructionError({ index, reason: `${f} = ${r} is not a register r0..r7` })
  }
  if (!Number.isInteger(insn.imm) || insn.imm < 0 || insn.imm >= P) throw new InvalidInstructionError({ index, reason: `imm ${insn.imm} is not in [0, p)` })
  if (MNEMONICS[insn.op] === undefined) throw new InvalidInstructionError({ index, reason: `unknown opcode ${insn.op}` })
  const out = new Uint8Array(INSN_BYTES)
  out[0] = insn.op
  out[1] = insn.rd
  out[2] = insn.rs1
  out[3] = insn.rs2
  new DataView(out.buffer).setUint32(4, insn.imm, true)
  decodeInstruction(out, index) // validates
  return out
}

/**
 * Decodes the 8 bytes at `bytes[0..8)`.
 * @throws {InvalidInstructionError} unknown opcode, register ≥ 8, imm ≥ p, or a non-zero unused field.
 */
export function decodeInstruction(bytes: Uint8Array, index = -1): Instruction {
  if (bytes.length < INSN_BYTES) throw new InvalidInstructionError({ index, reason: `needs ${INSN_BYTES} bytes, got ${bytes.length}` })
  const op = bytes[0] as number
  const mnemonic = MNEMONICS[op]
  if (mnemonic === undefined) throw new InvalidInstructionError({ index, reason: `unknown opcode ${op}` })
  const insn = {
    op: op as Opcode,
    rd: bytes[1] as number,
    rs1: bytes[2] as number,
    rs2: bytes[3] as number,
    imm: new DataView(bytes.buffer, bytes.byteOffset, INSN_BYTES).getUint32(4, true),
  }
  const used = FIELDS[mnemonic]
  for (const f of ['rd', 'rs1', 'rs2'] as const) {
    if (insn[f] >= NUM_REGS) throw new InvalidInstructionError({ index, reason: `${mnemonic} ${f} = ${insn[f]} is not a register r0..r7` })
    if (!used[f] && insn[f] !== 0) throw new InvalidInstructionError({ index, reason: `${mnemonic} does not use ${f}, which must be 0` })
  }
  if (insn.imm >= P) throw new InvalidInstructionError({ index, reason: `imm ${insn.imm} is not below p` })
  if (!used.imm && insn.imm !== 0) throw new InvalidInstructionError({ index, reason: `${mnemonic} does not use imm, which must be 0` })
  return insn
}

/** Concatenates the encodings of `insns` (8 bytes each, in pc order). @throws {InvalidInstructionError} */
export function encodeProgram(insns: readonly Instruction[]): Uint8Array {
  const out = new Uint8Array(insns.length * INSN_BYTES)
  insns.forEach((insn, i) => {
    out.set(encodeInstruction(insn, i), i * INSN_BYTES)
  })
  return out
}

/**
 * Decodes and validates a whole program: non-empty, length a multiple of 8, every instruction
 * canonical, every branch target and the entry an index into the code.
 * @throws {InvalidInstructionError}
 */
export function decodeProgram(program: Program): Instruction[] {
  const { code, entry } = program
  if (code.length === 0 || code.length % INSN_BYTES !== 0) {
    throw new InvalidInstructionError({ index: -1, reason: `code length ${code.length} is not a positive multiple of ${INSN_BYTES}` })
  }
  const n = code.length / INSN_BYTES
  if (!Number.isInteger(entry) || entry < 0 || entry >= n)
    throw new InvalidInstructionError({ index: -1, reason: `entry ${entry} is outside the code (0..${n - 1})` })
  const insns: Instruction[] = []
  for (let i = 0; i < n; i++) {
    const insn = decodeInstruction(code.subarray(i * INSN_BYTES, (i + 1) * INSN_BYTES), i)
    if (isBranch(insn.op) && insn.imm >= n) throw new InvalidInstructionError({ index: i, reason: `branch target ${insn.imm} is outside the code` })
    insns.push(insn)
  }
  return insns
}
