// Lightbus WASM kernels: the exports. ABI: wasm/README.md.
export { keccak256 } from './keccak'
export { mptGet } from './mpt'
export { sha256 } from './sha256'

/** First free byte after static data: callers place their buffers from here on. */
export function heapBase(): usize {
  return __heap_base
}
