import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

// Same worker settings as the app (../vite.config.ts), building only the bench page.
export default defineConfig({
  root: fileURLToPath(new URL('./browser', import.meta.url)),
  logLevel: 'error',
  resolve: { alias: [{ find: /^@chainsafe\/bls$/, replacement: '@chainsafe/bls/switchable' }] },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    outDir: fileURLToPath(new URL('../.bench/dist', import.meta.url)),
    emptyOutDir: true,
    // index.html: the sync/zk/kernel workloads (stock.html, stock Lodestar's time to first verified value, is built by
    // vite.stock.config.ts).
    rollupOptions: { input: { index: fileURLToPath(new URL('./browser/index.html', import.meta.url)) } },
  },
})
