import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { probeWebGpu } from '../src/prover/backend/webgpu/probe.ts'
import { main } from './main.ts'
import { loadNodeGpu } from './webgpuNode.ts'

// `lightbus prove --backend webgpu` (Dawn in this process; vite.config.ts sets its environment) writes the
// same receipt bytes as `--backend wasm`.
const gpu = await loadNodeGpu()
const probe = 'unavailable' in gpu ? { available: false as const, reason: gpu.unavailable } : await probeWebGpu(gpu)
if (!probe.available) console.warn(`lightbus prove --backend webgpu test skipped: ${probe.reason}`)

it.skipIf(!probe.available)(
  'lightbus prove --backend webgpu writes the WASM receipt, byte for byte, and names the adapter',
  async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'lightbus-webgpu-'))
    const run = async (backend: string) => {
      const lines: string[] = []
      const out = join(tmp, `${backend}.json`)
      const code = await main(
        ['prove', '--program', 'fibonacci', '--input', '100', '--segment-po2', '10', '--backend', backend, '--out', out],
        (l) => lines.push(l),
        () => {},
      )
      expect(code, lines[0]).toBe(0)
      return { out: JSON.parse(lines[0] as string), bytes: readFileSync(out) }
    }
    const wasm = await run('wasm')
    const webgpu = await run('webgpu')
    expect(webgpu.out).toMatchObject({ ok: true, backend: 'webgpu', adapter: probe.available ? probe.adapterName : '', fallbacks: [], segments: 1 })
    expect(webgpu.bytes.equals(wasm.bytes)).toBe(true)
  },
  180_000,
)
