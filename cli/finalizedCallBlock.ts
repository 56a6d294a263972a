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
 * A light client synced headless from `beacon` for a CLI command that then reads `rpc` at its finalized block
 * (`verify state`, `verify call`, `fetch`): checkpoint `given`, or the devnet's published one (a public chain without
 * one is a usage error); the finalized header must carry an execution payload; `rpc` must serve that chain
 * (eth_chainId), else its proofs would be about another chain's state.
 * @returns the chain, its execution chain id, the checkpoint used, the session and its finalized summary.
 * @throws {UsageError} A public chain without `given`.
 * @throws {MalformedInputError} An unknown genesis, a finalized header without execution payload.
 * @throws {ProofMismatchError} The RPC serves another chain.
 * @throws The light client's typed errors.
 */
export async function syncFinalizedForRpc(rpc: string, beacon: string, given: `0x${string}` | undefined) {
  await ensureBls()
  const api = createBeaconApi(beacon)
  const genesis = await api.getGenesis()
  const chain = CHAIN_NAMES.find((c) => getGenesisData(c).genesisValidatorsRoot === genesis.genesisValidatorsRoot.toLowerCase())
  if (!chain) throw new MalformedInputError({ what: 'beacon genesis', details: `unknown genesis validators root ${genesis.genesisValidatorsRoot}` })
  if (!given && chain !== 'devnet') {
    throw new UsageError(
      `${chain} needs --checkpoint: a recent finalized beacon block root you trust, taken from a source other than ${beacon} (a checkpoint-sync provider, a block explorer, your own node). Only a devnet may publish its own checkpoint.`,
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
  return { chain, chainId, checkpoint, session, fin: { ...fin, execution } }
}

/**
 * The block a CLI's verified calls run at (`verify call`, `fetch`): {@link syncFinalizedForRpc}, then the finalized
 * execution header fetched by its verified hash (hashed again, state root compared).
 * @returns as syncFinalizedForRpc, and the CallBlock (chain id set).
 * @throws As syncFinalizedForRpc; {ProofMismatchError} a header with another state root.
 */
export async function finalizedCallBlock(rpc: string, beacon: string, given: `0x${string}` | undefined) {
  const synced = await syncFinalizedForRpc(rpc, beacon, given)
  const { execution } = synced.fin
  const block = await fetchCallBlock(rpc, execution.blockHash, BigInt(synced.chainId))
  if (block.stateRoot !== execution.stateRoot) {
    throw new ProofMismatchError({ what: 'block', requested: `state root ${execution.stateRoot}`, answered: `state root ${block.stateRoot}` })
  }
  return { ...synced, block }
}
