import type { Hex } from 'viem'
import type { ProvenanceCheck } from '../../bus/provenance.ts'
import { HttpRequestError } from '../../errors/net.ts'
import { BlobNotAnchoredError } from '../../errors/storage.ts'
import { assertHex } from '../../verify/hex.ts'
import { type LinkedBeaconBlock, linkBeaconBlock } from '../../verify/storage/beaconBlockLink.ts'
import type { Kzg } from '../../verify/storage/kzg.ts'
import { verifySidecars } from '../../verify/storage/sidecars.ts'
import { fetchJson } from '../fetchJson.ts'

/** A beacon block root the light client verified (its finalized or optimistic header), where the walk starts. */
export type AnchorStart = { root: Hex; label: string }

/** Most blocks walked back from the verified header (a devnet site uploaded a few minutes ago is tens of slots back). */
export const MAX_ANCHOR_BLOCKS = 256

const ms = (t0: number) => Math.round((performance.now() - t0) * 10) / 10
/** Blocks already checked against their roots (a verified root's block never changes). */
const linked = new Map<string, LinkedBeaconBlock>()
/** Forgets the checked blocks (tests). */
export const clearAnchorCache = () => linked.clear()

/**
 * Ties a blob to the light client: from a verified beacon block root, walks `parent_root` back (each served block
 * must hash to the root its child names) to the block whose execution payload is `blockNumber`, checks that the
 * blob's versioned hash is one of that verified block's `blob_kzg_commitments`, and, where the beacon still serves
 * its `blob_sidecars`, checks the sidecar's KZG proof and its SSZ inclusion proof (depth 17) against that block root.
 * Pruned sidecars (404) are said so in the checks; the commitment was already found in the verified body.
 * @param target - `blockNumber`: the execution block of the blob transaction; `versionedHash`: 32 bytes 0x01….
 * @throws {BlobNotAnchoredError} A served block with another root, the block not found within `maxBlocks` (or
 *   newer than the verified header), or the versioned hash not in its commitments.
 * @throws Fetch errors (HttpRequest, Timeout, InputTooLarge), MalformedInput, the sidecar verifier's errors.
 */
export async function anchorBlobInBeacon(
  beaconUrl: string,
  start: AnchorStart,
  target: { blockNumber: number; versionedHash: Hex },
  options: { maxBlocks?: number; signal?: AbortSignal; kzg?: Kzg } = {},
): Promise<{ blockRoot: Hex; slot: number; checks: ProvenanceCheck[] }> {
  const maxBlocks = options.maxBlocks ?? MAX_ANCHOR_BLOCKS
  const wanted = assertHex(target.versionedHash, 'versioned hash', 32).toLowerCase() as Hex
  let root = assertHex(start.root, 'verified block root', 32).toLowerCase() as Hex
  const base = beaconUrl.replace(/\/$/, '')
  let t0 = performance.now()
  let block: LinkedBeaconBlock | undefined
  let walked = 0
  for (; walked < maxBlocks; walked++) {
    block = linked.get(root)
    if (!block) {
      block = linkBeaconBlock(await fetchJson(`${base}/eth/v2/beacon/blocks/${root}`, { signal: options.signal }), root)
      if (linked.size > 4096) linked.clear()
      linked.set(root, block)
    }
    if (block.executionBlockNumber <= target.blockNumber) break
    root = block.parentRoot
  }
  if (!block || block.executionBlockNumber !== target.blockNumber) {
    const newer = walked === 0 && block !== undefined && block.executionBlockNumber < target.blockNumber
    throw new BlobNotAnchoredError({
      reason: 'out-of-reach',
      details: newer
        ? `execution block ${target.blockNumber} is newer than the verified header (${start.label}, block ${block?.executionBlockNumber}); it anchors once the light client verifies a later header`
        : `no verified beacon block with execution block ${target.blockNumber} within ${maxBlocks} blocks of ${start.label}`,
    })
  }
  const index = block.versionedHashes.indexOf(wanted)
  if (index < 0)
    throw new BlobNotAnchoredError({
      details: `versioned hash ${wanted} is not among the ${block.versionedHashes.length} blob commitments of block ${block.root}`,
    })
  const checks: ProvenanceCheck[] = [
    {
      label: 'Beacon block of the blob (parent-root chain from the light client)',
      detail: `slot ${block.slot}, root ${block.root}: ${walked} parent link${walked === 1 ? '' : 's'} back from the ${start.label}; hash_tree_root of each served block checked`,
      ms: ms(t0),
    },
    { label: 'Commitment in the verified block body', detail: `blob_kzg_commitments[${index}] has versioned hash ${wanted}` },
  ]
  t0 = performance.now()
  let sidecars: unknown
  try {
    sidecars = await fetchJson(`${base}/eth/v1/beacon/blob_sidecars/${block.root}?indices=${index}`, { signal: options.signal })
  } catch (e) {
    if (!(e instanceof HttpRequestError)) throw e
    checks.push({
      label: 'Blob sidecar',
      detail: 'not served by the beacon (pruned after its retention window, or no sidecar route): the commitment above stands',
      ms: ms(t0),
    })
    return { blockRoot: block.root, slot: block.slot, checks }
  }
  const v = await verifySidecars(sidecars, options.kzg, { blockRoot: block.root })
  const side = v.sidecars.find((s) => s.index === index)
  if (!side || side.versionedHash.toLowerCase() !== wanted)
    throw new BlobNotAnchoredError({ details: `the sidecars of block ${block.root} do not include index ${index} with versioned hash ${wanted}` })
  checks.push({ label: 'Blob sidecar: KZG proof and SSZ inclusion proof (depth 17) to the verified block root', detail: `index ${index}`, ms: ms(t0) })
  return { blockRoot: block.root, slot: block.slot, checks }
}
