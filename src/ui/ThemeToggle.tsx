import { useState } from 'react'

/** Light/dark switch; remembered in localStorage (public/theme-init.js applies it before first paint). */
export function ThemeToggle() {
  const [dark, setDark] = useState(() => document.documentElement.classList.contains('dark'))
  return (
    <button
      type="button"
      aria-pressed={dark}
      aria-label="Dark mode"
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
      {dark ? '☾ Dark' : '☀ Light'}
    </button>
  )
}
