/** Milliseconds since `t0` (a `performance.now()` reading), to 0.1 ms, as the CLI prints `elapsedMs`. */
export const elapsedMs = (t0: number) => Math.round((performance.now() - t0) * 10) / 10
