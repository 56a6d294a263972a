// Stock Lodestar's Lightclient, booted as its README shows (BLS init, initializeFromCheckpointRoot, start), posting
// the first finalized header at the recording's last finality (TARGET_FINALIZED_SLOT).
import '../../src/workers/polyfills.ts'
import { Lightclient, LightclientEvent } from '@lodestar/light-client'
import { LightClientRestTransport } from '@lodestar/light-client/transport'
import { getApiFromUrl } from '@lodestar/light-client/utils'
import { fromHex } from '@lodestar/utils'
import { ensureBls } from '../../src/consensus/bls.ts'
import { createBeaconApi } from '../../src/net/beaconApi.ts'
import { forwardMarks, mark } from '../../src/workers/perfMarks.ts'
import { getLodestarBeaconConfig } from '../lodestarBeaconConfig.ts'
import { CHECKPOINT, TARGET_FINALIZED_SLOT } from '../workload.ts'

forwardMarks((m) => self.postMessage(m))
mark('worker-eval')

self.onmessage = async (e: MessageEvent<{ beaconUrl: string }>) => {
  try {
    await ensureBls()
    mark('bls-ready')
    const { beaconUrl } = e.data
    const genesis = await createBeaconApi(beaconUrl).getGenesis()
    mark('genesis')
    const lc = await Lightclient.initializeFromCheckpointRoot({
      config: getLodestarBeaconConfig('mainnet'),
      transport: new LightClientRestTransport(getApiFromUrl(beaconUrl, 'mainnet')),
      genesisData: { genesisTime: genesis.genesisTimeSec, genesisValidatorsRoot: genesis.genesisValidatorsRoot },
      checkpointRoot: fromHex(CHECKPOINT),
    })
    mark('bootstrap')
    let posted = false
    const check = () => {
      const h = lc.getFinalized() as { beacon: { slot: number }; execution?: { blockNumber: number } }
      if (posted || h.beacon.slot < TARGET_FINALIZED_SLOT) return
      posted = true
      self.postMessage({ type: 'finalized', slot: h.beacon.slot, blockNumber: Number(h.execution?.blockNumber) })
    }
    lc.emitter.on(LightclientEvent.lightClientFinalityHeader, check)
    await lc.start()
    mark('updates')
    check()
  } catch (err) {
    self.postMessage({ type: 'error', error: String(err) })
  }
}
