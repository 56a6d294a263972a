import { formatEther, type Hex } from 'viem'
import { wrongAnswersOf } from '../../services/compare.ts'
import type { StoredServiceSession } from '../../services/sessionStore.ts'
import { Hash } from '../Hash.tsx'

const li = 'rounded-md bg-slate-50 p-2 dark:bg-slate-900'

/** The dispute's progress: proof request → proven journal digest → one dispute per wrong answer → the slash proven. */
export function DisputeView({ session, onRetry, retrying, ready }: { session: StoredServiceSession; onRetry: () => void; retrying: boolean; ready: boolean }) {
  const d = session.dispute
  if (!d) return null
  const proven = d.journalDigest
  const right = proven ? session.slots.filter((s) => s.outcome.status === 'answered' && !wrongAnswersOf([s], proven as Hex).length) : []
  return (
    <section className="space-y-2 text-sm" aria-labelledby="dispute-title" data-testid="service-dispute-view" data-phase={d.phase}>
      <h4 id="dispute-title" className="font-semibold">
        Prove and dispute
      </h4>
      <ol className="space-y-2">
        <li className={li} data-testid="dispute-proof" data-proof-request-id={d.proofRequest.id}>
          1. Proof request <span className="mono">{BigInt(d.proofRequest.id).toString(16).slice(-8)}</span> for the service’s program on your input, in the
          proof market (max price {formatEther(BigInt(d.proofRequest.offer.maxPrice))} ETH)
          {d.submitTx && (
            <>
              {' '}
              · tx <Hash value={d.submitTx} label="proof request transaction" />
            </>
          )}
          {d.phase === 'proving' && (
            <span className="block text-slate-500 dark:text-slate-400">
              Waiting for a prover to lock it, prove it and fulfil it (proven at the light client’s finalized block)…
            </span>
          )}
        </li>
        {proven && (
          <li className={li} data-testid="dispute-proven" data-journal-digest={proven}>
            2. Fulfilled with a receipt the chain verified, proven at block {d.provenAtBlock}: journal digest{' '}
            <Hash value={proven} label="proven journal digest" />.{' '}
            {right.length
              ? `It matches the output of ${right.length} provider${right.length === 1 ? '' : 's'}.`
              : 'No provider asked signed the proven output.'}
          </li>
        )}
        {d.disputes.length > 0 && (
          <li className={li}>
            3. Disputes (each provider whose signed output differs from the proven journal):
            <ul className="mt-1 space-y-1">
              {d.disputes.map((x) => (
                <li key={x.provider} data-testid="dispute-provider" data-provider={x.provider.toLowerCase()} data-status={x.status}>
                  <Hash value={x.provider} label="disputed provider" />{' '}
                  {
                    {
                      sending: 'waiting for your wallet…',
                      sent: 'dispute sent, waiting to be mined…',
                      settled: 'slashed on chain (DisputeSettled); waiting for the light client to finalize the block…',
                      proven: 'slashed: stake 0 and removed from the service, proven at a finalized block',
                      failed: 'dispute failed',
                    }[x.status]
                  }
                  {x.slashed && (
                    <span className="font-medium" data-testid="dispute-slashed" data-wei={x.slashed}>
                      {' '}
                      · {formatEther(BigInt(x.slashed))} ETH slashed
                      {x.burned !== undefined &&
                        ` (${formatEther(BigInt(x.slashed) - BigInt(x.burned))} ETH to you, ${formatEther(BigInt(x.burned))} ETH burned)`}
                    </span>
                  )}
                  {x.tx && (
                    <>
                      {' '}
                      · tx <Hash value={x.tx} label="dispute transaction" />
                    </>
                  )}
                  {x.error && (
                    <span role="alert" className="block text-rose-700 dark:text-rose-400" data-testid="dispute-error" data-code={x.error.code}>
                      {x.error.shortMessage}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </li>
        )}
      </ol>
      {d.phase === 'done' && (
        <p role="status" className="rounded-md bg-emerald-50 p-2 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200" data-testid="dispute-done">
          {d.disputes.filter((x) => x.status === 'proven').length} provider(s) slashed and removed, proven at a light-client-verified block.
        </p>
      )}
      {d.phase === 'failed' && (
        <div
          role="alert"
          className="rounded-md bg-rose-50 p-2 text-rose-900 dark:bg-rose-950 dark:text-rose-200"
          data-testid="dispute-failed"
          data-code={d.error?.code}
        >
          {d.error?.shortMessage ?? 'The dispute stopped.'}{' '}
          <button type="button" className="underline disabled:opacity-50" onClick={onRetry} disabled={retrying || !ready}>
            Retry
          </button>
        </div>
      )}
    </section>
  )
}
