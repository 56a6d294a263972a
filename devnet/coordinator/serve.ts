import type { Stream } from "@libp2p/interface";
import { serializeError } from "../../src/errors/serialize.ts";
import { framed } from "../../src/net/p2p/frames.ts";
import { encodeMessage } from "../../src/net/p2p/messages.ts";

/**
 * Largest request frame a coordinator reads (6 MiB): a result's proof (≤ 4 MiB, base64 ≈ 5.4 MiB) fits; every
 * open stream may buffer this much, so it stays below the 8 MiB frame cap.
 */
export const MAX_REQUEST_BYTES = 6 << 20;
/** Most concurrent inbound streams per connection and protocol (each may buffer {@link MAX_REQUEST_BYTES}). */
export const MAX_INBOUND_STREAMS = 4;

/** How long a peer has to send its request after opening a stream (ms). */
export const REQUEST_READ_TIMEOUT_MS = 30_000;

/**
 * Serves one request-response exchange on `stream` (docs/prover-network.md, "Framing"): reads one frame,
 * parses it, writes `answer(request)` and closes. A malformed, oversized or late request resets the stream
 * and is reported through `onProtocolError` with its typed code; nothing throws.
 */
export async function serveOnce<Req, Res extends Parameters<typeof encodeMessage>[0]>(
  stream: Stream,
  protocol: string,
  parse: (v: unknown) => Req,
  answer: (req: Req) => Res,
  onProtocolError: (code: string, message: string) => void,
): Promise<void> {
  const f = framed(stream, protocol, MAX_REQUEST_BYTES);
  let req: Req;
  try {
    req = parse(await f.read({ signal: AbortSignal.timeout(REQUEST_READ_TIMEOUT_MS) }));
  } catch (e) {
    const s = serializeError(e);
    onProtocolError(s.code, s.message);
    stream.abort(e instanceof Error ? e : new Error(s.message));
    return;
  }
  let res: Res | { type: "error"; code: string; message: string };
  try {
    res = answer(req);
  } catch (e) {
    // Never leave the peer waiting: a throwing handler still answers a typed error.
    const s = serializeError(e);
    res = { type: "error", code: s.code, message: s.shortMessage ?? s.message };
  }
  try {
    await f.write(encodeMessage(res));
    await stream.close();
  } catch {
    stream.abort(new Error("write failed"));
  }
}
