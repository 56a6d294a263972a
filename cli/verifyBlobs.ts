import { parseArgs } from 'node:util'
import { MAX_BLOB_TX_BYTES, verifyBlobTx } from '../src/verify/storage/blobTx.ts'
import { verifySidecars } from '../src/verify/storage/sidecars.ts'
import { elapsedMs } from './output.ts'
import { readCappedFile, readJsonFile } from './readInput.ts'
import { parseRootArg, UsageError } from './usage.ts'

/**
 * `verify sidecars FILE [--block-root 0x…]`: a beacon-API `blob_sidecars` response; each blob's KZG proof and the
 * inclusion proof of its commitment under the header's body_root; prints the header's block root (and checks it
 * against `--block-root` when given).
 * @throws {UsageError | InputTooLargeError | MalformedInputError | SidecarMismatchError | InclusionProofInvalidError}
 * and the KZG errors (MalformedBlob, InvalidKzgEncoding, KzgProofInvalid).
 */
export async function verifySidecarsCli(args: string[]) {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { 'block-root': { type: 'string' } } })
  if (positionals.length !== 1) throw new UsageError('give exactly one blob_sidecars FILE')
  const blockRoot = values['block-root'] === undefined ? undefined : parseRootArg(values['block-root'], 'block-root')
  const json = await readJsonFile(positionals[0], 'FILE')
  const t0 = performance.now()
  const r = await verifySidecars(json, undefined, blockRoot ? { blockRoot } : {})
  return {
    ok: true,
    command: 'verify sidecars',
    blockRoot: r.blockRoot,
    // Without a verified root the header (and so its body_root) is bound to nothing: the checks then show only that
    // the blobs, commitments and branches agree with that header, not that the block is on any chain.
    anchored: blockRoot !== undefined,
    ...(blockRoot
      ? { blockRootMatches: true }
      : { note: 'header not bound to a verified block root: give --block-root (a light-client-verified root) to anchor it' }),
    slot: r.slot,
    bodyRoot: r.bodyRoot,
    sidecars: r.sidecars,
    checks: r.checks,
    elapsedMs: elapsedMs(t0),
  }
}

/**
 * `verify blob-tx FILE`: a network-form type-3 transaction as hex (4844 wrapper v0 with blob proofs, or 7594
 * wrapper v1 with cell proofs): each blob against its commitment, each versioned hash against the tx's.
 * @throws {UsageError | InputTooLargeError | MalformedInputError | VersionedHashMismatchError} and the KZG errors.
 */
export async function verifyBlobTxCli(args: string[]) {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} })
  if (positionals.length !== 1) throw new UsageError('give exactly one blob transaction FILE (hex)')
  const text = (await readCappedFile(positionals[0] as string, 'FILE', 2 * MAX_BLOB_TX_BYTES + 16)).toString('utf8')
  const t0 = performance.now()
  const r = await verifyBlobTx(text)
  return {
    ok: true,
    command: 'verify blob-tx',
    txHash: r.txHash,
    chainId: r.chainId,
    wrapperVersion: r.wrapperVersion,
    blobs: r.blobs,
    cellProofs: r.cellProofs,
    checks: r.checks,
    elapsedMs: elapsedMs(t0),
  }
}
