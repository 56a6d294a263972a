export { createWebGpuBackend, type WebGpuBackend, type WebGpuBackendOptions } from './backend.ts'
export { probeWebGpu, type WebGpuProbe } from './probe.ts'
