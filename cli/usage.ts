import { BaseError } from '../src/errors/base.ts'
import { conjecturedSecurityBits } from '../src/prover/stark/shape.ts'
import { SEGMENT_PARAMS } from '../src/prover/zkvm/segmentProof.ts'
import { isHex32 } from '../src/verify/hex.ts'

const P = SEGMENT_PARAMS

export const USAGE = `Usage:
  lightbus verify lc --bootstrap F --updates F --finality F [--optimistic F] --checkpoint 0x… [--network mainnet|sepolia|hoodi|<config.json network id>] [--allow-forced-updates]
  lightbus verify state --proof F (--state-root 0x… | --block F) [--address 0x… [--slot S[,S…]]]
  lightbus verify state --rpc URL --beacon URL --address 0x… [--slot S[,S…]] [--block latest-finalized] [--checkpoint 0x…]
  lightbus verify call --rpc URL --beacon URL --to 0x… --data 0x… [--from 0x…] [--checkpoint 0x…]
  lightbus fetch web3://… --rpc URL --beacon URL [--storage-node URL] [--checkpoint 0x…] [--out FILE] [--max-bytes N]
  lightbus verify groth16 --family telepathy-step|telepathy-rotate|telepathy-optimized-rotate|risc0|sp1|sp1-helios FILE [--vkey F]
  lightbus verify receipt FILE
  lightbus verify kzg --vectors DIR
  lightbus verify sidecars FILE [--block-root 0x…]
  lightbus verify blob-tx FILE
  lightbus verify receipts --block F --receipts F [--block-hash 0x…]
  lightbus prove --program fibonacci|sort|checksum --input TEXT --segment-po2 K [--backend wasm|ts|webgpu] --out FILE
  lightbus prover --coordinator MULTIADDR [--coordinator MULTIADDR…] [--backend wasm|ts|webgpu] [--max-segments N]
  lightbus job submit --coordinator MULTIADDR --program fibonacci|sort|checksum --input TEXT --segment-po2 K [--wait [--out FILE]]

Files are beacon-API JSON (light client) or JSON-RPC results (eth_getProof, eth_getBlockByNumber;
bare result or {jsonrpc,id,result} envelope), at most 32 MiB each. Prints one JSON line.
--checkpoint is a finalized beacon block root you trust (weak subjectivity): take it from a source
other than the endpoint you check (a checkpoint-sync provider, a block explorer, your own node).
Only a devnet may publish its own (verify state --rpc without --checkpoint, devnet chains only).

prove runs a shipped zkVM program (fibonacci: --input N; sort: up to 256 integers below 2^24, comma-separated;
checksum: integers below p, comma-separated), cuts its execution into segments of 2^K cycles (K in 10..16),
proves each segment with the Lightbus STARK (BabyBear, Keccak-256 commitments, FRI) and writes the composite
receipt (JSON, byte strings as 0x-hex) to --out; progress per segment on stderr. --backend wasm (default) or ts.
prover joins the libp2p prover network (docs/prover-network.md) through the coordinators and proves segments
until SIGINT/SIGTERM or N accepted; one JSON line per event. job submit sends a job to a coordinator; --wait
polls until its receipt is assembled, verifies it here and writes it to --out.
verify receipt checks a composite receipt: image id, input digest, parameters, segment order and continuity,
exit code, journal, and every segment's STARK proof.
Segment proofs: blowup ${2 ** P.logBlowup} (log ${P.logBlowup}), ${P.numQueries} FRI queries, ${P.powBits} grinding bits, final polynomial of degree < ${2 ** P.finalPolyLogDegree}:
${conjecturedSecurityBits(P)} bits of conjectured security (${P.numQueries}·${P.logBlowup} + ${P.powBits}, capped at the extension field's 124; ethSTARK conjecture,
ePrint 2021/582; the proven bound is about half as many bits per query). docs/zkvm-stark.md has the details.
verify kzg runs consensus-spec-tests KZG cases (DIR/…/<case>/data.yaml) and prints counts; verify sidecars checks a
beacon-API blob_sidecars response (KZG blob proofs, commitment inclusion proofs, block root); verify blob-tx checks a
network-form type-3 transaction in hex (blob or cell proofs, versioned hashes). docs/storage-verification.md.
verify receipts checks that a block's receipts (eth_getBlockReceipts) build its receiptsRoot (EIP-2718, trie keyed by
rlp(index)) and each logsBloom; the block hashes to its hash (or --block-hash). docs/verified-results.md.
Exit codes: 0 verified, 1 rejected input, 2 usage error.`

/** Thrown for bad command lines (exit 2). */
export class UsageError extends BaseError<'Usage'> {
  override name = 'UsageError'
  constructor(message: string) {
    super('Usage', message)
  }
}

/**
 * A 32-byte root given on the command line (`--checkpoint`, `--state-root`), lower-cased.
 * @throws {UsageError} When it is not 0x followed by 64 hex digits.
 */
export function parseRootArg(value: string | undefined, flag: string): `0x${string}` {
  if (!isHex32(value)) throw new UsageError(`--${flag} must be a 32-byte 0x-hex root (0x + 64 hex digits)`)
  return value.toLowerCase() as `0x${string}`
}

/** A 20-byte address (`--address`), lower-cased. @throws {UsageError} */
export function parseAddressArg(value: string | undefined): `0x${string}` {
  if (value === undefined || !/^0x[0-9a-fA-F]{40}$/.test(value)) throw new UsageError('--address must be a 20-byte 0x-hex address (0x + 40 hex digits)')
  return value.toLowerCase() as `0x${string}`
}

/**
 * Storage slots (`--slot 0,1,0x…`): decimal or 0x-hex quantities below 2^256, as 32-byte 0x-hex keys.
 * At most 256 slots. @throws {UsageError}
 */
export function parseSlotsArg(value: string | undefined): `0x${string}`[] {
  const parts = (value ?? '').split(',').filter(Boolean)
  if (parts.length > 256) throw new UsageError('--slot takes at most 256 slots')
  return parts.map((k) => {
    if (!/^(0x[0-9a-fA-F]{1,64}|[0-9]{1,78})$/.test(k)) throw new UsageError(`--slot ${k.slice(0, 80)} is not a 32-byte quantity (decimal or 0x-hex)`)
    const n = BigInt(k)
    if (n >= 2n ** 256n) throw new UsageError(`--slot ${k.slice(0, 80)} is not below 2^256`)
    return `0x${n.toString(16).padStart(64, '0')}` as `0x${string}`
  })
}
