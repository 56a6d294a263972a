// Lightbus STARK prover kernels: the exports of the second WASM module (build/prover-release.wasm).
// ABI: wasm/README.md ("Prover module"). Its own memory: twiddle tables from __heap_base, caller
// buffers from scratchBase() (re-read after nttPrepare, which may move it).
export { deepChunk, toMontgomery } from './deep'
export { foldLayer } from './fri'
export { keccak256x2 } from './keccakx2'
export { merkleLayers, merkleLeaves } from './merkle'
export { evaluateOnCoset, interpolate, nttPrepare, scratchBase } from './ntt'
export { evalAt, extPowers } from './evalAt'
export { zkvmComposition, zkvmParamWords } from './zkvm'
export { zkvmAuxBlock } from './zkvmAux'
