// The devnet runner: anvil + devnet beacon + the demo contract, written down in one state JSON.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { encodeDeployData } from "viem";
import { KVStorage, ProofMarket, ServiceRegistry } from "../src/contracts/artifacts.generated.ts";
import { startAnvil } from "./anvil.ts";
import { startDevnetBeacon } from "./beacon/devnetBeacon.ts";

/** anvil's first dev account (unlocked), and where its first deployment lands (CREATE at nonce 0). */
export const DEV_ACCOUNT = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
export const DEMO_CONTRACT = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
export const PROOF_MARKET_CONTRACT = "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512";
export const KV_STORAGE_CONTRACT = "0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0";
export const SERVICE_REGISTRY_CONTRACT = "0xcf7ed3acca5a467e9e704c703e8d87f634fb0fc9";
/** Init code: SSTORE(0, 0x2a); return the 1-byte runtime code 0x00 (STOP). Slot 0 of the demo contract holds 42. */
const DEMO_INIT_CODE = "0x602a600055600060005360016000f3";

export type DevnetOptions = { anvilPort?: number; beaconPort?: number; badKey?: boolean; badBranch?: boolean; quiet?: boolean; stateFile?: string };

export async function startDevnet(o: DevnetOptions = {}) {
  const anvil = await startAnvil({ port: o.anvilPort ?? 18545 });
  const beacon = await startDevnetBeacon({ rpcUrl: anvil.url, port: o.beaconPort ?? 18546, badKey: o.badKey, badBranch: o.badBranch, quiet: o.quiet }).catch(
    async (e: unknown) => {
      await anvil.stop();
      throw e;
    },
  );
  const rpc = async (method: string, params: unknown[]) => {
    const r = await fetch(anvil.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    });
    return ((await r.json()) as { result: unknown }).result;
  };
  // Deployed in this order from the dev account, so the addresses are fixed (CREATE at nonces 0–3).
  await rpc("eth_sendTransaction", [{ from: DEV_ACCOUNT, data: DEMO_INIT_CODE, gas: "0x30000" }]);
  await rpc("eth_sendTransaction", [{ from: DEV_ACCOUNT, data: ProofMarket.bytecode, gas: "0x500000" }]);
  await rpc("eth_sendTransaction", [{ from: DEV_ACCOUNT, data: KVStorage.bytecode, gas: "0x300000" }]);
  await rpc("eth_sendTransaction", [
    {
      from: DEV_ACCOUNT,
      data: encodeDeployData({ abi: ServiceRegistry.abi, bytecode: ServiceRegistry.bytecode, args: [PROOF_MARKET_CONTRACT] }),
      gas: "0x500000",
    },
  ]);
  const state = {
    chainId: 31337,
    executionRpcUrl: anvil.url,
    beaconApiUrl: beacon.url,
    genesisTimeSec: beacon.genesisTimeSec,
    accounts: { dev: DEV_ACCOUNT },
    contracts: {
      demo: { address: DEMO_CONTRACT, storage: { "0x0": "0x2a" } },
      proofMarket: { address: PROOF_MARKET_CONTRACT },
      kvStorage: { address: KV_STORAGE_CONTRACT },
      serviceRegistry: { address: SERVICE_REGISTRY_CONTRACT },
    },
    pids: { anvil: anvil.pid, beacon: process.pid },
  };
  const file = o.stateFile ?? join(dirname(fileURLToPath(import.meta.url)), ".state/devnet.json");
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(state, null, 2)}\n`);
  return {
    ...state,
    stateFile: file,
    stop: async () => {
      await beacon.close();
      await anvil.stop();
    },
  };
}
