import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { patchHerumiEntry, patchHerumiLoader, substituteHerumiWasmPath } from "./herumiWasm.ts";

const require = createRequire(import.meta.url);
const source = readFileSync(require.resolve("bls-eth-wasm/src/bls_c.js"), "utf8");
const at = (f: string) => `/assets/${f}`;

/**
 * Evaluates the patched `bls_c.js` with `fetch` answering the emitted bytes (origin http://lightbus.test), optionally
 * with an early compile left at the loader's key, initialises bls-eth-wasm on it and signs/verifies once.
 */
async function runPatched(patched: ReturnType<typeof patchHerumiLoader>, early?: unknown, answer?: typeof fetch) {
  const g = globalThis as Record<symbol, unknown> & { location?: unknown; fetch: typeof fetch };
  const saved = { location: g.location, fetch: g.fetch };
  const key = Symbol.for("lightbus.herumi-wasm");
  const requested: string[] = [];
  try {
    g.location = { origin: "http://lightbus.test" };
    g.fetch = (async (url: URL, init?: RequestInit) => {
      requested.push(String(url));
      if (answer) return answer(url, init);
      return new Response(new Uint8Array(patched.wasm), { headers: { "content-type": "application/wasm" } });
    }) as typeof fetch;
    if (early !== undefined) g[key] = early;
    const mod = { exports: {} as unknown };
    new Function("module", "exports", patched.code)(mod, mod.exports);
    const bls = require("bls-eth-wasm/src/bls.js")(mod.exports);
    await bls.init(bls.BLS12_381);
    const sk = new bls.SecretKey();
    sk.setByCSPRNG();
    const msg = new Uint8Array(32).fill(7);
    const sig = sk.sign(msg);
    const verifies = { own: sk.getPublicKey().verify(sig, msg) as boolean, other: sk.getPublicKey().verify(sig, new Uint8Array(32)) as boolean };
    return { requested, verifies, keyLeft: key in g };
  } finally {
    g.location = saved.location;
    g.fetch = saved.fetch;
    delete g[key];
  }
}

describe("patchHerumiLoader on the installed bls-eth-wasm", () => {
  const patched = patchHerumiLoader(source, at);

  it("emits the embedded module as WebAssembly named by its SHA-256, byte for byte", () => {
    const base64 = (source.match(/const wasmBase64 = '([^']+)'/) as RegExpMatchArray)[1] as string;
    expect(Buffer.from(patched.wasm).equals(Buffer.from(base64, "base64"))).toBe(true);
    expect(patched.fileName).toMatch(/^herumi-[0-9a-f]{8}\.wasm$/);
    expect(WebAssembly.validate(new Uint8Array(patched.wasm))).toBe(true);
  });

  it("leaves no base64 behind and fetches the asset, streaming when it is served as application/wasm", () => {
    expect(patched.code).not.toContain("wasmBase64");
    expect(patched.code).not.toContain("atob(");
    expect(patched.code.length).toBeLessThan(source.length / 10);
    expect(patched.code).toContain("{ signal: AbortSignal.timeout(15000) }");
    expect(patched.code).toContain(`fetch(new URL("/assets/${patched.fileName}", globalThis.location.origin), timeout)`);
    expect(patched.code).toContain("WebAssembly.instantiateStreaming(r, imports)");
    expect(patched.code).toContain("r.arrayBuffer().then(function (b) { return WebAssembly.instantiate(b, imports) })");
  });

  it("the patched loader instantiates the emitted bytes and BLS verifies (fetch answered from the emitted file)", async () => {
    const { requested, verifies } = await runPatched(patched);
    expect(requested).toEqual([`http://lightbus.test/assets/${patched.fileName}`]);
    expect(verifies).toEqual({ own: true, other: false });
  });

  it("ends its init with an error when the .wasm does not arrive in time (its fetch aborted), instead of pending", async () => {
    const stalled = patchHerumiLoader(source, at, 50);
    const hang: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal?.reason), { once: true }));
    await expect(runPatched(stalled, undefined, hang)).rejects.toThrow(/timed out|abort/i);
  });

  it("refuses a bls_c.js of another shape instead of shipping it unpatched", () => {
    expect(() => patchHerumiLoader(source.replace("WebAssembly.instantiate(wasmBytes, imports)", "WebAssembly.instantiate(bytes, imports)"), at)).toThrow(
      /expected one WebAssembly.instantiate call/,
    );
    expect(() => patchHerumiLoader(source.replace(/const wasmBase64 = '/, "const wasm64 = '"), at)).toThrow(/expected one base64 WebAssembly constant/);
    expect(() => patchHerumiLoader(source.replace(/const wasmBase64 = 'AGFzbQ/, "const wasmBase64 = 'AAAAAA"), at)).toThrow(/not WebAssembly/);
  });
});

describe("the early compile (src/workers/herumiWasmEarly.ts) and the patched loader", () => {
  const patched = patchHerumiLoader(source, at);
  it("instantiates the module compiled early, without fetching, and takes it only once", async () => {
    const { requested, verifies, keyLeft } = await runPatched(patched, WebAssembly.compile(new Uint8Array(patched.wasm)));
    expect(requested).toEqual([]);
    expect(verifies).toEqual({ own: true, other: false });
    expect(keyLeft).toBe(false);
  });

  it("fetches itself when the early compile gave nothing (null) or none was started", async () => {
    for (const early of [Promise.resolve(null), undefined]) {
      const { requested, verifies, keyLeft } = await runPatched(patched, early);
      expect(requested).toEqual([`http://lightbus.test/assets/${patched.fileName}`]);
      expect(verifies).toEqual({ own: true, other: false });
      expect(keyLeft).toBe(false);
    }
  });

  it("names the emitted asset in the early module, and refuses a module that no longer asks for it", () => {
    const early = readFileSync(new URL("../../src/workers/herumiWasmEarly.ts", import.meta.url), "utf8");
    const out = substituteHerumiWasmPath(early, `/assets/${patched.fileName}`);
    expect(out).not.toContain("__LIGHTBUS_HERUMI_WASM__");
    expect(out).toContain(`typeof "/assets/${patched.fileName}" === 'string'`);
    expect(() => substituteHerumiWasmPath("export {}", "/x.wasm")).toThrow(/no longer names/);
  });
});

describe("patchHerumiEntry on the installed @chainsafe/bls", () => {
  // The package exports only its "import" condition, so not through require.resolve.
  const entryPath = fileURLToPath(new URL("../../node_modules/@chainsafe/bls/lib/herumi/index.js", import.meta.url));
  const entry = readFileSync(entryPath, "utf8");

  it("removes only the top-level await init()", () => {
    const out = patchHerumiEntry(entry);
    expect(entry).toMatch(/^await init\(\);$/m);
    expect(out).not.toMatch(/\bawait\b/);
    expect(out).toBe(entry.replace("await init();\n", ""));
    expect(out).toContain("export { SecretKey, PublicKey, Signature, init, destroy };");
  });

  it("refuses an entry of another shape", () => {
    expect(() => patchHerumiEntry(entry.replace("await init();", "await init(); await init();"))).toThrow(/expected one await in/);
    expect(() => patchHerumiEntry(entry.replace("await init();\n", ""))).toThrow(/found 0/);
  });
});
