import { lpStream } from "@libp2p/utils";
import { multiaddr } from "@multiformats/multiaddr";
import { afterEach, describe, expect, it } from "vitest";
import { createNetworkNode, SEGMENT_PROTOCOL } from "../../src/net/p2p/node.ts";
import type { ProverNode } from "../../src/net/p2p/proverNode.ts";
import { parseReceipt } from "../../src/prover/zkvm/parseReceipt.ts";
import { verifyReceipt } from "../../src/prover/zkvm/verifyReceipt.ts";
import type { Coordinator } from "./coordinator.ts";
import { fibInputFor, startTestCoordinator, startTestProver } from "./testing.ts";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f().catch(() => {});
});
const track = <T extends Coordinator | ProverNode>(x: T): T => {
  cleanup.push(() => x.stop());
  return x;
};

describe("prover network", () => {
  it("one coordinator and one prover prove a multi-segment job; the receipt verifies", async () => {
    const { c, log } = await startTestCoordinator();
    track(c);
    const jobId = c.submit({ program: "fibonacci", input: [fibInputFor(3)], po2: 10 });
    expect(c.jobs.get(jobId)?.slots.length).toBe(3);
    const { p, log: plog } = await startTestProver(c.multiaddrs);
    track(p);
    await log.until((es) => es.some((e) => e.type === "completed" && e.jobId === jobId));
    await plog.until((es) => es.filter((e) => e.type === "accepted").length === 3);
    const receipt = c.receipt(jobId);
    const verified = verifyReceipt(parseReceipt(JSON.parse(JSON.stringify(receipt))));
    expect(verified.segments).toBe(3);
    expect(plog.events.filter((e) => e.type === "accepted")).toHaveLength(3);
    expect(c.feed()[0]?.proofId).toBe(jobId);
  });
});

describe("coordinator robustness", () => {
  it("an oversized frame, non-JSON and an unknown message reset the stream with a typed error; the coordinator keeps serving", async () => {
    const { c, log } = await startTestCoordinator();
    track(c);
    const peer = await createNetworkNode({});
    cleanup.push(async () => {
      await peer.stop();
    });
    const send = async (bytes: Uint8Array, framedBody: boolean) => {
      const s = await peer.dialProtocol(multiaddr(c.multiaddrs[0] as string), SEGMENT_PROTOCOL);
      if (framedBody) await lpStream(s).write(bytes);
      else s.send(bytes);
    };
    await send(Uint8Array.from([0x81, 0x80, 0x80, 0x05]), false); // varint 10 MiB + 1: over the 8 MiB cap
    await send(Uint8Array.from([0x80, 0x80, 0xc0, 0x03]), false); // varint 7 MiB: over the coordinator's 6 MiB request cap
    await send(new TextEncoder().encode('{"type":"lease-request",'), true);
    await send(new TextEncoder().encode('{"type":"hello"}'), true);
    await log.until((es) => es.filter((e) => e.type === "protocol-error").length === 4);
    const errors = log.events.flatMap((e) => (e.type === "protocol-error" ? [e] : []));
    for (const e of errors) expect(e.code).toBe("ProtocolMessage");
    // Each for its own reason (a read timeout would also be ProtocolMessage).
    const reasons = errors.map((e) => e.message);
    expect(reasons.filter((m) => /too long - 10485761 > 6291456/.test(m))).toHaveLength(1);
    expect(reasons.filter((m) => /too long - 7340032 > 6291456/.test(m))).toHaveLength(1);
    expect(reasons.filter((m) => /JSON/i.test(m) && !/too long/.test(m))).toHaveLength(1);
    expect(reasons.filter((m) => /hello|not one of|unknown|type/i.test(m) && !/too long/.test(m))).toHaveLength(1);
    expect(c.onSegmentRequest("someone", { type: "lease-request", backend: "wasm", maxPo2: 16 })).toEqual({ type: "no-work" });
  });
});
