// startAnvil on port 0 binds where anvil itself chose (no port picked beforehand for another process to take), and a port
// already taken ends in DevnetStartError instead of talking to whatever holds it.
import { createServer, type Server } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { DevnetStartError } from "../src/errors/server.ts";
import { devnetClients, startAnvil } from "./anvil.ts";

const stops: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(stops.map((s) => s()));
});

describe("startAnvil", () => {
  it("port 0: each anvil reports the port it bound, and answers there", async () => {
    const started = await Promise.allSettled([startAnvil({ port: 0, blockTimeSec: 0 }), startAnvil({ port: 0, blockTimeSec: 0 })]);
    for (const r of started) if (r.status === "fulfilled") stops.push(r.value.stop);
    const [a, b] = started.map((r) => {
      if (r.status === "rejected") throw r.reason;
      return r.value;
    }) as [Awaited<ReturnType<typeof startAnvil>>, Awaited<ReturnType<typeof startAnvil>>];
    const portA = Number(new URL(a.url).port);
    const portB = Number(new URL(b.url).port);
    expect(portA).toBeGreaterThan(0);
    expect(portB).toBeGreaterThan(0);
    expect(portA).not.toBe(portB);
    for (const url of [a.url, b.url]) expect(await devnetClients(url).publicClient.getChainId()).toBe(31337);
  });

  it("a port another server holds: DevnetStartError, and the holder gets no JSON-RPC", async () => {
    let requests = 0;
    const holder: Server = createServer((socket) => {
      requests++;
      socket.destroy();
    });
    await new Promise<void>((ok) => holder.listen(0, "127.0.0.1", ok));
    const { port } = holder.address() as { port: number };
    const err = await startAnvil({ port, blockTimeSec: 0 }).then(
      (a) => {
        stops.push(a.stop);
        return undefined;
      },
      (e: unknown) => e,
    );
    await new Promise<void>((ok) => holder.close(() => ok()));
    expect(err).toBeInstanceOf(DevnetStartError);
    // anvil's own words (stderr) say why.
    expect((err as Error).message).toMatch(/in use/i);
    expect(requests).toBe(0);
  });
});
