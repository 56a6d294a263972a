import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BaseError, MalformedInputError } from './base.ts'
import { InvalidSyncCommitteeSignatureError } from './consensus.ts'
import { deserializeError, ERROR_CODES, serializeError } from './serialize.ts'

describe('error serialization (worker boundary, CLI output)', () => {
  it('keeps class, code, details and cause through structured clone', () => {
    const inner = new Error('Invalid aggregate signature')
    const e = new InvalidSyncCommitteeSignatureError({ slot: 7109431, cause: inner })
    const back = deserializeError(structuredClone(serializeError(e)))
    expect(back).toBeInstanceOf(InvalidSyncCommitteeSignatureError)
    expect(back).toBeInstanceOf(BaseError)
    expect(back.code).toBe('InvalidSyncCommitteeSignature')
    expect(back.shortMessage).toBe('Sync committee signature is invalid.')
    expect(back.details).toBe('Invalid aggregate signature')
    expect(back.metaMessages).toEqual(['signature slot: 7109431'])
    expect((back.cause as Error).message).toBe('Invalid aggregate signature')
    expect(back.walk()).toBe(back.cause)
  })

  it('formats messages with meta messages and details', () => {
    const e = new MalformedInputError({ what: 'checkpoint root', details: 'expected 32 bytes of 0x-hex' })
    expect(e.message).toMatchInlineSnapshot(`
      "Malformed checkpoint root.

      Details: expected 32 bytes of 0x-hex"
    `)
  })

  it('turns unknown throwables into a BaseError with code Unknown', () => {
    const back = deserializeError(serializeError('boom'))
    expect(back).toBeInstanceOf(BaseError)
    expect(back.code).toBe('Unknown')
  })
})

describe('ERROR_CODES', () => {
  it('lists exactly the codes the error classes of src/errors declare', () => {
    const declared = readdirSync(import.meta.dirname)
      .filter((f) => f.endsWith('.ts') && !f.includes('.test.'))
      .flatMap((f) => [...readFileSync(join(import.meta.dirname, f), 'utf8').matchAll(/extends BaseError<'(\w+)'>/g)].map((m) => m[1]))
    expect([...ERROR_CODES].sort()).toEqual(declared.sort())
  })
})
