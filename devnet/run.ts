// The devnet runner: anvil, the project's contracts deployed AND mined, then the devnet beacon following
// anvil, written down in one state JSON.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { encodeDeployData, encodeFunctionData, getContractAddress, type Hex } from "viem";
import { KVStorage, ProofMarket, ServiceRegistry } from "../src/contracts/artifacts.generated.ts";
import { DevnetStartError } from "../src/errors/server.ts";
import { getProgram } from "../src/prover/zkvm/programs.ts";
import { DEVNET_BLOCK_GAS_LIMIT, devnetClients, startAnvil } from "./anvil.ts";
import { startDevnetBeacon } from "./beacon/devnetBeacon.ts";
import { startCoordinatorService } from "./coordinator/service.ts";
import { deployReceiptVerifier } from "./deployVerifier.ts";
import type { MarketEvent, ProverMode } from "./market/prover.ts";
import { startMarketProvers } from "./market/start.ts";
import type { ProviderEvent } from "./services/provider.ts";
import { startServiceProviders } from "./services/start.ts";
import { startStorageNode } from "./storage/node.ts";

/** anvil's first dev account (unlocked), and where its first deployment lands (CREATE at nonce 0). */
export const DEV_ACCOUNT = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
export const DEMO_CONTRACT = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
export const PROOF_MARKET_CONTRACT = "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512";
export const KV_STORAGE_CONTRACT = "0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0";
export const SERVICE_REGISTRY_CONTRACT = "0xcf7ed3acca5a467e9e704c703e8d87f634fb0fc9";
/** Init code: SSTORE(0, 0x2a); return the 1-byte runtime code 0x00 (STOP). Slot 0 of the demo contract holds 42. */
const DEMO_INIT_CODE = "0x602a600055600060005360016000f3";

/**
 * The devnet's block gas limit: anvil's DEVNET_BLOCK_GAS_LIMIT (500M), so the market can fulfil receipts of up to ~30
 * segments of 2^10 rows on chain (the receipt verifier spends ~14M gas per segment, docs/zkvm-evm.md; anvil's own default is 30M).
 */
export const DEVNET_GAS_LIMIT = DEVNET_BLOCK_GAS_LIMIT;

export type DevnetOptions = {
  /** Block gas limit (default {@link DEVNET_GAS_LIMIT}). */
  gasLimit?: bigint;
  anvilPort?: number;
  beaconPort?: number;
  badKey?: boolean;
  badBranch?: boolean;
  quiet?: boolean;
  stateFile?: string;
  /** Prover-network coordinator ports (default 18547 WebSocket, 18548 HTTP); `coordinator: false` starts none. */
  coordinator?: boolean;
  coordinatorPort?: number;
  coordinatorHttpPort?: number;
  /** Coordinator state directory (default devnet/.state/coordinator). */
  coordinatorStateDir?: string;
  /** Other coordinators the devnet's coordinator dials (`--coordinator-peer`). */
  coordinatorPeers?: string[];
  /** The storage node (devnet/storage, docs/storage-devnet.md) on `storagePort` (default 18549); `storage: false` starts none. */
  storage?: boolean;
  storagePort?: number;
  /** Storage node state directory (default devnet/.state/storage; kept across runs). */
  storageStateDir?: string;
  /** Beacon blob retention in slots (default DEFAULT_BLOB_RETENTION_SLOTS, devnet/beacon/blobs.ts). */
  blobRetentionSlots?: number;
  /**
   * Market provers (accounts 1, 2; each with a ProverNode process) and service providers (accounts 4–6), docs/
   * prover-network.md "Devnet provers and providers". Default true; needs the coordinator. `--no-market`.
   */
  market?: boolean;
  /** Also start the dishonest prover (account 3) in this mode (`--dishonest-prover MODE`); default none. */
  dishonestProver?: Exclude<ProverMode, "honest"> | null;
  /** Account 6 lies (default true; `--no-lying-provider`). */
  lyingProvider?: boolean;
  /** Service provider ports (default 18571, 18572, 18573; 0 = ephemeral). */
  providerPorts?: number[];
  /** Market provers' polling period in ms (default 1000). */
  marketPollMs?: number;
  /** Called with every market and service-provider event (tests). */
  onMarketEvent?: (e: MarketEvent | ProviderEvent | { type: string; [k: string]: unknown }) => void;
};

