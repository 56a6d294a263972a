import { decodeAbiParameters } from 'viem'
import { MalformedInputError } from '../../errors/base.ts'
import { ClaimRejectedError, UnknownSelectorError, UnsupportedProofSystemError } from '../../errors/zk.ts'
import { sha256Wasm as sha256 } from '../../kernels/kernels.ts'
import { type Groth16VerifyingKey, parseVerifyingKey, proofFromEip197, wordAt } from '../groth16/types.ts'
import { beToBig, describeValue, hexBytes, MASK_253, toHex } from './bytes.ts'
import v1_2_0 from './keys/sp1_groth16_v1.2.0.json'
import v2_0_0 from './keys/sp1_groth16_v2.0.0.json'
import v3_0_0 from './keys/sp1_groth16_v3.0.0.json'
import v4_0_0_rc3 from './keys/sp1_groth16_v4.0.0-rc.3.json'
import v5_0_0 from './keys/sp1_groth16_v5.0.0.json'
import v6_0_0 from './keys/sp1_groth16_v6.0.0.json'
import v6_1_0 from './keys/sp1_groth16_v6.1.0.json'
import knownHeliosPrograms from './keys/sp1_helios_known_program_vkeys.json'
import verifierHashes from './keys/verifier_hashes.json'
import type { ZkClaim } from './types.ts'

/**
 * SP1 Groth16 (gnark) proofs. Source: succinctlabs/sp1-contracts `contracts/src/v{N}/SP1VerifierGroth16.sol`
 * (public inputs: program vkey hash, sha256(publicValues) & (2^253−1); v6 adds exitCode, vkRoot, nonce).
 */
// Maps, not plain objects: versions come from the input, and `KEYS['__proto__']` would be Object.prototype.
const KEYS: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  ['v1.2.0', v1_2_0],
  ['v2.0.0', v2_0_0],
  ['v3.0.0', v3_0_0],
  ['v4.0.0-rc.3', v4_0_0_rc3],
  ['v5.0.0', v5_0_0],
  ['v6.0.0', v6_0_0],
  ['v6.1.0', v6_1_0],
])
const parsed = new Map<string, Groth16VerifyingKey>()
/**
 * The shipped SP1 Groth16 verifying key of `version` (e.g. `"v2.0.0"`).
 * @throws {UnknownSelectorError} For a version Lightbus does not ship (including `"__proto__"`, `"constructor"`).
 */
export function sp1VerifyingKey(version: string): Groth16VerifyingKey {
  let vk = parsed.get(version)
  if (!vk) {
    const json = KEYS.get(version)
    if (json === undefined) throw new UnknownSelectorError({ family: 'SP1', selector: version })
    vk = parseVerifyingKey(json, `sp1-groth16-${version}`)
    parsed.set(version, vk)
  }
  return vk
}

type VerifierInfo = { groth16: string; plonk: string; vkRoot: string }
const HASHES: ReadonlyMap<string, VerifierInfo> = new Map(Object.entries(verifierHashes as Record<string, VerifierInfo>))

/** Groth16 and PLONK selectors (first 4 bytes of `VERIFIER_HASH()`) → version. */
export const SP1_SELECTORS: ReadonlyMap<string, { version: string; system: 'groth16' | 'plonk' }> = new Map(
  [...HASHES].flatMap(([version, h]): [string, { version: string; system: 'groth16' | 'plonk' }][] => [
    [h.groth16.slice(0, 10).toLowerCase(), { version, system: 'groth16' }],
    [h.plonk.slice(0, 10).toLowerCase(), { version, system: 'plonk' }],
  ]),
)

const isV6 = (version: string) => /^v[6-9]\./.test(version)

/** `sha256(publicValues) & (2^253 − 1)`, the digest read big-endian. */
export const sp1PublicValuesDigest = (publicValues: Uint8Array) => beToBig(sha256(publicValues)) & MASK_253

/** An SP1 proof as sp1-contracts' tests take it: `proof` = selector ‖ [exitCode ‖ vkRoot ‖ nonce] ‖ uint256[8]. */
export type Sp1ProofJson = { programVkey: string; publicValues: string; proof: string; verifierVersion?: string; kind?: string }

