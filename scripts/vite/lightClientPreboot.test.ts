import { describe, expect, it } from "vitest";
import { EARLY_WORKER_GLOBAL, injectPreboot, prebootScript } from "./lightClientPreboot.ts";

const HTML = `<!doctype html>
<html lang="en">
  <head>
    <script src="/theme-init.js"></script>
    <script type="module" crossorigin src="/assets/index-AAAAAAAA.js"></script>
  </head>
  <body><div id="root"></div></body>
</html>`;

describe("lightClientPreboot", () => {
  it("puts the preboot script after the classic theme script and before the module bundle", () => {
    const out = injectPreboot(HTML, "/assets/preboot-12345678.js");
    const at = (s: string) => out.indexOf(s);
    expect(at('<script src="/assets/preboot-12345678.js"></script>')).toBeGreaterThan(at("theme-init.js"));
    expect(at('<script src="/assets/preboot-12345678.js"></script>')).toBeLessThan(at('<script type="module"'));
  });

  it("refuses an index.html without a module script in <head>", () => {
    expect(() => injectPreboot('<html><head></head><body><script type="module" src="/x.js"></script></body></html>', "/p.js")).toThrow(/no module script/);
  });

  it("the script creates the module worker with the page query in its fragment and buffers its messages and errors", () => {
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
    expect(created[0]?.url).toBe(`/assets/lightClient.worker-abcdEFGH.js#boot=${encodeURIComponent("?network=recorded-mainnet&checkpoint=0xab")}`);
    expect(created[0]?.options).toEqual({ type: "module", name: "light-client" });
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
