import { multiaddr } from '@multiformats/multiaddr'
import { BaseError } from '../../errors/base.ts'
import { PeerConnectionError } from '../../errors/p2p.ts'
import { framed } from './frames.ts'
import {
  encodeMessage,
  type JobRequest,
  type JobResponse,
  type JobStatusRequest,
  MAX_RECEIPT_FRAME_BYTES,
  parseJobResponse,
  parseSegmentResponse,
  type SegmentRequest,
  type SegmentResponse,
} from './messages.ts'
import { JOB_PROTOCOL, type NetworkNode, SEGMENT_PROTOCOL } from './node.ts'

/** A coordinator's error answer on `/lightbus/job/1.0.0`, with the code it sent (docs/errors.md). */
export class CoordinatorAnswerError extends BaseError {
  override name = 'CoordinatorAnswerError'
}

/** Runs one exchange on a fresh stream; libp2p's untyped failures become {@link PeerConnectionError}. */
async function exchange<T>(
  node: NetworkNode,
  addr: string,
  protocol: string,
  maxBytes: number | undefined,
  body: Uint8Array,
  parse: (v: unknown) => T,
): Promise<T> {
  const stream = await node.dialProtocol(multiaddr(addr), protocol, { signal: AbortSignal.timeout(15_000) }).catch((e: unknown) => {
    throw e instanceof BaseError ? e : new PeerConnectionError({ peer: addr, cause: e })
  })
  try {
    const f = framed(stream, protocol, maxBytes)
    const signal = AbortSignal.timeout(120_000)
    await f.write(body, { signal })
    const res = parse(await f.read({ signal }))
    await stream.close().catch(() => {})
    return res
  } catch (e) {
    stream.abort(e instanceof Error ? e : new Error('exchange failed'))
    throw e instanceof BaseError ? e : new PeerConnectionError({ peer: addr, cause: e })
  }
}

/**
 * One `/lightbus/job/1.0.0` exchange with the coordinator at `addr`: a submission or a status query.
 * @throws {ProtocolMessageError} for a malformed answer; a {@link BaseError} with the coordinator's code for an error answer.
 */
export async function jobExchange(node: NetworkNode, addr: string, req: JobRequest | JobStatusRequest): Promise<Exclude<JobResponse, { type: 'error' }>> {
  const res = await exchange(node, addr, JOB_PROTOCOL, MAX_RECEIPT_FRAME_BYTES, encodeMessage(req), parseJobResponse)
  if (res.type === 'error') throw new CoordinatorAnswerError(res.code, res.message)
  return res
}

/**
 * One `/lightbus/segment/1.0.0` exchange with the coordinator at `addr` (a lease request or a result).
 * @throws {ProtocolMessageError} for a malformed answer.
 */
export function segmentExchange(node: NetworkNode, addr: string, req: SegmentRequest): Promise<SegmentResponse> {
  return exchange(node, addr, SEGMENT_PROTOCOL, undefined, encodeMessage(req), parseSegmentResponse)
}
