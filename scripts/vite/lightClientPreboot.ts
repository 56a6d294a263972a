// A Vite build plugin: starts the light-client worker from a tiny classic script in index.html's <head>, before the
// app's bundle is downloaded, instead of from the bundle's first module (docs/performance.md). The worker gets the
// page's query string in its name (`light-client#boot=<search>`; not in its URL, whose fragment would make the chunks
// that import the entry load a second copy of it) and starts the light client itself when config.json and
// that query name a network and a checkpoint (src/workers/lightClientPreboot.ts: the same `selectNetwork` as the
// page: `?checkpoint=` or config.json, never the beacon). The script keeps the worker's early messages until the
// app takes the worker over (src/workers/earlyWorker.ts). It is combined with the theme snippet (public/theme-init.js)
// into one hashed script, in that snippet's place. The dev server does without (the app creates the worker).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Plugin } from "vite";

/** The theme snippet in `public/`, which index.html loads first (kept for the dev server; the build combines it). */
export const THEME_SCRIPT = "theme-init.js";

/** The global the preboot script leaves for `takeEarlyWorker` (src/workers/earlyWorker.ts). */
export const EARLY_WORKER_GLOBAL = "__lightbusEarlyWorker";

/**
 * The classic script: creates the module worker at `workerUrl` (named `light-client#boot=` + the page's
 * `location.search`, URI-encoded), marks `lb:worker-create`, and buffers its messages and error state in
 * `window.__lightbusEarlyWorker = { worker, messages, failed, stop() }`. Does nothing without module workers.
 * @param workerUrl - The light-client worker's built URL path (`/assets/lightClient.worker-….js`).
 */
export function prebootScript(workerUrl: string): string {
  return `(function () {
  if (typeof Worker !== 'function') return
  try {
    if (performance.mark) performance.mark('lb:worker-create')
    var w = new Worker(${JSON.stringify(workerUrl)}, { type: 'module', name: 'light-client#boot=' + encodeURIComponent(location.search) })
    var early = { worker: w, messages: [], failed: false }
    var onMessage = function (e) { early.messages.push(e.data) }
    var onError = function () { early.failed = true }
    w.addEventListener('message', onMessage)
    w.addEventListener('error', onError)
    early.stop = function () {
      w.removeEventListener('message', onMessage)
      w.removeEventListener('error', onError)
    }
    window.${EARLY_WORKER_GLOBAL} = early
  } catch (e) {}
})()
`;
}

/**
 * Replaces index.html's classic theme script (`<script src="/theme-init.js">`, which must come before every module
 * script in <head>) by `<script src>` of the combined script: one render-blocking request instead of two, and a
 * hashed, immutable one (theme-init.js, not hashed, was revalidated on every reload: ~20 ms before the worker could
 * be created).
 * @param themeSrc - The theme script's `src` as written in the HTML (`${base}theme-init.js`).
 * @throws {Error} When the HTML has no such theme script in <head> before its first module script.
 */
export function injectPreboot(html: string, src: string, themeSrc: string): string {
  const tag = `<script src=${JSON.stringify(themeSrc)}></script>`;
  const at = html.indexOf(tag);
  const firstModule = html.search(/<script type="module"[^>]*>/);
  const head = html.indexOf("</head>");
  if (at < 0 || head < 0 || at > head || (firstModule >= 0 && firstModule < at) || html.indexOf(tag, at + 1) >= 0)
    throw new Error(`lightClientPreboot: index.html has no ${tag} in <head> before its module scripts`);
  return `${html.slice(0, at)}<script src=${JSON.stringify(src)}></script>${html.slice(at + tag.length)}`;
}

/**
 * The combined classic script: the theme snippet (public/theme-init.js, run first, as before: it must apply the theme
 * before the first paint), then {@link prebootScript}.
 */
export function headScript(themeInit: string, workerUrl: string): string {
  return `${themeInit.trimEnd()}
;${prebootScript(workerUrl)}`;
}

/** The plugin (build only). */
export function lightClientPreboot(): Plugin {
  let base = "/";
  let assetsDir = "assets";
  let publicDir = "";
  return {
    name: "lightbus:light-client-preboot",
    apply: "build",
    enforce: "post",
    configResolved(config) {
      base = config.base;
      assetsDir = config.build.assetsDir;
      publicDir = config.publicDir;
    },
    generateBundle(_options, bundle) {
      const html = bundle["index.html"];
      if (html?.type !== "asset") return;
      const workers = Object.keys(bundle).filter((f) => /(^|\/)lightClient\.worker-[\w-]+\.js$/.test(f));
      if (workers.length !== 1) this.error(`lightClientPreboot: expected one light-client worker in the bundle, found ${workers.length}`);
      const code = headScript(readFileSync(join(publicDir, THEME_SCRIPT), "utf8"), `${base}${workers[0]}`);
      const fileName = `${assetsDir}/preboot-${createHash("sha256").update(code).digest("hex").slice(0, 8)}.js`;
      this.emitFile({ type: "asset", fileName, source: code });
      html.source = injectPreboot(String(html.source), `${base}${fileName}`, `${base}${THEME_SCRIPT}`);
    },
  };
}
