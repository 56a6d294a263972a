import { useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import type { Hex } from 'viem'
import type { Config } from 'wagmi'
import { disputeAction } from '../../app/services/serviceActions.ts'
import type { BaseError } from '../../errors/base.ts'
import { MalformedInputError } from '../../errors/base.ts'
import type { StoredServiceSession } from '../../services/sessionStore.ts'
import { waitForReceipt } from '../../wallet/actions.ts'
import { WalletError } from '../../wallet/WalletError.tsx'
import { Hash } from '../Hash.tsx'

/**
 * Dispute any signed answer with a proof request of your choice (advanced). The registry decides: it slashes only a
 * provider whose signed output differs from the journal of a fulfilled, verified proof of the service's program on
 * this very input; anything else reverts (ProofDoesNotMatch, ResponseWasCorrect, …), shown as a typed error.
 */
export function ManualDispute({ session, config, registry, ready }: { session: StoredServiceSession; config: Config; registry: Hex; ready: boolean }) {
  const answered = session.slots.filter((s) => s.outcome.status === 'answered')
  const [provider, setProvider] = useState<string>(answered[0]?.provider ?? '')
  const [proofId, setProofId] = useState('')
  const m = useMutation<Hex, BaseError, void>({
    mutationFn: async () => {
      const slot = answered.find((s) => s.provider === provider)
      if (slot?.outcome.status !== 'answered') throw new MalformedInputError({ what: 'dispute', details: 'pick a provider that answered' })
      const id = proofId.trim()
      if (!/^(0x[0-9a-fA-F]{1,64}|[0-9]{1,78})$/.test(id)) throw new MalformedInputError({ what: 'proof request id', details: 'a decimal or 0x-hex integer' })
      const tx = await disputeAction(config, {
        registry,
        request: {
          serviceId: BigInt(session.request.serviceId),
          user: session.request.user,
          input: session.request.input,
          nonce: BigInt(session.request.nonce),
        },
        userSignature: session.userSignature,
        response: slot.outcome.response,
        providerSignature: slot.outcome.signature,
        proofRequestId: BigInt(id),
      })
      await waitForReceipt(config, tx)
      return tx
    },
  })
  if (answered.length === 0) return null
  return (
    <details className="rounded-md border border-slate-200 p-2 text-sm dark:border-slate-800" data-testid="manual-dispute">
      <summary className="cursor-pointer">Dispute an answer with a proof request of your choice</summary>
      <p className="mt-2 text-slate-600 dark:text-slate-400">
        The registry checks the proof itself: a fulfilled ProofMarket request whose verified receipt is this service’s program on this request’s input, with a
        journal different from the signed output. A correct answer cannot be slashed, whatever proof you bring.
      </p>
      <form
        className="mt-2 flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault()
          m.mutate()
        }}
      >
        <label className="block">
          <span className="block text-slate-500 dark:text-slate-400">Provider</span>
          <select
            className="rounded-md bg-white px-2 py-1 ring-1 ring-slate-300 dark:bg-slate-900 dark:ring-slate-700"
            value={provider}
            onChange={(e) => setProvider(e.target.value)}
            data-testid="manual-dispute-provider"
          >
            {answered.map((s) => (
              <option key={s.provider} value={s.provider}>
                {s.provider}
              </option>
            ))}
          </select>
        </label>
        <label className="block">
          <span className="block text-slate-500 dark:text-slate-400">Proof request id</span>
          <input
            className="mono rounded-md bg-white px-2 py-1 ring-1 ring-slate-300 dark:bg-slate-900 dark:ring-slate-700"
            value={proofId}
            onChange={(e) => setProofId(e.target.value)}
            spellCheck={false}
            data-testid="manual-dispute-id"
          />
        </label>
        <button
          type="submit"
          className="rounded-md px-3 py-1 ring-1 ring-slate-300 disabled:opacity-50 dark:ring-slate-700"
          disabled={!ready || m.isPending}
          data-testid="manual-dispute-send"
        >
          {m.isPending ? 'Disputing…' : 'Send dispute'}
        </button>
      </form>
      {m.error && <WalletError error={m.error} />}
      {m.data && (
        <p className="mt-2" data-testid="manual-dispute-done">
          Dispute mined: <Hash value={m.data} label="dispute transaction" />
        </p>
      )}
    </details>
  )
}
