// A Vite build plugin: serves bls-eth-wasm's WebAssembly module as its own `.wasm` asset, compiled while it downloads
// (`WebAssembly.instantiateStreaming`) and kept in Chromium's WASM code cache for later visits, instead of the
// base64 string bls-eth-wasm embeds in `src/bls_c.js`, which each load decodes character by character on the worker
// thread before compiling (~45 ms for its 454 KB) (docs/performance.md).
//
// The patch is exact: each replaced expression must appear once, as in bls-eth-wasm 1.7.0
// (https://github.com/herumi/bls-eth-wasm/blob/v1.7.0/src/bls_c.js); a version that changes them fails the build
// rather than shipping unpatched code. Only the loading changes: the module's bytes are the package's own,
// checked to be WebAssembly (`\0asm`) and named by their SHA-256.
//
// The same plugin makes two exact edits to @chainsafe/bls 7.1.3's herumi wrapper: its entry's top-level
// `await init()` goes ({@link patchHerumiEntry}), and so does the second `deserialize` in `Signature.fromBytes`
// ({@link patchHerumiSignature}, which refuses the uncompressed form that call always failed); what is accepted and
// rejected does not change.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Plugin } from "vite";
import { WASM_FETCH_TIMEOUT_MS } from "../../src/workers/herumiWasmEarly.ts";

const TARGET = /[\\/]bls-eth-wasm[\\/]src[\\/]bls_c\.js$/;
const BASE64 = /const wasmBase64 = '([A-Za-z0-9+/]+={0,2})'\r?\n/;
const DECODE = "Uint8Array.from(atob(wasmBase64), function (c) { return c.charCodeAt(0) })";
const INSTANTIATE = "WebAssembly.instantiate(wasmBytes, imports)";
/** @chainsafe/bls's herumi entry, and its top-level initialisation ({@link patchHerumiEntry}). */
const HERUMI_ENTRY = /[\\/]@chainsafe[\\/]bls[\\/]lib[\\/]herumi[\\/]index\.js$/;
const ENTRY_AWAIT = "await init();\n";
/** @chainsafe/bls's herumi `Signature`, whose `fromBytes` deserializes twice ({@link patchHerumiSignature}). */
const HERUMI_SIGNATURE = /[\\/]@chainsafe[\\/]bls[\\/]lib[\\/]herumi[\\/]signature\.js$/;
const DOUBLE_DESERIALIZE = `            if (bytes.length === SIGNATURE_LENGTH_COMPRESSED) {
                signature.deserialize(bytes);
            }
            else if (bytes.length === SIGNATURE_LENGTH_UNCOMPRESSED) {
                signature.deserializeUncompressed(bytes);
            }
            else {
                throw new InvalidLengthError("Signature", bytes.length);
            }
            signature.deserialize(bytes);
        }`;
const SINGLE_DESERIALIZE = `            if (bytes.length === SIGNATURE_LENGTH_COMPRESSED) {
                signature.deserialize(bytes);
            }
            else {
                throw new InvalidLengthError("Signature", bytes.length);
            }
        }`;
/** `Symbol.for` key of the early compile (src/workers/herumiWasmEarly.ts `HERUMI_WASM_KEY`). */
const EARLY_KEY = "lightbus.herumi-wasm";
/** The module that starts the early compile, and the identifier the plugin replaces there with the asset's path. */
const EARLY_MODULE = /[\\/]src[\\/]workers[\\/]herumiWasmEarly\.ts$/;
const EARLY_PATH = "__LIGHTBUS_HERUMI_WASM__";

/** The result of {@link patchHerumiLoader}: the patched `bls_c.js` source and the WebAssembly bytes to emit. */
export type PatchedHerumi = { code: string; wasm: Uint8Array; fileName: string };

const once = (code: string, needle: string | RegExp, what: string, file = "bls-eth-wasm/src/bls_c.js") => {
  const count = typeof needle === "string" ? code.split(needle).length - 1 : (code.match(new RegExp(needle.source, "g")) ?? []).length;
  if (count !== 1) throw new Error(`herumiWasm: expected one ${what} in ${file}, found ${count} (the package changed; update scripts/vite/herumiWasm.ts)`);
};

