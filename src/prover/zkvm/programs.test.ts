import { describe, expect, it } from 'vitest'
import { MalformedInputError } from '../../errors/base.ts'
import { execute } from '../vm/executor.ts'
import { imageId } from '../vm/imageId.ts'
import { getProgram, isProgramName, PROGRAMS, programByImageId } from './programs.ts'

describe('program registry', () => {
  it('parses input text into the words each program reads', () => {
    expect(getProgram('fibonacci').parseInput('5000')).toEqual([5000])
    expect(getProgram('fibonacci').parseInput(' 12\n')).toEqual([12])
    expect(getProgram('sort').parseInput('5,3,9')).toEqual([3, 5, 3, 9])
    expect(getProgram('sort').parseInput('')).toEqual([0])
    expect(getProgram('checksum').parseInput('1, 2 3')).toEqual([3, 1, 2, 3])
  })

  it.each([
    ['fibonacci', ''],
    ['fibonacci', '1,2'],
    ['fibonacci', '-1'],
    ['fibonacci', '2013265921'],
    ['fibonacci', '1e3'],
    ['sort', '16777216'],
    ['sort', Array(257).fill(1).join(',')],
    ['checksum', 'abc'],
  ] as const)('rejects %s input %j with MalformedInputError', (name, text) => {
    expect(() => getProgram(name).parseInput(text)).toThrow(MalformedInputError)
  })

  it('references equal execution, and journals read as text', () => {
    for (const [name, text] of [
      ['fibonacci', '30'],
      ['sort', '5,3,9'],
      ['checksum', '1,2,3'],
    ] as const) {
      const p = getProgram(name)
      const input = p.parseInput(text)
      expect(execute(p.program, input).journal).toEqual(p.reference(input))
    }
    expect(getProgram('fibonacci').describeJournal([832040], [30])).toBe('fib(30) mod p = 832040')
    expect(getProgram('sort').describeJournal([3, 5, 9], [3, 5, 3, 9])).toBe('sorted: [3, 5, 9]')
    expect(getProgram('checksum').describeJournal([7, 11], [3, 1, 2, 3])).toBe('checksum a = 7, b = 11')
  })

  it('finds programs by image id', () => {
    for (const p of PROGRAMS) {
      expect(p.imageId).toBe(imageId(p.program))
      expect(programByImageId(p.imageId.toUpperCase().replace('0X', '0x'))?.name).toBe(p.name)
    }
    expect(programByImageId(`0x${'00'.repeat(32)}`)).toBeUndefined()
    expect(new Set(PROGRAMS.map((p) => p.imageId)).size).toBe(3)
    expect(isProgramName('sort')).toBe(true)
    expect(isProgramName('toString')).toBe(false)
  })
})
