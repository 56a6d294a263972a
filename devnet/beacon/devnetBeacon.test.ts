import { mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Lightclient } from "@lodestar/light-client";
import { LightClientRestTransport } from "@lodestar/light-client/transport";
import { getApiFromUrl } from "@lodestar/light-client/utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getLodestarBeaconConfig } from "../../bench/lodestarBeaconConfig.ts";
import { main } from "../../cli/main.ts";
import { ensureBls } from "../../src/consensus/bls.ts";
import { getBeaconConfig } from "../../src/consensus/chainConfig.ts";
import { currentSlotAt } from "../../src/consensus/clock.ts";
import { DEVNET_CHAIN_CONFIG } from "../../src/consensus/devnetChain.ts";
import { LightClientSession } from "../../src/consensus/lightClientSession.ts";
import { syncPeriods } from "../../src/consensus/syncPeriods.ts";
import { InvalidMerkleBranchError, InvalidSyncCommitteeSignatureError } from "../../src/errors/consensus.ts";
import { createBeaconApi } from "../../src/net/beaconApi.ts";
import { hexToBytes } from "../../src/verify/hex.ts";
import { verifyAccountProof } from "../../src/verify/verifyAccountProof.ts";
import { verifyBeaconBlock } from "../../src/verify/verifyBeaconBlock.ts";
import { devnetClients } from "../anvil.ts";
import { expectJsonErrorsAndSurvives } from "../malformedRequests.ts";
import { DEMO_CONTRACT, DEV_ACCOUNT, KV_STORAGE_CONTRACT, PROOF_MARKET_CONTRACT, SERVICE_REGISTRY_CONTRACT, startDevnet } from "../run.ts";
import { waitForFinalizedBlock } from "./waitForFinality.ts";

type Devnet = Awaited<ReturnType<typeof startDevnet>>;
const dir = mkdtempSync(join(tmpdir(), "lightbus-devnet-"));
const devnets: Record<"good" | "badKey" | "badBranch", Devnet | undefined> = { good: undefined, badKey: undefined, badBranch: undefined };
const getJson = async (url: string) => (await fetch(url)).json() as Promise<any>;

/** The first finality update whose finalized execution block holds the runner's deployments. */
const waitForFinality = (d: Devnet) => waitForFinalizedBlock(d.beaconApiUrl, d.deploymentsBlock);

/** A light client from the devnet's published checkpoint, at the wall clock's slot. */
async function sessionOf(d: Devnet) {
  const finality = await waitForFinality(d);
  const { data } = await getJson(`${d.beaconApiUrl}/lightbus/checkpoint`);
  const bootstrap = await getJson(`${d.beaconApiUrl}/eth/v1/beacon/light_client/bootstrap/${data.root}`);
  const session = LightClientSession.fromBootstrap(getBeaconConfig("devnet"), "devnet", data.root, bootstrap);
  // The wall clock, as the app and the CLI use it (an event's own signature slot may already be behind the head).
  return { session, finality, currentSlot: currentSlotAt(Date.now(), d.genesisTimeSec, DEVNET_CHAIN_CONFIG.SECONDS_PER_SLOT) };
}

/** The same, synced through the devnet's period updates (committee rotation) to the current period. */
async function syncedSessionOf(d: Devnet) {
  const s = await sessionOf(d);
  const steps = await syncPeriods(s.session, createBeaconApi(d.beaconApiUrl), s.currentSlot);
  return { ...s, steps };
}

beforeAll(async () => {
  await ensureBls();
  // allSettled: when one devnet fails to start, the others are still stopped in afterAll (no orphaned anvil).
  const started = await Promise.allSettled([
    startDevnet({
      anvilPort: 0,
      beaconPort: 0,
      quiet: true,
      coordinator: false,
      stateFile: join(dir, "good.json"),
      storagePort: 0,
      storageStateDir: join(dir, "storage"),
    }),
    startDevnet({ anvilPort: 0, beaconPort: 0, quiet: true, coordinator: false, badKey: true, storage: false, stateFile: join(dir, "bad-key.json") }),
    startDevnet({
      anvilPort: 0,
      beaconPort: 0,
      quiet: true,
      coordinator: false,
      badBranch: true,
      storage: false,
      stateFile: join(dir, "bad-branch.json"),
    }),
  ]);
  [devnets.good, devnets.badKey, devnets.badBranch] = started.map((r) => (r.status === "fulfilled" ? r.value : undefined));
  for (const r of started) if (r.status === "rejected") throw r.reason;
}, 60_000);

afterAll(async () => {
  const pids = Object.values(devnets).flatMap((d) => (d ? [d.pids.anvil] : []));
  await Promise.all(Object.values(devnets).map((d) => d?.stop()));
  // No anvil left running.
  for (const pid of pids) expect(() => process.kill(pid as number, 0)).toThrow();
});