/**
 * Rewrites bls-eth-wasm's `bls_c.js` to take the module compiled early by src/workers/herumiWasmEarly.ts
 * (`globalThis[Symbol.for('lightbus.herumi-wasm')]`, read once and deleted) or, without one, to fetch it from `url`
 * (an absolute path, e.g. `/assets/herumi-….wasm`, resolved against the page's or worker's origin) and compile it
 * while streaming; when the response is not served as `application/wasm`, it falls back to compiling the downloaded
 * bytes.
 * @param source - `bls-eth-wasm/src/bls_c.js` as published (1.7.0).
 * @param assetPath - Where the `.wasm` will be served, given its file name (`herumi-<sha256:8>.wasm`).
 * @param timeoutMs - Its own fetch is aborted after this long (headers and body), and `init` then rejects; default
 * src/workers/herumiWasmEarly.ts `WASM_FETCH_TIMEOUT_MS`.
 * @throws {Error} When the source does not have the expected shape (one base64 constant, decode and instantiate).
 */
export function patchHerumiLoader(source: string, assetPath: (fileName: string) => string, timeoutMs = WASM_FETCH_TIMEOUT_MS): PatchedHerumi {
  once(source, BASE64, "base64 WebAssembly constant");
  once(source, DECODE, "base64 decode");
  once(source, INSTANTIATE, "WebAssembly.instantiate call");
  const base64 = (source.match(BASE64) as RegExpMatchArray)[1] as string;
  const wasm = new Uint8Array(Buffer.from(base64, "base64"));
  if (wasm.length < 8 || wasm[0] !== 0 || wasm[1] !== 0x61 || wasm[2] !== 0x73 || wasm[3] !== 0x6d) {
    throw new Error("herumiWasm: the embedded module is not WebAssembly");
  }
  const fileName = `herumi-${createHash("sha256").update(wasm).digest("hex").slice(0, 8)}.wasm`;
  const url = JSON.stringify(assetPath(fileName));
  const code = source
    .replace(BASE64, "")
    .replace(
      DECODE,
      `(function () {
    var key = Symbol.for(${JSON.stringify(EARLY_KEY)}), early = globalThis[key]
    delete globalThis[key]
    return Promise.resolve(early).then(function (m) {
      var timeout = typeof AbortSignal.timeout === 'function' ? { signal: AbortSignal.timeout(${timeoutMs}) } : {}
      return m || fetch(new URL(${url}, globalThis.location.origin), timeout)
    })
  })()`,
    )
    .replace(
      INSTANTIATE,
      `wasmBytes.then(function (r) {
    if (r instanceof WebAssembly.Module) return WebAssembly.instantiate(r, imports).then(function (instance) { return { instance: instance, module: r } })
    if (!r.ok) throw new Error('bls-eth-wasm: ' + r.url + ' answered HTTP ' + r.status)
    if (typeof WebAssembly.instantiateStreaming === 'function' && (r.headers.get('content-type') || '').split(';')[0].trim() === 'application/wasm') {
      return WebAssembly.instantiateStreaming(r, imports)
    }
    return r.arrayBuffer().then(function (b) { return WebAssembly.instantiate(b, imports) })
  })`,
    );
  return { code, wasm, fileName };
}

/**
 * Names the emitted `.wasm` in src/workers/herumiWasmEarly.ts: each `__LIGHTBUS_HERUMI_WASM__` becomes the path as a
 * string literal.
 * @throws {Error} When the module no longer mentions it.
 */
export function substituteHerumiWasmPath(source: string, path: string): string {
  if (!source.includes(EARLY_PATH)) throw new Error(`herumiWasm: src/workers/herumiWasmEarly.ts no longer names ${EARLY_PATH}`);
  return source.replaceAll(EARLY_PATH, JSON.stringify(path));
}

