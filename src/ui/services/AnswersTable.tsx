import type { ProviderSlot } from '../../services/compare.ts'
import { Hash } from '../Hash.tsx'

const STATUS = {
  pending: { text: 'waiting…', style: 'text-slate-500 dark:text-slate-400' },
  answered: { text: 'answered, signature checked', style: 'text-emerald-700 dark:text-emerald-400' },
  timeout: { text: 'timed out', style: 'text-amber-700 dark:text-amber-400' },
  unreachable: { text: 'unreachable', style: 'text-amber-700 dark:text-amber-400' },
  invalid: { text: 'bad answer', style: 'text-rose-700 dark:text-rose-400' },
} as const

/** One row per provider asked: its status (pending → answered / timed out / unreachable / bad answer) and its signed output. */
export function AnswersTable({ slots, describeOutput }: { slots: readonly ProviderSlot[]; describeOutput: (words: number[]) => string }) {
  return (
    <table className="w-full text-left text-sm" data-testid="service-answers">
      <caption className="sr-only">Answers of the providers asked</caption>
      <thead className="text-slate-500 dark:text-slate-400">
        <tr>
          <th scope="col" className="py-1 font-normal">
            Provider
          </th>
          <th scope="col" className="py-1 font-normal">
            Status
          </th>
          <th scope="col" className="py-1 font-normal">
            Signed output
          </th>
        </tr>
      </thead>
      <tbody>
        {slots.map((s) => {
          const o = s.outcome
          return (
            <tr key={s.provider} data-testid="service-answer" data-provider={s.provider.toLowerCase()} data-status={o.status}>
              <td className="py-1 align-top">
                <Hash value={s.provider} label="provider address" />
                <div className="mono break-all text-xs text-slate-500 dark:text-slate-400">{s.endpoint}</div>
              </td>
              <td className={`py-1 align-top ${STATUS[o.status].style}`}>
                {STATUS[o.status].text}
                {'ms' in o && <span className="text-xs text-slate-500 dark:text-slate-400"> · {o.ms} ms</span>}
                {o.status === 'unreachable' && <div className="text-xs">{o.detail}</div>}
                {o.status === 'invalid' && (
                  <div className="text-xs" data-testid="service-answer-error" data-code={o.error.code}>
                    {o.error.shortMessage} {o.error.details}
                  </div>
                )}
              </td>
              <td className="py-1 align-top">
                {o.status === 'answered' ? (
                  <span className="mono" data-testid="service-output" data-words={o.words.join(',')}>
                    {describeOutput(o.words)}
                  </span>
                ) : (
                  <span className="text-slate-500 dark:text-slate-400">—</span>
                )}
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