/**
 * Decodes an SP1 proof and derives its public inputs; the version comes from the selector.
 * @throws {MalformedInputError} For wrong lengths or a version that contradicts the selector.
 * @throws {UnknownSelectorError} For a selector of no shipped version.
 * @throws {UnsupportedProofSystemError} For PLONK proofs (gnark PLONK is not verified in the tab).
 * @throws {ClaimRejectedError} For v6+ proofs with a non-zero exit code or a foreign vk root.
 */
export function decodeSp1Proof(json: unknown): ZkClaim {
  const p = json as Partial<Sp1ProofJson> | null
  if (!p || typeof p !== 'object') throw new MalformedInputError({ what: 'SP1 proof', details: 'expected { programVkey, publicValues, proof }' })
  const proof = hexBytes(p.proof, 'proof')
  if (proof.length < 4) throw new MalformedInputError({ what: 'SP1 proof', details: 'shorter than its selector' })
  const selector = toHex(proof.subarray(0, 4))
  const known = SP1_SELECTORS.get(selector)
  if (!known) throw new UnknownSelectorError({ family: 'SP1', selector })
  if (p.verifierVersion !== undefined && p.verifierVersion !== known.version) {
    throw new MalformedInputError({ what: 'SP1 proof', details: `verifierVersion ${describeValue(p.verifierVersion)} but the selector is ${known.version}'s` })
  }
  if (known.system === 'plonk' || p.kind === 'plonk') {
    throw new UnsupportedProofSystemError({
      system: `SP1 PLONK (gnark, ${known.version})`,
      reason: 'gnark PLONK uses its own transcript, proof layout and BSB22 commitment; no maintained verifier for it runs in the browser yet.',
    })
  }
  const programVkey = hexBytes(p.programVkey, 'programVkey', 32)
  const publicValues = hexBytes(p.publicValues, 'publicValues')
  const body = proof.subarray(4)
  const inputs = [beToBig(programVkey), sp1PublicValuesDigest(publicValues)]
  const facts: ZkClaim['facts'] = { programVkey: toHex(programVkey), verifierVersion: known.version, selector }
  let words = body
  if (isV6(known.version)) {
    if (body.length !== 96 + 256) throw new MalformedInputError({ what: 'SP1 v6 proof', details: `expected 4 + 352 bytes, got ${proof.length}` })
    const exitCode = wordAt(body, 0)
    const vkRoot = wordAt(body, 1)
    const nonce = wordAt(body, 2)
    if (exitCode !== 0n) throw new ClaimRejectedError({ reason: `exit code ${exitCode} (only 0 is a successful execution)` })
    const expectedRoot = HASHES.get(known.version)?.vkRoot
    if (!expectedRoot || vkRoot !== BigInt(expectedRoot))
      throw new ClaimRejectedError({ reason: `vk root ${toHex(body.subarray(32, 64))} is not ${known.version}'s` })
    inputs.push(exitCode, vkRoot, nonce)
    Object.assign(facts, { exitCode: 0, vkRoot: toHex(body.subarray(32, 64)), nonce: toHex(body.subarray(64, 96)) })
    words = body.subarray(96)
  } else if (body.length !== 256) {
    throw new MalformedInputError({ what: 'SP1 proof', details: `expected 4 + 256 bytes, got ${proof.length}` })
  }
  return {
    family: 'sp1',
    kind: 'zkvm',
    statement: `SP1 proof: program ${toHex(programVkey)} ran and committed these public values`,
    system: 'groth16',
    programId: toHex(programVkey),
    version: known.version,
    checks: [{ label: 'SP1 Groth16 proof', vk: sp1VerifyingKey(known.version), publicInputs: inputs, proof: proofFromEip197(words) }],
    output: toHex(publicValues),
    facts,
  }
}

/** SP1-Helios (succinctlabs/sp1-helios@7fdcc18) `ProofOutputs`, ABI-encoded as the program commits them. */
const HELIOS_OUTPUTS = [
  { name: 'executionStateRoot', type: 'bytes32' },
  { name: 'newHeader', type: 'bytes32' },
  { name: 'nextSyncCommitteeHash', type: 'bytes32' },
  { name: 'newHead', type: 'uint256' },
  { name: 'prevHeader', type: 'bytes32' },
  { name: 'prevHead', type: 'uint256' },
  { name: 'syncCommitteeHash', type: 'bytes32' },
] as const

