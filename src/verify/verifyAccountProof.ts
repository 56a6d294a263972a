import { fromRlp, type Hex, hexToBytes, toRlp } from 'viem'
import { InputTooLargeError, MalformedInputError } from '../errors/base.ts'
import { InvalidMptProofError, ProofMismatchError, ProofValueMismatchError } from '../errors/verify.ts'
import { keccak256Wasm, mptGetWasm } from '../kernels/kernels.ts'
import { assertHex, describeValue, parseQuantity, quantityToHex, toHex, unwrapRpcResult } from './hex.ts'

/** keccak256(rlp('')): the root of an empty trie (an account without storage). */
export const EMPTY_TRIE_ROOT: Hex = '0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421'
/** keccak256(''): the code hash of an account without code. */
export const EMPTY_CODE_HASH: Hex = '0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470'

/** An account and storage slots proven under a state root. Quantities are bigint (wei for balance). */
export type VerifiedAccount = {
  address: Hex
  exists: boolean
  nonce: bigint
  balanceWei: bigint
  storageHash: Hex
  codeHash: Hex
  /** Storage slots (32-byte keys) and their proven values (uint256). */
  storage: { key: Hex; value: bigint; exists: boolean }[]
}

/**
 * The question an `eth_getProof` answer must prove: the account (20 bytes) and the storage keys (each at
 * most 32 bytes, compared left-padded to 32), in the order they were requested. `'self-described'` takes
 * the answer's own address and keys (a proof file checked on its own, with no question behind it).
 */
export type ProofRequest = { address: string; storageKeys: readonly string[] } | 'self-described'

/**
 * Normalises a storage key as `eth_getProof` takes it (a quantity or up to 32 bytes of hex) to 32 bytes.
 * @throws {MalformedInputError} When it is not hex or longer than 32 bytes.
 */
export function toStorageKey(value: unknown, what = 'storage key'): Hex {
  const hex = typeof value === 'string' && /^0x[0-9a-fA-F]*$/.test(value) && value.length > 2 ? value : undefined
  if (!hex) throw new MalformedInputError({ what, details: `expected 0x-hex of at most 32 bytes, got ${describeValue(value)}` })
  const digits = hex.slice(2).replace(/^0+(?=.)/, '')
  if (digits.length > 64) throw new MalformedInputError({ what, details: `expected at most 32 bytes, got ${Math.ceil(digits.length / 2)}` })
  return `0x${digits.padStart(64, '0').toLowerCase()}` as Hex
}

/** Most nodes one proof path may have: a 32-byte key is 64 nibbles, so at most 64 branch nodes and a leaf (65), with slack. */
export const MAX_PROOF_NODES = 80
/** Most storage slots one answer may prove. */
export const MAX_STORAGE_PROOFS = 1024

/** The request as checked values. @throws {MalformedInputError} When it is not `{ address, storageKeys: string[] }`. */
function parseRequest(request: unknown): { address: Hex; keys: Hex[] } {
  const r = request as { address?: unknown; storageKeys?: unknown } | null
  if (!r || typeof r !== 'object' || !Array.isArray(r.storageKeys)) {
    throw new MalformedInputError({ what: 'eth_getProof request', details: 'expected { address, storageKeys: [...] }' })
  }
  if (r.storageKeys.length > MAX_STORAGE_PROOFS) throw new InputTooLargeError({ what: 'requested storage keys', limit: MAX_STORAGE_PROOFS, unit: 'items' })
  return { address: assertHex(r.address, 'requested address', 20), keys: r.storageKeys.map((k) => toStorageKey(k, 'requested storage key')) }
}

/** A JSON-RPC quantity of at most 32 bytes (nonce, balance, storage value). @throws {MalformedInputError} */
function parseUint256(value: unknown, what: string): bigint {
  // Checked before BigInt: leading zeros aside, at most 64 hex digits.
  if (typeof value === 'string' && value.length > 66 && /^0x0*[0-9a-fA-F]{65}/.test(value)) {
    throw new MalformedInputError({ what, details: 'more than 32 bytes' })
  }
  return parseQuantity(value, what)
}

/**
 * Verifies an EIP-1186 `eth_getProof` result against a trusted state root: the account proof under
 * `stateRoot` (key keccak256(address), value rlp([nonce, balance, storageHash, codeHash])) and every
 * storage proof under the proven `storageHash` (key keccak256(pad32(slot)), value rlp(uint)). Absent
 * accounts and slots are proven by exclusion and must be claimed as empty / zero.
 * Spec: https://eips.ethereum.org/EIPS/eip-1186 ; trie: Ethereum yellow paper appendix D.
 * MPT walking and keccak: the project's WASM kernels (wasm/assembly/mpt.ts, keccak.ts), differentially
 * tested against `@ethereumjs/mpt` `verifyMerkleProof` and viem's keccak256 (src/kernels/kernels.test.ts).
 * @param stateRoot - 32-byte hex state root from a verified header.
 * @param proofJson - The `eth_getProof` result (bare, or a JSON-RPC envelope).
 * @param request - What was asked: the answer must be for this address and exactly these storage keys, in order.
 * @throws {MalformedInputError} When the JSON is not an `eth_getProof` result (or the request is malformed).
 * @throws {InputTooLargeError} Over {@link MAX_PROOF_NODES} nodes in a path or {@link MAX_STORAGE_PROOFS} slots.
 * @throws {ProofMismatchError} When the answer is for another address or other storage keys.
 * @throws {InvalidMptProofError} When a proof does not resolve under its root.
 * @throws {ProofValueMismatchError} When a proven value differs from the claimed one.
 */
