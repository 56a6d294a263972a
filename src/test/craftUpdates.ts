// Test builder: light-client bootstraps and updates signed by sync committees of interop-style keys, on the
// devnet chain config (mainnet preset: 512-member committees, 8192-slot periods; Deneb from genesis).
// Pure: sparse SSZ Merkle trees stand in for BeaconState and BeaconBlockBody, holding only the leaves a
// light client checks (current/next sync committee, finalized root, execution payload header).
import bls from '@chainsafe/bls/switchable'
import type { SecretKey } from '@chainsafe/bls/types'
import { BitArray } from '@chainsafe/ssz'
import { DOMAIN_SYNC_COMMITTEE, SYNC_COMMITTEE_SIZE } from '@lodestar/params'
import { type altair, type deneb, ssz } from '@lodestar/types'
import { toHex } from '@lodestar/utils'
import { sha256 } from '@noble/hashes/sha2.js'
import { getBeaconConfig } from '../consensus/chainConfig.ts'

export const craftConfig = getBeaconConfig('devnet')
export const SLOTS_PER_PERIOD = 8192
/** The slot `offset` slots into sync-committee period `period`. */
export const slotIn = (period: number, offset: number) => period * SLOTS_PER_PERIOD + offset

/** BLS12-381 scalar field order r. */
const CURVE_ORDER = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001n
const leToBig = (b: Uint8Array) => b.reduceRight((x, v) => (x << 8n) | BigInt(v), 0n)
const be32 = (n: bigint) => Uint8Array.from({ length: 32 }, (_, i) => Number((n >> BigInt(8 * (31 - i))) & 0xffn))

/** A sync committee and its members' secret scalars (interop keys: sk_i = int_le(sha256(le32(i))) mod r). */
export type CraftedCommittee = { committee: altair.SyncCommittee; scalars: bigint[] }

const committees = new Map<number, CraftedCommittee>()

/** The committee of interop keys `index * 512 .. index * 512 + 511` (memoised). */
export function craftCommittee(index: number): CraftedCommittee {
  const known = committees.get(index)
  if (known) return known
  const scalars = Array.from({ length: SYNC_COMMITTEE_SIZE }, (_, i) => {
    const le = new Uint8Array(32)
    let x = index * SYNC_COMMITTEE_SIZE + i
    for (let j = 0; x > 0; j++, x = Math.floor(x / 256)) le[j] = x % 256
    return leToBig(sha256(le)) % CURVE_ORDER
  })
  const pubkeys = scalars.map((s) => bls.SecretKey.fromBytes(be32(s)).toPublicKey().toBytes())
  const all = bls.SecretKey.fromBytes(be32(scalars.reduce((a, b) => (a + b) % CURVE_ORDER, 0n)))
  const crafted = { committee: { pubkeys, aggregatePubkey: all.toPublicKey().toBytes() }, scalars }
  committees.set(index, crafted)
  return crafted
}

/** The one key that signs for members `0 .. participants-1`: Σ sk mod r (a BLS aggregate signature is linear). */
const signerOf = (c: CraftedCommittee, participants: number): SecretKey =>
  bls.SecretKey.fromBytes(be32(c.scalars.slice(0, participants).reduce((a, b) => (a + b) % CURVE_ORDER, 0n)))

const hash = (a: Uint8Array, b: Uint8Array) => {
  const x = new Uint8Array(64)
  x.set(a)
  x.set(b, 32)
  return sha256(x)
}
const depthOf = (g: bigint) => g.toString(2).length - 1

/** A sparse binary Merkle tree: given leaves by generalized index, every other subtree is a zero node. */
function sparseTree(leaves: Map<bigint, Uint8Array>) {
  const isAncestor = (g: bigint, k: bigint) => depthOf(k) >= depthOf(g) && k >> BigInt(depthOf(k) - depthOf(g)) === g
  const node = (g: bigint): Uint8Array => {
    const leaf = leaves.get(g)
    if (leaf) return leaf
    if (![...leaves.keys()].some((k) => isAncestor(g, k))) return new Uint8Array(32)
    return hash(node(2n * g), node(2n * g + 1n))
  }
  return {
    root: () => node(1n),
    branch: (g: bigint) => {
      const out: Uint8Array[] = []
      for (let x = g; x > 1n; x >>= 1n) out.push(node(x ^ 1n))
      return out
    },
  }
}

/** BeaconState (Deneb) generalized indices the light client proves. */
const CURRENT_SYNC_COMMITTEE_GINDEX = 54n
const NEXT_SYNC_COMMITTEE_GINDEX = 55n
const FINALIZED_ROOT_GINDEX = 105n
const EXECUTION_PAYLOAD_GINDEX = 25n

