// ProvenStateManager serves proven state only: every other read throws CallStateNotProven, never a default.
import { createAddressFromString } from '@ethereumjs/util'
import type { Hex } from 'viem'
import { describe, expect, it } from 'vitest'
import { CallStateNotProvenError } from '../../errors/call.ts'
import { EMPTY_CODE_HASH, EMPTY_TRIE_ROOT } from '../verifyAccountProof.ts'
import type { ProvenAccount } from './provenState.ts'
import { ProvenStateManager } from './provenStateManager.ts'

const A = '0x1111111111111111111111111111111111111111' as Hex
const B = '0x2222222222222222222222222222222222222222' as Hex
const C = '0x3333333333333333333333333333333333333333' as Hex
const slot = (n: number) => `0x${n.toString(16).padStart(64, '0')}` as Hex
const bytes32 = (n: number) => {
  const b = new Uint8Array(32)
  b[31] = n
  return b
}
const account = (over: Partial<ProvenAccount['account']>, slots: [Hex, bigint][] = [], code?: Uint8Array): ProvenAccount => ({
  account: { address: A, exists: true, nonce: 1n, balanceWei: 5n, storageHash: `0x${'ab'.repeat(32)}`, codeHash: `0x${'cd'.repeat(32)}`, storage: [], ...over },
  slots: new Map(slots),
  code,
})

describe('ProvenStateManager', () => {
  const sm = new ProvenStateManager()
  sm.addProven(A, account({}, [[slot(1), 42n]], new Uint8Array([0x00])))
  sm.addProven(B, account({ address: B, storageHash: EMPTY_TRIE_ROOT, codeHash: EMPTY_CODE_HASH }))
  sm.addProven(C, account({ address: C, exists: false, nonce: 0n, balanceWei: 0n, storageHash: EMPTY_TRIE_ROOT, codeHash: EMPTY_CODE_HASH }))

  it('serves proven accounts, slots and code', async () => {
    expect((await sm.getAccount(createAddressFromString(A)))?.balance).toBe(5n)
    expect(await sm.getStorage(createAddressFromString(A), bytes32(1))).toEqual(new Uint8Array([42]))
    expect(await sm.getCode(createAddressFromString(A))).toEqual(new Uint8Array([0]))
  })

  it('an account with the empty storage root has every slot 0; an absent one has no account, no code, 0 slots', async () => {
    expect(await sm.getStorage(createAddressFromString(B), bytes32(9))).toEqual(new Uint8Array(0))
    expect(await sm.getCode(createAddressFromString(B))).toEqual(new Uint8Array(0))
    expect(await sm.getAccount(createAddressFromString(C))).toBeUndefined()
    expect(await sm.getStorage(createAddressFromString(C), bytes32(1))).toEqual(new Uint8Array(0))
  })

  it('an unproven slot, account or code throws CallStateNotProven naming it', async () => {
    await expect(sm.getStorage(createAddressFromString(A), bytes32(2))).rejects.toThrow(CallStateNotProvenError)
    await expect(sm.getStorage(createAddressFromString(A), bytes32(2))).rejects.toThrow(/slot 0x0{63}2/)
    const D = createAddressFromString('0x4444444444444444444444444444444444444444')
    await expect(sm.getAccount(D)).rejects.toThrow(/account 0x4444/)
    await expect(sm.getCode(D)).rejects.toThrow(CallStateNotProvenError)
    const noCode = new ProvenStateManager()
    noCode.addProven(A, account({}))
    await expect(noCode.getCode(createAddressFromString(A))).rejects.toThrow(/code 0x1111/)
    expect(noCode.firstError).toBeInstanceOf(CallStateNotProvenError)
  })

  it('what the call writes is readable; a cleared account reads 0', async () => {
    const s = new ProvenStateManager()
    s.addProven(A, account({}))
    await s.putStorage(createAddressFromString(A), bytes32(7), new Uint8Array([1]))
    expect(await s.getStorage(createAddressFromString(A), bytes32(7))).toEqual(new Uint8Array([1]))
    await s.clearStorage(createAddressFromString(A))
    expect(await s.getStorage(createAddressFromString(A), bytes32(8))).toEqual(new Uint8Array(0))
  })

  it('onMissing proves on demand, into every checkpoint level', async () => {
    const s = new ProvenStateManager(async (address, key) => (address === A && key === slot(3) ? account({}, [[slot(3), 9n]]) : undefined))
    s.addProven(A, account({}))
    await s.checkpoint()
    expect(await s.getStorage(createAddressFromString(A), bytes32(3))).toEqual(new Uint8Array([9]))
    await s.revert()
    expect(await s.getStorage(createAddressFromString(A), bytes32(3))).toEqual(new Uint8Array([9]))
    await expect(s.getStorage(createAddressFromString(A), bytes32(4))).rejects.toThrow(CallStateNotProvenError)
  })
})