/** A deployed contract: its address and the execution block number whose state first holds it. */
export type Deployment = { address: Hex; deployedAtBlock: number };

/**
 * The IReceiptVerifier address ProofMarket is constructed with: CREATE of the dev account at nonce 6. After the four
 * contracts above, `deployReceiptVerifier` deploys ZkvmAir (nonce 4), ZkvmStarkVerifier (5) and ZkvmReceiptVerifier (6).
 */
export const RECEIPT_VERIFIER_CONTRACT = getContractAddress({ from: DEV_ACCOUNT, nonce: 6n }).toLowerCase() as Hex;

/** The services the deployer defines in the ServiceRegistry (ids 1 and 2) so devnet providers can join them. */
export const DEVNET_SERVICES = [
  { id: 1n, name: "Fibonacci", programId: getProgram("fibonacci").imageId },
  { id: 2n, name: "Checksum", programId: getProgram("checksum").imageId },
] as const;

/**
 * Deploys the devnet contracts from the unlocked dev account in a fixed order (CREATE at nonces 0–3, so the addresses
 * are the constants above; ProofMarket takes {@link RECEIPT_VERIFIER_CONTRACT}), then the receipt verifier (nonces 4–6,
 * devnet/deployVerifier.ts), then defines {@link DEVNET_SERVICES}; waits until all are mined (their receipts).
 * @returns Each contract's address and block number (a decimal block number, not a slot; serviceRegistry's is the block by
 * which its services are defined too);
 * @throws {DevnetStartError} When a deployment reverts or lands at another address than expected.
 */
export async function deployContracts(rpcUrl: string): Promise<
  Record<"demo" | "proofMarket" | "kvStorage" | "serviceRegistry", Deployment> & {
    receiptVerifier: Deployment;
  }
> {
  const { publicClient, walletClient } = devnetClients(rpcUrl);
  const send = (data: Hex, gas: bigint, to?: Hex) => walletClient.sendTransaction({ account: DEV_ACCOUNT, chain: null, data, gas, ...(to ? { to } : {}) });
  const hashes = {
    demo: await send(DEMO_INIT_CODE, 0x30000n),
    proofMarket: await send(encodeDeployData({ abi: ProofMarket.abi, bytecode: ProofMarket.bytecode, args: [RECEIPT_VERIFIER_CONTRACT] }), 0x700000n),
    kvStorage: await send(encodeDeployData({ abi: KVStorage.abi, bytecode: KVStorage.bytecode, args: [DEV_ACCOUNT] }), 0x500000n),
    serviceRegistry: await send(encodeDeployData({ abi: ServiceRegistry.abi, bytecode: ServiceRegistry.bytecode, args: [PROOF_MARKET_CONTRACT] }), 0x500000n),
  };
  // Mined by anvil's interval miner (at most one block time). Not `evm_mine`: an extra block would run the
  // block numbers, hence the devnet beacon's slots (SLOT_OFFSET + block number), ahead of the wall clock,
  // and light clients would reject its signature slots as "in the future".
  const expected = { demo: DEMO_CONTRACT, proofMarket: PROOF_MARKET_CONTRACT, kvStorage: KV_STORAGE_CONTRACT, serviceRegistry: SERVICE_REGISTRY_CONTRACT };
  const out = {} as Record<keyof typeof hashes, Deployment>;
  for (const name of Object.keys(hashes) as (keyof typeof hashes)[]) {
    const receipt = await publicClient.waitForTransactionReceipt({ hash: hashes[name], pollingInterval: 50, timeout: 30_000 });
    if (receipt.status !== "success" || receipt.contractAddress?.toLowerCase() !== expected[name]) {
      throw new DevnetStartError({
        what: `${name} contract`,
        details: `deployment ${receipt.status} at ${receipt.contractAddress}, expected ${expected[name]}`,
      });
    }
    out[name] = { address: expected[name] as Hex, deployedAtBlock: Number(receipt.blockNumber) };
  }
  const verifierAddress = await deployReceiptVerifier(rpcUrl, DEV_ACCOUNT);
  if (verifierAddress.toLowerCase() !== RECEIPT_VERIFIER_CONTRACT) {
    throw new DevnetStartError({
      what: "receipt verifier",
      details: `deployed at ${verifierAddress}, expected ${RECEIPT_VERIFIER_CONTRACT} (dev account nonce 6)`,
    });
  }
  const verifierBlock = Number(await publicClient.getBlockNumber());
  const defined: Hex[] = [];
  for (const s of DEVNET_SERVICES) {
    defined.push(
      await send(
        encodeFunctionData({ abi: ServiceRegistry.abi, functionName: "defineService", args: [s.programId, s.name] }),
        0x100000n,
        SERVICE_REGISTRY_CONTRACT as Hex,
      ),
    );
  }
  for (const hash of defined) {
    const receipt = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 50, timeout: 30_000 });
    if (receipt.status !== "success") throw new DevnetStartError({ what: "ServiceRegistry services", details: `defineService ${receipt.status}` });
    out.serviceRegistry.deployedAtBlock = Math.max(out.serviceRegistry.deployedAtBlock, Number(receipt.blockNumber));
  }
  return { ...out, receiptVerifier: { address: RECEIPT_VERIFIER_CONTRACT, deployedAtBlock: verifierBlock } };
}