/**
 * SP1-Helios program vkeys (bytes32, lowercase) whose proofs the sp1-helios repository publishes, copied byte for
 * byte from ../shared/fixtures/zk/sp1-helios/known_program_vkeys.json (each entry names its source:
 * succinctlabs/sp1-helios@7fdcc18dc335070896d73881a5913f2b26ac047c `contracts/proof.bin`, `proof.bin`).
 * A proof of any other program is a valid SP1 proof of an unknown program, not a proof of consensus.
 */
export const SP1_HELIOS_PROGRAMS: ReadonlyMap<string, { sp1Version: string; source: string }> = new Map(
  knownHeliosPrograms.programs.map((p) => [p.programVkey.toLowerCase(), { sp1Version: p.sp1Version, source: p.source }]),
)

/** Whether `programVkey` (0x-hex bytes32) is a known SP1-Helios program. Never throws. */
export const isKnownSp1HeliosProgram = (programVkey: string) => SP1_HELIOS_PROGRAMS.has(programVkey.toLowerCase())

/**
 * Decodes an SP1-Helios light-client proof (`encodedProof` = uint256[8] without selector; version from
 * `sp1Version` or `groth16VkeyHash`). When its `programVkey` is a known SP1-Helios program
 * ({@link SP1_HELIOS_PROGRAMS}) the claim is `kind: 'zkpos'` with the light-client facts its public values
 * commit to; otherwise it is `kind: 'unknown-program'` ("valid SP1 proof of an unknown program" once
 * verified) and its public values are not read as consensus facts.
 * @throws As {@link decodeSp1Proof}; {@link UnknownSelectorError} for an unknown `sp1Version`/`groth16VkeyHash`.
 */
export function decodeSp1HeliosProof(json: unknown): ZkClaim {
  const h = json as Record<string, unknown> | null
  if (!h || typeof h !== 'object' || Array.isArray(h)) throw new MalformedInputError({ what: 'SP1-Helios proof', details: 'expected an object' })
  const vkeyHash = typeof h.groth16VkeyHash === 'string' ? h.groth16VkeyHash : undefined
  const fromHash = vkeyHash ? SP1_SELECTORS.get(vkeyHash.slice(0, 10).toLowerCase()) : undefined
  if (h.sp1Version !== undefined && typeof h.sp1Version !== 'string')
    throw new MalformedInputError({ what: 'SP1-Helios sp1Version', details: `expected a string, got ${describeValue(h.sp1Version)}` })
  const version = h.sp1Version ?? fromHash?.version
  const hashes = version === undefined ? undefined : HASHES.get(version)
  if (version === undefined || !KEYS.has(version) || !hashes)
    throw new UnknownSelectorError({ family: 'SP1-Helios', selector: describeValue(h.sp1Version ?? vkeyHash) })
  const selector = hashes.groth16.slice(0, 10)
  const encoded = hexBytes(h.encodedProof, 'encodedProof')
  const claim = decodeSp1Proof({ programVkey: h.programVkey, publicValues: h.publicValues, proof: `${selector}${toHex(encoded).slice(2)}` })
  const program = SP1_HELIOS_PROGRAMS.get(claim.programId.toLowerCase())
  if (!program) {
    return {
      ...claim,
      family: 'sp1-helios',
      kind: 'unknown-program',
      statement: `valid SP1 proof of an unknown program (program vkey ${claim.programId} is not a known SP1-Helios program)`,
    }
  }
  let outputs: readonly unknown[]
  try {
    outputs = decodeAbiParameters(HELIOS_OUTPUTS, claim.output as `0x${string}`)
  } catch (cause) {
    throw new MalformedInputError({ what: 'SP1-Helios public values', cause })
  }
  const facts = Object.fromEntries(HELIOS_OUTPUTS.map((o, i) => [o.name, typeof outputs[i] === 'bigint' ? Number(outputs[i]) : String(outputs[i])]))
  return {
    ...claim,
    family: 'sp1-helios',
    kind: 'zkpos',
    statement: `proof of Ethereum consensus by the SP1-Helios program ${claim.programId} (${program.source})`,
    facts: { ...claim.facts, ...facts, heliosProgram: program.source },
  }
}
