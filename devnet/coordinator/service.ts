import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Coordinator, type CoordinatorEvent, type CoordinatorOptions } from "./coordinator.ts";
import { startCoordinatorHttp } from "./http.ts";

/** Default state directory: devnet/.state/coordinator/. */
export const DEFAULT_COORDINATOR_STATE_DIR = join(fileURLToPath(new URL(".", import.meta.url)), "../.state/coordinator");

export type CoordinatorServiceOptions = Partial<CoordinatorOptions> & { httpPort?: number; quiet?: boolean };

/**
 * The devnet's coordinator: the libp2p node (WebSockets, default /ip4/127.0.0.1/tcp/18547/ws) and its
 * HTTP API (default http://127.0.0.1:18548). Logs one JSON line per event unless `quiet`.
 */
export async function startCoordinatorService(o: CoordinatorServiceOptions = {}) {
  const log = (e: CoordinatorEvent) => {
    if (!o.quiet) console.log(JSON.stringify({ coordinator: e }));
    o.onEvent?.(e);
  };
  // The devnet serves at once; stored jobs appear as each is re-verified (restore in the background).
  const coordinator = await Coordinator.start({
    awaitRestore: false,
    ...o,
    stateDir: o.stateDir ?? DEFAULT_COORDINATOR_STATE_DIR,
    onEvent: log,
  });
  const http = await startCoordinatorHttp(coordinator, { port: o.httpPort ?? 18548 }).catch(async (e: unknown) => {
    await coordinator.stop();
    throw e;
  });
  return {
    coordinator,
    peerId: coordinator.peerId,
    multiaddrs: coordinator.multiaddrs,
    httpUrl: http.url,
    infoUrl: http.infoUrl,
    resultsFeedUrl: http.resultsUrl,
    stop: async () => {
      await http.close();
      await coordinator.stop();
    },
  };
}
