import { writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { init } from '@chainsafe/bls/switchable'
import { getBeaconConfig } from './src/consensus/chainConfig.ts'
import { LightClientSession } from './src/consensus/lightClientSession.ts'
import { selectAsSha256Hasher } from './src/consensus/sszHasher.ts'
import { MAINNET_CHECKPOINT, mainnetLc } from './src/test/fixtures.ts'
selectAsSha256Hasher()
await init('herumi')
const config = getBeaconConfig('mainnet')
const rec = mainnetLc()
const ins = new Session(); ins.connect()
await ins.post('Profiler.enable'); await ins.post('Profiler.setSamplingInterval', { interval: 100 }); await ins.post('Profiler.start')
const t2 = performance.now()
const s = LightClientSession.fromBootstrap(config, 'mainnet', MAINNET_CHECKPOINT, rec.bootstrap)
const t3 = performance.now()
s.applyUpdates(7109432, rec.updates)
const t4 = performance.now()
const { profile } = await ins.post('Profiler.stop')
writeFileSync('/work/prof/cpuprof2/p.cpuprofile', JSON.stringify(profile))
console.log({ bootstrap: t3 - t2, updates: t4 - t3 })
