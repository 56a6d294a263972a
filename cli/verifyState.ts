import { parseArgs } from 'node:util'
import { rpcRequest } from '../src/net/executionRpc.ts'
import { type ProofRequest, type VerifiedAccount, verifyAccountProof } from '../src/verify/verifyAccountProof.ts'
import { verifyBlockHeader } from '../src/verify/verifyBlockHeader.ts'
import { syncFinalizedForRpc } from './finalizedCallBlock.ts'
import { elapsedMs } from './output.ts'
import { readJsonFile } from './readInput.ts'
import { parseAddressArg, parseRootArg, parseSlotsArg, UsageError } from './usage.ts'

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
 * Live mode: sync a light client headless from a beacon API, then fetch `eth_getProof` for exactly the
 * asked address and slots at its finalized execution block and verify the answer proves that question.
 * The checkpoint comes from `--checkpoint`; only a chain of kind devnet may publish its own
 * (`/lightbus/checkpoint`), and the output says `"checkpoint":{"source":"devnet"}`.
 * @throws {UsageError} Missing/malformed flags; a public chain without `--checkpoint`.
 */
async function verifyStateLive(values: Record<string, string | boolean | undefined>) {
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined)
  const beacon = str('beacon')
  const rpc = str('rpc') as string
  if (!beacon) throw new UsageError('--rpc needs --beacon and --address')
  const address = parseAddressArg(str('address'))
  const slots = parseSlotsArg(str('slot'))
  if ((str('block') ?? 'latest-finalized') !== 'latest-finalized') throw new UsageError('with --rpc, --block must be latest-finalized')
  const given = str('checkpoint') === undefined ? undefined : parseRootArg(str('checkpoint'), 'checkpoint')
  const t0 = performance.now()
  const { chain, checkpoint, session, fin } = await syncFinalizedForRpc(rpc, beacon, given)
  const proof = await rpcRequest(rpc, 'eth_getProof', [address, slots, `0x${fin.execution.blockNumber.toString(16)}`])
  // Walked under the state root of the block asked for (the finalized one), for exactly the address and slots asked.
  const account = await verifyAccountProof(fin.execution.stateRoot, proof, { address, storageKeys: slots })
  return {
    ok: true,
    command: 'verify state',
    network: chain,
    checkpoint: { root: checkpoint, source: given ? 'user' : 'devnet' },
    trust: { kind: session.trust.kind },
    anchor: { kind: 'light-client', checkpoint, finalizedSlot: fin.slot, blockNumber: fin.execution.blockNumber, blockHash: fin.execution.blockHash },
    stateRoot: fin.execution.stateRoot,
    ...accountOutput(account),
    elapsedMs: elapsedMs(t0),
  }
}

/**
 * `verify state`: an `eth_getProof` file under a state root (`--state-root`, or a `--block` file whose
 * header hashes to its hash), or live (`--rpc`, see {@link verifyStateLive}). With `--address` (and
 * `--slot`) the file must answer that question; without, it is checked as it describes itself.
 * @throws {UsageError | InputTooLargeError | MalformedInputError | ProofMismatchError} And the proof errors.
 */
export async function verifyState(args: string[]) {
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
  if (values.slot !== undefined && values.address === undefined) throw new UsageError('--slot needs --address')
  if (values.checkpoint !== undefined || values.beacon !== undefined) throw new UsageError('--checkpoint and --beacon need --rpc')
  const request: ProofRequest =
    values.address === undefined ? 'self-described' : { address: parseAddressArg(values.address), storageKeys: parseSlotsArg(values.slot) }
  const givenRoot = values['state-root'] === undefined ? undefined : parseRootArg(values['state-root'], 'state-root')
  const proof = await readJsonFile(values.proof, 'proof')
  const block = values.block ? await readJsonFile(values.block, 'block') : undefined
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
    stateRoot = givenRoot as string
    anchor = { kind: 'state-root', note: 'state root given on the command line' }
  }
  const account = await verifyAccountProof(stateRoot, proof, request)
  return {
    ok: true,
    command: 'verify state',
    stateRoot,
    anchor,
    question: request === 'self-described' ? 'self-described (no --address given: the proof is checked for the account and slots it names)' : request,
    ...accountOutput(account),
    elapsedMs: elapsedMs(t0),
  }
}
