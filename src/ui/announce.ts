/** The id of the page's one polite live region (rendered by AppShell as {@link PoliteRegion}'s element). */
export const POLITE_REGION_ID = 'lb-polite-region'

let clearTimer: ReturnType<typeof setTimeout> | undefined

/**
 * Says `text` through the page's one polite live region (role=status), instead of a live region per control (a block
 * page has hundreds of copy buttons): cleared first so a repeated message is announced again, and emptied after
 * `holdMs`. Creates the region at the end of <body> when the app has not rendered it (tests, isolated components).
 */
export function announcePolitely(text: string, { holdMs = 1_500, doc = globalThis.document }: { holdMs?: number; doc?: Document } = {}): void {
  if (!doc) return
  let region = doc.getElementById(POLITE_REGION_ID)
  if (!region) {
    region = doc.createElement('div')
    region.id = POLITE_REGION_ID
    region.setAttribute('role', 'status')
    region.setAttribute('aria-live', 'polite')
    region.className = 'sr-only'
    doc.body.append(region)
  }
  const r = region
  r.textContent = ''
  if (clearTimer) clearTimeout(clearTimer)
  // The next frame: a change after the clear is announced even when the text is the same as before.
  setTimeout(() => {
    r.textContent = text
    clearTimer = setTimeout(() => {
      r.textContent = ''
    }, holdMs)
  }, 30)
}
