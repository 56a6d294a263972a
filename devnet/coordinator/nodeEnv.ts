import { createRequire } from "node:module";

/**
 * Node 20 lacks `Promise.withResolvers` (libp2p 3 uses it) and a global `WebSocket` (the websockets
 * transport dials with it): installs both (the `ws` package's WebSocket). Idempotent; no-op on newer Node.
 */
export function installNodeGlobals(): void {
  const P = Promise as unknown as { withResolvers?: unknown };
  if (typeof P.withResolvers !== "function") {
    P.withResolvers = <T>() => {
      let resolve!: (v: T | PromiseLike<T>) => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<T>((a, b) => {
        resolve = a;
        reject = b;
      });
      return { promise, resolve, reject };
    };
  }
  const g = globalThis as { WebSocket?: unknown };
  if (typeof g.WebSocket !== "function") g.WebSocket = (createRequire(import.meta.url)("ws") as { WebSocket: unknown }).WebSocket;
}