/** A valid Deneb `LightClientHeader` at `slot` whose beacon `state_root` is `stateRoot`. */
export function craftHeader(slot: number, stateRoot: Uint8Array): deneb.LightClientHeader {
  const execution = ssz.deneb.ExecutionPayloadHeader.defaultValue()
  execution.blockNumber = slot
  execution.blockHash = sha256(new TextEncoder().encode(`block ${slot}`))
  execution.stateRoot = sha256(new TextEncoder().encode(`execution state ${slot}`))
  const body = sparseTree(new Map([[EXECUTION_PAYLOAD_GINDEX, ssz.deneb.ExecutionPayloadHeader.hashTreeRoot(execution)]]))
  return {
    beacon: { slot, proposerIndex: 0, parentRoot: new Uint8Array(32), stateRoot, bodyRoot: body.root() },
    execution,
    executionBranch: body.branch(EXECUTION_PAYLOAD_GINDEX),
  }
}

/** A finalized header at `slot` (its state root is arbitrary: nothing is proven under it). */
export const craftFinalizedHeader = (slot: number) => craftHeader(slot, sha256(new TextEncoder().encode(`state ${slot}`)))

/** A `LightClientBootstrap` (beacon-API JSON) at `slot` with `current` as its committee, and its checkpoint root. */
export function craftBootstrap(slot: number, current: CraftedCommittee): { checkpointRoot: string; json: unknown } {
  const state = sparseTree(new Map([[CURRENT_SYNC_COMMITTEE_GINDEX, ssz.altair.SyncCommittee.hashTreeRoot(current.committee)]]))
  const header = craftHeader(slot, state.root())
  const bootstrap = { header, currentSyncCommittee: current.committee, currentSyncCommitteeBranch: state.branch(CURRENT_SYNC_COMMITTEE_GINDEX) }
  return {
    checkpointRoot: toHex(ssz.phase0.BeaconBlockHeader.hashTreeRoot(header.beacon)),
    json: { version: 'deneb', data: ssz.deneb.LightClientBootstrap.toJson(bootstrap) },
  }
}

export type CraftUpdate = {
  attestedSlot: number
  signatureSlot: number
  /** Finalized header slot (proven in the attested state), or absent for no finality. */
  finalizedSlot?: number
  /** Next sync committee (proven in the attested state), or absent. */
  next?: CraftedCommittee
  /** The committee whose members sign. */
  signer: CraftedCommittee
  /** Members 0..participants-1 sign (default 512). */
  participants?: number
}

function craft(o: CraftUpdate): deneb.LightClientUpdate {
  const finalized = o.finalizedSlot === undefined ? null : craftFinalizedHeader(o.finalizedSlot)
  const leaves = new Map<bigint, Uint8Array>()
  if (finalized) leaves.set(FINALIZED_ROOT_GINDEX, ssz.phase0.BeaconBlockHeader.hashTreeRoot(finalized.beacon))
  if (o.next) leaves.set(NEXT_SYNC_COMMITTEE_GINDEX, ssz.altair.SyncCommittee.hashTreeRoot(o.next.committee))
  // A leaf that no update reveals keeps each crafted attested state distinct.
  leaves.set(CURRENT_SYNC_COMMITTEE_GINDEX, sha256(new TextEncoder().encode(`attested ${o.attestedSlot}`)))
  const state = sparseTree(leaves)
  const attested = craftHeader(o.attestedSlot, state.root())
  const participants = o.participants ?? SYNC_COMMITTEE_SIZE
  const bits = BitArray.fromBitLen(SYNC_COMMITTEE_SIZE)
  for (let i = 0; i < participants; i++) bits.set(i, true)
  const signingRoot = ssz.phase0.SigningData.hashTreeRoot({
    objectRoot: ssz.phase0.BeaconBlockHeader.hashTreeRoot(attested.beacon),
    domain: craftConfig.getDomain(o.signatureSlot - 1, DOMAIN_SYNC_COMMITTEE),
  })
  return {
    attestedHeader: attested,
    nextSyncCommittee: o.next?.committee ?? ssz.altair.SyncCommittee.defaultValue(),
    nextSyncCommitteeBranch: o.next ? state.branch(NEXT_SYNC_COMMITTEE_GINDEX) : Array.from({ length: 5 }, () => new Uint8Array(32)),
    finalizedHeader: finalized ?? ssz.deneb.LightClientHeader.defaultValue(),
    finalityBranch: finalized ? state.branch(FINALIZED_ROOT_GINDEX) : Array.from({ length: 6 }, () => new Uint8Array(32)),
    syncAggregate: { syncCommitteeBits: bits, syncCommitteeSignature: signerOf(o.signer, participants).sign(signingRoot).toBytes() },
    signatureSlot: o.signatureSlot,
  }
}

/** A `LightClientUpdate` as beacon-API JSON (`{ version, data }`). */
export const craftUpdate = (o: CraftUpdate) => ({ version: 'deneb', data: ssz.deneb.LightClientUpdate.toJson(craft(o)) })

/** A `LightClientFinalityUpdate` as beacon-API JSON. */
export function craftFinalityUpdate(o: Omit<CraftUpdate, 'next'> & { finalizedSlot: number }) {
  const u = craft(o)
  return {
    version: 'deneb',
    data: ssz.deneb.LightClientFinalityUpdate.toJson({
      attestedHeader: u.attestedHeader,
      finalizedHeader: u.finalizedHeader,
      finalityBranch: u.finalityBranch,
      syncAggregate: u.syncAggregate,
      signatureSlot: u.signatureSlot,
    }),
  }
}
