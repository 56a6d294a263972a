import type { AbortOptions, Stream } from '@libp2p/interface'
import { lpStream } from '@libp2p/utils'
import { ProtocolMessageError } from '../../errors/p2p.ts'
import { decodeJson, MAX_FRAME_BYTES } from './messages.ts'

/**
 * One request-response exchange per stream: unsigned-varint length prefix, then that many bytes of
 * UTF-8 JSON (docs/prover-network.md, "Framing"). Frames over {@link MAX_FRAME_BYTES} are refused
 * before their body is read.
 */
export type FramedStream = {
  read(options?: AbortOptions): Promise<unknown>
  write(bytes: Uint8Array, options?: AbortOptions): Promise<void>
}

/** Wraps a libp2p stream. `read` throws {@link ProtocolMessageError} for an oversized, truncated or non-JSON frame. */
export function framed(stream: Stream, protocol: string, maxBytes = MAX_FRAME_BYTES): FramedStream {
  // The byte buffer must hold a whole frame (its default is 4 MiB).
  const lp = lpStream(stream, { maxDataLength: maxBytes, maxBufferSize: maxBytes + 16 })
  return {
    async read(options) {
      let bytes: Uint8Array
      try {
        bytes = (await lp.read(options)).subarray()
      } catch (e) {
        throw new ProtocolMessageError({ protocol, reason: `cannot read a frame (${(e as Error).message})`, cause: e })
      }
      return decodeJson(bytes, protocol, maxBytes)
    },
    write: (bytes, options) => lp.write(bytes, options),
  }
}