export async function startDevnet(o: DevnetOptions = {}) {
  const anvil = await startAnvil({ port: o.anvilPort ?? 18545, gasLimit: o.gasLimit ?? DEVNET_GAS_LIMIT });
  const started = await (async () => {
    // The contracts are in a mined block before the beacon follows anvil, so every finalized header at or
    // after `deploymentsBlock` holds them.
    const deployed = await deployContracts(anvil.url);
    const beacon = await startDevnetBeacon({
      rpcUrl: anvil.url,
      port: o.beaconPort ?? 18546,
      badKey: o.badKey,
      badBranch: o.badBranch,
      quiet: o.quiet,
      ...(o.blobRetentionSlots !== undefined ? { blobRetentionSlots: o.blobRetentionSlots } : {}),
    });
    const storage =
      o.storage === false
        ? undefined
        : await startStorageNode({
            rpcUrl: anvil.url,
            kvStorage: deployed.kvStorage.address,
            port: o.storagePort ?? 18549,
            stateDir: o.storageStateDir ?? join(dirname(fileURLToPath(import.meta.url)), ".state/storage"),
            quiet: o.quiet,
          }).catch(async (e: unknown) => {
            await beacon.close();
            throw e;
          });
    const coordinator =
      o.coordinator === false
        ? undefined
        : await startCoordinatorService({
            port: o.coordinatorPort ?? 18547,
            httpPort: o.coordinatorHttpPort ?? 18548,
            ...(o.coordinatorStateDir ? { stateDir: o.coordinatorStateDir } : {}),
            peers: o.coordinatorPeers ?? [],
            quiet: o.quiet,
          }).catch(async (e: unknown) => {
            await storage?.close();
            await beacon.close();
            throw new DevnetStartError({ what: "prover-network coordinator", details: e instanceof Error ? e.message : String(e) });
          });
    // Provers and providers start in parallel (each waits for its own deposit or registration to be mined).
    const chainMarket = o.market !== false && coordinator ? deployed : undefined;
    const [market, services] = chainMarket
      ? await (async () => {
          const registry = chainMarket.serviceRegistry.address;
          const [m, sv] = await Promise.allSettled([
            startMarketProvers({
              rpcUrl: anvil.url,
              chainId: 31337,
              market: chainMarket.proofMarket.address,
              coordinatorHttpUrl: (coordinator as NonNullable<typeof coordinator>).httpUrl,
              coordinatorMultiaddrs: (coordinator as NonNullable<typeof coordinator>).multiaddrs.slice(0, 1),
              dishonestMode: o.dishonestProver ?? null,
              ...(o.marketPollMs !== undefined ? { pollMs: o.marketPollMs } : {}),
              quiet: o.quiet,
              ...(o.onMarketEvent ? { onEvent: o.onMarketEvent } : {}),
            }),
            startServiceProviders({
              rpcUrl: anvil.url,
              chainId: 31337,
              registry,
              deployer: DEV_ACCOUNT,
              ...(o.providerPorts ? { ports: o.providerPorts } : {}),
              lyingProvider: o.lyingProvider !== false,
              onEvent: (e) => {
                if (!o.quiet) console.log(JSON.stringify({ provider: e }));
                o.onMarketEvent?.(e);
              },
            }),
          ]);
          if (m.status === "rejected" || sv.status === "rejected") {
            if (m.status === "fulfilled") await m.value.stop();
            if (sv.status === "fulfilled") await sv.value.close();
            await coordinator?.stop();
            await storage?.close();
            await beacon.close();
            throw (m.status === "rejected" ? m.reason : (sv as PromiseRejectedResult).reason) as unknown;
          }
          return [m.value, sv.value] as const;
        })()
      : [undefined, undefined];
    return { deployed, beacon, coordinator, storage, market, services };
  })().catch(async (e: unknown) => {
    await anvil.stop();
    throw e;
  });
  const { deployed, beacon, coordinator, storage, market, services } = started;
  const state = {
    chainId: 31337,
    executionRpcUrl: anvil.url,
    beaconApiUrl: beacon.url,
    genesisTimeSec: beacon.genesisTimeSec,
    accounts: { dev: DEV_ACCOUNT },
    /** The execution block number by which every contract below is deployed. */
    deploymentsBlock: Math.max(...Object.values(deployed).map((d) => d.deployedAtBlock ?? 0)),
    contracts: {
      demo: { ...deployed.demo, storage: { "0x0": "0x2a" } },
      proofMarket: deployed.proofMarket,
      kvStorage: deployed.kvStorage,
      serviceRegistry: deployed.serviceRegistry,
      /** ProofMarket's IReceiptVerifier (ZkvmReceiptVerifier, docs/zkvm-evm.md). */
      receiptVerifier: deployed.receiptVerifier,
    },
    /** The prover-network coordinator (docs/prover-network.md), absent with `coordinator: false`. */
    coordinator: coordinator
      ? {
          peerId: coordinator.peerId,
          multiaddrs: coordinator.multiaddrs,
          httpUrl: coordinator.httpUrl,
          infoUrl: coordinator.infoUrl,
          resultsFeedUrl: coordinator.resultsFeedUrl,
        }
      : null,
    /** The storage node (docs/storage-devnet.md), absent with `storage: false`. */
    storage: storage ? { nodeUrl: storage.url, kvStorage: deployed.kvStorage.address } : null,
    /** The proof market's provers and the service providers (docs/prover-network.md), absent with `market: false`. */
    market:
      market && services
        ? {
            proofMarket: deployed.proofMarket.address,
            serviceRegistry: deployed.serviceRegistry.address,
            receiptVerifier: deployed.receiptVerifier.address,
            provers: market.provers,
            providers: services.providers,
            proverAskWei: market.askWei,
          }
        : null,
    pids: { anvil: anvil.pid, beacon: process.pid },
  };
  const file = o.stateFile ?? join(dirname(fileURLToPath(import.meta.url)), ".state/devnet.json");
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(state, null, 2)}\n`);
  return {
    ...state,
    stateFile: file,
    stop: async () => {
      await Promise.all([market?.stop(), services?.close()]);
      await coordinator?.stop();
      await storage?.close();
      await beacon.close();
      await anvil.stop();
    },
  };
}
