import { type RefObject, useCallback, useEffect, useRef, useState } from 'react'

/**
 * State of a disclosure (a button that shows and hides a panel): Escape closes it and returns focus to the button
 * when focus was in the panel; a pointer press outside both closes it.
 */
export function useDisclosure() {
  const [open, setOpen] = useState(false)
  const buttonRef = useRef<HTMLButtonElement>(null)
  const panelRef = useRef<HTMLDivElement>(null)
  const close = useCallback(() => setOpen(false), [])
  const toggle = useCallback(() => setOpen((o) => !o), [])
  useEffect(() => {
    if (!open) return
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return
      const inside = panelRef.current?.contains(document.activeElement) || buttonRef.current === document.activeElement
      setOpen(false)
      if (inside) buttonRef.current?.focus()
    }
    const onPointer = (e: PointerEvent) => {
      const t = e.target as Node
      if (!panelRef.current?.contains(t) && !buttonRef.current?.contains(t)) setOpen(false)
    }
    document.addEventListener('keydown', onKey)
    document.addEventListener('pointerdown', onPointer)
    return () => {
      document.removeEventListener('keydown', onKey)
      document.removeEventListener('pointerdown', onPointer)
    }
  }, [open])
  return { open, close, toggle, buttonRef, panelRef }
}

/** The header's menu button (below the lg breakpoint): controls the panel with id `site-menu`. */
export function MenuButton({
  open,
  onToggle,
  buttonRef,
  className = '',
}: {
  open: boolean
  onToggle: () => void
  buttonRef: RefObject<HTMLButtonElement | null>
  className?: string
}) {
  return (
    <button
      ref={buttonRef}
      type="button"
      aria-expanded={open}
      aria-controls="site-menu"
      onClick={onToggle}
      className={`flex items-center gap-1.5 rounded-md px-2 py-1 text-sm ring-1 ring-slate-300 hover:bg-slate-100 lg:hidden dark:ring-slate-700 dark:hover:bg-slate-800 ${className}`}
    >
      <svg aria-hidden="true" viewBox="0 0 16 16" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.5">
        {open ? <path d="M4 4l8 8M12 4l-8 8" /> : <path d="M2.5 4h11M2.5 8h11M2.5 12h11" />}
      </svg>
      Menu
    </button>
  )
}
