import { ProtocolMessageError } from '../../errors/p2p.ts'
import { parseLease, type SegmentLease } from '../../prover/network/lease.ts'
import { MAX_SEGMENT_PO2, MIN_SEGMENT_PO2 } from '../../prover/vm/segments.ts'

/** Largest frame body (bytes) on any prover-network protocol: 8 MiB. */
export const MAX_FRAME_BYTES = 8 << 20
/** Largest segment proof a result may carry (bytes, after base64 decoding): 4 MiB. */
export const MAX_PROOF_BYTES = 4 << 20

/** `/lightbus/segment/1.0.0` requests (docs/prover-network.md, "Segment protocol"). */
export type SegmentRequest = { type: 'lease-request'; jobId?: string; backend: string; maxPo2: number } | { type: 'result'; leaseId: string; proof: Uint8Array }
/** `/lightbus/segment/1.0.0` responses. `code` is an error code of docs/errors.md. */
export type SegmentResponse =
  | { type: 'lease'; lease: SegmentLease }
  | { type: 'no-work' }
  | { type: 'accepted'; leaseId: string }
  | { type: 'rejected'; leaseId: string; code: string; message: string }
  | { type: 'error'; code: string; message: string }

/** `/lightbus/job/1.0.0` submit request: a shipped program by name, or code (0x-hex) and entry. */
export type JobRequest = { type: 'submit'; program?: string; code?: `0x${string}`; entry?: number; input: number[]; po2: number }
/** `/lightbus/job/1.0.0` status request: a job's progress, and its receipt once assembled. */
export type JobStatusRequest = { type: 'status'; jobId: string }
export type JobResponse =
  | { type: 'job'; jobId: string }
  | { type: 'status'; jobId: string; segments: number; accepted: number; receipt?: unknown }
  | { type: 'error'; code: string; message: string }
/** Largest `/lightbus/job/1.0.0` status response (a receipt) a client reads: 64 MiB. */
export const MAX_RECEIPT_FRAME_BYTES = 64 << 20

/** A gossipsub job announcement on {@link JOBS_TOPIC}. `open` = segments neither accepted nor leased. */
export type JobAnnouncement = {
  type: 'job'
  jobId: string
  coordinator: string
  addrs: string[]
  imageId: string
  program?: string
  po2: number
  segments: number
  cycles: number
  open: number
  accepted: number
}

const bad = (protocol: string, reason: string): never => {
  throw new ProtocolMessageError({ protocol, reason })
}
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown, max = 256): v is string => typeof v === 'string' && v.length <= max
const uint = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0

/** Base64 (RFC 4648, with padding) of bytes; works in Node and browsers. */
export function toBase64(bytes: Uint8Array): string {
  let s = ''
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(s)
}

/** @throws {ProtocolMessageError} if `s` is not base64 or decodes to more than `max` bytes. */
export function fromBase64(s: string, protocol: string, max: number): Uint8Array {
  if (s.length > Math.ceil(max / 3) * 4 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) bad(protocol, 'proof is not base64 of at most 4 MiB')
  const bin = atob(s)
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}

/** UTF-8 JSON bytes of a message (proofs as base64). */
export function encodeMessage(m: SegmentRequest | SegmentResponse | JobRequest | JobStatusRequest | JobResponse | JobAnnouncement): Uint8Array {
  const plain = m.type === 'result' ? { ...m, proof: toBase64(m.proof) } : m
  return new TextEncoder().encode(JSON.stringify(plain))
}

/** @throws {ProtocolMessageError} if `bytes` is over the cap or not UTF-8 JSON. */
export function decodeJson(bytes: Uint8Array, protocol: string, maxBytes = MAX_FRAME_BYTES): unknown {
  if (bytes.length > maxBytes) bad(protocol, `frame of ${bytes.length} bytes is over the ${maxBytes}-byte cap`)
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch (e) {
    throw new ProtocolMessageError({ protocol, reason: 'frame is not UTF-8 JSON', cause: e })
  }
}

/** @throws {ProtocolMessageError} */
export function parseSegmentRequest(v: unknown): SegmentRequest {
  const p = '/lightbus/segment/1.0.0'
  if (!isObj(v)) return bad(p, 'not an object')
  if (v.type === 'lease-request') {
    if (v.jobId !== undefined && !str(v.jobId, 66)) bad(p, 'jobId is not a string')
    if (!str(v.backend, 32)) bad(p, 'backend is not a string')
    if (!uint(v.maxPo2)) bad(p, 'maxPo2 is not an integer')
    return { type: 'lease-request', ...(v.jobId === undefined ? {} : { jobId: v.jobId as string }), backend: v.backend as string, maxPo2: v.maxPo2 as number }
  }
  if (v.type === 'result') {
    if (!str(v.leaseId, 128)) bad(p, 'leaseId is not a string')
    if (typeof v.proof !== 'string') return bad(p, 'proof is not a base64 string')
    return { type: 'result', leaseId: v.leaseId as string, proof: fromBase64(v.proof, p, MAX_PROOF_BYTES) }
  }
  return bad(p, `unknown request type ${JSON.stringify(v.type)?.slice(0, 40)}`)
}

