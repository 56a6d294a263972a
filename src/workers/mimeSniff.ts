/**
 * A MIME type for bytes that came without a `Content-Type`: magic numbers of PNG, JPEG, GIF, WebP, then markup
 * (`<!doctype html`, `<html`, `<svg`, `<?xml … <svg`), then UTF-8 text, else `application/octet-stream`.
 * Only the first 512 bytes are looked at (the WHATWG MIME sniffing spec's resource header size).
 */
export function sniffMime(bytes: Uint8Array): string {
  const b = bytes.subarray(0, 512)
  const starts = (...sig: number[]) => sig.every((x, i) => b[i] === x)
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png'
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg'
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif'
  if (starts(0x52, 0x49, 0x46, 0x46) && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50) return 'image/webp'
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(b.length < bytes.length ? trimPartial(b) : b)
  } catch {
    return 'application/octet-stream'
  }
  const head = text.trimStart().toLowerCase()
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) return 'text/html'
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) return 'image/svg+xml'
  if (head.startsWith('{') || head.startsWith('[')) return 'application/json'
  return 'text/plain'
}

/** Drops a UTF-8 sequence cut at the end of a prefix so a fatal decoder accepts the prefix. */
function trimPartial(b: Uint8Array): Uint8Array {
  const end = b.length
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const x = b[end - i] as number
    if ((x & 0xc0) === 0xc0) return b.subarray(0, end - i)
    if ((x & 0x80) === 0) break
  }
  return b.subarray(0, end)
}
