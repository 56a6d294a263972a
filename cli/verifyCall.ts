import { parseArgs } from 'node:util'
import type { Hex } from 'viem'
import { ensureBls } from '../src/consensus/bls.ts'
import { getBeaconConfig, getGenesisData } from '../src/consensus/chainConfig.ts'
import { CHAIN_NAMES, EXECUTION_CHAIN_IDS } from '../src/consensus/chainName.ts'
import { currentSlotAt } from '../src/consensus/clock.ts'
import { LightClientSession } from '../src/consensus/lightClientSession.ts'
import { syncPeriods } from '../src/consensus/syncPeriods.ts'
import { MalformedInputError } from '../src/errors/base.ts'
import { ProofMismatchError } from '../src/errors/verify.ts'
import { createBeaconApi } from '../src/net/beaconApi.ts'
import { createRpcCallStateSource, fetchCallBlock } from '../src/net/callStateRpc.ts'
import { rpcRequest } from '../src/net/executionRpc.ts'
import { fetchCheckpoint } from '../src/net/networkConfig.ts'
import { verifiedCall } from '../src/verify/call/verifiedCall.ts'
import { elapsedMs } from './output.ts'
import { parseRootArg, UsageError } from './usage.ts'

const addressArg = (value: string | undefined, flag: string): Hex => {
  if (value === undefined || !/^0x[0-9a-fA-F]{40}$/.test(value)) throw new UsageError(`--${flag} must be a 20-byte 0x-hex address (0x + 40 hex digits)`)
  return value.toLowerCase() as Hex
}

/**
 * `verify call --rpc URL --beacon URL --to 0x… --data 0x… [--from 0x…] [--checkpoint 0x…]`: syncs a light client
 * headless from the beacon API (checkpoint from `--checkpoint`, or the devnet's published one), takes its
 * finalized execution block (block hash verified; the header fetched by hash and hashed), checks the RPC serves
 * that chain, then runs the call with verifiedCall (docs/verified-call.md) over state proven at that block.
 * @throws {UsageError} Missing/malformed flags; a public chain without `--checkpoint`.
 * @throws The light client's, the proofs' and verifiedCall's typed errors (CallStateNotProven, CodeHashMismatch…).
 */
export async function verifyCallCli(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      rpc: { type: 'string' },
      beacon: { type: 'string' },
      to: { type: 'string' },
      data: { type: 'string' },
      from: { type: 'string' },
      checkpoint: { type: 'string' },
    },
  })
  if (!values.rpc || !values.beacon) throw new UsageError('verify call needs --rpc and --beacon')
  const to = addressArg(values.to, 'to')
  const from = values.from === undefined ? undefined : addressArg(values.from, 'from')
  const data = (values.data ?? '0x').toLowerCase() as Hex
  if (!/^0x([0-9a-f]{2})*$/.test(data) || data.length > 2 + 2 * 1024 * 1024) throw new UsageError('--data must be 0x-hex bytes (at most 1 MiB)')
  const given = values.checkpoint === undefined ? undefined : parseRootArg(values.checkpoint, 'checkpoint')
  const { rpc, beacon } = values
  const t0 = performance.now()
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
  if (!fin.execution) throw new MalformedInputError({ what: 'finalized header', details: 'no execution payload header' })
  const chainId = await rpcRequest(rpc, 'eth_chainId', [])
  if (typeof chainId !== 'string' || !/^0x[0-9a-fA-F]{1,16}$/.test(chainId) || Number(chainId) !== EXECUTION_CHAIN_IDS[chain]) {
    throw new ProofMismatchError({
      what: 'chain',
      requested: `${chain} (chain id ${EXECUTION_CHAIN_IDS[chain]})`,
      answered: `chain id ${String(chainId).slice(0, 20)}`,
    })
  }
  const block = await fetchCallBlock(rpc, fin.execution.blockHash, BigInt(EXECUTION_CHAIN_IDS[chain]))
  if (block.stateRoot !== fin.execution.stateRoot) {
    throw new ProofMismatchError({ what: 'block', requested: `state root ${fin.execution.stateRoot}`, answered: `state root ${block.stateRoot}` })
  }
  const result = await verifiedCall(createRpcCallStateSource(rpc), { to, data, ...(from ? { from } : {}) }, block)
  return {
    ok: true,
    command: 'verify call',
    network: chain,
    checkpoint: { root: checkpoint, source: given ? 'user' : 'devnet' },
    trust: { kind: session.trust.kind },
    anchor: { kind: 'light-client', checkpoint, finalizedSlot: fin.slot, blockNumber: fin.execution.blockNumber, blockHash: fin.execution.blockHash },
    stateRoot: block.stateRoot,
    request: { to, data, ...(from ? { from } : {}) },
    returnData: result.returnData,
    reverted: result.reverted,
    ...(result.error ? { haltReason: result.error } : {}),
    gasUsed: result.gasUsed,
    proven: result.proven,
    checks: result.checks,
    elapsedMs: elapsedMs(t0),
  }
}
