/**
 * The app's Content-Security-Policy, sent as a response header by `vite preview` (`npm start`, e2e) and, relaxed
 * only where Vite's dev server needs it, by `vite` (`npm run dev`). Spec: https://www.w3.org/TR/CSP3/
 *
 * - no inline script: the theme snippet is `public/theme-init.js` (built: one hashed script with the light-client
 *   preboot, scripts/vite/lightClientPreboot.ts); the app is module scripts (src/entry.ts, then its chunks); the first
 *   view (src/firstView) sets HTML with escaped text only, no inline script or event attribute;
 * - `'wasm-unsafe-eval'`: the WASM kernels, mcl-wasm (Groth16) and the BLS library compile embedded WASM bytes;
 * - `connect-src`: beacon/RPC/feed endpoints of `public/config.json` — the replay server and the devnet on other
 *   127.0.0.1 ports, and public https endpoints for live networks (read at run time, so any https host);
 *   `ws://127.0.0.1:*`: the prover network's libp2p WebSocket transport to the devnet coordinator (a Donate tab
 *   dials /ip4/127.0.0.1/tcp/18547/ws; docs/prover-network.md). Loopback only: remote coordinators need wss (https:
 *   does not cover wss:, so a public coordinator would need `wss:` added here);
 * - workers are same-origin module scripts (`worker-src 'self'`; no `blob:` workers);
 * - styles: the built CSS file; `'unsafe-inline'` for styles only (libraries may set style attributes);
 * - `img-src … data: blob:`: web3:// images are shown from blob: URLs, a stored page's images are inlined as data:
 *   URLs, wallets announce their icons as data: URLs (EIP-6963);
 * - `frame-src blob:`: a stored HTML page or SVG is shown in an iframe with `sandbox="allow-scripts"` (no
 *   `allow-same-origin`: an opaque origin, no access to the app) from a blob: URL. The framed document inherits this
 *   policy (blob: documents do), so its inline scripts do not run either.
 */
const directives = (extra: { script?: string; connect?: string } = {}) =>
  [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval'${extra.script ?? ''}`,
    "style-src 'self' 'unsafe-inline'",
    `connect-src 'self' http://127.0.0.1:* ws://127.0.0.1:* https:${extra.connect ?? ''}`,
    "worker-src 'self'",
    "img-src 'self' data: blob:",
    'frame-src blob:',
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')

/** Production (`vite preview`, `npm start`). */
export const CONTENT_SECURITY_POLICY = directives()

/**
 * Dev server only: React Refresh injects an inline module preamble (Vite's HMR websocket is on ws://127.0.0.1:*, already allowed).
 * Never served by `npm start`.
 */
export const DEV_CONTENT_SECURITY_POLICY = directives({ script: " 'unsafe-inline'" })

export const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
}
