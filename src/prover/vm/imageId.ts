import { type Hex, keccak256 } from 'viem'
import { decodeProgram, type Program } from './isa.ts'

/**
 * Image id of a program: keccak-256 of (code bytes ‖ entry pc as u32 little-endian), 0x-hex, 32 bytes.
 * @throws {InvalidInstructionError} if the program does not decode (an id names only valid programs).
 */
export function imageId(program: Program): Hex {
  decodeProgram(program)
  const bytes = new Uint8Array(program.code.length + 4)
  bytes.set(program.code)
  new DataView(bytes.buffer).setUint32(program.code.length, program.entry, true)
  return keccak256(bytes)
}
