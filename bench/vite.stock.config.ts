import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

// Stock Lodestar's time-to-first-verified page (bench/browser/stock.html, bench/ttfv.ts), as its packages install:
// `@chainsafe/bls` resolves `bls-eth-wasm ^0.4.8` to 0.4.8, while the app overrides it to 1.7.0 (package.json), so
// the reference gets its own copy (the `bls-eth-wasm-stock` alias). Same worker settings as the app otherwise.
export default defineConfig({
  root: fileURLToPath(new URL('./browser', import.meta.url)),
  logLevel: 'error',
  resolve: {
    alias: [
      { find: /^@chainsafe\/bls$/, replacement: '@chainsafe/bls/switchable' },
      { find: /^bls-eth-wasm$/, replacement: 'bls-eth-wasm-stock' },
    ],
  },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    outDir: fileURLToPath(new URL('../.bench/stock', import.meta.url)),
    emptyOutDir: true,
    rollupOptions: { input: { stock: fileURLToPath(new URL('./browser/stock.html', import.meta.url)) } },
  },
})
