import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { patchHerumiEntry, patchHerumiSignature } from '../../scripts/vite/herumiWasm.ts'
import { initHerumi } from './bls.ts'

/** The installed `@chainsafe/bls/lib/` directory. */
const lib = fileURLToPath(new URL('../../node_modules/@chainsafe/bls/lib/', import.meta.url))

/**
 * Imports `source` as the build serves the file `herumi/<name>.js`: written to a temporary `.mjs` whose relative imports
 * point at the installed package's files (absolute URLs), so that it shares their module instances.
 */
async function importAsHerumiFile<T>(name: string, source: string): Promise<T> {
  const code = source.replace(/from "(\.\.?\/[^"]+)"/g, (_m, rel: string) => `from ${JSON.stringify(pathToFileURL(join(lib, 'herumi', rel)).href)}`)
  const dir = mkdtempSync(join(tmpdir(), `lb-herumi-${name}-`))
  writeFileSync(join(dir, `${name}.mjs`), code)
  try {
    return (await import(/* @vite-ignore */ pathToFileURL(join(dir, `${name}.mjs`)).href)) as T
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

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
    const entry = await importAsHerumiFile<typeof import('@chainsafe/bls/herumi')>(
      'index',
      patchHerumiEntry(readFileSync(join(lib, 'herumi/index.js'), 'utf8')),
    )
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

// @chainsafe/bls 7.1.3's herumi Signature.fromBytes deserialized a compressed signature twice (decompression and G2
// order check each time); the build removes the second call (scripts/vite/herumiWasm.ts `patchHerumiSignature`).
describe('herumi Signature.fromBytes as the build serves it', () => {
  const loadSignature = (source: string) => importAsHerumiFile<{ Signature: { fromBytes(b: Uint8Array): { value: unknown } } }>('signature', source)
  const original = readFileSync(join(lib, 'herumi/signature.js'), 'utf8')

  it('deserializes once, accepts a real signature and rejects a corrupted one', async () => {
    const context = (await import(/* @vite-ignore */ pathToFileURL(join(lib, 'herumi/context.js')).href)) as {
      init(): Promise<void>
      getContext(): any
    }
    await context.init()
    const herumi = context.getContext()
    const proto = herumi.Signature.prototype
    const deserialize = proto.deserialize
    let calls = 0
    proto.deserialize = function (this: unknown, b: Uint8Array) {
      calls++
      return deserialize.call(this, b)
    }
    try {
      const sk = new herumi.SecretKey()
      sk.setByCSPRNG()
      const msg = new Uint8Array(32).fill(5)
      const bytes = sk.sign(msg).serialize() as Uint8Array
      const unpatched = await loadSignature(original)
      unpatched.Signature.fromBytes(bytes)
      expect(calls).toBe(2) // the package as published
      calls = 0
      const { Signature } = await loadSignature(patchHerumiSignature(original))
      const sig = Signature.fromBytes(bytes)
      expect(calls).toBe(1)
      expect(sk.getPublicKey().verify(sig.value, msg)).toBe(true)
      expect(sk.getPublicKey().verify(sig.value, new Uint8Array(32))).toBe(false)
      const corrupted = bytes.slice()
      corrupted[40] = (corrupted[40] as number) ^ 0x01
      expect(() => Signature.fromBytes(corrupted)).toThrow()
      expect(() => Signature.fromBytes(bytes.slice(0, 95))).toThrow(/length/i)
      // An uncompressed signature (192 bytes) was rejected by the published code's second deserialize (its length);
      // the patched code rejects it too.
      const uncompressed = sk.sign(msg).serializeUncompressed() as Uint8Array
      expect(uncompressed.length).toBe(192)
      expect(() => unpatched.Signature.fromBytes(uncompressed)).toThrow()
      expect(() => Signature.fromBytes(uncompressed)).toThrow(/length/i)
    } finally {
      proto.deserialize = deserialize
    }
  })

  it('fails the build when fromBytes no longer has that shape', () => {
    expect(() => patchHerumiSignature(original.replace('signature.deserialize(bytes);\n        }', '}'))).toThrow(/second deserialize/)
    expect(patchHerumiSignature(original)).not.toContain('deserializeUncompressed')
  })
})
