import { lpStream, streamPair } from '@libp2p/utils'
import { beforeAll, describe, expect, it } from 'vitest'
import { installNodeGlobals } from '../../../devnet/coordinator/nodeEnv.ts'
import { ProtocolMessageError } from '../../errors/p2p.ts'
import { jobIdOf, parseLease, type SegmentLease } from '../../prover/network/lease.ts'
import { execute } from '../../prover/vm/executor.ts'
import { cutSegments } from '../../prover/vm/segments.ts'
import { getProgram } from '../../prover/zkvm/programs.ts'
import { framed } from './frames.ts'
import {
  decodeJson,
  encodeMessage,
  MAX_FRAME_BYTES,
  MAX_PROOF_BYTES,
  parseAnnouncement,
  parseJobRequest,
  parseSegmentRequest,
  parseSegmentResponse,
  toBase64,
} from './messages.ts'

const fib = getProgram('fibonacci')
function aLease(): SegmentLease {
  const input = [400]
  const segs = cutSegments(execute(fib.program, input), 10)
  const s = segs[1]
  if (!s) throw new Error('no segment')
  return {
    leaseId: 'l1',
    coordinator: '12D3KooWtest',
    jobId: jobIdOf(fib.imageId, input, 10),
    imageId: fib.imageId,
    code: [...fib.program.code],
    entry: fib.program.entry,
    input,
    po2: 10,
    index: 1,
    segments: segs.length,
    start: s.start,
    cycles: s.end.cycle - s.start.cycle,
    deadlineMs: 1_700_000_000_000,
  }
}
const code = (f: () => unknown) => {
  try {
    f()
  } catch (e) {
    return (e as { code?: string }).code
  }
  return 'no error'
}

beforeAll(installNodeGlobals)

describe('prover-network messages', () => {
  it('a lease round-trips through JSON and parseLease', () => {
    const lease = aLease()
    expect(parseLease(JSON.parse(JSON.stringify(lease)))).toEqual(lease)
    const res = parseSegmentResponse(JSON.parse(new TextDecoder().decode(encodeMessage({ type: 'lease', lease }))))
    expect(res).toEqual({ type: 'lease', lease })
  })

  it('tampered or malformed leases are MalformedLease', () => {
    const lease = aLease()
    const tamper = (f: (l: any) => void) => {
      const l = JSON.parse(JSON.stringify(lease))
      f(l)
      return code(() => parseLease(l))
    }
    expect(tamper((l) => (l.code[0] ^= 1))).toBe('MalformedLease') // image id no longer matches
    expect(tamper((l) => (l.po2 = 9))).toBe('MalformedLease')
    expect(tamper((l) => (l.index = l.segments))).toBe('MalformedLease')
    expect(tamper((l) => (l.start.memory = l.start.memory.slice(1)))).toBe('MalformedLease')
    expect(tamper((l) => (l.start.regs[0] = 2 ** 31))).toBe('MalformedLease')
    expect(tamper((l) => (l.jobId = '0x12'))).toBe('MalformedLease')
    expect(tamper((l) => delete l.start)).toBe('MalformedLease')
    expect(code(() => parseLease(null))).toBe('MalformedLease')
    // Inside a response it is a ProtocolMessage whose cause is the MalformedLease.
    const l = JSON.parse(JSON.stringify(lease))
    l.entry = 99999
    try {
      parseSegmentResponse({ type: 'lease', lease: l })
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(ProtocolMessageError)
      expect((e as ProtocolMessageError).walk()).toMatchObject({ code: 'MalformedLease' })
    }
  })

  it('malformed messages are ProtocolMessage', () => {
    expect(code(() => decodeJson(new TextEncoder().encode('{"type":'), 'p'))).toBe('ProtocolMessage')
    expect(code(() => decodeJson(new Uint8Array([0xff, 0xfe]), 'p'))).toBe('ProtocolMessage')
    expect(code(() => parseSegmentRequest({ type: 'nope' }))).toBe('ProtocolMessage')
    expect(code(() => parseSegmentRequest([]))).toBe('ProtocolMessage')
    expect(code(() => parseSegmentRequest({ type: 'lease-request', backend: 1, maxPo2: 16 }))).toBe('ProtocolMessage')
    expect(code(() => parseSegmentRequest({ type: 'result', leaseId: 'x', proof: 'not base64!' }))).toBe('ProtocolMessage')
    const big = toBase64(new Uint8Array(MAX_PROOF_BYTES + 3))
    expect(code(() => parseSegmentRequest({ type: 'result', leaseId: 'x', proof: big }))).toBe('ProtocolMessage')
    expect(code(() => parseSegmentResponse({ type: 'rejected', leaseId: 'x', code: 5 }))).toBe('ProtocolMessage')
    expect(code(() => parseJobRequest({ type: 'submit', program: 'fibonacci', input: [1], po2: 17 }))).toBe('ProtocolMessage')
    expect(code(() => parseJobRequest({ type: 'submit', input: [1], po2: 10 }))).toBe('ProtocolMessage')
    expect(code(() => parseJobRequest({ type: 'submit', program: 'fibonacci', input: [-1], po2: 10 }))).toBe('ProtocolMessage')
    expect(code(() => parseAnnouncement({ type: 'job', jobId: 'x' }))).toBe('ProtocolMessage')
    const proof = new Uint8Array([1, 2, 3, 250])
    const r = parseSegmentRequest(JSON.parse(new TextDecoder().decode(encodeMessage({ type: 'result', leaseId: 'x', proof }))))
    expect(r).toEqual({ type: 'result', leaseId: 'x', proof })
  })

  it('framing: an over-cap length prefix and a non-JSON frame are ProtocolMessage; a good frame reads', async () => {
    const [a, b] = await streamPair()
    const raw = lpStream(a)
    const f = framed(b, 'test')
    await raw.write(new TextEncoder().encode('{"type":"no-work"}'))
    expect(await f.read()).toEqual({ type: 'no-work' })
    await raw.write(new TextEncoder().encode('not json'))
    await expect(f.read()).rejects.toMatchObject({ code: 'ProtocolMessage' })

    const [c, d] = await streamPair()
    // A varint length of MAX_FRAME_BYTES + 1, then nothing: refused before any body is read.
    let n = MAX_FRAME_BYTES + 1
    const prefix: number[] = []
    while (n >= 0x80) {
      prefix.push((n & 0x7f) | 0x80)
      n = Math.floor(n / 128)
    }
    prefix.push(n)
    c.send(Uint8Array.from(prefix))
    await expect(framed(d, 'test').read()).rejects.toMatchObject({ code: 'ProtocolMessage' })
  })
})
