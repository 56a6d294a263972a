import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { createCallProofCache } from '../src/verify/call/cache.ts'
import { resolveWeb3Verified } from '../src/workers/web3Verified.ts'
import { finalizedCallBlock } from './finalizedCallBlock.ts'
import { elapsedMs } from './output.ts'
import { parseRootArg, UsageError } from './usage.ts'

/** Largest resource `fetch` reads, bytes (`--max-bytes` may lower or raise it up to 64 MiB). */
const DEFAULT_MAX_BYTES = 16 * 1024 * 1024

/**
 * `fetch web3://… --rpc URL --beacon URL [--storage-node URL] [--checkpoint 0x…] [--out FILE] [--max-bytes N]`:
 * syncs a light client headless (checkpoint from `--checkpoint`, or the devnet's published one), takes its finalized
 * execution block (header fetched by its verified hash), then resolves the URL with web3protocol, every contract
 * call a verifiedCall at that block and blob reads through the verified EthStorage read precompile (storage node
 * `--storage-node`). Prints the content's sha256, MIME type and size; `--out` writes the bytes.
 * @throws {UsageError} Missing/malformed flags; a public chain without `--checkpoint`.
 * @throws The light client's, verifiedCall's, the blob verifier's and the resolver's typed errors.
 */
export async function fetchWeb3Cli(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      rpc: { type: 'string' },
      beacon: { type: 'string' },
      'storage-node': { type: 'string' },
      checkpoint: { type: 'string' },
      out: { type: 'string' },
      'max-bytes': { type: 'string' },
    },
  })
  const url = positionals[0]
  if (!url || positionals.length !== 1 || !/^(web3|w3):\/\//.test(url)) throw new UsageError('fetch needs one web3:// URL')
  if (!values.rpc || !values.beacon) throw new UsageError('fetch needs --rpc and --beacon')
  const maxBytes = values['max-bytes'] === undefined ? DEFAULT_MAX_BYTES : Number(values['max-bytes'])
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1 || maxBytes > 64 * 1024 * 1024) throw new UsageError('--max-bytes must be an integer in 1…67108864')
  const given = values.checkpoint === undefined ? undefined : parseRootArg(values.checkpoint, 'checkpoint')
  const { rpc, beacon } = values
  const t0 = performance.now()
  const { chain, chainId, checkpoint, session, fin, block } = await finalizedCallBlock(rpc, beacon, given)
  const r = await resolveWeb3Verified(url, {
    rpcUrl: rpc,
    block,
    chainId,
    chainName: chain,
    maxBytes,
    cache: createCallProofCache(),
    ...(values['storage-node'] ? { storageNodeUrl: values['storage-node'] } : {}),
    beacon: { url: beacon, start: { root: fin.blockRoot, label: `light client's finalized header (slot ${fin.slot})` } },
  })
  if (values.out) writeFileSync(values.out, r.bytes)
  return {
    ok: true,
    command: 'fetch',
    url: r.url,
    network: chain,
    checkpoint: { root: checkpoint, source: given ? 'user' : 'devnet' },
    trust: { kind: session.trust.kind },
    anchor: { kind: 'light-client', checkpoint, finalizedSlot: fin.slot, blockNumber: fin.execution.blockNumber, blockHash: fin.execution.blockHash },
    contract: r.contract,
    mode: r.mode,
    status: r.status,
    mime: r.mime,
    size: r.size,
    sha256: r.sha256,
    calls: r.calls.length,
    blobsVerified: r.calls.reduce((n, c) => n + c.checks.filter((x) => x.label === 'KZG blob proof').length, 0),
    blobsInBeaconBlocks: r.calls.reduce((n, c) => n + c.checks.filter((x) => x.label === 'Commitment in the verified block body').length, 0),
    ...(values.out ? { out: values.out } : {}),
    elapsedMs: elapsedMs(t0),
  }
}
