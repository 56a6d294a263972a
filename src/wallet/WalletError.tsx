import type { BaseError } from '../errors/base.ts'

/** A wallet error in plain words: a declined request is not a failure of Lightbus, so it is shown as a notice. */
export function WalletError({ error }: { error: BaseError | Error }) {
  const code = (error as BaseError).code
  const rejected = code === 'UserRejected'
  return (
    <p
      role="alert"
      data-testid="wallet-error"
      data-code={code ?? 'Error'}
      className={`rounded-md p-2 ${rejected ? 'bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-200' : 'bg-rose-50 text-rose-900 dark:bg-rose-950 dark:text-rose-200'}`}
    >
      {(error as BaseError).shortMessage ?? error.message}
    </p>
  )
}
