// WebGPU in Node: Dawn through the npm `webgpu` package, loaded only when asked for.
import { existsSync } from 'node:fs'

/** Debian Chromium's SwiftShader Vulkan ICD (a CPU implementation of Vulkan; Dawn runs on it). */
export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json'
/** Where Debian Chromium keeps its libvulkan.so.1 (the Vulkan loader Dawn dlopens). */
export const CHROMIUM_LIB_DIR = '/usr/lib/chromium'

/**
 * Environment additions Dawn needs here to find a Vulkan implementation, or {} when nothing is missing:
 * VK_ICD_FILENAMES (SwiftShader's ICD, when it exists and no ICD is set), XDG_RUNTIME_DIR, and
 * LD_LIBRARY_PATH with Chromium's directory (libvulkan.so.1). LD_LIBRARY_PATH is read by the dynamic
 * loader at process start only, so it must be set before Node starts (the CLI re-executes itself;
 * vite.config.ts sets it for the test workers); the other two can be set in-process before Dawn loads.
 */
export function webGpuNodeEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const add: Record<string, string> = {}
  if (!existsSync(SWIFTSHADER_ICD)) return add
  if (!env.VK_ICD_FILENAMES && !env.VK_DRIVER_FILES) add.VK_ICD_FILENAMES = SWIFTSHADER_ICD
  if (!env.XDG_RUNTIME_DIR) add.XDG_RUNTIME_DIR = '/tmp'
  const lib = env.LD_LIBRARY_PATH ?? ''
  if (existsSync(`${CHROMIUM_LIB_DIR}/libvulkan.so.1`) && !lib.split(':').includes(CHROMIUM_LIB_DIR))
    add.LD_LIBRARY_PATH = lib ? `${CHROMIUM_LIB_DIR}:${lib}` : CHROMIUM_LIB_DIR
  return add
}

let loaded: Promise<GPU | { unavailable: string }> | undefined

/**
 * The process's `GPU` object from Dawn (created once and kept referenced), after setting the in-process
 * part of {@link webGpuNodeEnv}; `{ unavailable }` when the package does not load.
 */
export function loadNodeGpu(): Promise<GPU | { unavailable: string }> {
  loaded ??= (async () => {
    const add = webGpuNodeEnv()
    for (const k of ['VK_ICD_FILENAMES', 'XDG_RUNTIME_DIR'] as const) if (add[k]) process.env[k] = add[k]
    try {
      const { create, globals } = await import('webgpu')
      Object.assign(globalThis, globals)
      return create([])
    } catch (e) {
      return { unavailable: `the webgpu package did not load: ${e instanceof Error ? e.message : String(e)}` }
    }
  })()
  return loaded
}
