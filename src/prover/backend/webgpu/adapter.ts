/** The adapter's display name: its description, else vendor/architecture/device. */
export function adapterNameOf(adapter: GPUAdapter): string {
  const i = adapter.info
  return i.description || [i.vendor, i.architecture, i.device].filter(Boolean).join(' ') || 'unknown adapter'
}

/** Whether the adapter is a fallback (software) adapter (GPUAdapterInfo.isFallbackAdapter, or the older GPUAdapter field). */
export function isFallback(adapter: GPUAdapter): boolean {
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean }
  return Boolean(info.isFallbackAdapter ?? (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter)
}
