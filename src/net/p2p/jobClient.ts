import { multiaddr } from '@multiformats/multiaddr'
import { BaseError } from '../../errors/base.ts'
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

/**
 * One `/lightbus/job/1.0.0` exchange with the coordinator at `addr`: a submission or a status query.
 * @throws {ProtocolMessageError} for a malformed answer; a {@link BaseError} with the coordinator's code for an error answer.
 */
export async function jobExchange(node: NetworkNode, addr: string, req: JobRequest | JobStatusRequest): Promise<Exclude<JobResponse, { type: 'error' }>> {
  const stream = await node.dialProtocol(multiaddr(addr), JOB_PROTOCOL, { signal: AbortSignal.timeout(15_000) })
  try {
    const f = framed(stream, JOB_PROTOCOL, MAX_RECEIPT_FRAME_BYTES)
    const signal = AbortSignal.timeout(120_000)
    await f.write(encodeMessage(req), { signal })
    const res = parseJobResponse(await f.read({ signal }))
    await stream.close().catch(() => {})
    if (res.type === 'error') throw new CoordinatorAnswerError(res.code, res.message)
    return res
  } catch (e) {
    stream.abort(e as Error)
    throw e
  }
}

/**
 * One `/lightbus/segment/1.0.0` exchange with the coordinator at `addr` (a lease request or a result).
 * @throws {ProtocolMessageError} for a malformed answer.
 */
export async function segmentExchange(node: NetworkNode, addr: string, req: SegmentRequest): Promise<SegmentResponse> {
  const stream = await node.dialProtocol(multiaddr(addr), SEGMENT_PROTOCOL, { signal: AbortSignal.timeout(15_000) })
  try {
    const f = framed(stream, SEGMENT_PROTOCOL)
    const signal = AbortSignal.timeout(120_000)
    await f.write(encodeMessage(req), { signal })
    const res = parseSegmentResponse(await f.read({ signal }))
    await stream.close().catch(() => {})
    return res
  } catch (e) {
    stream.abort(e as Error)
    throw e
  }
}
