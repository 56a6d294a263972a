import { createRequire } from 'node:module'
import bls from '@chainsafe/bls/switchable'
import { describe, expect, it } from 'vitest'
import { ensureBls, WARM_UP, warmUpBls } from './bls.ts'

const bytes = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (b) => Number.parseInt(b, 16))

describe('warmUpBls', () => {
  it('verifies its fixed triple with the selected backend (blst in Node)', async () => {
    await ensureBls()
    expect(warmUpBls()).toBe(true)
  })

  it('the triple is a real signature: herumi (the browsers’ backend) accepts it and rejects it for another message', async () => {
    const herumi = createRequire(import.meta.url)('bls-eth-wasm')
    await herumi.init(herumi.BLS12_381)
    const pk = new herumi.PublicKey()
    pk.deserialize(bytes(WARM_UP.publicKey))
    const sig = new herumi.Signature()
    sig.deserialize(bytes(WARM_UP.signature))
    expect(pk.verify(sig, bytes(WARM_UP.message))).toBe(true)
    const other = bytes(WARM_UP.message)
    other[0] = (other[0] as number) ^ 1
    expect(pk.verify(sig, other)).toBe(false)
    await ensureBls()
    expect(bls.Signature.fromBytes(bytes(WARM_UP.signature)).verify(bls.PublicKey.fromBytes(bytes(WARM_UP.publicKey)), other)).toBe(false)
  })
})
