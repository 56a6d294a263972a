import type { ProvenanceCheck } from '../bus/provenance.ts'
import { MalformedInputError } from '../errors/base.ts'
import { RpcRequestError } from '../errors/net.ts'
import { StoredDataUnavailableError } from '../errors/web3.ts'
import { fetchJson } from '../net/fetchJson.ts'

/** The EthStorage read precompile's address (KVStorage.get staticcalls it; es-geth serves it; anvil has none). */
export const ES_READ_PRECOMPILE = '0x0000000000000000000000000000000000033301' as const
/** DecodeType of the precompile input: 0 raw blob bytes, 1 PaddingPer31Bytes content. */
export const DECODE_RAW = 0
export const DECODE_PADDING_31 = 1
const BYTES_PER_BLOB = 131072
const BLOB_CAPACITY = 4096 * 31

type Hex = `0x${string}`
/** BLOB's verifyStoredBlob: KZG blob proof → versioned hash[0:24] = hash24 → content decoded to `size` bytes. */
export type VerifyStoredBlob = (
  served: { blob: Hex | Uint8Array; commitment: Hex; proof: Hex },
  meta: { hash24: Hex; size: number },
) => Promise<{ bytes: Uint8Array; versionedHash: Hex; checks: ProvenanceCheck[] }>

export type EsReadInput = { kvIdx: bigint; decodeType: number; off: number; len: number; hash24: Hex }

const hex = (b: Uint8Array) => `0x${Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')}` as Hex
const word = (input: Uint8Array, i: number) => input.subarray(32 * i, 32 * i + 32)
const wordToBigInt = (w: Uint8Array) => w.reduce((a, x) => (a << 8n) | BigInt(x), 0n)

/**
 * Decodes the precompile input `abi.encode(uint256 kvIdx, uint8 decodeType, uint256 off, uint256 len, bytes32 hash)`
 * (160 bytes; `hash` = the 24-byte KV hash left-aligned, read by the EVM from KVStorage's proven storage).
 * @throws {MalformedInputError} Not 160 bytes, decodeType not 0/1, off/len past the blob, hash not 24 bytes + zeros.
 */
export function decodeEsReadInput(input: Uint8Array): EsReadInput {
  if (input.length !== 160) throw new MalformedInputError({ what: 'EthStorage read precompile input', details: `expected 160 bytes, got ${input.length}` })
  const kvIdx = wordToBigInt(word(input, 0))
  const decodeType = Number(wordToBigInt(word(input, 1)))
  const off = wordToBigInt(word(input, 2))
  const len = wordToBigInt(word(input, 3))
  const hash = word(input, 4)
  const limit = BigInt(decodeType === DECODE_RAW ? BYTES_PER_BLOB : BLOB_CAPACITY)
  if (decodeType !== DECODE_RAW && decodeType !== DECODE_PADDING_31) {
    throw new MalformedInputError({
      what: 'EthStorage read precompile input',
      details: `decodeType ${decodeType} is not supported (0 raw, 1 PaddingPer31Bytes)`,
    })
  }
  if (off + len > limit) throw new MalformedInputError({ what: 'EthStorage read precompile input', details: `off ${off} + len ${len} past ${limit} bytes` })
  if (hash.subarray(24).some((x) => x !== 0))
    throw new MalformedInputError({ what: 'EthStorage read precompile input', details: 'hash is not a left-aligned bytes24' })
  return { kvIdx, decodeType, off: Number(off), len: Number(len), hash24: hex(hash.subarray(0, 24)) }
}

/** JSON-RPC error code of the storage node: it does not hold the blob (devnet/storage/rpc.ts BLOB_NOT_HELD). */
export const BLOB_NOT_HELD = 4404

/**
 * The EthStorage read precompile (0x33301) for the verified eth_call: fetches `lightbus_getBlob(hash24)` from the
 * storage node (blob, KZG commitment, KZG blob proof), verifies it with BLOB's verifyStoredBlob against the hash
 * the contract passed in (which the EVM read from proven storage: verified down to the light client's header),
 * and returns the `len` bytes at `off` of the blob decoded per `decodeType` (raw, or PaddingPer31Bytes content).
 * Every step's checks go to `onChecks`.
 * @throws {StoredDataUnavailableError} The node answers 4404 (it does not hold the blob; the beacon chain prunes
 *   blobs after ~18 days, so no other source holds it either).
 * @throws The verifier's typed errors (KzgProofInvalid, VersionedHashMismatch, MalformedBlob…): the call fails.
 */
export function createEsReadPrecompile(opts: { nodeUrl: string; verify: VerifyStoredBlob; onChecks?: (checks: ProvenanceCheck[]) => void }) {
  return {
    address: ES_READ_PRECOMPILE as Hex,
    async run(input: Uint8Array): Promise<Uint8Array> {
      const q = decodeEsReadInput(input)
      const t0 = performance.now()
      const body = (await fetchJson(opts.nodeUrl, {
        method: 'POST',
        body: { jsonrpc: '2.0', id: 1, method: 'lightbus_getBlob', params: [q.hash24] },
      })) as { result?: { blob: Hex; commitment: Hex; proof: Hex; versionedHash?: Hex }; error?: { code?: number; message?: string } }
      if (body?.error) {
        if (body.error.code === BLOB_NOT_HELD) throw new StoredDataUnavailableError({ versionedHash: `${q.hash24}…`, source: `storage node ${opts.nodeUrl}` })
        throw new RpcRequestError({ method: 'lightbus_getBlob', code: body.error.code ?? 0, message: body.error.message ?? 'unknown error' })
      }
      const served = body?.result
      if (!served || typeof served !== 'object')
        throw new MalformedInputError({ what: 'lightbus_getBlob result', details: 'expected { blob, commitment, proof }' })
      const fetched = performance.now() - t0
      // Decode the whole capacity (every padding byte checked); the contract asks only for bytes below its proven size.
      const verified = await opts.verify({ blob: served.blob, commitment: served.commitment, proof: served.proof }, { hash24: q.hash24, size: BLOB_CAPACITY })
      opts.onChecks?.([
        {
          label: `Blob fetched for kvIdx ${q.kvIdx}`,
          detail: `lightbus_getBlob(${q.hash24.slice(0, 18)}…) from ${opts.nodeUrl}; hash from proven KVStorage state`,
          ms: fetched,
        },
        ...verified.checks,
      ])
      if (q.decodeType === DECODE_PADDING_31) return verified.bytes.slice(q.off, q.off + q.len)
      const raw = typeof served.blob === 'string' ? hexToBytesLoose(served.blob) : (served.blob as Uint8Array)
      return raw.slice(q.off, q.off + q.len)
    },
  }
}

function hexToBytesLoose(h: string): Uint8Array {
  const s = h.startsWith('0x') ? h.slice(2) : h
  const out = new Uint8Array(s.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(s.slice(2 * i, 2 * i + 2), 16)
  return out
}
