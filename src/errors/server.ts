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

/**
 * A JSON-RPC method of a project server fails in its own terms (JSON-RPC 2.0 section 5.1 codes:
 * -32601 method not found, -32602 invalid params, -32000… server errors such as "not recorded").
 */
export class JsonRpcError extends BaseError<'JsonRpc'> {
  override name = 'JsonRpcError'
  /** The JSON-RPC `error.code`. */
  readonly rpcCode: number
  constructor({ rpcCode, message }: { rpcCode: number; message: string }) {
    super('JsonRpc', message, { docsPath: '/docs/errors.md#requestrejected' })
    this.rpcCode = rpcCode
  }
}
