/**
 * Base of every error Lightbus throws: viem's shape (`shortMessage`, `details`, `metaMessages`,
 * `cause`, `walk()`) plus a string `code`, so errors stay typed across the worker boundary
 * (see `serialize.ts`). Source of the shape: wevm/viem `src/errors/base.ts` at 0912a29.
 */
export type BaseErrorParameters = {
  cause?: unknown
  details?: string
  metaMessages?: string[]
  docsPath?: string
}

export class BaseError<code extends string = string> extends Error {
  override name = 'BaseError'
  readonly code: code
  readonly shortMessage: string
  readonly details: string | undefined
  readonly metaMessages: string[] | undefined
  readonly docsPath: string | undefined

  constructor(code: code, shortMessage: string, p: BaseErrorParameters = {}) {
    const details = p.details ?? (p.cause instanceof BaseError ? p.cause.details : p.cause instanceof Error ? p.cause.message : undefined)
    const message = [
      shortMessage,
      ...(p.metaMessages ? ['', ...p.metaMessages] : []),
      ...(details && details !== shortMessage ? ['', `Details: ${details}`] : []),
    ].join('\n')
    super(message, p.cause === undefined ? undefined : { cause: p.cause })
    this.code = code
    this.shortMessage = shortMessage
    this.details = details
    this.metaMessages = p.metaMessages
    this.docsPath = p.docsPath
  }

  /** Follows `cause` to the innermost error, or to the first one `fn` accepts. */
  walk(fn?: (e: unknown) => boolean): unknown {
    let e: unknown = this
    while (e instanceof Error) {
      if (fn?.(e)) return e
      if (e.cause === undefined) return fn ? null : e
      e = e.cause
    }
    return fn ? null : e
  }
}

/** Input that does not parse as the expected format (JSON, hex, SSZ JSON, RLP). */
export class MalformedInputError extends BaseError<'MalformedInput'> {
  override name = 'MalformedInputError'
  constructor({ what, cause, details }: { what: string; cause?: unknown; details?: string }) {
    super('MalformedInput', `Malformed ${what}.`, {
      cause,
      ...(details ? { details } : {}),
      docsPath: '/docs/errors.md#malformedinput',
    })
  }
}

/** Input over a documented size or count cap (a file, a response body, a list of updates). Nothing was read past the cap. */
export class InputTooLargeError extends BaseError<'InputTooLarge'> {
  override name = 'InputTooLargeError'
  constructor({ what, limit, unit }: { what: string; limit: number; unit: 'bytes' | 'items' | 'levels' }) {
    super('InputTooLarge', `${what} is larger than the limit of ${limit} ${unit}.`, {
      docsPath: '/docs/errors.md#inputtoolarge',
    })
  }
}
