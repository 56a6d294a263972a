import { fileURLToPath } from 'node:url'
import tailwindcss from '@tailwindcss/vite'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'
import { webGpuNodeEnv } from './cli/webgpuNode.ts'
import { DEV_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './csp.config.ts'
import { blsKeygenUnused } from './scripts/vite/blsKeygenUnused.ts'
import { herumiWasm } from './scripts/vite/herumiWasm.ts'
import { immutableAssets } from './scripts/vite/immutableAssets.ts'
import { lightClientPreboot } from './scripts/vite/lightClientPreboot.ts'
import { sszByteArray } from './scripts/vite/sszByteArray.ts'

// The WebGPU tests load Dawn in the test workers, which need Chromium's libvulkan on LD_LIBRARY_PATH
// from their start (cli/webgpuNode.ts): set here, before vitest forks them.
if (process.env.VITEST) Object.assign(process.env, webGpuNodeEnv())

// src tests that start anvil or a devnet (not named *.devnet.test.ts): run isolated (test.projects below).
const ANVIL_SRC_TESTS = [
  'src/jobs/actions.test.ts',
  'src/jobs/contractParity.test.ts',
  'src/services/services.test.ts',
  'src/workers/web3Task.test.ts',
  'src/workers/web3Verified.test.ts',
]
// src tests that install a global for their whole file (fake-indexeddb's `indexedDB`, which the store's module keeps
// open) or mock a module others share (the light-client worker client): isolated too, so that the other src files,
// sharing a worker, still run without IndexedDB and with the real modules.
const GLOBAL_SRC_TESTS = ['src/workers/lightClientService.resume.test.ts', 'src/app/lightClientState.test.ts']

// Facts behind these settings: ../shared/research/lc.md §2.
export default defineConfig({
  plugins: [react(), tailwindcss(), herumiWasm(), sszByteArray(), lightClientPreboot(), immutableAssets()],
  resolve: {
    // rolldown#9548: the top-level await in @chainsafe/bls deadlocks the worker under Vite 8;
    // the switchable entry has none, and the worker calls init('herumi') itself.
    alias: [
      { find: /^@chainsafe\/bls$/, replacement: '@chainsafe/bls/switchable' },
      // web3protocol's only network access: answered by the verified eth_call (src/workers/web3Fetch.ts).
      { find: /^cross-fetch$/, replacement: fileURLToPath(new URL('./src/workers/web3Fetch.ts', import.meta.url)) },
    ],
  },
  worker: {
    format: 'es',
    // BLS's WebAssembly as a streamed .wasm asset rather than base64 in JS (scripts/vite/herumiWasm.ts).
    plugins: () => [herumiWasm(), blsKeygenUnused(), sszByteArray()],
    // The workers' dependencies (@lodestar/params, @chainsafe/ssz, @lodestar/utils) read the global `Buffer` at module
    // load: each reference is rewritten to an import of the `buffer` package, so no module needs a polyfill to run
    // first and each worker's chunks load in one parallel round (docs/performance.md).
    rolldownOptions: {
      transform: { inject: { Buffer: ['buffer', 'Buffer'] } },
      // @lodestar/utils re-exports its YAML helpers (js-yaml, 42 KiB) from the index that @lodestar/{params,types,config}
      // import `fromHex` from; neither package has load-time effects the workers rely on, so unused parts are dropped.
      treeshake: { moduleSideEffects: (id: string) => !/[\\/]node_modules[\\/](js-yaml|@lodestar[\\/]utils)[\\/]/.test(id) },
      // The light-client worker's early module in a chunk of its own, which its entry imports (and so evaluates) before
      // the SSZ and Lodestar chunks: it starts compiling herumi's WebAssembly and requests config.json at once, with what it
      // imports (fetchJson, the error classes) in the same chunk (src/workers/lightClientEarly.ts).
      output: { codeSplitting: { groups: [{ name: 'lightClientEarly', test: /[\\/]src[\\/]workers[\\/](lightClientEarly|herumiWasmEarly)\.ts$/ }] } },
    },
  },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 2048 },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, headers: SECURITY_HEADERS },
  server: { host: '127.0.0.1', port: 5173, headers: { ...SECURITY_HEADERS, 'Content-Security-Policy': DEV_CONTENT_SECURITY_POLICY } },
  test: {
    environment: 'node',
    // Vitest's default is one worker per CPU minus one: a single worker on 2 cores. Many files wait on anvil, devnets
    // and child processes, so two workers keep both cores busy.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Bundled by vitest (not loaded by Node) so the cross-fetch alias above applies to web3protocol too.
    server: { deps: { inline: ['web3protocol'] } },
    // Two projects, run together in one pool. `src`: files share their worker's module cache (isolate: false) — they
    // import the same heavy modules (viem, @ethereumjs, @lodestar, the prover), which otherwise each file evaluates
    // again (most of the import phase: 63 s → 14 s of CPU over the 31 files of src/{verify,consensus,app,services});
    // these tests restore what they change (fake timers, spies). `isolated`: the CLI, devnet and contracts tests and
    // every src test that starts anvil or a devnet (ANVIL_SRC_TESTS) start processes and servers and keep isolation
    // (in a shared worker, web3Verified's blob transaction timed out after the other src/workers files).
    projects: [
      {
        extends: true,
        test: {
          name: 'src',
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['src/**/*.devnet.test.ts', ...ANVIL_SRC_TESTS, ...GLOBAL_SRC_TESTS],
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'isolated',
          include: ['src/**/*.devnet.test.ts', ...ANVIL_SRC_TESTS, ...GLOBAL_SRC_TESTS, 'cli/**/*.test.ts', 'devnet/**/*.test.ts', 'contracts/**/*.test.ts'],
        },
      },
    ],
  },
})
