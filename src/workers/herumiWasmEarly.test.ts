import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { afterEach, describe, expect, it } from 'vitest'
import { patchHerumiLoader } from '../../scripts/vite/herumiWasm.ts'
import { compileWasm, HERUMI_WASM_KEY, startHerumiWasmCompile } from './herumiWasmEarly.ts'

const require = createRequire(import.meta.url)
// The module the build emits (herumi's, extracted from bls-eth-wasm's bls_c.js exactly as the plugin does).
const { wasm } = patchHerumiLoader(readFileSync(require.resolve('bls-eth-wasm/src/bls_c.js'), 'utf8'), (f) => f)
const url = new URL('http://lightbus.test/assets/herumi-0.wasm')
const answer =
  (body: BodyInit | null, init: ResponseInit = {}, seen: string[] = []): typeof fetch =>
  async (input) => {
    seen.push(String(input))
    return new Response(body, init)
  }

describe('compileWasm', () => {
  it('compiles a module served as application/wasm (streaming) and as another type (from the bytes)', async () => {
    for (const type of ['application/wasm', 'application/octet-stream']) {
      const m = await compileWasm(url, answer(new Uint8Array(wasm), { headers: { 'content-type': type } }))
      expect(m).toBeInstanceOf(WebAssembly.Module)
      expect(WebAssembly.Module.exports(m as WebAssembly.Module).length).toBeGreaterThan(10)
    }
  })

  it('resolves null, never rejects, on an HTTP error, invalid bytes or a network failure (the loader then reports it)', async () => {
    expect(await compileWasm(url, answer('missing', { status: 404 }))).toBeNull()
    expect(await compileWasm(url, answer(new Uint8Array([0, 0x61, 0x73, 0x6d, 9, 9]), { headers: { 'content-type': 'application/wasm' } }))).toBeNull()
    expect(
      await compileWasm(url, async () => {
        throw new TypeError('Failed to fetch')
      }),
    ).toBeNull()
  })
})

describe('compileWasm on a stalled answer', () => {
  it('resolves null once its timeout aborts the fetch (the loader then fetches, with its own timeout)', async () => {
    let aborted: unknown
    const hang: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) =>
        init?.signal?.addEventListener(
          'abort',
          () => {
            aborted = init.signal?.reason
            reject(init.signal?.reason)
          },
          { once: true },
        ),
      )
    expect(await compileWasm(url, hang, 50)).toBeNull()
    expect(String(aborted)).toMatch(/TimeoutError|timed out/i)
  })
})

describe('startHerumiWasmCompile', () => {
  const g = globalThis as unknown as Record<symbol, unknown> & { location?: unknown }
  const savedLocation = g.location
  afterEach(() => {
    delete g[HERUMI_WASM_KEY]
    g.location = savedLocation
  })

  it('does nothing without a built path (dev server, tests)', () => {
    expect(startHerumiWasmCompile()).toBe(false)
    expect(g[HERUMI_WASM_KEY]).toBeUndefined()
  })

  it('starts one compile of the path on this origin and leaves it for the loader', async () => {
    g.location = { origin: 'http://lightbus.test' }
    const seen: string[] = []
    const f = answer(new Uint8Array(wasm), { headers: { 'content-type': 'application/wasm' } }, seen)
    expect(startHerumiWasmCompile('/assets/herumi-0.wasm', f)).toBe(true)
    expect(startHerumiWasmCompile('/assets/herumi-0.wasm', f)).toBe(true)
    expect(await (g[HERUMI_WASM_KEY] as Promise<unknown>)).toBeInstanceOf(WebAssembly.Module)
    expect(seen).toEqual(['http://lightbus.test/assets/herumi-0.wasm'])
  })
})
