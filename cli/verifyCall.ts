import { parseArgs } from 'node:util'
import type { Hex } from 'viem'
import { createRpcCallStateSource } from '../src/net/callStateRpc.ts'
import { verifiedCall } from '../src/verify/call/verifiedCall.ts'
import { finalizedCallBlock } from './finalizedCallBlock.ts'
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
  const { chain, checkpoint, session, fin, block } = await finalizedCallBlock(rpc, beacon, given)
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
