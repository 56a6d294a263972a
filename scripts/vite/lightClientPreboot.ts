// A Vite build plugin: starts the light-client worker from a tiny classic script in index.html's <head>, before the
// app's bundle is downloaded, instead of from the bundle's first module (docs/performance.md). The worker gets the
// page's query string in its URL fragment (`#boot=<search>`) and starts the light client itself when config.json and
// that query name a network and a checkpoint (src/workers/lightClientPreboot.ts: the same `selectNetwork` as the
// page: `?checkpoint=` or config.json, never the beacon). The script keeps the worker's early messages until the
// app takes the worker over (src/workers/earlyWorker.ts). The dev server does without (the app creates the worker).
import { createHash } from "node:crypto";
import type { Plugin } from "vite";

/** The global the preboot script leaves for `takeEarlyWorker` (src/workers/earlyWorker.ts). */
export const EARLY_WORKER_GLOBAL = "__lightbusEarlyWorker";

/**
 * The classic script: creates the module worker at `workerUrl` (named `light-client`, fragment `#boot=` + the page's
 * `location.search`, URI-encoded), marks `lb:worker-create`, and buffers its messages and error state in
 * `window.__lightbusEarlyWorker = { worker, messages, failed, stop() }`. Does nothing without module workers.
 * @param workerUrl - The light-client worker's built URL path (`/assets/lightClient.worker-….js`).
 */
export function prebootScript(workerUrl: string): string {
  return `(function () {
  if (typeof Worker !== 'function') return
  try {
    if (performance.mark) performance.mark('lb:worker-create')
    var w = new Worker(${JSON.stringify(workerUrl)} + '#boot=' + encodeURIComponent(location.search), { type: 'module', name: 'light-client' })
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
 * Inserts `<script src>` for the preboot script into index.html's <head>, before its first module script (classic
 * scripts run in order while the deferred module scripts download).
 * @throws {Error} When the HTML has no module script in <head> to put it before.
 */
export function injectPreboot(html: string, src: string): string {
  const at = html.search(/<script type="module"[^>]*>/);
  const head = html.indexOf("</head>");
  if (at < 0 || head < 0 || at > head) throw new Error("lightClientPreboot: index.html has no module script in <head>");
  return `${html.slice(0, at)}<script src=${JSON.stringify(src)}></script>\n    ${html.slice(at)}`;
}

/** The plugin (build only). */
export function lightClientPreboot(): Plugin {
  let base = "/";
  let assetsDir = "assets";
  return {
    name: "lightbus:light-client-preboot",
    apply: "build",
    enforce: "post",
    configResolved(config) {
      base = config.base;
      assetsDir = config.build.assetsDir;
    },
    generateBundle(_options, bundle) {
      const html = bundle["index.html"];
      if (html?.type !== "asset") return;
      const workers = Object.keys(bundle).filter((f) => /(^|\/)lightClient\.worker-[\w-]+\.js$/.test(f));
      if (workers.length !== 1) this.error(`lightClientPreboot: expected one light-client worker in the bundle, found ${workers.length}`);
      const code = prebootScript(`${base}${workers[0]}`);
      const fileName = `${assetsDir}/preboot-${createHash("sha256").update(code).digest("hex").slice(0, 8)}.js`;
      this.emitFile({ type: "asset", fileName, source: code });
      html.source = injectPreboot(String(html.source), `${base}${fileName}`);
    },
  };
}