/**
 * Removes the top-level `await init();` from `@chainsafe/bls/herumi`'s entry (7.1.3,
 * https://github.com/ChainSafe/bls/blob/v7.1.3/src/herumi/index.ts), so that importing it statically does not hold
 * every module bundled with the importer until the WebAssembly is instantiated; src/consensus/bls.ts `ensureBls`
 * calls its `init()` before selecting it.
 * @throws {Error} When the entry does not have exactly one such line.
 */
export function patchHerumiEntry(source: string): string {
  once(source, ENTRY_AWAIT, "top-level await init()", "@chainsafe/bls/lib/herumi/index.js");
  once(source, /\bawait\b/, "await", "@chainsafe/bls/lib/herumi/index.js");
  return source.replace(ENTRY_AWAIT, "");
}

/**
 * Removes the second `signature.deserialize(bytes)` from `@chainsafe/bls/herumi`'s `Signature.fromBytes` (7.1.3,
 * https://github.com/ChainSafe/bls/blob/v7.1.3/src/herumi/signature.ts), which ran after the length dispatch: a
 * compressed (96-byte) signature was decompressed and checked to be in G2 twice (herumi's `deserialize` checks the
 * order, `verifySignatureOrder` being on by default) before the constructor's `isValidOrder` checked it a third time.
 * An uncompressed (192-byte) one always failed that second call (its length is not a compressed point's), so the
 * patched code rejects it outright with `InvalidLengthError`. Accepted: exactly what was accepted before (a valid
 * compressed point in G2, or all-zero bytes, untouched); rejected: everything else, as before. One G2 decompression
 * and order check fewer per signature (docs/performance.md, "Fourth round").
 * @throws {Error} When `fromBytes` does not have exactly that shape.
 */
export function patchHerumiSignature(source: string): string {
  once(source, DOUBLE_DESERIALIZE, "length dispatch and second deserialize in Signature.fromBytes", "@chainsafe/bls/lib/herumi/signature.js");
  return source.replace(DOUBLE_DESERIALIZE, SINGLE_DESERIALIZE);
}

/**
 * The emitted `.wasm`'s name by `bls_c.js` path, so that each build decodes and hashes the module once per path. Keyed by
 * path, not content: a long-lived process (`vite build --watch`) over an updated package would name the old file in
 * the early module, whose fetch then fails and the loader fetches the right one itself.
 */
const wasmFileNames = new Map<string, string>();

/**
 * The plugin (build only; the dev server keeps the package as published). Add it to `plugins` and `worker.plugins`.
 * It also names the emitted asset in src/workers/herumiWasmEarly.ts (its `__LIGHTBUS_HERUMI_WASM__`).
 */
export function herumiWasm(): Plugin {
  let base = "/";
  let assetsDir = "assets";
  return {
    name: "lightbus:herumi-wasm",
    apply: "build",
    configResolved(config) {
      base = config.base;
      assetsDir = config.build.assetsDir;
    },
    async transform(source, id) {
      if (EARLY_MODULE.test(id)) {
        const blsC = await this.resolve("bls-eth-wasm/src/bls_c.js", id);
        if (!blsC) this.error("herumiWasm: cannot resolve bls-eth-wasm/src/bls_c.js");
        const fileName = wasmFileNames.get(blsC.id) ?? patchHerumiLoader(readFileSync(blsC.id, "utf8"), (f) => f).fileName;
        wasmFileNames.set(blsC.id, fileName);
        return { code: substituteHerumiWasmPath(source, `${base}${assetsDir}/${fileName}`), map: null };
      }
      if (HERUMI_ENTRY.test(id)) return { code: patchHerumiEntry(source), map: null };
      if (HERUMI_SIGNATURE.test(id)) return { code: patchHerumiSignature(source), map: null };
      if (!TARGET.test(id)) return null;
      const patched = patchHerumiLoader(source, (fileName) => `${base}${assetsDir}/${fileName}`);
      wasmFileNames.set(id, patched.fileName);
      this.emitFile({ type: "asset", fileName: `${assetsDir}/${patched.fileName}`, source: patched.wasm });
      return { code: patched.code, map: null };
    },
  };
}
