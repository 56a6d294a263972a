import { BaseError } from './base.ts'

/**
 * An instruction's 8 bytes are not a canonical encoding (unknown opcode, register ≥ 8, imm ≥ p,
 * a field the opcode does not use is non-zero), or a program is malformed (length not a multiple
 * of 8, branch target or entry outside the code). `index` is the instruction index (pc), or -1.
 */
export class InvalidInstructionError extends BaseError<'InvalidInstruction'> {
  override name = 'InvalidInstructionError'
  readonly index: number
  constructor({ index, reason }: { index: number; reason: string }) {
    super('InvalidInstruction', index >= 0 ? `Invalid zkVM instruction at pc ${index}: ${reason}.` : `Invalid zkVM program: ${reason}.`, {
      docsPath: '/docs/zkvm.md#encoding',
    })
    this.index = index
  }
}

/** Assembly text that does not assemble; `line` is 1-based. */
export class AssemblyError extends BaseError<'Assembly'> {
  override name = 'AssemblyError'
  readonly line: number
  constructor({ line, reason }: { line: number; reason: string }) {
    super('Assembly', `Assembly error on line ${line}: ${reason}.`, { docsPath: '/docs/zkvm.md#assembly' })
    this.line = line
  }
}

/** The program did not halt within the cycle limit (one cycle = one instruction). */
export class CycleLimitExceededError extends BaseError<'CycleLimitExceeded'> {
  override name = 'CycleLimitExceededError'
  readonly limit: number
  constructor({ limit }: { limit: number }) {
    super('CycleLimitExceeded', `The zkVM program did not halt within ${limit} cycles.`, { docsPath: '/docs/zkvm.md#execution' })
    this.limit = limit
  }
}

/** Execution faulted: pc outside the code, memory address ≥ 256, input exhausted, or a BLT operand ≥ 2^24. */
export class VmFaultError extends BaseError<'VmFault'> {
  override name = 'VmFaultError'
  readonly pc: number
  readonly cycle: number
  constructor({ pc, cycle, reason }: { pc: number; cycle: number; reason: string }) {
    super('VmFault', `zkVM fault at pc ${pc}, cycle ${cycle}: ${reason}.`, { docsPath: '/docs/zkvm.md#faults' })
    this.pc = pc
    this.cycle = cycle
  }
}

/** A segment size 2^k outside 10 ≤ k ≤ 16. */
export class InvalidSegmentSizeError extends BaseError<'InvalidSegmentSize'> {
  override name = 'InvalidSegmentSizeError'
  constructor({ po2 }: { po2: number }) {
    super('InvalidSegmentSize', `Segment size 2^${po2} is not allowed: 10 ≤ k ≤ 16.`, { docsPath: '/docs/zkvm.md#segments' })
  }
}
