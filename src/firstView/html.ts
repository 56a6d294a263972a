// Building HTML strings for the first view (src/firstView): markup identical to React's server rendering of the same
// components (react-dom/server `renderToString`), so that React hydrates it instead of replacing it.

/** Attribute values: `false`, `null` and `undefined` leave the attribute out; `true` is written `=""`. */
export type Attrs = Record<string, string | number | boolean | null | undefined>

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' }

/** Escapes text or a double-quoted attribute value the way React's server renderer does (`& < > " '`). */
export const esc = (s: string | number): string => String(s).replace(/[&<>"']/g, (c) => ESCAPES[c] as string)

/** The separator React's server renderer puts between two adjacent text nodes (hydration splits them there). */
export const TEXT_SEP = '<!-- -->'

/**
 * One element. `children` are HTML already (escape text with {@link esc}).
 * @param tag - An element name; `void` elements are not supported (the first view has none).
 */
export function el(tag: string, attrs: Attrs, ...children: string[]): string {
  let a = ''
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === null || v === undefined) continue
    a += v === true ? ` ${k}=""` : ` ${k}="${esc(v)}"`
  }
  return `<${tag}${a}>${children.join('')}</${tag}>`
}
