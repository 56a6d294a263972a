import { BaseError } from './base.ts'

/**
 * A server of the project (replay server, devnet beacon) refuses a request: the HTTP status it answers
 * with and why. Thrown inside request handlers; the router turns it into a JSON error response.
 */
export class RequestRejectedError extends BaseError<'RequestRejected'> {
  override name = 'RequestRejectedError'
  /** HTTP status (400, 404, 405, 413, 415). */
  readonly status: number
  constructor({ status, reason, cause }: { status: number; reason: string; cause?: unknown }) {
    super('RequestRejected', reason, { cause, docsPath: '/docs/errors.md#requestrejected' })
    this.status = status
  }
}

/** A part of the local devnet (anvil, a contract deployment, the devnet beacon) failed to start. */
export class DevnetStartError extends BaseError<'DevnetStart'> {
  override name = 'DevnetStartError'
  constructor({ what, details, cause }: { what: string; details?: string; cause?: unknown }) {
    super('DevnetStart', `The devnet's ${what} failed to start.`, { cause, ...(details ? { details } : {}), docsPath: '/docs/errors.md#devnetstart' })
  }
}
