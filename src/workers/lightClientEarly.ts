// The light-client worker's first module, in a chunk of its own that the worker's entry imports before all others
// (vite.config.ts `worker.rolldownOptions.output.codeSplitting`), so it runs before the SSZ and Lodestar chunks are
// evaluated: starts compiling herumi's WebAssembly (herumiWasmEarly.ts). Nothing here may import a heavy module.
import { startHerumiWasmCompile } from './herumiWasmEarly.ts'

startHerumiWasmCompile()
