// Waiting for an event of a beacon's light-client stream, bounded by a number of events (never a bare sleep).
import { DevnetStartError } from "../../src/errors/server.ts";

/** A versioned `LightClientFinalityUpdate` as the beacon API serves it (only the fields read here). */
export type FinalityUpdateJson = { version: string; data: { finalized_header: { execution: { block_number: string } }; signature_slot: string } };

const finalizedBlockOf = (u: FinalityUpdateJson | null) => (u ? Number(u.data.finalized_header.execution.block_number) : -1);

/**
 * Resolves with the first finality update whose finalized execution block number is ≥ `minBlock`:
 * subscribes to the beacon's SSE `light_client_finality_update` topic first, then reads the
 * `finality_update` route once (so an update already past the block is not missed), then reads events.
 * Beacon-API events: https://github.com/ethereum/beacon-APIs/blob/v3.0.0/apis/eventstream/index.yaml
 * @param beaconApiUrl - Base URL of the beacon API.
 * @param minBlock - Execution block number (decimal, not a slot).
 * @param maxEvents - How many finality events to read before giving up.
 * @throws {DevnetStartError} When the stream ends, or `maxEvents` events pass without reaching `minBlock`.
 */
export async function waitForFinalizedBlock(beaconApiUrl: string, minBlock: number, maxEvents = 120): Promise<FinalityUpdateJson> {
  const abort = new AbortController();
  try {
    const stream = await fetch(`${beaconApiUrl}/eth/v1/events?topics=light_client_finality_update`, { signal: abort.signal });
    if (!stream.ok || !stream.body) throw new DevnetStartError({ what: "beacon", details: `events: HTTP ${stream.status}` });
    const route = await fetch(`${beaconApiUrl}/eth/v1/beacon/light_client/finality_update`);
    const current = route.ok ? ((await route.json()) as FinalityUpdateJson) : null;
    if (current && finalizedBlockOf(current) >= minBlock) return current;
    const reader = stream.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    let seen = 0;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new DevnetStartError({ what: "beacon", details: "the event stream ended before finality reached the block" });
      buffer += value;
      for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(message)?.[1];
        const data = /^data: (.*)$/m.exec(message)?.[1];
        if (event !== "light_client_finality_update" || data === undefined) continue;
        const update = JSON.parse(data) as FinalityUpdateJson;
        if (finalizedBlockOf(update) >= minBlock) return update;
        if (++seen >= maxEvents) {
          throw new DevnetStartError({ what: "beacon", details: `${maxEvents} finality events without reaching block ${minBlock}` });
        }
      }
    }
  } finally {
    abort.abort();
  }
}
