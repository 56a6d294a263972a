import { AssemblyError } from '../../errors/vm.ts'
import { P } from './field.ts'
import { encodeProgram, type Instruction, type Mnemonic, NUM_REGS, Opcode, type Program } from './isa.ts'

/** Result of {@link assemble}: the program, its decoded instructions and the pc of each label. */
export type Assembled = Program & { instructions: Instruction[]; labels: ReadonlyMap<string, number> }

type Line = { line: number; mnemonic: string; operands: string[] }

const LABEL = /^[A-Za-z_][A-Za-z0-9_]*$/
const MEM_OPERAND = /^\[\s*(r\d+)\s*(?:([+-])\s*([^\]\s]+)\s*)?\]$/i

/**
 * Assembles zkVM text (docs/zkvm.md §Assembly): one instruction per line, `label:` prefixes, `;` or `#`
 * comments, `.entry <label|pc>` (default pc 0). Immediates are decimal or 0x-hex integers with
 * |x| < p, taken mod p (so `-1` is p − 1), or a label (its pc).
 * @throws {AssemblyError} with the 1-based line of the first problem.
 */
export function assemble(source: string): Assembled {
  const labels = new Map<string, number>()
  const lines: Line[] = []
  let entryExpr: { line: number; text: string } | undefined
  source.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1
    let text = raw.replace(/[;#].*$/, '').trim()
    for (let m = /^([^\s:]+)\s*:/.exec(text); m; m = /^([^\s:]+)\s*:/.exec(text)) {
      const name = m[1] as string
      if (!LABEL.test(name)) throw new AssemblyError({ line, reason: `bad label name '${name}'` })
      if (labels.has(name)) throw new AssemblyError({ line, reason: `label '${name}' is defined twice` })
      labels.set(name, lines.length)
      text = text.slice(m[0].length).trim()
    }
    if (text === '') return
    const sp = text.search(/\s/)
    const mnemonic = sp < 0 ? text : text.slice(0, sp)
    const rest = sp < 0 ? '' : text.slice(sp).trim()
    if (mnemonic.toLowerCase() === '.entry') {
      if (entryExpr) throw new AssemblyError({ line, reason: '.entry is given twice' })
      entryExpr = { line, text: rest }
      return
    }
    lines.push({ line, mnemonic: mnemonic.toUpperCase(), operands: rest === '' ? [] : rest.split(',').map((s) => s.trim()) })
  })
  if (lines.length === 0) throw new AssemblyError({ line: 1, reason: 'the program has no instructions' })

  const imm = (text: string, line: number): number => {
    if (LABEL.test(text) && !/^r\d+$/i.test(text)) {
      const pc = labels.get(text)
      if (pc === undefined) throw new AssemblyError({ line, reason: `unknown label '${text}'` })
      return pc
    }
    if (!/^-?(0x[0-9a-f]+|\d+)$/i.test(text)) throw new AssemblyError({ line, reason: `'${text}' is not an integer or a label` })
    const neg = text.startsWith('-')
    const v = BigInt(neg ? text.slice(1) : text)
    if (v >= BigInt(P)) throw new AssemblyError({ line, reason: `immediate ${text} is not below p in magnitude` })
    return neg && v !== 0n ? P - Number(v) : Number(v)
  }
  const reg = (text: string, line: number): number => {
    const m = /^r(\d+)$/i.exec(text)
    const r = m ? Number(m[1]) : Number.NaN
    if (!(r >= 0 && r < NUM_REGS)) throw new AssemblyError({ line, reason: `'${text}' is not a register r0..r${NUM_REGS - 1}` })
    return r
  }
  const mem = (text: string, line: number): { rs1: number; imm: number } => {
    const m = MEM_OPERAND.exec(text)
    if (!m) throw new AssemblyError({ line, reason: `'${text}' is not a memory operand [rN], [rN + imm] or [rN - imm]` })
    const rs1 = reg(m[1] as string, line)
    if (m[3] === undefined) return { rs1, imm: 0 }
    return { rs1, imm: imm(m[2] === '-' ? `-${m[3]}` : (m[3] as string), line) }
  }

  const instructions = lines.map(({ line, mnemonic, operands: o }): Instruction => {
    if (!(mnemonic in Opcode)) throw new AssemblyError({ line, reason: `unknown mnemonic '${mnemonic}'` })
    const op = Opcode[mnemonic as Mnemonic]
    const arity = (n: number, m = n) => {
      if (o.length < n || o.length > m) throw new AssemblyError({ line, reason: `${mnemonic} takes ${n === m ? n : `${n} to ${m}`} operands, got ${o.length}` })
    }
    const at = (i: number) => o[i] as string
    const insn: Instruction = { op, rd: 0, rs1: 0, rs2: 0, imm: 0 }
    switch (mnemonic as Mnemonic) {
      case 'HALT':
        arity(0, 1)
        if (o.length === 1) insn.imm = imm(at(0), line)
        break
      case 'ADD':
      case 'SUB':
      case 'MUL':
        arity(3)
        Object.assign(insn, { rd: reg(at(0), line), rs1: reg(at(1), line), rs2: reg(at(2), line) })
        break
      case 'ADDI':
      case 'MULI':
        arity(3)
        Object.assign(insn, { rd: reg(at(0), line), rs1: reg(at(1), line), imm: imm(at(2), line) })
        break
      case 'LI':
        arity(2)
        Object.assign(insn, { rd: reg(at(0), line), imm: imm(at(1), line) })
        break
      case 'MOV':
        arity(2)
        Object.assign(insn, { rd: reg(at(0), line), rs1: reg(at(1), line) })
        break
      case 'BEQ':
      case 'BNE':
      case 'BLT':
        arity(3)
        Object.assign(insn, { rs1: reg(at(0), line), rs2: reg(at(1), line), imm: target(imm(at(2), line), line, lines.length) })
        break
      case 'JMP':
        arity(1)
        insn.imm = target(imm(at(0), line), line, lines.length)
        break
      case 'LOAD':
        arity(2)
        Object.assign(insn, { rd: reg(at(0), line), ...mem(at(1), line) })
        break
      case 'STORE':
        arity(2)
        Object.assign(insn, { ...mem(at(0), line), rs2: reg(at(1), line) })
        break
      case 'READ':
        arity(1)
        insn.rd = reg(at(0), line)
        break
      case 'WRITE':
        arity(1)
        insn.rs1 = reg(at(0), line)
        break
    }
    return insn
  })
  const entry = entryExpr ? target(imm(entryExpr.text, entryExpr.line), entryExpr.line, lines.length) : 0
  return { code: encodeProgram(instructions), entry, instructions, labels }
}

function target(pc: number, line: number, n: number): number {
  if (pc >= n) throw new AssemblyError({ line, reason: `target ${pc} is outside the code (0..${n - 1})` })
  return pc
}
