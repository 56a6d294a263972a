import { describe, expect, it } from 'vitest'
import { initHerumi } from './bls.ts'

// The browser path of ensureBls (herumi), with the build's entry whose top-level await is removed
// (scripts/vite/herumiWasm.ts): initHerumi must initialise it, and reset it after a failure so that a retry works.
describe('initHerumi', () => {
  it('initialises the entry once loaded', async () => {
    const calls: string[] = []
    await initHerumi(async () => ({
      init: async () => {
        calls.push('init')
      },
      destroy: () => calls.push('destroy'),
    }))
    expect(calls).toEqual(['init'])
  })

  it('resets a failed init (destroy) and rethrows, so the next call starts over', async () => {
    const calls: string[] = []
    let fail = true
    const entry = {
      init: async () => {
        calls.push('init')
        if (fail) throw new Error('herumi-0123.wasm answered HTTP 404')
      },
      destroy: () => calls.push('destroy'),
    }
    await expect(initHerumi(async () => entry)).rejects.toThrow(/HTTP 404/)
    expect(calls).toEqual(['init', 'destroy'])
    fail = false
    await initHerumi(async () => entry)
    expect(calls).toEqual(['init', 'destroy', 'init'])
  })

  it('initialises the real @chainsafe/bls herumi entry: it then signs and verifies', async () => {
    await initHerumi()
    const { SecretKey } = await import('@chainsafe/bls/herumi')
    const sk = SecretKey.fromBytes(new Uint8Array(32).fill(1))
    const msg = new Uint8Array(32).fill(9)
    const sig = sk.sign(msg)
    expect(sig.verify(sk.toPublicKey(), msg)).toBe(true)
    expect(sig.verify(sk.toPublicKey(), new Uint8Array(32))).toBe(false)
  })
})
