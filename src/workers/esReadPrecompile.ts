import type { ProvenanceCheck } from '../bus/provenance.ts'
import { MalformedInputError } from '../errors/base.ts'
import { RpcRequestError } from '../errors/net.ts'
import { StoredDataUnavailableError } from '../errors/web3.ts'
import { fetchJson } from '../net/fetchJson.ts'
import { hexToBytes } from '../verify/hex.ts'
import { BLOB_CAPACITY } from '../verify/storage/blobCodec.ts'
import { decodeEthStorageReadInput, ETHSTORAGE_READ_PRECOMPILE, readVerified } from '../verify/storage/ethStorageRead.ts'
import { BYTES_PER_BLOB } from '../verify/storage/kzgInputs.ts'

type Hex = `0x${string}`
/** BLOB's verifyStoredBlob: KZG blob proof → versioned hash[0:24] = hash24 → content decoded to `size` bytes. */
export type VerifyStoredBlob = (
  served: { blob: Hex | Uint8Array; commitment: Hex; proof: Hex },
  meta: { hash24: Hex; size: number },
) => Promise<{ bytes: Uint8Array; versionedHash: Hex; checks: ProvenanceCheck[] }>

/** JSON-RPC error code of the storage node: it does not hold the blob (devnet/storage/rpc.ts BLOB_NOT_HELD). */
export const BLOB_NOT_HELD = 4404

/**
 * The EthStorage read precompile (0x33301) for the verified eth_call: decodes the input (BLOB's
 * decodeEthStorageReadInput: kvIdx, decodeType, off, len, bytes24 hash read by the EVM from KVStorage's proven
 * storage), fetches `lightbus_getBlob(hash24)` from the storage node (blob, KZG commitment, KZG blob proof),
 * verifies it with `verify` (BLOB's verifyStoredBlob) against that hash, and answers the `len` bytes at `off` of the
 * verified content (or raw blob) with BLOB's readVerified. Every step's checks go to `onChecks`.
 * @throws {StoredDataUnavailableError} The node answers 4404 (it does not hold the blob; the beacon chain prunes
 *   blobs after ~18 days, so no other source holds it either).
 * @throws The verifier's typed errors (KzgProofInvalid, VersionedHashMismatch, MalformedBlob…): the call fails.
 */
export function createEsReadPrecompile(opts: {
  nodeUrl: string
  verify: VerifyStoredBlob
  onChecks?: (checks: ProvenanceCheck[]) => void
  /** Ties the verified blob to a light-client-verified beacon block (src/net/storage/anchorBlob.ts); its checks join the blob's. */
  anchor?: (versionedHash: Hex, blockNumber: number) => Promise<ProvenanceCheck[]>
}) {
  return {
    address: ETHSTORAGE_READ_PRECOMPILE as Hex,
    async run(input: Uint8Array): Promise<Uint8Array> {
      const q = decodeEthStorageReadInput(input)
      const t0 = performance.now()
      const body = (await fetchJson(opts.nodeUrl, {
        method: 'POST',
        body: { jsonrpc: '2.0', id: 1, method: 'lightbus_getBlob', params: [q.hash24] },
      })) as { result?: { blob: Hex; commitment: Hex; proof: Hex }; error?: { code?: number; message?: string } }
      if (body?.error) {
        if (body.error.code === BLOB_NOT_HELD) throw new StoredDataUnavailableError({ versionedHash: `${q.hash24}…`, source: `storage node ${opts.nodeUrl}` })
        throw new RpcRequestError({ method: 'lightbus_getBlob', code: body.error.code ?? 0, message: body.error.message ?? 'unknown error' })
      }
      const served = body?.result
      if (!served || typeof served !== 'object')
        throw new MalformedInputError({ what: 'lightbus_getBlob result', details: 'expected { blob, commitment, proof }' })
      const fetched = performance.now() - t0
      const blob = hexToBytes(served.blob, 'served blob', BYTES_PER_BLOB)
      // Decode the whole capacity (every padding byte checked); the contract asks only for bytes below its proven size.
      const verified = await opts.verify({ blob, commitment: served.commitment, proof: served.proof }, { hash24: q.hash24, size: BLOB_CAPACITY })
      opts.onChecks?.([
        {
          label: `Blob fetched for kvIdx ${q.kvIdx}`,
          detail: `lightbus_getBlob(${q.hash24.slice(0, 18)}…) from ${opts.nodeUrl}; hash read from proven KVStorage state`,
          ms: fetched,
        },
        ...verified.checks,
      ])
      if (opts.anchor) {
        const n = (served as { blockNumber?: unknown }).blockNumber
        if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0)
          throw new MalformedInputError({ what: 'lightbus_getBlob result', details: 'blockNumber is not a block number' })
        opts.onChecks?.(await opts.anchor(verified.versionedHash, n))
      }
      return readVerified(q, { content: verified.bytes, blob, versionedHash: verified.versionedHash })
    },
  }
}
