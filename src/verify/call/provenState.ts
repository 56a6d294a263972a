import { type Hex, hexToBytes, keccak256 } from 'viem'
import { InputTooLargeError, MalformedInputError } from '../../errors/base.ts'
import { CodeHashMismatchError } from '../../errors/call.ts'
import { ProofValueMismatchError } from '../../errors/verify.ts'
import { VerificationCancelledError } from '../../errors/zk.ts'
import { assertHex } from '../hex.ts'
import { EMPTY_CODE_HASH, toStorageKey, type VerifiedAccount, verifyAccountProof } from '../verifyAccountProof.ts'
import type { CallBlock, CallLimits, CallProofCache, CallStateSource } from './types.ts'

/** One proven account: its fields, its proven slots (32-byte key → value) and, when it has code, the hash-checked code. */
export type ProvenAccount = {
  account: VerifiedAccount
  slots: Map<Hex, bigint>
  code: Uint8Array | undefined
}

/** What one call may read: accounts by lower-case address. Counters for the result's `proven`. */
export type ProvenState = {
  accounts: Map<Hex, ProvenAccount>
  counts: { accounts: number; slots: number; codes: number; codeBytes: number }
  /** Milliseconds spent fetching and verifying proofs, and code. */
  ms: { proofs: number; code: number }
}

export const emptyProvenState = (): ProvenState => ({
  accounts: new Map(),
  counts: { accounts: 0, slots: 0, codes: 0, codeBytes: 0 },
  ms: { proofs: 0, code: 0 },
})

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new VerificationCancelledError()
}

/** Runs `fn` over `items`, at most `width` at a time. */
async function pool<T>(items: T[], width: number, fn: (x: T) => Promise<void>): Promise<void> {
  let next = 0
  const lane = async () => {
    while (next < items.length) await fn(items[next++] as T)
  }
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane))
}

/** `{address, storageKeys}` lists merged by address (lower case), keys normalised to 32 bytes and deduplicated. */
export function mergeAccessList(lists: { address: unknown; storageKeys?: unknown }[]): Map<Hex, Hex[]> {
  const out = new Map<Hex, Set<Hex>>()
  for (const [i, e] of lists.entries()) {
    if (!e || typeof e !== 'object') throw new MalformedInputError({ what: `access list entry ${i}` })
    const address = assertHex(e.address, `access list entry ${i} address`, 20)
    const keys = e.storageKeys ?? []
    if (!Array.isArray(keys)) throw new MalformedInputError({ what: `access list entry ${i} storageKeys` })
    const set = out.get(address) ?? new Set<Hex>()
    for (const k of keys) set.add(toStorageKey(k, `access list entry ${i} storage key`))
    out.set(address, set)
  }
  return new Map([...out].map(([a, s]) => [a, [...s]]))
}

/**
 * Fetches `eth_getProof` for every account and its slots, verifies each under `block.stateRoot`
 * (verifyAccountProof: it must answer exactly the address and keys asked), then fetches `eth_getCode` for
 * every account with code and checks keccak256(code) == the proven codeHash. Adds to `state`.
 * @throws {InputTooLargeError} Over `limits` (accounts, slots, code bytes).
 * @throws {CodeHashMismatchError} Served code of another hash.
 * @throws {VerificationCancelledError} When `signal` aborts.
 * @throws The proof errors of verifyAccountProof (ProofMismatch, InvalidMptProof, ProofValueMismatch, MalformedInput).
 */
