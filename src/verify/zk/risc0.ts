import { MalformedInputError } from '../../errors/base.ts'
import { UnknownSelectorError } from '../../errors/zk.ts'
import { sha256Wasm as sha256 } from '../../kernels/kernels.ts'
import { type Groth16VerifyingKey, parseVerifyingKey, proofFromEip197 } from '../groth16/types.ts'
import { beBytes, concatBytes, hexBytes, leToBig, toHex, utf8ToBytes } from './bytes.ts'
import controlIds from './keys/control_ids_history.json'
import mainnetVerifiers from './keys/risc0_mainnet_verifiers.json'
import vkeyJson from './keys/risc0_risc0_groth16.json'
import type { ZkClaim } from './types.ts'

/**
 * RISC Zero Groth16 receipts. Source: risc0/risc0-ethereum `contracts/src/groth16/RiscZeroGroth16Verifier.sol`
 * and risc0 `risc0/zkvm/src/receipt_claim.rs` (tagged-struct hashing), as described in
 * ../shared/research/zk.md §2.2.
 */
const VK = parseVerifyingKey(vkeyJson, 'risc0-groth16')
const Z32 = new Uint8Array(32)
const u16le = (n: number) => new Uint8Array([n & 0xff, (n >> 8) & 0xff])
const u32le = (n: number) => new Uint8Array([n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff])
const tag = (s: string) => sha256(utf8ToBytes(s))

/** `tagged_struct(tag, down, data)` = sha256(sha256(tag) ‖ down… ‖ data… ‖ u16le(len(down))). */
const taggedStruct = (t: string, down: Uint8Array[], data: Uint8Array[] = []) => sha256(concatBytes(tag(t), ...down, ...data, u16le(down.length)))

/** Digest of the halted, zero-state `SystemState` (`SYSTEM_STATE_ZERO_DIGEST`). */
const SYSTEM_STATE_ZERO = taggedStruct('risc0.SystemState', [Z32], [u32le(0)])

/**
 * `ReceiptClaim::ok(image_id, journal).digest()`: input 0, pre = image id, post = halted zero state,
 * exit (Halted, 0), output = (sha256(journal), no assumptions). 32 bytes.
 * @param imageId - 32-byte image id as the contract takes it.
 */
export function risc0ClaimDigest(imageId: Uint8Array, journal: Uint8Array): Uint8Array {
  const output = taggedStruct('risc0.Output', [sha256(journal), Z32])
  return taggedStruct('risc0.ReceiptClaim', [Z32, imageId, SYSTEM_STATE_ZERO, output], [u32le(0), u32le(0)])
}

const g1Bytes = (p: readonly [bigint, bigint]) => concatBytes(beBytes(p[0], 32), beBytes(p[1], 32))
const g2Bytes = (p: readonly [readonly [bigint, bigint], readonly [bigint, bigint]]) =>
  concatBytes(beBytes(p[0][1], 32), beBytes(p[0][0], 32), beBytes(p[1][1], 32), beBytes(p[1][0], 32))

/** `VerifyingKey::digest()` of risc0-groth16 (the IC list is a tagged cons list folded from the end). */
export function risc0VerifyingKeyDigest(vk: Groth16VerifyingKey): Uint8Array {
  let list: Uint8Array = Z32
  for (const ic of [...vk.ic].reverse()) list = taggedStruct('risc0_groth16.VerifyingKey.IC', [sha256(g1Bytes(ic)), list])
  return taggedStruct('risc0_groth16.VerifyingKey', [
    sha256(g1Bytes(vk.alpha)),
    sha256(g2Bytes(vk.beta)),
    sha256(g2Bytes(vk.gamma)),
    sha256(g2Bytes(vk.delta)),
    list,
  ])
}

export type Risc0Version = { selector: string; controlRoot: Uint8Array; bn254ControlId: bigint; version: string | null; date: string }

/**
 * Selector table: for every shipped (control root, BN254 control id), the selector is the first 4 bytes of
 * `Groth16ReceiptVerifierParameters.digest()` = tagged_struct(control_root, reverse(bn254_control_id), vk_digest).
 */
export const RISC0_VERSIONS: ReadonlyMap<string, Risc0Version> = (() => {
  const vkDigest = risc0VerifyingKeyDigest(VK)
  const names = new Map(mainnetVerifiers.map((v) => [v.selector.toLowerCase(), v.version]))
  const table = new Map<string, Risc0Version>()
  for (const c of controlIds) {
    const controlRoot = hexBytes(c.controlRoot, 'controlRoot', 32)
    const idSol = hexBytes(c.bn254ControlIdSolidity, 'bn254ControlId', 32)
    const params = taggedStruct('risc0.Groth16ReceiptVerifierParameters', [controlRoot, idSol.slice().reverse(), vkDigest])
    const selector = toHex(params.subarray(0, 4))
    table.set(selector, { selector, controlRoot, bn254ControlId: BigInt(c.bn254ControlIdSolidity), version: names.get(selector) ?? null, date: c.date })
  }
  return table
})()

/** The receipt as RISC Zero's test contracts and `IRiscZeroVerifier.verify(seal, imageId, sha256(journal))` take it. */
export type Risc0Receipt = { seal: string; imageId: string; journal: string }

/**
 * Decodes a receipt and derives its 5 public inputs: control root (lo, hi), claim digest (lo, hi) — each the
 * little-endian integers of bytes [0,16) and [16,32) — and the BN254 control id.
 * @throws {MalformedInputError} For a seal that is not 4 + 256 bytes or a bad image id.
 * @throws {UnknownSelectorError} For a selector of no shipped version.
 */
export function decodeRisc0Receipt(json: unknown): ZkClaim {
  const r = json as Partial<Risc0Receipt> | null
  if (!r || typeof r !== 'object') throw new MalformedInputError({ what: 'RISC Zero receipt', details: 'expected { seal, imageId, journal }' })
  const seal = hexBytes(r.seal, 'seal')
  if (seal.length !== 260) throw new MalformedInputError({ what: 'seal', details: `expected 4 + 256 bytes, got ${seal.length}` })
  const imageId = hexBytes(r.imageId, 'imageId', 32)
  const journal = hexBytes(r.journal, 'journal')
  const selector = toHex(seal.subarray(0, 4))
  const version = RISC0_VERSIONS.get(selector)
  if (!version) throw new UnknownSelectorError({ family: 'RISC Zero', selector })
  const claim = risc0ClaimDigest(imageId, journal)
  const halves = (d: Uint8Array) => [leToBig(d.subarray(0, 16)), leToBig(d.subarray(16, 32))]
  return {
    family: 'risc0',
    kind: 'zkvm',
    statement: `RISC Zero receipt: image ${toHex(imageId)} ran to completion and committed this journal`,
    system: 'groth16',
    programId: toHex(imageId),
    version: version.version ?? `control root of ${version.date}`,
    checks: [
      {
        label: 'RISC Zero Groth16 seal',
        vk: VK,
        publicInputs: [...halves(version.controlRoot), ...halves(claim), version.bn254ControlId],
        proof: proofFromEip197(seal.subarray(4)),
      },
    ],
    output: toHex(journal),
    facts: {
      imageId: toHex(imageId),
      claimDigest: toHex(claim),
      selector,
      controlRoot: toHex(version.controlRoot),
      verifierVersion: version.version ?? 'unnamed',
    },
  }
}
