import { ensureBls } from '../src/consensus/bls.ts'
import { getBeaconConfig, getGenesisData } from '../src/consensus/chainConfig.ts'
import { CHAIN_NAMES, EXECUTION_CHAIN_IDS } from '../src/consensus/chainName.ts'
import { currentSlotAt } from '../src/consensus/clock.ts'
import { LightClientSession } from '../src/consensus/lightClientSession.ts'
import { syncPeriods } from '../src/consensus/syncPeriods.ts'
import { MalformedInputError } from '../src/errors/base.ts'
import { ProofMismatchError } from '../src/errors/verify.ts'
import { createBeaconApi } from '../src/net/beaconApi.ts'
import { fetchCallBlock } from '../src/net/callStateRpc.ts'
import { rpcRequest } from '../src/net/executionRpc.ts'
import { fetchCheckpoint } from '../src/net/networkConfig.ts'
import { UsageError } from './usage.ts'

/**
 * The block a CLI's verified calls run at (`verify call`, `fetch`): syncs a light client headless from `beacon`
 * (checkpoint `given`, or the devnet's published one; a public chain without one is a usage error), takes its
 * finalized execution header, checks that `rpc` serves that chain (eth_chainId), and fetches the header by its
 * verified hash (hashed again, state root compared).
 * @returns the chain, the checkpoint used, the session, its finalized summary and the CallBlock (chain id set).
 * @throws {UsageError} A public chain without `given`.
 * @throws {MalformedInputError} An unknown genesis, a finalized header without execution payload.
 * @throws {ProofMismatchError} The RPC serves another chain, or a header with another state root.
 * @throws The light client's typed errors.
 */
export async function finalizedCallBlock(rpc: string, beacon: string, given: `0x${string}` | undefined) {
  await ensureBls()
  const api = createBeaconApi(beacon)
  const genesis = await api.getGenesis()
  const chain = CHAIN_NAMES.find((c) => getGenesisData(c).genesisValidatorsRoot === genesis.genesisValidatorsRoot.toLowerCase())
  if (!chain) throw new MalformedInputError({ what: 'beacon genesis', details: `unknown genesis validators root ${genesis.genesisValidatorsRoot}` })
  if (!given && chain !== 'devnet') {
    throw new UsageError(
      `${chain} needs --checkpoint: a recent finalized beacon block root you trust, from a source other than ${beacon}. Only a devnet may publish its own checkpoint.`,
    )
  }
  const checkpoint = given ?? (await fetchCheckpoint(chain, `${beacon.replace(/\/+$/, '')}/lightbus/checkpoint`))
  const config = getBeaconConfig(chain)
  const genesisTime = chain === 'devnet' ? genesis.genesisTimeSec : getGenesisData(chain).genesisTime
  const currentSlot = currentSlotAt(Date.now(), genesisTime, config.SECONDS_PER_SLOT)
  const session = LightClientSession.fromBootstrap(config, chain, checkpoint, await api.getBootstrap(checkpoint))
  await syncPeriods(session, api, currentSlot)
  session.applyFinalityUpdate(currentSlot, await api.getFinalityUpdate())
  const fin = session.finalizedSummary
  const execution = fin.execution
  if (!execution) throw new MalformedInputError({ what: 'finalized header', details: 'no execution payload header' })
  const chainId = EXECUTION_CHAIN_IDS[chain]
  const served = await rpcRequest(rpc, 'eth_chainId', [])
  if (typeof served !== 'string' || !/^0x[0-9a-fA-F]{1,16}$/.test(served) || Number(served) !== chainId) {
    throw new ProofMismatchError({ what: 'chain', requested: `${chain} (chain id ${chainId})`, answered: `chain id ${String(served).slice(0, 20)}` })
  }
  const block = await fetchCallBlock(rpc, execution.blockHash, BigInt(chainId))
  if (block.stateRoot !== execution.stateRoot) {
    throw new ProofMismatchError({ what: 'block', requested: `state root ${execution.stateRoot}`, answered: `state root ${block.stateRoot}` })
  }
  return { chain, chainId, checkpoint, session, fin: { ...fin, execution }, block }
}
