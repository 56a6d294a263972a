// Figures and budgets of the time-to-first-verified rows of `npm run bench` (docs/performance.md).

/** Before issue 12 (the figures, headless Chromium, this 2-core machine, idle) and the build before it. */
export const TTFV_BEFORE = {
  coldMs: 1620,
  warmMs: 960,
  /** Light-client worker boot, module + herumi WASM init (stock Lodestar: 429 ms). */
  workerBootMs: 441,
  /** index.html + its scripts, module preloads and CSS, gzip -9 (measured on the commit before issue 12). */
  initialGzipBytes: 214_309,
  /** The light-client worker was one file then; other workers are now counted with the chunks they load at start. */
  workerGzipBytes: {
    'lightClient.worker.js': 128_107,
    // Then base64 in herumi.js (222 162 B gzip); now the same module as herumi.wasm.
    'herumi.wasm': 222_162,
  } as Record<string, number>,
}

/** Budgets the bench prints PASS/OVER against (it asserts nothing). Initial JS: measured 131.8 KiB, plus ~6 %. */
export const TTFV_BUDGET = {
  coldMs: 500,
  warmMs: 300,
  initialGzipBytes: 140 * 1024,
}
