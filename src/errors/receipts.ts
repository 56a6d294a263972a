import { BaseError } from './base.ts'

/** The receipts a JSON-RPC endpoint served do not build the trie root the verified block header commits to. */
export class ReceiptsRootMismatchError extends BaseError<'ReceiptsRootMismatch'> {
  override name = 'ReceiptsRootMismatchError'
  constructor({ block, expected, actual, details }: { block: string; expected: string; actual: string; details?: string }) {
    super('ReceiptsRootMismatch', `The served receipts of block ${block} do not match its receipts root.`, {
      metaMessages: [`receiptsRoot (verified header): ${expected}`, `trie root of the served receipts: ${actual}`],
      ...(details ? { details } : {}),
      docsPath: '/docs/errors.md#receiptsrootmismatch',
    })
  }
}

/** A receipt's `logsBloom` is not the bloom of its own logs (EIP-2718 receipt payload, yellow paper §4.3.1). */
export class LogsBloomMismatchError extends BaseError<'LogsBloomMismatch'> {
  override name = 'LogsBloomMismatchError'
  constructor({ what }: { what: string }) {
    super('LogsBloomMismatch', `The logsBloom of ${what} is not the bloom of its logs.`, {
      docsPath: '/docs/errors.md#logsbloommismatch',
    })
  }
}

/**
 * A log an endpoint reported (eth_getLogs) is not in the verified receipts of its block, differs from the
 * log there, or the endpoint omitted a matching log that the verified receipts contain.
 */
export class LogNotProvenError extends BaseError<'LogNotProven'> {
  override name = 'LogNotProvenError'
  /** `missing`: no such log in the verified receipts; `altered`: the log there differs; `omitted`: eth_getLogs left out a matching log. */
  readonly reason: 'missing' | 'altered' | 'omitted'
  constructor({ reason, details }: { reason: 'missing' | 'altered' | 'omitted'; details: string }) {
    super('LogNotProven', `The log is not proven by its block's receipts (${reason}).`, {
      details,
      docsPath: '/docs/errors.md#lognotproven',
    })
    this.reason = reason
  }
}

/**
 * A block could not be tied to the light client's verified execution block by a parentHash chain: a served
 * header hashes to another block than its child names (`contradiction`), or the block is beyond the bound or
 * newer than the verified block (`out-of-reach`).
 */
export class LogNotAnchoredError extends BaseError<'LogNotAnchored'> {
  override name = 'LogNotAnchoredError'
  readonly reason: 'contradiction' | 'out-of-reach'
  constructor({ details, reason = 'contradiction' }: { details: string; reason?: 'contradiction' | 'out-of-reach' }) {
    super('LogNotAnchored', `The block is not anchored in the light client's verified chain: ${details}`, {
      docsPath: '/docs/errors.md#lognotanchored',
    })
    this.reason = reason
  }
}
