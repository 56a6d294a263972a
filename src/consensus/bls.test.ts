import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { patchHerumiEntry } from '../../scripts/vite/herumiWasm.ts'
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

  it('initialises the entry as the build serves it (its top-level await removed): not before, and then BLS works', async () => {
    // The patched entry, written next to a temporary copy of its imports' absolute URLs (the package's files as installed).
    const lib = fileURLToPath(new URL('../../node_modules/@chainsafe/bls/lib/', import.meta.url))
    const patched = patchHerumiEntry(readFileSync(join(lib, 'herumi/index.js'), 'utf8')).replace(
      /from "(\.\.?\/[^"]+)"/g,
      (_m, rel: string) => `from ${JSON.stringify(pathToFileURL(join(lib, 'herumi', rel)).href)}`,
    )
    const dir = mkdtempSync(join(tmpdir(), 'lb-herumi-entry-'))
    writeFileSync(join(dir, 'index.mjs'), patched)
    const entry = (await import(/* @vite-ignore */ pathToFileURL(join(dir, 'index.mjs')).href)) as typeof import('@chainsafe/bls/herumi')
    entry.destroy() // the installed entry, if another file imported it, initialised the shared context
    expect(() => entry.SecretKey.fromBytes(new Uint8Array(32).fill(1))).toThrow(/NOT_INITIALIZED/)
    await initHerumi(async () => entry)
    const sk = entry.SecretKey.fromBytes(new Uint8Array(32).fill(1))
    const msg = new Uint8Array(32).fill(9)
    const sig = sk.sign(msg)
    expect(sig.verify(sk.toPublicKey(), msg)).toBe(true)
    expect(sig.verify(sk.toPublicKey(), new Uint8Array(32))).toBe(false)
  })
})
