import { SimpleStateManager } from '@ethereumjs/statemanager'
import { Account, type Address, bigIntToUnpaddedBytes, bytesToHex, setLengthLeft } from '@ethereumjs/util'
import { type Hex, hexToBytes } from 'viem'
import { CallStateNotProvenError } from '../../errors/call.ts'
import { EMPTY_CODE_HASH, EMPTY_TRIE_ROOT } from '../verifyAccountProof.ts'
import type { ProvenAccount } from './provenState.ts'

/**
 * An EVM state manager that serves ONLY proven state: the accounts, slots and code of a ProvenState
 * (verified under the block's state root), plus what the call itself writes. Reading anything else throws
 * {@link CallStateNotProvenError} naming it, never a default 0 or empty code. A slot of an account whose
 * proven storage root is the empty trie (or that does not exist, or that the call created) is proven 0.
 * `onMissing` may prove a missing account or slot on demand (verifiedCall does so for precompile accounts,
 * which an access list never names, and for everything when the node gave no access list); it returns
 * undefined to refuse. What it proves is added to every checkpoint level (it was true before the call).
 * Base: @ethereumjs/statemanager SimpleStateManager (in-memory maps with checkpoint stacks).
 */
export class ProvenStateManager extends SimpleStateManager {
  /** Addresses whose unwritten slots are 0 by proof (empty storage root, absent account) or by the call (created, cleared). */
  private readonly zeroStorage = new Set<string>()
  /** The first not-proven read, kept in case the EVM swallows the throw. */
  firstError: unknown

  constructor(private readonly onMissing?: (address: Hex, slot?: Hex) => Promise<ProvenAccount | undefined>) {
    super()
  }

  /** Adds a proven account (and its proven slots and code) to the state the EVM may read. */
  addProven(address: Hex, p: ProvenAccount): void {
    const a = p.account
    const key = address.toLowerCase() as Hex
    const all = <V>(stack: Map<string, V>[], k: string, v: V) => {
      for (const m of stack) if (!m.has(k)) m.set(k, v)
    }
    if (!a.exists) {
      all(this.accountStack, key, undefined)
      this.zeroStorage.add(key)
      return
    }
    all(this.accountStack, key, new Account(a.nonce, a.balanceWei, hexToBytes(a.storageHash), hexToBytes(a.codeHash)))
    if (a.storageHash === EMPTY_TRIE_ROOT) this.zeroStorage.add(key)
    if (a.codeHash === EMPTY_CODE_HASH) all(this.codeStack, key, new Uint8Array(0))
    else if (p.code) all(this.codeStack, key, p.code)
    for (const [slot, value] of p.slots) all(this.storageStack, `${key}_${slot}`, bigIntToUnpaddedBytes(value))
  }

  private fail(kind: 'account' | 'storage' | 'code', item: string): never {
    const e = new CallStateNotProvenError({ kind, item })
    this.firstError ??= e
    throw e
  }

  override async getAccount(address: Address): Promise<Account | undefined> {
    const key = address.toString()
    if (!this.topAccountStack().has(key)) {
      const proven = await this.onMissing?.(key)
      if (!proven) this.fail('account', key)
      this.addProven(key, proven)
    }
    return super.getAccount(address)
  }

  override async getCode(address: Address): Promise<Uint8Array> {
    const key = address.toString()
    const code = this.topCodeStack().get(key)
    if (code) return code
    const account = await this.getAccount(address) // throws when the account itself is not proven
    if (account === undefined || bytesToHex(account.codeHash) === EMPTY_CODE_HASH) return new Uint8Array(0)
    // Proven on demand just now (no access list: getAccount added the account and its hash-checked code).
    const proven = this.topCodeStack().get(key)
    if (proven) return proven
    return this.fail('code', key)
  }

  override async getCodeSize(address: Address): Promise<number> {
    return (await this.getCode(address)).length
  }

  override async getStorage(address: Address, slot: Uint8Array): Promise<Uint8Array> {
    const key = address.toString()
    const k = `${key}_${bytesToHex(setLengthLeft(slot, 32))}`
    const value = this.topStorageStack().get(k)
    if (value) return value
    await this.getAccount(address)
    if (this.zeroStorage.has(key)) return new Uint8Array(0)
    const slotHex = bytesToHex(setLengthLeft(slot, 32))
    const proven = await this.onMissing?.(key, slotHex)
    const provenValue = proven?.slots.get(slotHex)
    if (provenValue === undefined) return this.fail('storage', `${key} slot ${slotHex}`)
    const bytes = bigIntToUnpaddedBytes(provenValue)
    for (const m of this.storageStack) if (!m.has(k)) m.set(k, bytes)
    return this.topStorageStack().get(k) as Uint8Array
  }

  override async putStorage(address: Address, slot: Uint8Array, value: Uint8Array): Promise<void> {
    this.topStorageStack().set(`${address.toString()}_${bytesToHex(setLengthLeft(slot, 32))}`, value)
  }

  override async clearStorage(address: Address): Promise<void> {
    await super.clearStorage(address)
    this.zeroStorage.add(address.toString())
  }
}
