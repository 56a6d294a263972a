// A Vite preview-server plugin: content-hashed build output (`/assets/<name>-<hash>.<ext>`, the file name changes
// whenever the content does) is served with `Cache-Control: public, max-age=31536000, immutable`, as a production
// host serves Vite's assets, so a reload takes the app's and workers' scripts and the BLS WebAssembly from the HTTP
// cache without revalidating each, and Chromium reuses their compiled code (docs/performance.md). Everything else
// (index.html, config.json, theme-init.js) keeps the default `no-cache`: a deploy or a config edit shows on reload.
import type { Plugin } from "vite";

/** True for a path Vite's build names by content hash (`/assets/…-XXXXXXXX.js|css|wasm|…`). */
export function isHashedAsset(pathname: string): boolean {
  return /^\/assets\/[^/]+-[A-Za-z0-9_-]{8}\.(js|mjs|css|wasm|woff2?|svg|png|jpg|webp|map)$/.test(pathname);
}

export const IMMUTABLE = "public, max-age=31536000, immutable";

export function immutableAssets(): Plugin {
  return {
    name: "lightbus:immutable-assets",
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        const pathname = (req.url ?? "").split("?")[0] ?? "";
        if (isHashedAsset(pathname)) {
          // sirv (Vite's static server) sets `no-cache` after this middleware: keep ours.
          const setHeader = res.setHeader.bind(res);
          res.setHeader = (name: string, value: number | string | readonly string[]) => (name.toLowerCase() === "cache-control" ? res : setHeader(name, value));
          setHeader("Cache-Control", IMMUTABLE);
        }
        next();
      });
    },
  };
}
