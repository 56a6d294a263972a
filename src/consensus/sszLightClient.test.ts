import {
  BitArray,
  BitVectorType,
  ByteListType,
  ByteVectorType,
  ContainerType,
  type Type,
  UintBigintType,
  UintNumberType,
  VectorCompositeType,
} from '@chainsafe/ssz'
import type { ForkName } from '@lodestar/params'
import { ssz, sszTypesFor } from '@lodestar/types'
import { describe, expect, it } from 'vitest'
import { readFixture } from '../test/fixtures.ts'
import { BeaconBlockHeader, ForkData, type LightClientTypes, lightClientTypesFor, SigningData, SyncCommittee } from './sszLightClient.ts'

// Differential: the light client's own SSZ containers against @lodestar/types 1.28.1 (which they replace in the light
// client), on the real mainnet recording and on random values of every container of every fork from Capella on.

type AnyType = Type<unknown>
const NAMES = [
  'ExecutionPayloadHeader',
  'LightClientHeader',
  'LightClientBootstrap',
  'LightClientUpdate',
  'LightClientFinalityUpdate',
  'LightClientOptimisticUpdate',
] as const
const FORKS = ['capella', 'deneb', 'electra', 'fulu'] as const

/** A deterministic pseudo-random source (xorshift32), so a failure reproduces. */
function rng(seed: number) {
  let x = seed || 1
  return () => {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    return (x >>> 0) / 2 ** 32
  }
}

/** A random value of a Lodestar type, walking its structure (the container kinds these types use). */
function randomValue(type: AnyType, r: () => number): unknown {
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(r() * 256))
  if (type instanceof ContainerType) {
    const out: Record<string, unknown> = {}
    for (const [k, t] of Object.entries(type.fields)) out[k] = randomValue(t as AnyType, r)
    return out
  }
  if (type instanceof BitVectorType) {
    const bits = BitArray.fromBitLen(type.lengthBits)
    for (let i = 0; i < type.lengthBits; i++) bits.set(i, r() < 0.9)
    return bits
  }
  if (type instanceof ByteVectorType) return bytes(type.lengthBytes)
  if (type instanceof ByteListType) return bytes(Math.floor(r() * (type.limitBytes + 1)))
  if (type instanceof UintNumberType) return Math.floor(r() * 2 ** 53)
  if (type instanceof UintBigintType) return (BigInt(Math.floor(r() * 2 ** 53)) * BigInt(Math.floor(r() * 2 ** 53))) % 2n ** BigInt(8 * type.byteLength)
  if (type instanceof VectorCompositeType) return Array.from({ length: type.length }, () => randomValue(type.elementType as AnyType, r))
  throw new Error(`no random value for ${type.typeName}`)
}

const lower = (json: unknown) => JSON.parse(JSON.stringify(json).toLowerCase())

/** Ours and Lodestar's agree on `value`: bytes, root, JSON both ways (addresses compared without checksum case). */
function expectSame(ours: AnyType, theirs: AnyType, value: unknown) {
  const bytes = theirs.serialize(value)
  expect(ours.serialize(value)).toEqual(bytes)
  expect(ours.hashTreeRoot(value)).toEqual(theirs.hashTreeRoot(value))
  expect(theirs.equals(ours.deserialize(bytes), value)).toBe(true)
  expect(theirs.equals(ours.fromJson(theirs.toJson(value)), value)).toBe(true)
  expect(lower(ours.toJson(value))).toEqual(lower(theirs.toJson(value)))
}

describe('light-client SSZ containers = @lodestar/types', () => {
  it('the real mainnet recording (Capella): bootstrap, six updates, finality and optimistic updates', () => {
    const types = lightClientTypesFor('capella') as LightClientTypes
    const pairs: [unknown, keyof LightClientTypes][] = [
      [readFixture('mainnet-lc/bootstrap.json'), 'LightClientBootstrap'],
      ...(readFixture('mainnet-lc/updates.json') as unknown[]).map((u) => [u, 'LightClientUpdate'] as [unknown, keyof LightClientTypes]),
      [readFixture('mainnet-lc/finality.json'), 'LightClientFinalityUpdate'],
      [readFixture('mainnet-lc/optimistic.json'), 'LightClientOptimisticUpdate'],
    ]
    for (const [json, name] of pairs) {
      const theirs = ssz.capella[name] as unknown as AnyType
      const value = theirs.fromJson((json as { data: unknown }).data)
      expectSame(types[name] as unknown as AnyType, theirs, value)
      expect(theirs.equals((types[name] as unknown as AnyType).fromJson((json as { data: unknown }).data), value)).toBe(true)
    }
  })

  for (const fork of FORKS) {
    it(`${fork}: random values of every light-client container`, () => {
      const ours = lightClientTypesFor(fork) as LightClientTypes
      const r = rng(fork.length * 7919)
      for (const name of NAMES) {
        const theirs = (sszTypesFor(fork as ForkName) as unknown as Record<string, AnyType>)[name] as AnyType
        expect(theirs, name).toBeDefined()
        for (let i = 0; i < 3; i++) expectSame(ours[name] as unknown as AnyType, theirs, randomValue(theirs, r))
        expectSame(ours[name] as unknown as AnyType, theirs, theirs.defaultValue())
      }
    })
  }

  it('the shared containers: BeaconBlockHeader, SigningData, ForkData, SyncCommittee', () => {
    const r = rng(42)
    const pairs: [AnyType, AnyType][] = [
      [BeaconBlockHeader as unknown as AnyType, ssz.phase0.BeaconBlockHeader as unknown as AnyType],
      [SigningData as unknown as AnyType, ssz.phase0.SigningData as unknown as AnyType],
      [ForkData as unknown as AnyType, ssz.phase0.ForkData as unknown as AnyType],
      [SyncCommittee as unknown as AnyType, ssz.altair.SyncCommittee as unknown as AnyType],
    ]
    for (const [ours, theirs] of pairs) for (let i = 0; i < 3; i++) expectSame(ours, theirs, randomValue(theirs, r))
  })

  it('no containers for forks before Capella or unknown names', () => {
    for (const fork of ['phase0', 'altair', 'bellatrix', 'gloas', '__proto__', 'constructor']) expect(lightClientTypesFor(fork)).toBeUndefined()
  })

  it('a differing value changes the root (the comparison can fail)', () => {
    const theirs = ssz.capella.LightClientHeader as unknown as AnyType
    const value = randomValue(theirs, rng(7)) as { execution: { blockNumber: number } }
    const root = (lightClientTypesFor('capella') as LightClientTypes).LightClientHeader.hashTreeRoot(value as never)
    value.execution.blockNumber += 1
    expect(theirs.hashTreeRoot(value)).not.toEqual(root)
  })
})
