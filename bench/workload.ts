// The benchmark workload, shared by Node and Chromium: a cold light-client sync of the mainnet
// recording (bootstrap + 6 period updates + finality) through the replay server's beacon API.
// "ours" = Lightbus (LightClientSession + syncPeriods); "stock" = @lodestar/light-client's Lightclient.
import { Lightclient, LightclientEvent } from '@lodestar/light-client'
import { LightClientRestTransport } from '@lodestar/light-client/transport'
import { getApiFromUrl } from '@lodestar/light-client/utils'
import { fromHex } from '@lodestar/utils'
import { getBeaconConfig } from '../src/consensus/chainConfig.ts'
import { LightClientSession } from '../src/consensus/lightClientSession.ts'
import { syncPeriods } from '../src/consensus/syncPeriods.ts'
import { createBeaconApi } from '../src/net/beaconApi.ts'
import { getLodestarBeaconConfig } from './lodestarBeaconConfig.ts'

export const CHECKPOINT = '0x5afc212a7924789b2bc86acad3ab3a6ffb1f6e97253ea50bee7f4f51422c9275'
export const TARGET_FINALIZED_SLOT = 7109344

export type RunResult = { totalMs: number; updateMs: number[]; finalizedSlot: number }

/** Lightbus: bootstrap → period updates → finality update, all verified. */
export async function runOurs(beaconUrl: string): Promise<RunResult> {
  const t0 = performance.now()
  const api = createBeaconApi(beaconUrl)
  const genesis = await api.getGenesis()
  const currentSlot = Math.floor((Date.now() / 1000 - genesis.genesisTimeSec) / 12)
  const session = LightClientSession.fromBootstrap(getBeaconConfig('mainnet'), 'mainnet', CHECKPOINT, await api.getBootstrap(CHECKPOINT))
  const steps = await syncPeriods(session, api, currentSlot)
  session.applyFinalityUpdate(currentSlot, await api.getFinalityUpdate())
  return { totalMs: performance.now() - t0, updateMs: steps.map((s) => s.ms), finalizedSlot: session.finalized.beacon.slot }
}

/** Stock @lodestar/light-client 1.28.1: initializeFromCheckpointRoot → start() → finality via SSE. */
export async function runStock(beaconUrl: string): Promise<RunResult> {
  const t0 = performance.now()
  const api = getApiFromUrl(beaconUrl, 'mainnet')
  const genesis = await createBeaconApi(beaconUrl).getGenesis()
  const lc = await Lightclient.initializeFromCheckpointRoot({
    config: getLodestarBeaconConfig('mainnet'),
    transport: new LightClientRestTransport(api),
    genesisData: { genesisTime: genesis.genesisTimeSec, genesisValidatorsRoot: genesis.genesisValidatorsRoot },
    checkpointRoot: fromHex(CHECKPOINT),
  })
  const finalized = new Promise<void>((resolve) => {
    const check = () => lc.getFinalized().beacon.slot >= TARGET_FINALIZED_SLOT && resolve()
    lc.emitter.on(LightclientEvent.lightClientFinalityHeader, check)
    check()
  })
  await lc.start()
  await finalized
  const totalMs = performance.now() - t0
  const finalizedSlot = lc.getFinalized().beacon.slot
  // Lodestar 1.28.1's run loop throws if stopped before it first sleeps; not part of the measurement.
  await new Promise((ok) => setTimeout(ok, 300))
  lc.stop()
  return { totalMs, updateMs: [], finalizedSlot }
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length === 0 ? Number.NaN : s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2
}
