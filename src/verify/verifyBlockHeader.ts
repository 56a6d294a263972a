import { type Hex, keccak256, toRlp } from 'viem'
import { MalformedInputError } from '../errors/base.ts'
import { BlockHashMismatchError } from '../errors/verify.ts'
import { assertHex, parseQuantity, quantityToHex, unwrapRpcResult } from './hex.ts'

/** Header fields of a JSON-RPC block, in RLP order, with their kind. Later forks append fields. */
const FIELDS = [
  ['parentHash', 'bytes'],
  ['sha3Uncles', 'bytes'],
  ['miner', 'bytes'],
  ['stateRoot', 'bytes'],
  ['transactionsRoot', 'bytes'],
  ['receiptsRoot', 'bytes'],
  ['logsBloom', 'bytes'],
  ['difficulty', 'quantity'],
  ['number', 'quantity'],
  ['gasLimit', 'quantity'],
  ['gasUsed', 'quantity'],
  ['timestamp', 'quantity'],
  ['extraData', 'bytes'],
  ['mixHash', 'bytes'],
  ['nonce', 'bytes'],
  // EIP-1559 (London)
  ['baseFeePerGas', 'quantity'],
  // EIP-4895 (Shanghai)
  ['withdrawalsRoot', 'bytes'],
  // EIP-4844 (Cancun)
  ['blobGasUsed', 'quantity'],
  ['excessBlobGas', 'quantity'],
  // EIP-4788 (Cancun)
  ['parentBeaconBlockRoot', 'bytes'],
  // EIP-7685 (Prague)
  ['requestsHash', 'bytes'],
] as const

/** A block header whose hash was recomputed from its fields. */
export type VerifiedBlockHeader = {
  hash: Hex
  number: bigint
  stateRoot: Hex
  transactionsRoot: Hex
  receiptsRoot: Hex
  /** 256 bytes: the OR of the blooms of the block's receipts. */
  logsBloom: Hex
  /** Unix seconds. */
  timestamp: bigint
  miner: Hex
  parentHash: Hex
}

/**
 * Recomputes keccak256(rlp(header)) from an `eth_getBlockByNumber` result and checks it equals the
 * block's `hash`. This ties the header's `stateRoot` to the block hash, and only to it: the hash
 * itself is trusted from the endpoint unless something verified (a light-client header's
 * `block_hash`) names it. Field order: Ethereum yellow paper §4.3 plus EIP-1559, -4895, -4844,
 * -4788, -7685 (optional trailing fields are taken while present).
 * @throws {MalformedInputError} When a field is missing or not hex.
 * @throws {BlockHashMismatchError} When the recomputed hash differs.
 */
export function verifyBlockHeader(blockJson: unknown, expectedHash?: string): VerifiedBlockHeader {
  const b = unwrapRpcResult(blockJson) as Record<string, unknown> | null
  if (!b || typeof b !== 'object') throw new MalformedInputError({ what: 'block', details: 'not a JSON object' })
  const items: Hex[] = []
  for (const [i, [name, kind]] of FIELDS.entries()) {
    if (b[name] === undefined || b[name] === null) {
      if (i < 15) throw new MalformedInputError({ what: 'block header', details: `missing ${name}` })
      break
    }
    if (kind === 'bytes') items.push(assertHex(b[name], name))
    else {
      const q = parseQuantity(b[name], name)
      items.push(q === 0n ? '0x' : quantityToHex(q))
    }
  }
  const hash = assertHex(b.hash, 'hash', 32)
  const actual = keccak256(toRlp(items))
  if (actual !== hash) throw new BlockHashMismatchError({ expected: hash, actual })
  if (expectedHash !== undefined && assertHex(expectedHash, 'expected hash', 32) !== hash) {
    throw new BlockHashMismatchError({ expected: expectedHash, actual: hash })
  }
  return {
    hash,
    number: parseQuantity(b.number, 'number'),
    stateRoot: assertHex(b.stateRoot, 'stateRoot', 32),
    transactionsRoot: assertHex(b.transactionsRoot, 'transactionsRoot', 32),
    receiptsRoot: assertHex(b.receiptsRoot, 'receiptsRoot', 32),
    logsBloom: assertHex(b.logsBloom, 'logsBloom', 256),
    timestamp: parseQuantity(b.timestamp, 'timestamp'),
    miner: assertHex(b.miner, 'miner', 20),
    parentHash: assertHex(b.parentHash, 'parentHash', 32),
  }
}
