import { useState } from 'react'

/** Light/dark switch; remembered in localStorage (public/theme-init.js applies it before first paint). */
export function ThemeToggle() {
  const [dark, setDark] = useState(() => document.documentElement.classList.contains('dark'))
  return (
    <button
      type="button"
      // The visible text names the current theme; the accessible name contains it (WCAG 2.5.3) and says what a press does.
      aria-label={dark ? 'Dark theme, switch to light' : 'Light theme, switch to dark'}
      title={dark ? 'Switch to the light theme' : 'Switch to the dark theme'}
      data-testid="theme-toggle"
      data-theme={dark ? 'dark' : 'light'}
      className="rounded-md px-2 py-1 text-sm ring-1 ring-slate-300 hover:bg-slate-100 dark:ring-slate-700 dark:hover:bg-slate-800"
      onClick={() => {
        const next = !dark
        setDark(next)
        document.documentElement.classList.toggle('dark', next)
        try {
          localStorage.setItem('lightbus-theme', next ? 'dark' : 'light')
        } catch {}
      }}
    >
      <span aria-hidden="true">{dark ? '☾' : '☀'}</span> {dark ? 'Dark' : 'Light'}
    </button>
  )
}
