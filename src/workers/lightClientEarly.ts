// The light-client worker's first module, in a chunk of its own that the worker's entry imports before all others
// (vite.config.ts `worker.rolldownOptions.output.codeSplitting`), so it runs before the SSZ and Lodestar code is
// evaluated: it starts compiling herumi's WebAssembly (herumiWasmEarly.ts) and, in a worker the page's preboot script
// created, requests config.json (lightClientPreboot.ts starts the light client from it). Nothing here may import a
// heavy module: what it imports is evaluated first too.
import { fetchJson } from '../net/fetchJson.ts'
import { startHerumiWasmCompile } from './herumiWasmEarly.ts'

/**
 * The page's query string the preboot script put in the worker's name (`light-client#boot=<URI-encoded search>`,
 * scripts/vite/lightClientPreboot.ts), or null when the worker was created without it (dev server, the app).
 */
export function prebootParams(name: string): URLSearchParams | null {
  const at = name.indexOf('#')
  if (at < 0) return null
  const boot = new URLSearchParams(name.slice(at + 1)).get('boot')
  return boot === null ? null : new URLSearchParams(boot)
}

startHerumiWasmCompile()

/** This worker's preboot parameters ({@link prebootParams} of its name), or null. */
export const bootParams = typeof self !== 'undefined' && typeof self.name === 'string' ? prebootParams(self.name) : null
/** config.json as JSON, requested now in a preboot worker (parsed and reported by its users), or null. */
export const earlyConfigJson: Promise<unknown> | null = bootParams ? fetchJson('/config.json') : null
earlyConfigJson?.catch(() => {}) // Reported by the page, which loads config.json itself.
