import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { ensureBls } from '../src/consensus/bls.ts'
import { type ChainName, getBeaconConfig, getGenesisData } from '../src/consensus/chainConfig.ts'
import { CHAIN_NAMES, isChainName } from '../src/consensus/chainName.ts'
import { LightClientSession } from '../src/consensus/lightClientSession.ts'
import { syncPeriods } from '../src/consensus/syncPeriods.ts'
import { BaseError, MalformedInputError } from '../src/errors/base.ts'
import { serializeError } from '../src/errors/serialize.ts'
import { createBeaconApi } from '../src/net/beaconApi.ts'
import { rpcRequest } from '../src/net/executionRpc.ts'
import { fetchCheckpoint } from '../src/net/networkConfig.ts'
import { createMclBackend } from '../src/verify/groth16/mclBackend.ts'
import { parseVerifyingKey } from '../src/verify/groth16/types.ts'
import { verifyGroth16 } from '../src/verify/groth16/verifyGroth16.ts'
import { assertHex } from '../src/verify/hex.ts'
import { type VerifiedAccount, verifyAccountProof } from '../src/verify/verifyAccountProof.ts'
import { verifyBlockHeader } from '../src/verify/verifyBlockHeader.ts'
import { decodeZkProof, isZkFamily } from '../src/verify/zk/decodeZkProof.ts'
import { describeOutput } from '../src/verify/zk/describeOutput.ts'
import { ZK_FAMILIES } from '../src/verify/zk/types.ts'

const USAGE = `Usage:
  lightbus verify lc --bootstrap F --updates F --finality F [--optimistic F] --checkpoint 0x… [--network mainnet|sepolia|hoodi|<config.json network id>]
  lightbus verify state --proof F (--state-root 0x… | --block F)
  lightbus verify state --rpc URL --beacon URL --address 0x… [--slot S[,S…]] [--block latest-finalized] [--checkpoint 0x…]
  lightbus verify groth16 --family telepathy-step|telepathy-rotate|telepathy-optimized-rotate|risc0|sp1|sp1-helios FILE [--vkey F]

Files are beacon-API JSON (light client) or JSON-RPC results (eth_getProof, eth_getBlockByNumber;
bare result or {jsonrpc,id,result} envelope). Prints one JSON line.
Exit codes: 0 verified, 1 rejected input, 2 usage error.`

/** Thrown for bad command lines (exit 2). */
class UsageError extends BaseError<'Usage'> {
  override name = 'UsageError'
  constructor(message: string) {
    super('Usage', message)
  }
}

const here = dirname(fileURLToPath(import.meta.url))

const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x))

function readJsonFile(path: string | undefined, flag: string): unknown {
  if (!path) throw new UsageError(`missing --${flag}`)
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    throw new UsageError(`cannot read --${flag} ${path}`)
  }
  try {
    return JSON.parse(text)
  } catch (cause) {
    throw new MalformedInputError({ what: `JSON in ${path}`, cause })
  }
}

/** Resolves `--network`: a chain name, or a network id of public/config.json. */
function resolveChain(network: string | undefined): ChainName {
  const n = network ?? 'mainnet'
  if (isChainName(n)) return n
  try {
    const config = JSON.parse(readFileSync(join(here, '../public/config.json'), 'utf8')) as { networks: { id: string; chain: string }[] }
    const found = config.networks.find((x) => x.id === n)
    if (found && isChainName(found.chain)) return found.chain
  } catch {
    // fall through to the usage error
  }
  throw new UsageError(`unknown --network ${n}`)
}

const signatureSlotOf = (j: unknown): number => {
  const d = (j as { data?: { signature_slot?: unknown } })?.data ?? (j as { signature_slot?: unknown })
  const n = Number((d as { signature_slot?: unknown })?.signature_slot)
  return Number.isSafeInteger(n) ? n : 0
}

