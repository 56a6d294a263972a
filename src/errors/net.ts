import { BaseError } from './base.ts'

/** An HTTP endpoint answered with a non-2xx status or could not be reached. */
export class HttpRequestError extends BaseError<'HttpRequest'> {
  override name = 'HttpRequestError'
  readonly status: number | undefined
  constructor({ url, status, cause }: { url: string; status?: number; cause?: unknown }) {
    super('HttpRequest', status ? `HTTP ${status} from ${url}` : `Could not reach ${url}`, {
      cause,
      docsPath: '/docs/errors.md#httprequest',
    })
    this.status = status
  }
}

/** A JSON-RPC endpoint answered with an `error` object. */
export class RpcRequestError extends BaseError<'RpcRequest'> {
  override name = 'RpcRequestError'
  constructor({ method, code, message }: { method: string; code: number; message: string }) {
    super('RpcRequest', `JSON-RPC ${method} failed: ${message}`, {
      metaMessages: [`code: ${code}`],
      docsPath: '/docs/errors.md#rpcrequest',
    })
  }
}

/** A request took longer than its budget. */
export class TimeoutError extends BaseError<'Timeout'> {
  override name = 'TimeoutError'
  constructor({ url, timeoutMs }: { url: string; timeoutMs: number }) {
    super('Timeout', `Request to ${url} timed out after ${timeoutMs} ms.`, {
      docsPath: '/docs/errors.md#timeout',
    })
  }
}

/** A Web Worker failed to load or start (module error, blocked WASM). */
export class WorkerStartError extends BaseError<'WorkerStart'> {
  override name = 'WorkerStartError'
  constructor({ worker, cause, attempts }: { worker: string; cause?: unknown; attempts?: number }) {
    super('WorkerStart', `The ${worker} worker failed to start.`, {
      cause,
      ...(attempts ? { metaMessages: [`attempts: ${attempts}`] } : {}),
      docsPath: '/docs/errors.md#workerstart',
    })
  }
}