describe("devnet beacon (consensus over anvil, verified by the same light client as mainnet)", () => {
  it("serves a bootstrap, period updates rotating the committee, and finality updates over anvil’s real blocks", async () => {
    const d = devnets.good as Devnet;
    const { session, steps } = await syncedSessionOf(d);
    // bootstrap in period 0; updates for periods 0, 1, 2 (history) and 3 (anvil's blocks), each signed by its own committee
    expect(steps.map((x) => x.period)).toEqual([0, 1, 2, 3]);
    // The period-3 update read during the sync may already finalize past the finality update read before it,
    // which the store then rightly rejects (not newer): wait for the next finality event past the synced store.
    const finality = await waitForFinalizedBlock(d.beaconApiUrl, (session.finalizedSummary.execution?.blockNumber ?? 0) + 1);
    const currentSlot = currentSlotAt(Date.now(), d.genesisTimeSec, DEVNET_CHAIN_CONFIG.SECONDS_PER_SLOT);
    session.applyFinalityUpdate(currentSlot, finality);
    const fin = session.finalizedSummary;
    expect(fin.slot).toBeGreaterThan(1);
    const { publicClient } = devnetClients(d.executionRpcUrl);
    const block = await publicClient.getBlock({ blockNumber: BigInt(fin.execution?.blockNumber ?? -1) });
    expect(fin.execution?.blockHash).toBe(block.hash);
    expect(fin.execution?.stateRoot).toBe(block.stateRoot);
    // The served beacon block matches the verified header and its transactions root.
    const served = await getJson(`${d.beaconApiUrl}/eth/v2/beacon/blocks/${fin.slot}`);
    expect(verifyBeaconBlock(served, { blockRoot: fin.blockRoot, execution: fin.execution as NonNullable<typeof fin.execution> }).slot).toBe(fin.slot);
    // The demo contract's storage, proven at the light-client-verified state root.
    // The raw JSON-RPC answer (hex strings), as the verifier takes it.
    const proof = await publicClient.request({
      method: "eth_getProof",
      params: [DEMO_CONTRACT, [`0x${"00".repeat(32)}`], `0x${fin.execution?.blockNumber.toString(16)}`],
    });
    const account = await verifyAccountProof(fin.execution?.stateRoot as string, proof, { address: DEMO_CONTRACT, storageKeys: ["0x0"] });
    expect(account.storage[0]?.value).toBe(42n);
    // The proof market, the KV storage and the service registry are deployed at their fixed addresses.
    for (const address of [PROOF_MARKET_CONTRACT, KV_STORAGE_CONTRACT, SERVICE_REGISTRY_CONTRACT] as const) {
      expect((await publicClient.getCode({ address }))?.length).toBeGreaterThan(100);
    }
  });

  it("records where the contracts were deployed: mined before the beacon followed anvil", async () => {
    const d = devnets.good as Devnet;
    const { contracts, deploymentsBlock } = JSON.parse(readFileSync(d.stateFile, "utf8"));
    expect(deploymentsBlock).toBe(d.deploymentsBlock);
    expect(contracts.demo).toMatchObject({ address: DEMO_CONTRACT, deployedAtBlock: expect.any(Number) });
    for (const c of Object.values(contracts) as { deployedAtBlock: number }[]) expect(c.deployedAtBlock).toBeLessThanOrEqual(deploymentsBlock);
    const { publicClient } = devnetClients(d.executionRpcUrl);
    const at = (n: number) => publicClient.getStorageAt({ address: DEMO_CONTRACT, slot: "0x0", blockNumber: BigInt(n) });
    expect(await at(contracts.demo.deployedAtBlock)).toBe(`0x${"00".repeat(31)}2a`);
    expect(BigInt((await at(contracts.demo.deployedAtBlock - 1)) ?? 0)).toBe(0n);
    // The beacon's first finality event at or past the deployments block proves 42 under its state root.
    const finality = await waitForFinality(d);
    const n = Number(finality.data.finalized_header.execution.block_number);
    expect(n).toBeGreaterThanOrEqual(deploymentsBlock);
    expect(await at(n)).toBe(`0x${"00".repeat(31)}2a`);
  });

  it("the CLI syncs a light client headless and verifies the demo storage value (verify state --rpc)", async () => {
    const d = devnets.good as Devnet;
    // The CLI reads the latest finality update: wait until it finalizes the deployments (alone, this test once read 0).
    await waitForFinality(d);
    const lines: string[] = [];
    const code = await main(
      ["verify", "state", "--rpc", d.executionRpcUrl, "--beacon", d.beaconApiUrl, "--address", DEMO_CONTRACT, "--slot", "0", "--block", "latest-finalized"],
      (l) => lines.push(l),
    );
    const out = JSON.parse(lines[0] as string);
    expect({ code, ...out }).toMatchObject({ code: 0, ok: true, network: "devnet", anchor: { kind: "light-client" } });
    expect(out.storage[0].value).toBe("0x2a");
    const bad = devnets.badKey as Devnet;
    const rejected: string[] = [];
    expect(
      await main(["verify", "state", "--rpc", bad.executionRpcUrl, "--beacon", bad.beaconApiUrl, "--address", DEMO_CONTRACT], (l) => rejected.push(l)),
    ).toBe(1);
    expect(JSON.parse(rejected[0] as string).error.code).toBe("InvalidSyncCommitteeSignature");
  });

  it("the CLI rejects an RPC that answers eth_getProof with a valid proof of another account, or serves another chain (ProofMismatch)", async () => {
    const d = devnets.good as Devnet;
    await waitForFinality(d);
    // A lying RPC in front of anvil: asked for the demo contract, it proves the dev account instead (a real proof);
    // with lie = "chain" it also claims to be mainnet's RPC.
    let lie: "account" | "chain" = "account";
    const proxy = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      if (body.method === "eth_getProof") body.params = [DEV_ACCOUNT, [], body.params[2]];
      res.writeHead(200, { "content-type": "application/json" });
      if (body.method === "eth_chainId" && lie === "chain") {
        res.end(JSON.stringify({ jsonrpc: "2.0", id: body.id, result: "0x1" }));
        return;
      }
      const answer = await fetch(d.executionRpcUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      res.end(await answer.text());
    });
    await new Promise<void>((ok) => proxy.listen(0, "127.0.0.1", ok));
    try {
      const lines: string[] = [];
      const rpc = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
      const code = await main(
        ["verify", "state", "--rpc", rpc, "--beacon", d.beaconApiUrl, "--address", DEMO_CONTRACT, "--slot", "0"],
        (l) => lines.push(l),
        () => {},
      );
      expect([code, JSON.parse(lines[0] as string).error.code]).toEqual([1, "ProofMismatch"]);
      lie = "chain";
      const chainLines: string[] = [];
      expect(
        await main(
          ["verify", "state", "--rpc", rpc, "--beacon", d.beaconApiUrl, "--address", DEMO_CONTRACT],
          (l) => chainLines.push(l),
          () => {},
        ),
      ).toBe(1);
      expect(JSON.parse(chainLines[0] as string).error.message).toMatch(/another chain/);
    } finally {
      proxy.close();
    }
  });

  it("answers every malformed request with a JSON error and keeps serving (the same router as the replay server)", async () => {
    await expectJsonErrorsAndSurvives((devnets.good as Devnet).beaconApiUrl, { rpc: false });
  });

  it("the unmodified @lodestar/light-client syncs it too (no devnet special case)", async () => {
    const d = devnets.good as Devnet;
    const { data } = await getJson(`${d.beaconApiUrl}/lightbus/checkpoint`);
    const genesis = await createBeaconApi(d.beaconApiUrl).getGenesis();
    const lc = await Lightclient.initializeFromCheckpointRoot({
      config: getLodestarBeaconConfig("devnet"),
      transport: new LightClientRestTransport(getApiFromUrl(d.beaconApiUrl, "mainnet")),
      genesisData: { genesisTime: genesis.genesisTimeSec, genesisValidatorsRoot: genesis.genesisValidatorsRoot },
      checkpointRoot: hexToBytes(data.root, "checkpoint root", 32),
    });
    await lc.start();
    try {
      // periods 0–2 of history, then anvil's blocks in period 3 (slot 3 × 8192 + block number)
      expect(lc.getFinalized().beacon.slot).toBeGreaterThan(3 * 8192);
    } finally {
      // Lodestar 1.28.1's run loop reads runStatus.controller after start() resolves; stopping before it
      // sleeps makes it throw (an unhandled rejection), so let it reach its sleep first.
      await new Promise((ok) => setTimeout(ok, 500));
      lc.stop();
    }
  });

  it("a beacon signing with a key outside the committee is rejected", async () => {
    const d = devnets.badKey as Devnet;
    const { session, currentSlot } = await sessionOf(d);
    await expect(syncPeriods(session, createBeaconApi(d.beaconApiUrl), currentSlot)).rejects.toThrow(InvalidSyncCommitteeSignatureError);
  });

  it("a beacon serving a bad finality branch is rejected", async () => {
    const d = devnets.badBranch as Devnet;
    const { session, currentSlot } = await sessionOf(d);
    await expect(syncPeriods(session, createBeaconApi(d.beaconApiUrl), currentSlot)).rejects.toThrow(InvalidMerkleBranchError);
  });
});