/** @throws {ProtocolMessageError} (a malformed lease too: its MalformedLeaseError is the cause). */
export function parseSegmentResponse(v: unknown): SegmentResponse {
  const p = '/lightbus/segment/1.0.0'
  if (!isObj(v)) return bad(p, 'not an object')
  switch (v.type) {
    case 'lease':
      try {
        return { type: 'lease', lease: parseLease(v.lease) }
      } catch (e) {
        throw new ProtocolMessageError({ protocol: p, reason: 'malformed lease', cause: e })
      }
    case 'no-work':
      return { type: 'no-work' }
    case 'accepted':
      if (!str(v.leaseId, 128)) bad(p, 'leaseId is not a string')
      return { type: 'accepted', leaseId: v.leaseId as string }
    case 'rejected':
    case 'error':
      if (!str(v.code, 64) || !str(v.message, 4096)) bad(p, 'code or message is not a string')
      if (v.type === 'error') return { type: 'error', code: v.code as string, message: v.message as string }
      if (!str(v.leaseId, 128)) bad(p, 'leaseId is not a string')
      return { type: 'rejected', leaseId: v.leaseId as string, code: v.code as string, message: v.message as string }
    default:
      return bad(p, `unknown response type ${JSON.stringify(v.type)?.slice(0, 40)}`)
  }
}

/** @throws {ProtocolMessageError} */
export function parseJobRequest(v: unknown): JobRequest | JobStatusRequest {
  const p = '/lightbus/job/1.0.0'
  if (isObj(v) && v.type === 'status') {
    if (!str(v.jobId, 66)) bad(p, 'jobId is not a string')
    return { type: 'status', jobId: v.jobId as string }
  }
  if (!isObj(v) || v.type !== 'submit') return bad(p, 'not a submit or status message')
  if (v.program !== undefined && !str(v.program, 64)) bad(p, 'program is not a name')
  if (v.code !== undefined && !(typeof v.code === 'string' && /^0x([0-9a-fA-F]{2})*$/.test(v.code) && v.code.length <= 2 + 2 * 8 * 4096))
    bad(p, 'code is not 0x-hex')
  if (v.entry !== undefined && !uint(v.entry)) bad(p, 'entry is not an integer')
  if ((v.program === undefined) === (v.code === undefined)) bad(p, 'give program or code')
  if (!Array.isArray(v.input) || v.input.length > 1 << 20 || !v.input.every(uint)) bad(p, 'input is not an array of at most 2^20 integers')
  if (!uint(v.po2) || (v.po2 as number) < MIN_SEGMENT_PO2 || (v.po2 as number) > MAX_SEGMENT_PO2)
    bad(p, `po2 is not in [${MIN_SEGMENT_PO2}, ${MAX_SEGMENT_PO2}]`)
  return {
    type: 'submit',
    ...(v.program === undefined ? {} : { program: v.program as string }),
    ...(v.code === undefined ? {} : { code: v.code as `0x${string}`, entry: (v.entry as number | undefined) ?? 0 }),
    input: v.input as number[],
    po2: v.po2 as number,
  }
}

/** @throws {ProtocolMessageError} */
export function parseJobResponse(v: unknown): JobResponse {
  const p = '/lightbus/job/1.0.0'
  if (!isObj(v)) return bad(p, 'not an object')
  if (v.type === 'job' && str(v.jobId, 66)) return { type: 'job', jobId: v.jobId as string }
  if (v.type === 'status' && str(v.jobId, 66) && uint(v.segments) && uint(v.accepted))
    return {
      type: 'status',
      jobId: v.jobId as string,
      segments: v.segments as number,
      accepted: v.accepted as number,
      ...(v.receipt === undefined ? {} : { receipt: v.receipt }),
    }
  if (v.type === 'error' && str(v.code, 64) && str(v.message, 4096)) return { type: 'error', code: v.code as string, message: v.message as string }
  return bad(p, 'not a job or error message')
}

/** @throws {ProtocolMessageError} */
export function parseAnnouncement(v: unknown): JobAnnouncement {
  const p = '/lightbus/jobs/1.0.0'
  if (!isObj(v) || v.type !== 'job') return bad(p, 'not a job announcement')
  if (!str(v.jobId, 66) || !str(v.coordinator, 128) || !str(v.imageId, 66)) bad(p, 'jobId, coordinator or imageId is not a string')
  if (!Array.isArray(v.addrs) || v.addrs.length > 16 || !v.addrs.every((a) => str(a, 512))) bad(p, 'addrs is not a list of at most 16 multiaddrs')
  if (v.program !== undefined && !str(v.program, 64)) bad(p, 'program is not a name')
  for (const k of ['po2', 'segments', 'cycles', 'open', 'accepted'] as const) if (!uint(v[k])) bad(p, `${k} is not an integer`)
  return {
    type: 'job',
    jobId: v.jobId as string,
    coordinator: v.coordinator as string,
    addrs: v.addrs as string[],
    imageId: v.imageId as string,
    ...(v.program === undefined ? {} : { program: v.program as string }),
    po2: v.po2 as number,
    segments: v.segments as number,
    cycles: v.cycles as number,
    open: v.open as number,
    accepted: v.accepted as number,
  }
}
