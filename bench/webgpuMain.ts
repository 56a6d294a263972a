// Runs the WebGPU half of `npm run bench` in its own process (Dawn needs LD_LIBRARY_PATH from the start:
// scripts/bench.mjs passes cli/webgpuNode.ts's environment) and prints one JSON line.
// Usage: node --import tsx bench/webgpuMain.ts LOGS WIDTH RUNS
import { benchWebGpu } from './webgpuWorkload.ts'

const logs = (process.argv[2] ?? '10,12').split(',').filter(Boolean).map(Number)
const out = await benchWebGpu(logs, Number(process.argv[3] ?? 32), Number(process.argv[4] ?? 3))
process.stdout.write(`${JSON.stringify(out)}\n`)
process.exit(0)
