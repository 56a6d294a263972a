// Starts the devnet's service providers (accounts 4, 5, 6 on ports 18571–18573; account 6 lies) and registers
// them: services 1 "Fibonacci" and 2 "Checksum" are defined by the deployer when missing, then each provider
// stakes 1 ether in both and joins both with its endpoint URL.
import { createWalletClient, type Hex, http, parseEther } from "viem";
import { DevnetStartError } from "../../src/errors/server.ts";
import { getProgram, type ProgramEntry, programByImageId } from "../../src/prover/zkvm/programs.ts";
import { devAccount } from "../accounts.ts";
import { devnetClients } from "../anvil.ts";
import { serviceRegistryAbi } from "../market/abi.ts";
import { type ProviderEvent, startServiceProvider } from "./provider.ts";

/** The devnet's services, in id order (ids from 1). */
export const DEVNET_SERVICES = [
  { name: "Fibonacci", program: "fibonacci" },
  { name: "Checksum", program: "checksum" },
] as const;
export const PROVIDER_ACCOUNTS = [4, 5, 6] as const;
export const LYING_PROVIDER_ACCOUNT = 6;
export const DEFAULT_PROVIDER_PORTS = [18571, 18572, 18573] as const;
const STAKE = parseEther("1");
const GAS = 400_000n;

export type ServiceProvidersOptions = {
  rpcUrl: string;
  chainId: number;
  registry: Hex;
  /** The deployer (an unlocked anvil account) that defines missing services. */
  deployer: Hex;
  /** One port per provider (0 = ephemeral). */
  ports?: readonly number[];
  /** Account 6 lies (default true). */
  lyingProvider?: boolean;
  onEvent?: (e: ProviderEvent | { type: "registered"; provider: Hex; url: string; services: number[] }) => void;
};

/** What a provider's services run: the registry's programId of the service, looked up once, as a shipped program. */
function programResolver(rpcUrl: string, registry: Hex) {
  const { publicClient } = devnetClients(rpcUrl);
  const known = new Map<bigint, ProgramEntry>();
  return async (serviceId: bigint): Promise<ProgramEntry | undefined> => {
    const hit = known.get(serviceId);
    if (hit) return hit;
    const [, programId] = await publicClient
      .readContract({ address: registry, abi: serviceRegistryAbi, functionName: "getService", args: [serviceId] })
      .catch(() => [undefined, undefined] as const); // unknown service (reverts) or unreachable chain
    const entry = programId ? programByImageId(programId) : undefined;
    if (entry) known.set(serviceId, entry);
    return entry;
  };
}

/** Defines the devnet services the registry lacks (from the deployer), waiting until they are mined. */
async function ensureServices(o: ServiceProvidersOptions): Promise<void> {
  const { publicClient, walletClient } = devnetClients(o.rpcUrl);
  const count = await publicClient.readContract({ address: o.registry, abi: serviceRegistryAbi, functionName: "serviceCount" });
  const hashes: Hex[] = [];
  for (const [i, s] of DEVNET_SERVICES.entries()) {
    if (BigInt(i + 1) <= count) continue;
    hashes.push(
      await walletClient.writeContract({
        account: o.deployer,
        chain: null,
        address: o.registry,
        abi: serviceRegistryAbi,
        functionName: "defineService",
        args: [getProgram(s.program).imageId, s.name],
        gas: GAS,
      }),
    );
  }
  for (const hash of hashes) {
    const r = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 100, timeout: 60_000 });
    if (r.status !== "success") throw new DevnetStartError({ what: "service definitions", details: `defineService reverted in ${hash}` });
  }
}

/**
 * Starts the providers' HTTP servers and registers them on chain (stake 1 ether + join, per service).
 * Resolves once every registration is mined.
 * @throws {DevnetStartError} when a server cannot listen or a registration reverts.
 */
export async function startServiceProviders(o: ServiceProvidersOptions) {
  const ports = o.ports ?? DEFAULT_PROVIDER_PORTS;
  const serviceProgram = programResolver(o.rpcUrl, o.registry);
  const servers = await Promise.all(
    PROVIDER_ACCOUNTS.map((index, i) =>
      startServiceProvider({
        account: devAccount(index),
        chainId: o.chainId,
        registry: o.registry,
        serviceProgram,
        lies: index === LYING_PROVIDER_ACCOUNT && o.lyingProvider !== false,
        port: ports[i] ?? 0,
        ...(o.onEvent ? { onEvent: o.onEvent } : {}),
      }),
    ),
  ).catch((e: unknown) => {
    throw new DevnetStartError({ what: "service providers", details: e instanceof Error ? e.message : String(e), cause: e });
  });
  const closeAll = () => Promise.all(servers.map((s) => s.close())).then(() => {});
  try {
    await ensureServices(o);
    const { publicClient } = devnetClients(o.rpcUrl);
    await Promise.all(
      servers.map(async (s, i) => {
        const account = devAccount(PROVIDER_ACCOUNTS[i] as number);
        const wallet = createWalletClient({ account, transport: http(o.rpcUrl, { retryCount: 0, timeout: 30_000 }) });
        const hashes: Hex[] = [];
        const ids = DEVNET_SERVICES.map((_, k) => BigInt(k + 1));
        for (const id of ids) {
          const staked = await publicClient.readContract({
            address: o.registry,
            abi: serviceRegistryAbi,
            functionName: "stakeOf",
            args: [id, account.address],
          });
          // Explicit gas: estimating joinService before the stake is mined would revert.
          if (staked < STAKE)
            hashes.push(
              await wallet.writeContract({
                chain: null,
                address: o.registry,
                abi: serviceRegistryAbi,
                functionName: "stake",
                args: [id],
                value: STAKE - staked,
                gas: GAS,
              }),
            );
          hashes.push(
            await wallet.writeContract({ chain: null, address: o.registry, abi: serviceRegistryAbi, functionName: "joinService", args: [id, s.url], gas: GAS }),
          );
        }
        for (const hash of hashes) {
          const r = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 100, timeout: 60_000 });
          if (r.status !== "success")
            throw new DevnetStartError({ what: "service providers", details: `registration of ${account.address} reverted in ${hash}` });
        }
        o.onEvent?.({ type: "registered", provider: account.address, url: s.url, services: ids.map(Number) });
      }),
    );
  } catch (e) {
    await closeAll();
    throw e instanceof DevnetStartError
      ? e
      : new DevnetStartError({ what: "service providers", details: e instanceof Error ? e.message : String(e), cause: e });
  }
  return {
    providers: servers.map((s) => ({ address: s.address, url: s.url, lies: s.lies })),
    close: closeAll,
  };
}
