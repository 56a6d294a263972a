import { parseArgs } from 'node:util'
import { ensureBls } from '../src/consensus/bls.ts'
import { getBeaconConfig, getGenesisData } from '../src/consensus/chainConfig.ts'
import { currentSlotAt } from '../src/consensus/clock.ts'
import { LightClientSession, type SyncStep } from '../src/consensus/lightClientSession.ts'
import { InputTooLargeError, MalformedInputError } from '../src/errors/base.ts'
import { elapsedMs } from './output.ts'
import { readJsonFile } from './readInput.ts'
import { resolveChain } from './resolveChain.ts'
import { parseRootArg, UsageError } from './usage.ts'

/** Most `LightClientUpdate`s read from one `--updates` file (one per sync-committee period: 1024 periods ≈ 31 years). */
export const MAX_UPDATES_PER_FILE = 1024

/**
 * `verify lc`: a light-client store from `--checkpoint` and its bootstrap, advanced by each period update
 * of `--updates` in order, then the finality (and optional optimistic) update. "Now" is the wall clock on
 * the chain's genesis time: an update signed after it is rejected at once, and the work is bounded by
 * the number of updates (at most {@link MAX_UPDATES_PER_FILE}), never by slot numbers in the input.
 * @throws {UsageError | InputTooLargeError | MalformedInputError} And every light-client error.
 */
export async function verifyLc(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      bootstrap: { type: 'string' },
      updates: { type: 'string' },
      finality: { type: 'string' },
      optimistic: { type: 'string' },
      checkpoint: { type: 'string' },
      network: { type: 'string' },
      'allow-forced-updates': { type: 'boolean' },
    },
  })
  if (!values.checkpoint) throw new UsageError('missing --checkpoint (a finalized beacon block root you trust)')
  const checkpoint = parseRootArg(values.checkpoint, 'checkpoint')
  const chain = resolveChain(values.network)
  const bootstrap = await readJsonFile(values.bootstrap, 'bootstrap')
  const updates = await readJsonFile(values.updates, 'updates')
  const finality = await readJsonFile(values.finality, 'finality')
  const optimistic = values.optimistic ? await readJsonFile(values.optimistic, 'optimistic') : undefined
  const t0 = performance.now()
  await ensureBls()
  const config = getBeaconConfig(chain)
  const list = Array.isArray(updates) ? updates : (updates as { data?: unknown } | null)?.data
  if (!Array.isArray(list)) throw new MalformedInputError({ what: 'updates file', details: 'expected a JSON array of updates' })
  if (list.length > MAX_UPDATES_PER_FILE) throw new InputTooLargeError({ what: '--updates', limit: MAX_UPDATES_PER_FILE, unit: 'items' })
  const currentSlot = currentSlotAt(Date.now(), getGenesisData(chain).genesisTime, config.SECONDS_PER_SLOT)
  const session = LightClientSession.fromBootstrap(config, chain, checkpoint, bootstrap, { allowForcedUpdates: values['allow-forced-updates'] === true })
  const steps: SyncStep[] = []
  for (const update of list) {
    steps.push(session.applyUpdate(currentSlot, update))
    // process_light_client_store_force_update, only with --allow-forced-updates (then flagged in `trust`).
    const forced = session.forceUpdate(currentSlot)
    if (forced) steps.push(forced)
  }
  session.applyFinalityUpdate(currentSlot, finality)
  if (optimistic !== undefined) session.applyOptimisticUpdate(currentSlot, optimistic)
  const f = session.finalizedSummary
  const o = session.optimisticSummary
  return {
    ok: true,
    command: 'verify lc',
    network: chain,
    checkpoint: session.checkpointRoot,
    clock: { source: 'wall clock', currentSlot },
    // 'verified', or 'forced': something here came from a forced update (spec force_update) and is trusted, not verified.
    trust:
      session.trust.kind === 'forced'
        ? { kind: 'forced', forced: session.trust.forced, note: 'derived from a forced update: trusted, not verified' }
        : { kind: 'verified' },
    periods: steps.map((s) => s.period),
    finalized: { slot: f.slot, blockRoot: f.blockRoot, execution: f.execution },
    optimistic: { slot: o.slot, blockRoot: o.blockRoot, execution: o.execution },
    elapsedMs: elapsedMs(t0),
  }
}
