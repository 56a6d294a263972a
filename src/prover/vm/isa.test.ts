import fc from 'fast-check'
import { keccak256 } from 'viem'
import { describe, expect, it } from 'vitest'
import { AssemblyError, InvalidInstructionError } from '../../errors/vm.ts'
import { assemble } from './assembler.ts'
import { P } from './field.ts'
import { imageId } from './imageId.ts'
import { decodeInstruction, decodeProgram, encodeInstruction, FIELDS, type Instruction, MNEMONICS, type Opcode } from './isa.ts'

const arbInsn = fc
  .record({ op: fc.integer({ min: 0, max: 15 }), rd: fc.nat(7), rs1: fc.nat(7), rs2: fc.nat(7), imm: fc.integer({ min: 0, max: P - 1 }) })
  .map((i): Instruction => {
    const used = FIELDS[MNEMONICS[i.op] as keyof typeof FIELDS]
    return { op: i.op as Opcode, rd: used.rd ? i.rd : 0, rs1: used.rs1 ? i.rs1 : 0, rs2: used.rs2 ? i.rs2 : 0, imm: used.imm ? i.imm : 0 }
  })

describe('ISA encoding', () => {
  it('round-trips every canonical instruction through its 8 bytes', () => {
    fc.assert(
      fc.property(arbInsn, (insn) => {
        expect(decodeInstruction(encodeInstruction(insn))).toEqual(insn)
      }),
    )
  })

  it('lays out [op, rd, rs1, rs2, imm u32 LE]', () => {
    expect([...encodeInstruction({ op: 4, rd: 1, rs1: 2, rs2: 0, imm: 0x01020304 })]).toEqual([4, 1, 2, 0, 4, 3, 2, 1])
  })

  it.each([
    ['unknown opcode', [16, 0, 0, 0, 0, 0, 0, 0]],
    ['register ≥ 8', [1, 8, 0, 0, 0, 0, 0, 0]],
    ['imm ≥ p', [0, 0, 0, 0, 0x01, 0x00, 0x00, 0x78]],
    ['unused field non-zero', [1, 1, 2, 3, 1, 0, 0, 0]],
  ])('rejects %s', (_, bytes) => {
    expect(() => decodeInstruction(Uint8Array.from(bytes))).toThrow(InvalidInstructionError)
  })

  it('rejects programs with a bad length, entry or branch target', () => {
    expect(() => decodeProgram({ code: new Uint8Array(7), entry: 0 })).toThrow(InvalidInstructionError)
    expect(() => decodeProgram({ code: new Uint8Array(8), entry: 1 })).toThrow(InvalidInstructionError)
    const jmp = encodeInstruction({ op: 11, rd: 0, rs1: 0, rs2: 0, imm: 1 })
    expect(() => decodeProgram({ code: jmp, entry: 0 })).toThrow(/branch target 1/)
  })

  it('image id is keccak-256(code ‖ entry u32 LE) and depends on the entry', () => {
    const prog = assemble('halt 0\nhalt 1')
    expect(imageId(prog)).toBe(keccak256(new Uint8Array([...prog.code, 0, 0, 0, 0])))
    expect(imageId({ ...prog, entry: 1 })).toBe(keccak256(new Uint8Array([...prog.code, 1, 0, 0, 0])))
    expect(imageId({ ...prog, entry: 1 })).not.toBe(imageId(prog))
  })
})

describe('assembler', () => {
  it('assembles labels, comments, memory operands, negative and hex immediates, .entry', () => {
    const a = assemble(`
      ; comment
      .entry start
      data: halt 0x10
      start:            # label alone
        li r1, -1
        load r2, [r1 + 3]
        store [r3 - 2], r4
        beq r1, r2, data
    `)
    expect(a.entry).toBe(1)
    expect(a.instructions).toEqual([
      { op: 0, rd: 0, rs1: 0, rs2: 0, imm: 16 },
      { op: 6, rd: 1, rs1: 0, rs2: 0, imm: P - 1 },
      { op: 12, rd: 2, rs1: 1, rs2: 0, imm: 3 },
      { op: 13, rd: 0, rs1: 3, rs2: 4, imm: P - 2 },
      { op: 8, rd: 0, rs1: 1, rs2: 2, imm: 0 },
    ])
  })

  it.each([
    ['nop', 2, /unknown mnemonic 'NOP'/],
    ['add r1, r2', 2, /takes 3 operands/],
    ['li r9, 1', 2, /not a register/],
    ['jmp nowhere', 2, /unknown label/],
    ['li r1, 2013265921', 2, /not below p/],
    ['x: halt\nx: halt', 3, /defined twice/],
    ['load r1, r2', 2, /memory operand/],
  ])('rejects %j with its line number', (src, line, msg) => {
    const run = () => assemble(`halt\n${src}`)
    expect(run).toThrow(AssemblyError)
    expect(run).toThrow(msg)
    try {
      run()
    } catch (e) {
      expect((e as AssemblyError).line).toBe(line)
    }
  })
})