export async function proveAccounts(
  source: CallStateSource,
  block: CallBlock,
  wanted: Map<Hex, Hex[]>,
  state: ProvenState,
  limits: CallLimits,
  signal?: AbortSignal,
  cache?: CallProofCache,
): Promise<void> {
  const todo = [...wanted].filter(([a]) => !state.accounts.has(a))
  if (state.counts.accounts + todo.length > limits.maxAccounts)
    throw new InputTooLargeError({ what: 'accounts to prove', limit: limits.maxAccounts, unit: 'items' })
  const slots = todo.reduce((n, [, k]) => n + k.length, 0)
  if (state.counts.slots + slots > limits.maxSlots) throw new InputTooLargeError({ what: 'storage slots to prove', limit: limits.maxSlots, unit: 'items' })
  const root = block.stateRoot.toLowerCase()
  const t0 = performance.now()
  const proven: [Hex, VerifiedAccount][] = []
  await pool(todo, 8, async ([address, keys]) => {
    throwIfAborted(signal)
    const ck = `${root}|proof|${address}|${keys.join(',')}`
    let account = cache?.get(ck) as VerifiedAccount | undefined
    if (!account) {
      const raw = await source.getProof(address, keys, block.number)
      throwIfAborted(signal)
      account = await verifyAccountProof(root, raw, { address, storageKeys: keys })
      cache?.set(ck, account)
    }
    proven.push([address, account])
  })
  state.ms.proofs += performance.now() - t0
  const t1 = performance.now()
  const withCode = proven.filter(([, a]) => a.exists && a.codeHash !== EMPTY_CODE_HASH)
  const codes = new Map<Hex, Uint8Array>()
  await pool(withCode, 8, async ([address, account]) => {
    throwIfAborted(signal)
    const ck = `${root}|code|${account.codeHash}`
    let code = cache?.get(ck) as Uint8Array | undefined
    if (!code) {
      const raw = await source.getCode(address, block.number)
      throwIfAborted(signal)
      // Bounded before decoding: the hex string of the whole budget left.
      const left = limits.maxCodeBytes - state.counts.codeBytes
      if (typeof raw === 'string' && raw.length > 2 + 2 * left)
        throw new InputTooLargeError({ what: 'contract code fetched', limit: limits.maxCodeBytes, unit: 'bytes' })
      code = hexToBytes(assertHex(raw, `code of ${address}`))
      const served = keccak256(code)
      if (served !== account.codeHash) throw new CodeHashMismatchError({ address, proven: account.codeHash, served })
      cache?.set(ck, code)
    }
    state.counts.codeBytes += code.length
    if (state.counts.codeBytes > limits.maxCodeBytes) throw new InputTooLargeError({ what: 'contract code fetched', limit: limits.maxCodeBytes, unit: 'bytes' })
    codes.set(address, code)
  })
  state.ms.code += performance.now() - t1
  for (const [address, account] of proven) {
    state.accounts.set(address, { account, slots: new Map(account.storage.map((s) => [s.key, s.value])), code: codes.get(address) })
    state.counts.accounts++
    state.counts.slots += account.storage.length
    if (codes.has(address)) state.counts.codes++
  }
}

/**
 * Proves one more slot of an account already in `state` (a read the access list did not announce): its
 * `eth_getProof` answer must prove the same account fields under the same root, and the slot.
 * @throws {InputTooLargeError} Over `limits.maxSlots`. @throws {ProofValueMismatchError} Other account fields. And the proof errors.
 */
export async function proveSlot(
  source: CallStateSource,
  block: CallBlock,
  address: Hex,
  slot: Hex,
  state: ProvenState,
  limits: CallLimits,
  signal?: AbortSignal,
) {
  const known = state.accounts.get(address)
  if (!known) throw new MalformedInputError({ what: 'slot request', details: `account ${address} is not proven yet` })
  if (state.counts.slots + 1 > limits.maxSlots) throw new InputTooLargeError({ what: 'storage slots to prove', limit: limits.maxSlots, unit: 'items' })
  throwIfAborted(signal)
  const t0 = performance.now()
  const raw = await source.getProof(address, [slot], block.number)
  throwIfAborted(signal)
  const a = await verifyAccountProof(block.stateRoot, raw, { address, storageKeys: [slot] })
  if (
    a.storageHash !== known.account.storageHash ||
    a.codeHash !== known.account.codeHash ||
    a.nonce !== known.account.nonce ||
    a.balanceWei !== known.account.balanceWei
  ) {
    throw new ProofValueMismatchError({ what: `account ${address}`, claimed: 'the same account twice under one root', proven: 'two different accounts' })
  }
  known.slots.set(slot, a.storage[0]?.value ?? 0n)
  state.counts.slots++
  state.ms.proofs += performance.now() - t0
  return known
}
