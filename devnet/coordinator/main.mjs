#!/usr/bin/env node
// A prover-network coordinator on its own (the devnet starts one too): docs/prover-network.md.
// Flags: --port N (WebSocket, default 18547) --http-port N (default 18548) --state-dir DIR
//        --peer MULTIADDR (another coordinator; repeatable) --lease-ms N --max-rejections N --quiet
import { parseArgs } from "node:util";
import { register } from "tsx/esm/api";

register();
const { startCoordinatorService } = await import("./service.ts");
const { values } = parseArgs({
  options: {
    port: { type: "string", default: "18547" },
    "http-port": { type: "string", default: "18548" },
    "state-dir": { type: "string" },
    peer: { type: "string", multiple: true },
    "lease-ms": { type: "string" },
    "max-rejections": { type: "string" },
    quiet: { type: "boolean", default: false },
  },
});
const service = await startCoordinatorService({
  port: Number(values.port),
  httpPort: Number(values["http-port"]),
  ...(values["state-dir"] ? { stateDir: values["state-dir"] } : {}),
  peers: values.peer ?? [],
  ...(values["lease-ms"] ? { leaseMs: Number(values["lease-ms"]) } : {}),
  ...(values["max-rejections"] ? { maxRejections: Number(values["max-rejections"]) } : {}),
  quiet: values.quiet,
});
console.log(JSON.stringify({ coordinator: { peerId: service.peerId, multiaddrs: service.multiaddrs, http: service.httpUrl } }));
const stop = async () => {
  await service.stop();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
