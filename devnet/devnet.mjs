#!/usr/bin/env node
// `npm run devnet`: the local stack without the app (anvil + devnet beacon + demo contract).
// Flags: --anvil-port N --beacon-port N --coordinator-port N --coordinator-http-port N --no-coordinator
//        --coordinator-state-dir DIR --coordinator-peer MULTIADDR --bad-key --bad-branch --quiet
//        --storage-port N (18549) --no-storage-node --storage-state-dir DIR --blob-retention-slots N
//        --no-market (no market provers, no service providers) --dishonest-prover bad-receipt|wrong-journal|vanish
//        --no-lying-provider --provider-ports 18571,18572,18573
import { parseArgs } from "node:util";
import { register } from "tsx/esm/api";

register();
const { startDevnet } = await import("./run.ts");
const { values } = parseArgs({
  options: {
    "anvil-port": { type: "string", default: "18545" },
    "beacon-port": { type: "string", default: "18546" },
    "bad-key": { type: "boolean", default: false },
    "bad-branch": { type: "boolean", default: false },
    quiet: { type: "boolean", default: false },
    "state-file": { type: "string" },
    "coordinator-port": { type: "string", default: "18547" },
    "coordinator-http-port": { type: "string", default: "18548" },
    "coordinator-state-dir": { type: "string" },
    "no-coordinator": { type: "boolean", default: false },
    "coordinator-peer": { type: "string", multiple: true },
    "storage-port": { type: "string", default: "18549" },
    "no-storage-node": { type: "boolean", default: false },
    "storage-state-dir": { type: "string" },
    "blob-retention-slots": { type: "string" },
    "no-market": { type: "boolean", default: false },
    "dishonest-prover": { type: "string" },
    "no-lying-provider": { type: "boolean", default: false },
    "provider-ports": { type: "string" },
  },
});
const MODES = ["bad-receipt", "wrong-journal", "vanish"];
if (values["dishonest-prover"] !== undefined && !MODES.includes(values["dishonest-prover"])) {
  console.error(`--dishonest-prover takes one of ${MODES.join(", ")}`);
  process.exit(2);
}
const providerPorts = values["provider-ports"]?.split(",").map(Number);
if (providerPorts && (providerPorts.length !== 3 || !providerPorts.every((p) => Number.isInteger(p) && p >= 0 && p < 65536))) {
  console.error("--provider-ports takes three ports, e.g. 18571,18572,18573");
  process.exit(2);
}
const devnet = await startDevnet({
  anvilPort: Number(values["anvil-port"]),
  beaconPort: Number(values["beacon-port"]),
  badKey: values["bad-key"],
  badBranch: values["bad-branch"],
  quiet: values.quiet,
  stateFile: values["state-file"],
  coordinator: !values["no-coordinator"],
  coordinatorPort: Number(values["coordinator-port"]),
  coordinatorHttpPort: Number(values["coordinator-http-port"]),
  coordinatorStateDir: values["coordinator-state-dir"],
  coordinatorPeers: values["coordinator-peer"] ?? [],
  storage: !values["no-storage-node"],
  storagePort: Number(values["storage-port"]),
  storageStateDir: values["storage-state-dir"],
  ...(values["blob-retention-slots"] !== undefined ? { blobRetentionSlots: Number(values["blob-retention-slots"]) } : {}),
  market: !values["no-market"],
  dishonestProver: values["dishonest-prover"] ?? null,
  lyingProvider: !values["no-lying-provider"],
  ...(providerPorts ? { providerPorts } : {}),
});
console.log(`devnet: execution ${devnet.executionRpcUrl}, beacon ${devnet.beaconApiUrl}, state ${devnet.stateFile}`);
if (devnet.storage) console.log(`storage node: ${devnet.storage.nodeUrl} (KVStorage ${devnet.storage.kvStorage})`);
if (devnet.market)
  console.log(
    `market: provers ${devnet.market.provers.map((p) => `${p.address} (${p.mode})`).join(", ")}; providers ${devnet.market.providers.map((p) => `${p.url}${p.lies ? " (lies)" : ""}`).join(", ")}`,
  );
if (devnet.coordinator) console.log(`prover-network coordinator: ${devnet.coordinator.multiaddrs[0]} (HTTP ${devnet.coordinator.httpUrl})`);
const stop = async () => {
  await devnet.stop();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
