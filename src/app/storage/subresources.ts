/**
 * Relative `<img src>` references of an HTML page stored at a web3:// URL (`index.html` → `logo.svg`). The page is
 * shown from a blob: URL in a sandbox, where relative URLs mean nothing, so Lightbus resolves each one itself
 * (through the same verified calls) and inlines it as a data: URL. At most `max` references; absolute URLs
 * (`https:`, `data:`, `//host`), fragments and other web3:// URLs are left alone.
 */
export function relativeImageRefs(html: string, max = 16): string[] {
  const refs = new Set<string>()
  for (const m of html.matchAll(/<img\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) {
    const ref = (m[1] ?? m[2] ?? '').trim()
    if (!ref || /^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.startsWith('//') || ref.startsWith('#')) continue
    refs.add(ref)
    if (refs.size >= max) break
  }
  return [...refs]
}

/** The web3:// URL of `ref` relative to the page at `pageUrl` (a path-only join: `web3://a:1/dir/x.html` + `y.png`). */
export function joinWeb3Url(pageUrl: string, ref: string): string {
  const m = /^((?:web3|w3):\/\/[^/?#]+)([^?#]*)/.exec(pageUrl)
  if (!m) return ref
  const origin = m[1] as string
  if (ref.startsWith('/')) return origin + ref
  const dir = (m[2] || '/').replace(/[^/]*$/, '')
  const parts: string[] = []
  for (const p of `${dir}${ref}`.split('/')) {
    if (p === '..') parts.pop()
    else if (p !== '.' && p !== '') parts.push(p)
  }
  return `${origin}/${parts.join('/')}`
}

/** Replaces each `src` of `refs` by its data: URL (only inside `<img … src=…>` attributes). */
export function inlineImageRefs(html: string, dataUrls: Map<string, string>): string {
  return html.replace(/(<img\b[^>]*?\bsrc\s*=\s*)(?:"([^"]*)"|'([^']*)')/gi, (all, pre: string, a?: string, b?: string) => {
    const ref = (a ?? b ?? '').trim()
    const data = dataUrls.get(ref)
    return data ? `${pre}"${data}"` : all
  })
}

export function toDataUrl(mime: string, bytes: Uint8Array): string {
  let s = ''
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return `data:${mime};base64,${btoa(s)}`
}
