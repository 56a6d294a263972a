import { ForkName } from '@lodestar/params'
import type { LightClientBootstrap, LightClientFinalityUpdate, LightClientOptimisticUpdate, LightClientUpdate } from '@lodestar/types'
import { MalformedInputError } from '../errors/base.ts'
import type { LightClientConfig } from './lightClientConfig.ts'
import { requireLightClientTypes } from './sszLightClient.ts'

/**
 * Decoders for beacon-API light-client JSON (`{ version, data }` as served by
 * `/eth/v1/beacon/light_client/*`, or a bare `data` object, in which case the fork is taken from
 * the attested/header slot). Spec: https://github.com/ethereum/beacon-APIs/blob/v3.0.0/apis/beacon/light_client
 * All decoders throw {@link MalformedInputError} for JSON that is not the SSZ container or whose `version`
 * is not the chain config's fork at the header slot (the attested header's, for updates, from which
 * beacon-APIs derive it; the signature slot's fork is accepted too), and {@link UnsupportedForkError} for pre-Capella forks (no execution header to
 * verify against).
 */
type Versioned = { version?: unknown; data?: unknown }

const KINDS = {
  bootstrap: { type: 'LightClientBootstrap', slot: (d: any) => d?.header?.beacon?.slot },
  update: { type: 'LightClientUpdate', slot: (d: any) => d?.attested_header?.beacon?.slot },
  finality: { type: 'LightClientFinalityUpdate', slot: (d: any) => d?.attested_header?.beacon?.slot },
  optimistic: { type: 'LightClientOptimisticUpdate', slot: (d: any) => d?.attested_header?.beacon?.slot },
} as const

type Kind = keyof typeof KINDS
type Decoded = {
  bootstrap: LightClientBootstrap
  update: LightClientUpdate
  finality: LightClientFinalityUpdate
  optimistic: LightClientOptimisticUpdate
}

/** A slot from beacon-API JSON (decimal string, or a number), or null when it is not a safe non-negative integer. */
function toSlot(v: unknown): number | null {
  const n = typeof v === 'string' && /^[0-9]{1,16}$/.test(v) ? Number(v) : typeof v === 'number' ? v : Number.NaN
  return Number.isSafeInteger(n) && n >= 0 ? n : null
}

function decode<K extends Kind>(config: LightClientConfig, kind: K, json: unknown): { fork: ForkName; value: Decoded[K] } {
  if (json === null || typeof json !== 'object') {
    throw new MalformedInputError({ what: `light-client ${kind}`, details: 'not a JSON object' })
  }
  const v = json as Versioned
  const data = 'data' in v ? v.data : json
  const slotText = KINDS[kind].slot(data)
  if (slotText === undefined) {
    throw new MalformedInputError({ what: `light-client ${kind}`, details: 'missing header slot' })
  }
  const slot = toSlot(slotText)
  if (slot === null) {
    throw new MalformedInputError({ what: `light-client ${kind}`, details: `header slot ${String(slotText).slice(0, 40)} is not a slot number` })
  }
  const fromSlot = config.getForkName(slot)
  const fork = typeof v.version === 'string' ? (v.version as ForkName) : fromSlot
  if (!Object.values(ForkName).includes(fork)) {
    throw new MalformedInputError({ what: `light-client ${kind}`, details: `unknown version ${String(v.version).slice(0, 40)}` })
  }
  // The attested header's fork; an update may also come in its signature slot's fork container (headers upgraded).
  const signatureSlot = kind === 'bootstrap' ? null : toSlot((data as { signature_slot?: unknown } | null)?.signature_slot)
  if (fork !== fromSlot && (signatureSlot === null || fork !== config.getForkName(signatureSlot))) {
    // Another chain's object (e.g. a mainnet bootstrap given to a sepolia client), or a mislabelled one.
    throw new MalformedInputError({ what: `light-client ${kind}`, details: `version ${fork} is not this chain's fork at slot ${slot} (${fromSlot})` })
  }
  const types = requireLightClientTypes(fork)
  try {
    const type = (types as any)[KINDS[kind].type]
    return { fork, value: type.fromJson(data) as Decoded[K] }
  } catch (cause) {
    throw new MalformedInputError({ what: `light-client ${kind} (${fork})`, cause })
  }
}

export const decodeBootstrap = (config: LightClientConfig, json: unknown) => decode(config, 'bootstrap', json)
export const decodeUpdate = (config: LightClientConfig, json: unknown) => decode(config, 'update', json)
export const decodeFinalityUpdate = (config: LightClientConfig, json: unknown) => decode(config, 'finality', json)
export const decodeOptimisticUpdate = (config: LightClientConfig, json: unknown) => decode(config, 'optimistic', json)

/** Decodes a `/light_client/updates` response: a JSON array of versioned updates. */
export function decodeUpdates(config: LightClientConfig, json: unknown) {
  const list = json && typeof json === 'object' && !Array.isArray(json) && 'data' in json ? (json as Versioned).data : json
  if (!Array.isArray(list)) {
    throw new MalformedInputError({ what: 'light-client updates', details: 'expected a JSON array' })
  }
  return list.map((u) => decodeUpdate(config, u))
}
