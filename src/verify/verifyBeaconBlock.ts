import { ForkName, isForkPostCapella } from '@lodestar/params'
import { ssz, sszTypesFor } from '@lodestar/types'
import type { Hex } from 'viem'
import { MalformedInputError } from '../errors/base.ts'
import { ExecutionPayloadMismatchError } from '../errors/verify.ts'
import { decodeTransaction, type TransactionSummary } from './decodeTransaction.ts'
import { toHex } from './hex.ts'

/** The verified header a served block must match (from the light client). All hex 32 bytes. */
export type ExpectedBlock = {
  blockRoot: string
  execution: { blockHash: string; stateRoot: string; transactionsRoot: string; blockNumber: number }
}

export type VerifiedBeaconBlock = {
  slot: number
  blockNumber: number
  transactions: TransactionSummary[]
  /** Timings of each check, milliseconds. */
  checks: { name: string; ms: number }[]
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now())

/**
 * Verifies a full `SignedBeaconBlock` (beacon-API `/eth/v2/beacon/blocks/{id}` JSON) against a
 * verified light-client header: hash_tree_root(BeaconBlock) must equal the header's block root
 * (which commits to the body and so to the whole execution payload), and the payload's
 * transactions must hash (SSZ `List[Transaction, MAX_TRANSACTIONS_PER_PAYLOAD]`) to the verified
 * `transactions_root`. Every listed transaction is therefore proven part of the verified block.
 * Spec: https://github.com/ethereum/consensus-specs/blob/v1.5.0/specs/bellatrix/beacon-chain.md#executionpayload
 * @throws {MalformedInputError} When the JSON is not a post-Capella signed beacon block.
 * @throws {ExecutionPayloadMismatchError} When the block or its transactions differ from the verified header.
 */
export function verifyBeaconBlock(blockJson: unknown, expected: ExpectedBlock): VerifiedBeaconBlock {
  const v = blockJson as { version?: string; data?: unknown } | null
  const fork = v?.version as ForkName | undefined
  if (!v || !fork || !Object.values(ForkName).includes(fork) || !isForkPostCapella(fork)) {
    throw new MalformedInputError({ what: 'signed beacon block', details: `unsupported or missing version ${String(v?.version)}` })
  }
  const checks: VerifiedBeaconBlock['checks'] = []
  let t0 = now()
  let block: any
  try {
    block = (sszTypesFor(fork) as any).SignedBeaconBlock.fromJson(v.data)
  } catch (cause) {
    throw new MalformedInputError({ what: `signed beacon block (${fork})`, cause })
  }
  const message = block.message
  const blockRoot = toHex((sszTypesFor(fork) as any).BeaconBlock.hashTreeRoot(message))
  if (blockRoot !== expected.blockRoot.toLowerCase()) {
    throw new ExecutionPayloadMismatchError({ what: 'Beacon block', fields: ['hash_tree_root(BeaconBlock)'] })
  }
  checks.push({ name: 'hash_tree_root(BeaconBlock) = verified block root', ms: now() - t0 })

  t0 = now()
  const payload = message.body.executionPayload
  const txs: Uint8Array[] = payload.transactions
  const transactionsRoot = toHex(ssz.bellatrix.Transactions.hashTreeRoot(txs))
  const mismatched = [
    ['transactions_root', transactionsRoot, expected.execution.transactionsRoot],
    ['block_hash', toHex(payload.blockHash), expected.execution.blockHash],
    ['state_root', toHex(payload.stateRoot), expected.execution.stateRoot],
    ['block_number', String(payload.blockNumber), String(expected.execution.blockNumber)],
  ]
    .filter(([, a, b]) => String(a).toLowerCase() !== String(b).toLowerCase())
    .map(([name]) => name as string)
  if (mismatched.length > 0) throw new ExecutionPayloadMismatchError({ what: 'Execution payload', fields: mismatched })
  checks.push({ name: `hash_tree_root(transactions) = verified transactions_root (${txs.length} txs)`, ms: now() - t0 })

  t0 = now()
  const transactions = txs.map((tx, i) => decodeTransaction(toHex(tx) as Hex, i))
  checks.push({ name: 'decode transactions', ms: now() - t0 })
  return { slot: message.slot, blockNumber: Number(payload.blockNumber), transactions, checks }
}
