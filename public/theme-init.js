// Applies the saved or system theme before first paint (no flash). A classic, render-blocking script on
// purpose: module scripts are deferred and would paint once in the wrong theme. External, so the
// Content-Security-Policy needs no inline script (csp.config.ts). The build serves it combined with the light-client
// preboot script as one hashed asset (scripts/vite/lightClientPreboot.ts); the dev server loads this file.
try {
  const t = localStorage.getItem('lightbus-theme')
  if (t === 'dark' || (!t && matchMedia('(prefers-color-scheme: dark)').matches)) document.documentElement.classList.add('dark')
} catch {}