async function verifyLc(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      bootstrap: { type: 'string' },
      updates: { type: 'string' },
      finality: { type: 'string' },
      optimistic: { type: 'string' },
      checkpoint: { type: 'string' },
      network: { type: 'string' },
    },
  })
  if (!values.checkpoint) throw new UsageError('missing --checkpoint')
  const chain = resolveChain(values.network)
  const bootstrap = readJsonFile(values.bootstrap, 'bootstrap')
  const updates = readJsonFile(values.updates, 'updates')
  const finality = readJsonFile(values.finality, 'finality')
  const optimistic = values.optimistic ? readJsonFile(values.optimistic, 'optimistic') : undefined
  const t0 = performance.now()
  await ensureBls()
  const config = getBeaconConfig(chain)
  const list = Array.isArray(updates) ? updates : (updates as { data?: unknown })?.data
  if (!Array.isArray(list)) throw new MalformedInputError({ what: 'updates file', details: 'expected a JSON array of updates' })
  // Recordings are old: "now" is the latest signature slot in the input.
  const currentSlot = Math.max(...[...list, finality, optimistic].map(signatureSlotOf))
  const session = LightClientSession.fromBootstrap(config, chain, values.checkpoint, bootstrap)
  const steps = await syncPeriods(
    session,
    {
      getBootstrap: async () => bootstrap,
      getUpdates: async () => list,
      getFinalityUpdate: async () => finality,
      getOptimisticUpdate: async () => optimistic,
    },
    currentSlot,
  )
  session.applyFinalityUpdate(currentSlot, finality)
  if (optimistic) session.applyOptimisticUpdate(currentSlot, optimistic)
  const f = session.finalizedSummary
  const o = session.optimisticSummary
  return {
    ok: true,
    command: 'verify lc',
    network: chain,
    checkpoint: session.checkpointRoot,
    periods: steps.map((s) => s.period),
    finalized: { slot: f.slot, blockRoot: f.blockRoot, execution: f.execution },
    optimistic: { slot: o.slot, blockRoot: o.blockRoot, execution: o.execution },
    elapsedMs: Math.round((performance.now() - t0) * 10) / 10,
  }
}

/** The verified account and slots as the CLI prints them (quantities as decimal strings, values as hex). */
const accountOutput = (account: VerifiedAccount) => ({
  account: {
    address: account.address,
    exists: account.exists,
    nonce: account.nonce,
    balanceWei: account.balanceWei,
    storageHash: account.storageHash,
    codeHash: account.codeHash,
  },
  storage: account.storage.map((x) => ({ key: x.key, value: `0x${x.value.toString(16)}`, exists: x.exists })),
})

/**
 * Live mode: sync a light client headless from a beacon API (checkpoint from --checkpoint, or the one a
 * devnet publishes), then fetch `eth_getProof` at its finalized execution block and verify it there.
 */
async function verifyStateLive(values: Record<string, string | undefined>) {
  if (!values.beacon || !values.address) throw new UsageError('--rpc needs --beacon and --address')
  if ((values.block ?? 'latest-finalized') !== 'latest-finalized') throw new UsageError('with --rpc, --block must be latest-finalized')
  const t0 = performance.now()
  await ensureBls()
  const api = createBeaconApi(values.beacon)
  const genesis = await api.getGenesis()
  const chain = CHAIN_NAMES.find((c) => getGenesisData(c).genesisValidatorsRoot === genesis.genesisValidatorsRoot.toLowerCase())
  if (!chain) throw new MalformedInputError({ what: 'beacon genesis', details: `unknown genesis validators root ${genesis.genesisValidatorsRoot}` })
  const checkpoint = values.checkpoint ?? (await fetchCheckpoint(`${values.beacon.replace(/\/+$/, '')}/lightbus/checkpoint`))
  const config = getBeaconConfig(chain)
  const genesisTime = chain === 'devnet' ? genesis.genesisTimeSec : getGenesisData(chain).genesisTime
  const currentSlot = Math.floor((Date.now() / 1000 + 0.5 - genesisTime) / config.SECONDS_PER_SLOT)
  const session = LightClientSession.fromBootstrap(config, chain, checkpoint, await api.getBootstrap(checkpoint))
  await syncPeriods(session, api, currentSlot)
  session.applyFinalityUpdate(currentSlot, await api.getFinalityUpdate())
  const fin = session.finalizedSummary
  if (!fin.execution) throw new MalformedInputError({ what: 'finalized header', details: 'no execution payload header' })
  const slots = (values.slot ?? '')
    .split(',')
    .filter(Boolean)
    .map((k) => `0x${BigInt(k).toString(16).padStart(64, '0')}`)
  const proof = await rpcRequest(values.rpc as string, 'eth_getProof', [values.address, slots, `0x${fin.execution.blockNumber.toString(16)}`])
  const account = await verifyAccountProof(fin.execution.stateRoot, proof)
  return {
    ok: true,
    command: 'verify state',
    network: chain,
    anchor: { kind: 'light-client', checkpoint, finalizedSlot: fin.slot, blockNumber: fin.execution.blockNumber, blockHash: fin.execution.blockHash },
    stateRoot: fin.execution.stateRoot,
    ...accountOutput(account),
    elapsedMs: Math.round((performance.now() - t0) * 10) / 10,
  }
}

