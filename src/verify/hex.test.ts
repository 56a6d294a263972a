import { describe, expect, it } from 'vitest'
import { MalformedInputError } from '../errors/base.ts'
import { assertHex, assertHex32, hexToBytes, isHex32, isHexString, isQuantity, parseQuantity, quantityToHex, toHex } from './hex.ts'

const ROOT = `0x${'ab'.repeat(32)}`

describe('hex', () => {
  it('isHex32 accepts exactly 32 bytes of 0x-hex and never throws', () => {
    expect(isHex32(ROOT)).toBe(true)
    expect(isHex32(ROOT.toUpperCase().replace('0X', '0x'))).toBe(true)
    for (const v of [ROOT.slice(0, -2), `${ROOT}00`, ROOT.slice(2), `0x${'zz'.repeat(32)}`, 42, null, undefined, {}]) expect(isHex32(v)).toBe(false)
    expect(isHexString('0x', 0)).toBe(true)
    expect(isHexString('0x1')).toBe(true)
    expect(isHexString('0x1', 1)).toBe(false)
  })

  it('assertHex lower-cases and throws MalformedInputError naming the value', () => {
    expect(assertHex32(ROOT.toUpperCase().replace('0X', '0x'), 'root')).toBe(ROOT)
    expect(() => assertHex('zz', 'storage key 0')).toThrow(MalformedInputError)
    expect(() => assertHex('0x12', 'root', 32)).toThrow(/Malformed root/)
  })

  it('hexToBytes and toHex round-trip whole bytes', () => {
    const bytes = hexToBytes('0x00ff10', 'x')
    expect([...bytes]).toEqual([0, 255, 16])
    expect(toHex(bytes)).toBe('0x00ff10')
    expect(toHex(bytes.buffer)).toBe('0x00ff10')
    expect(toHex(new Uint8Array())).toBe('0x')
    expect(() => hexToBytes('0x123', 'x')).toThrow(MalformedInputError)
    expect(() => hexToBytes('0x1234', 'x', 1)).toThrow(MalformedInputError)
  })

  it('quantities: JSON-RPC encoding out, tolerant parsing in', () => {
    expect(quantityToHex(0)).toBe('0x0')
    expect(quantityToHex(42n)).toBe('0x2a')
    expect(() => quantityToHex(-1)).toThrow(MalformedInputError)
    expect(() => quantityToHex(1.5)).toThrow(MalformedInputError)
    expect(isQuantity('0x0')).toBe(true)
    expect(isQuantity('0x01')).toBe(false)
    expect(parseQuantity('0x01', 'n')).toBe(1n)
    expect(() => parseQuantity('0x', 'n')).toThrow(MalformedInputError)
    expect(() => parseQuantity(1, 'n')).toThrow(MalformedInputError)
  })
})