export async function verifyAccountProof(stateRoot: string, proofJson: unknown, request: ProofRequest): Promise<VerifiedAccount> {
  const root = assertHex(stateRoot, 'state root', 32)
  const asked = request === 'self-described' ? undefined : parseRequest(request)
  const p = unwrapRpcResult(proofJson) as Record<string, unknown> | null
  if (!p || typeof p !== 'object' || !Array.isArray(p.accountProof) || !Array.isArray(p.storageProof ?? [])) {
    throw new MalformedInputError({ what: 'eth_getProof result', details: 'missing accountProof/storageProof' })
  }
  // Bounded work for any answer: a real path has at most MAX_PROOF_NODES nodes, an answer at most MAX_STORAGE_PROOFS slots.
  if (p.accountProof.length > MAX_PROOF_NODES) throw new InputTooLargeError({ what: 'accountProof', limit: MAX_PROOF_NODES, unit: 'items' })
  if (((p.storageProof ?? []) as unknown[]).length > MAX_STORAGE_PROOFS) {
    throw new InputTooLargeError({ what: 'storageProof', limit: MAX_STORAGE_PROOFS, unit: 'items' })
  }
  const address = assertHex(p.address, 'address', 20)
  if (asked && address !== asked.address) throw new ProofMismatchError({ what: 'account', requested: asked.address, answered: address })
  const storageProof = (p.storageProof ?? []) as unknown[]
  if (asked) {
    const answered = storageProof.map((s, i) => toStorageKey((s as { key?: unknown } | null)?.key, `storageProof[${i}].key`))
    if (answered.length !== asked.keys.length || answered.some((k, i) => k !== asked.keys[i])) {
      throw new ProofMismatchError({ what: 'set of storage keys', requested: `[${asked.keys.join(', ')}]`, answered: `[${answered.join(', ')}]` })
    }
  }
  const claimed = {
    nonce: parseUint256(p.nonce, 'nonce'),
    balanceWei: parseUint256(p.balance, 'balance'),
    storageHash: assertHex(p.storageHash, 'storageHash', 32),
    codeHash: assertHex(p.codeHash, 'codeHash', 32),
  }
  const accountProof = p.accountProof.map((n, i) => hexToBytes(assertHex(n, `accountProof[${i}]`)))
  const value = await walk(hexToBytes(root), hexToBytes(address), accountProof, 'account')

  let exists = false
  if (value === null) {
    if (claimed.nonce !== 0n || claimed.balanceWei !== 0n || claimed.storageHash !== EMPTY_TRIE_ROOT || claimed.codeHash !== EMPTY_CODE_HASH) {
      throw new ProofValueMismatchError({ what: 'account', claimed: 'an existing account', proven: 'no account at this address' })
    }
  } else {
    exists = true
    const expected = toRlp([
      claimed.nonce === 0n ? '0x' : quantityToHex(claimed.nonce),
      claimed.balanceWei === 0n ? '0x' : quantityToHex(claimed.balanceWei),
      claimed.storageHash,
      claimed.codeHash,
    ])
    const proven = toHex(value)
    if (proven !== expected) {
      throw new ProofValueMismatchError({ what: 'account', claimed: expected, proven })
    }
  }

  const storage = [] as VerifiedAccount['storage']
  for (const [i, s] of (storageProof as Record<string, unknown>[]).entries()) {
    if (!s || typeof s !== 'object' || !Array.isArray(s.proof)) {
      throw new MalformedInputError({ what: `storageProof[${i}]` })
    }
    const key = toStorageKey(s.key, `storageProof[${i}].key`)
    const claimedValue = parseUint256(s.value, `storageProof[${i}].value`)
    if (s.proof.length > MAX_PROOF_NODES) throw new InputTooLargeError({ what: `storageProof[${i}].proof`, limit: MAX_PROOF_NODES, unit: 'items' })
    const nodes = s.proof.map((n, j) => hexToBytes(assertHex(n, `storageProof[${i}].proof[${j}]`)))
    // An empty storage trie holds no slot: its root alone proves the value is 0.
    const leaf =
      claimed.storageHash === EMPTY_TRIE_ROOT && nodes.length === 0
        ? null
        : await walk(hexToBytes(claimed.storageHash), hexToBytes(key), nodes, `storage slot ${key}`)
    const provenValue = leaf === null ? 0n : decodeStorageValue(leaf, key)
    if (provenValue !== claimedValue) {
      throw new ProofValueMismatchError({ what: `storage slot ${key}`, claimed: quantityToHex(claimedValue), proven: quantityToHex(provenValue) })
    }
    storage.push({ key, value: provenValue, exists: leaf !== null })
  }
  return { address, exists, ...claimed, storage }
}

/** Walks `proof` for keccak256(key) under `root`: the value, or null when proven absent. */
async function walk(root: Uint8Array, key: Uint8Array, proof: Uint8Array[], what: string): Promise<Uint8Array | null> {
  try {
    return mptGetWasm(root, keccak256Wasm(key), proof)
  } catch (cause) {
    throw new InvalidMptProofError({ what, cause })
  }
}

function decodeStorageValue(leaf: Uint8Array, key: Hex): bigint {
  try {
    const v = fromRlp(leaf, 'hex')
    if (typeof v !== 'string') throw new MalformedInputError({ what: 'storage value', details: 'expected an RLP string' })
    return v === '0x' ? 0n : BigInt(v)
  } catch (cause) {
    throw new InvalidMptProofError({ what: `storage slot ${key} (leaf is not rlp(uint))`, cause })
  }
}