async function verifyState(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      proof: { type: 'string' },
      'state-root': { type: 'string' },
      block: { type: 'string' },
      rpc: { type: 'string' },
      beacon: { type: 'string' },
      address: { type: 'string' },
      slot: { type: 'string' },
      checkpoint: { type: 'string' },
    },
  })
  if (values.rpc) return verifyStateLive(values)
  if (!values['state-root'] === !values.block) throw new UsageError('give exactly one of --state-root and --block')
  const proof = readJsonFile(values.proof, 'proof')
  const block = values.block ? readJsonFile(values.block, 'block') : undefined
  const t0 = performance.now()
  let anchor: Record<string, unknown>
  let stateRoot: string
  if (block !== undefined) {
    const header = verifyBlockHeader(block)
    stateRoot = header.stateRoot
    anchor = {
      kind: 'block-hash',
      blockNumber: header.number,
      blockHash: header.hash,
      note: 'keccak256(rlp(header)) = hash; the hash itself is not light-client verified',
    }
  } else {
    stateRoot = assertHex(values['state-root'], '--state-root', 32)
    anchor = { kind: 'state-root', note: 'state root given on the command line' }
  }
  const account = await verifyAccountProof(stateRoot, proof)
  return {
    ok: true,
    command: 'verify state',
    stateRoot,
    anchor,
    ...accountOutput(account),
    elapsedMs: Math.round((performance.now() - t0) * 10) / 10,
  }
}

async function verifyGroth16Cli(args: string[]) {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { family: { type: 'string' }, vkey: { type: 'string' } } })
  if (!isZkFamily(values.family)) throw new UsageError(`--family must be one of ${ZK_FAMILIES.join(', ')}`)
  if (positionals.length !== 1) throw new UsageError('give exactly one proof FILE')
  const json = readJsonFile(positionals[0], 'FILE')
  const vkeyJson = values.vkey ? readJsonFile(values.vkey, 'vkey') : undefined
  const t0 = performance.now()
  const claim = decodeZkProof(values.family, json)
  const vk = vkeyJson ? parseVerifyingKey(vkeyJson, `cli:${values.vkey}`) : claim.vk
  const backend = await createMclBackend()
  verifyGroth16(backend, values.family, vk, claim.publicInputs, claim.proof)
  return {
    ok: true,
    command: 'verify groth16',
    family: claim.family,
    kind: claim.kind,
    system: claim.system,
    programId: claim.programId,
    version: claim.version,
    publicInputs: claim.publicInputs.map(String),
    facts: claim.facts,
    ...(claim.output ? { output: describeOutput(claim.output) } : {}),
    backend: backend.name,
    elapsedMs: Math.round((performance.now() - t0) * 10) / 10,
  }
}

/** Runs the CLI; returns the exit code. Writes exactly one JSON line to stdout (usage text to stderr). */
export async function main(argv: string[], out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<number> {
  const [cmd, sub, ...rest] = argv
  try {
    if (cmd === '--help' || cmd === '-h' || cmd === 'help') {
      process.stderr.write(`${USAGE}\n`)
      return 0
    }
    if (cmd !== 'verify' || (sub !== 'lc' && sub !== 'state' && sub !== 'groth16')) {
      throw new UsageError(`unknown command: ${[cmd, sub].filter(Boolean).join(' ') || '(none)'}`)
    }
    const result = sub === 'lc' ? await verifyLc(rest) : sub === 'state' ? await verifyState(rest) : await verifyGroth16Cli(rest)
    out(json(result))
    return 0
  } catch (e) {
    const usage = e instanceof UsageError || (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))
    const s = serializeError(e)
    out(json({ ok: false, error: { code: usage ? 'Usage' : s.code, name: s.name, message: s.shortMessage, details: s.details } }))
    if (usage) process.stderr.write(`${USAGE}\n`)
    return usage ? 2 : 1
  }
}
