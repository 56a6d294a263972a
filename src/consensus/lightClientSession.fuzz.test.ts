import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { BaseError, MalformedInputError } from '../errors/base.ts'
import { MAINNET_CHECKPOINT, mainnetLc } from '../test/fixtures.ts'
import { ensureBls } from './bls.ts'
import { getBeaconConfig } from './chainConfig.ts'
import { LightClientSession, type PersistedLightClientState } from './lightClientSession.ts'

const config = getBeaconConfig('mainnet')
const CURRENT_SLOT = 7109432
/** Every code an input to the light client may fail with; `Unknown` (a bare TypeError) is not one. */
const KNOWN_CODES = [
  'MalformedInput',
  'CheckpointMismatch',
  'InvalidMerkleBranch',
  'InvalidSyncCommitteeSignature',
  'LightClientUpdateRejected',
  'StoredStateInvalid',
  'UnsupportedFork',
]

beforeAll(() => ensureBls())

/** Runs `f`; it may succeed, or must throw a BaseError with a known code. */
function typedOrOk(f: () => unknown) {
  try {
    f()
  } catch (e) {
    if (!(e instanceof BaseError)) throw new Error(`untyped error: ${String(e)}`, { cause: e })
    expect(KNOWN_CODES).toContain(e.code)
  }
}

const rec = mainnetLc()
const session862 = () => LightClientSession.fromBootstrap(config, 'mainnet', MAINNET_CHECKPOINT, structuredClone(rec.bootstrap))

/** A JSON value with a random path of `base` replaced by `value` (or deleted when `value` is undefined). */
function mutate(base: unknown, pathSeed: number[], value: unknown): unknown {
  const copy = structuredClone(base) as Record<string, unknown>
  let node: any = copy
  for (const [i, seed] of pathSeed.entries()) {
    if (node === null || typeof node !== 'object') break
    const keys = Object.keys(node)
    if (keys.length === 0) break
    const key = keys[seed % keys.length] as string
    const last = i === pathSeed.length - 1 || node[key] === null || typeof node[key] !== 'object'
    if (last) {
      if (value === undefined) delete node[key]
      else node[key] = value
      break
    }
    node = node[key]
  }
  return copy
}

const jsonLeaf = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('0x', '0x00', `0x${'ff'.repeat(32)}`, `0x${'00'.repeat(48)}`, '-1', '1e400', '18446744073709551616', 'deneb', 'electra', 'phase0'),
  fc.constant(undefined),
)
const pathSeed = fc.array(fc.nat(1000), { minLength: 1, maxLength: 8 })

describe('light-client inputs fail with typed errors (property)', () => {
  it('the real mainnet bootstrap given to a sepolia session: MalformedInputError, not a TypeError', () => {
    const sepolia = getBeaconConfig('sepolia')
    expect(() => LightClientSession.fromBootstrap(sepolia, 'sepolia', MAINNET_CHECKPOINT, rec.bootstrap)).toThrow(MalformedInputError)
    // Unversioned (fork taken from the slot): still typed.
    typedOrOk(() => LightClientSession.fromBootstrap(sepolia, 'sepolia', MAINNET_CHECKPOINT, rec.bootstrap.data))
    const s = session862()
    expect(() => s.applyUpdate(CURRENT_SLOT, { ...rec.updates[0], version: 'deneb' })).toThrow(MalformedInputError)
  })

  it('random JSON to fromBootstrap / applyUpdate / applyFinalityUpdate / applyOptimisticUpdate / fromPersisted', () => {
    const session = session862()
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.boolean(), (json, versioned) => {
        const input = versioned ? { version: 'capella', data: json } : json
        typedOrOk(() => LightClientSession.fromBootstrap(config, 'mainnet', MAINNET_CHECKPOINT, input))
        typedOrOk(() => session.applyUpdate(CURRENT_SLOT, input))
        typedOrOk(() => session.applyFinalityUpdate(CURRENT_SLOT, input))
        typedOrOk(() => session.applyOptimisticUpdate(CURRENT_SLOT, input))
        typedOrOk(() => LightClientSession.fromPersisted(config, 'mainnet', MAINNET_CHECKPOINT, input as PersistedLightClientState))
      }),
      { numRuns: 300 },
    )
  })

  it('real mainnet objects, possibly mutated, given to a session of any chain config', () => {
    const configs = Object.fromEntries((['mainnet', 'sepolia', 'hoodi', 'devnet'] as const).map((c) => [c, getBeaconConfig(c)]))
    fc.assert(
      fc.property(fc.constantFrom('mainnet', 'sepolia', 'hoodi', 'devnet'), fc.boolean(), pathSeed, jsonLeaf, (chain, mutated, path, value) => {
        const cfg = configs[chain] as ReturnType<typeof getBeaconConfig>
        const bootstrap = mutated ? mutate(rec.bootstrap, path, value) : rec.bootstrap
        typedOrOk(() => LightClientSession.fromBootstrap(cfg, chain, MAINNET_CHECKPOINT, bootstrap))
        typedOrOk(() => LightClientSession.fromBootstrap(cfg, chain, MAINNET_CHECKPOINT, (bootstrap as { data?: unknown }).data))
      }),
      { numRuns: 100 },
    )
  })

  it('mutated real bootstrap, updates and persisted state', () => {
    const persisted = session862().exportState()
    fc.assert(
      fc.property(fc.nat(5), pathSeed, jsonLeaf, (which, path, value) => {
        typedOrOk(() => LightClientSession.fromBootstrap(config, 'mainnet', MAINNET_CHECKPOINT, mutate(rec.bootstrap, path, value)))
        const session = session862()
        typedOrOk(() => session.applyUpdate(CURRENT_SLOT, mutate(rec.updates[which], path, value)))
        typedOrOk(() => session.applyFinalityUpdate(CURRENT_SLOT, mutate(rec.finality, path, value)))
        typedOrOk(() => session.applyOptimisticUpdate(CURRENT_SLOT, mutate(rec.optimistic, path, value)))
        typedOrOk(() => LightClientSession.fromPersisted(config, 'mainnet', MAINNET_CHECKPOINT, mutate(persisted, path, value) as PersistedLightClientState))
      }),
      { numRuns: 150 },
    )
  })
})
