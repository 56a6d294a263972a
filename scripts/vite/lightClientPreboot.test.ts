import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EARLY_WORKER_GLOBAL, headScript, injectPreboot, prebootScript } from "./lightClientPreboot.ts";

const HTML = `<!doctype html>
<html lang="en">
  <head>
    <script src="/theme-init.js"></script>
    <script type="module" crossorigin src="/assets/index-AAAAAAAA.js"></script>
  </head>
  <body><div id="root"></div></body>
</html>`;

describe("lightClientPreboot", () => {
  it("replaces the classic theme script, before the module bundle, by the combined script", () => {
    const out = injectPreboot(HTML, "/assets/preboot-12345678.js", "/theme-init.js");
    expect(out).not.toContain("theme-init.js");
    expect(out.indexOf('<script src="/assets/preboot-12345678.js"></script>')).toBeGreaterThan(0);
    expect(out.indexOf('<script src="/assets/preboot-12345678.js"></script>')).toBeLessThan(out.indexOf('<script type="module"'));
    expect(out).toBe(HTML.replace('<script src="/theme-init.js"></script>', '<script src="/assets/preboot-12345678.js"></script>'));
  });

  it("refuses an index.html without the theme script in <head> before the module scripts", () => {
    expect(() => injectPreboot('<html><head><script type="module" src="/x.js"></script></head><body></body></html>', "/p.js", "/theme-init.js")).toThrow(
      /no <script src="\/theme-init.js"><\/script> in <head>/,
    );
    expect(() =>
      injectPreboot('<html><head><script type="module" src="/x.js"></script><script src="/theme-init.js"></script></head></html>', "/p.js", "/theme-init.js"),
    ).toThrow(/before its module scripts/);
    expect(() => injectPreboot('<html><head></head><body><script src="/theme-init.js"></script></body></html>', "/p.js", "/theme-init.js")).toThrow(
      /in <head>/,
    );
  });

  it("the combined script applies the saved theme first, then creates the worker", () => {
    const theme = readFileSync(new URL("../../public/theme-init.js", import.meta.url), "utf8");
    const order: string[] = [];
    const classes = new Set<string>();
    class FakeWorker {
      constructor() {
        order.push(classes.has("dark") ? "worker after dark" : "worker before theme");
      }
      addEventListener() {}
    }
    new Function("Worker", "window", "location", "performance", "localStorage", "matchMedia", "document", headScript(theme, "/w.js"))(
      FakeWorker,
      {},
      { search: "" },
      {},
      { getItem: () => "dark" },
      () => ({ matches: false }),
      { documentElement: { classList: { add: (c: string) => classes.add(c) } } },
    );
    expect(order).toEqual(["worker after dark"]);
  });

  it("the script creates the module worker with the page query in its name and buffers its messages and errors", () => {
    type Listener = (e: { data?: unknown }) => void;
    const created: { url: string; options: unknown; listeners: Map<string, Set<Listener>> }[] = [];
    class FakeWorker {
      listeners = new Map<string, Set<Listener>>();
      constructor(url: string, options: unknown) {
        created.push({ url, options, listeners: this.listeners });
      }
      addEventListener(type: string, l: Listener) {
        if (!this.listeners.has(type)) this.listeners.set(type, new Set());
        this.listeners.get(type)?.add(l);
      }
      removeEventListener(type: string, l: Listener) {
        this.listeners.get(type)?.delete(l);
      }
    }
    const window: Record<string, unknown> = {};
    const marks: string[] = [];
    new Function("Worker", "window", "location", "performance", prebootScript("/assets/lightClient.worker-abcdEFGH.js"))(
      FakeWorker,
      window,
      { search: "?network=recorded-mainnet&checkpoint=0xab" },
      { mark: (n: string) => marks.push(n) },
    );
    expect(created).toHaveLength(1);
    // In its name, not its URL: a fragment would give chunks that import the entry a second copy of it.
    expect(created[0]?.url).toBe("/assets/lightClient.worker-abcdEFGH.js");
    expect(created[0]?.options).toEqual({ type: "module", name: `light-client#boot=${encodeURIComponent("?network=recorded-mainnet&checkpoint=0xab")}` });
    expect(marks).toEqual(["lb:worker-create"]);
    const early = window[EARLY_WORKER_GLOBAL] as { messages: unknown[]; failed: boolean; stop(): void };
    for (const l of created[0]?.listeners.get("message") ?? []) l({ data: { type: "lightbus-worker-ready" } });
    expect(early.messages).toEqual([{ type: "lightbus-worker-ready" }]);
    for (const l of created[0]?.listeners.get("error") ?? []) l({});
    expect(early.failed).toBe(true);
    early.stop();
    expect(created[0]?.listeners.get("message")?.size).toBe(0);
    expect(created[0]?.listeners.get("error")?.size).toBe(0);
  });

  it("does nothing without Worker", () => {
    const window: Record<string, unknown> = {};
    new Function("Worker", "window", "location", "performance", prebootScript("/w.js"))(undefined, window, { search: "" }, {});
    expect(window[EARLY_WORKER_GLOBAL]).toBeUndefined();
  });
});
