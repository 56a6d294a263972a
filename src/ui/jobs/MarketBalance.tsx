import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useId, useState } from 'react'
import { formatEther, type Hex, parseEther } from 'viem'
import type { MarketConfig } from '../../app/jobs/market.ts'
import { depositToMarket, withdrawFromMarket } from '../../app/jobs/marketApi.ts'
import { provenMarketBalance } from '../../app/jobs/provenRead.ts'
import { rpcMarketBalance } from '../../app/jobs/rpcReads.ts'
import { useLightClient } from '../../app/lightClientState.ts'
import type { BaseError } from '../../errors/base.ts'
import { serializeError } from '../../errors/serialize.ts'
import type { NetworkConfig } from '../../net/networkConfig.ts'
import { waitForReceipt } from '../../wallet/actions.ts'
import { useWallet } from '../../wallet/hooks.ts'
import { WalletError } from '../../wallet/WalletError.tsx'
import { ProvenanceBadge } from '../ProvenanceBadge.tsx'

const btn =
  'rounded-md px-3 py-1.5 text-sm ring-1 ring-slate-300 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-emerald-500 disabled:opacity-50 dark:ring-slate-700 dark:hover:bg-slate-800'

/** The account's balance in the market (proven at the finalized block; the RPC's latest as trusted), deposit and withdraw. */
export function MarketBalance({ network, market, account }: { network: NetworkConfig; market: MarketConfig; account: Hex }) {
  const w = useWallet()
  const lc = useLightClient()
  const queryClient = useQueryClient()
  const fin = lc && lc.networkId === network.id ? lc.finalized : null
  const ready = Boolean(fin?.execution && (lc?.status.code === 'synced' || lc?.status.code === 'stalled'))
  const proven = useQuery({
    queryKey: ['jobs', network.id, 'balance', account, fin?.slot ?? null],
    queryFn: ({ signal }) => provenMarketBalance(network, lc as NonNullable<typeof lc>, market.proofMarket, account, signal),
    enabled: ready,
    staleTime: Number.POSITIVE_INFINITY,
    placeholderData: keepPreviousData,
    retry: 1,
  })
  const latest = useQuery({
    queryKey: ['jobs', network.id, 'balance-rpc', account],
    queryFn: () => rpcMarketBalance(network.executionRpcUrl, market.proofMarket, account),
    refetchInterval: 4_000,
  })
  const [amount, setAmount] = useState('0.001')
  const amountId = useId()
  const valid = /^[0-9]+(\.[0-9]{1,18})?$/.test(amount.trim()) && parseEther(amount.trim()) > 0n
  const move = useMutation<void, BaseError, 'deposit' | 'withdraw'>({
    mutationKey: ['lightbus-wallet', w.chainId, 'market-balance'],
    mutationFn: async (kind) => {
      const valueWei = parseEther(amount.trim())
      const hash = await (kind === 'deposit' ? depositToMarket : withdrawFromMarket)(w.config, { market: market.proofMarket, valueWei })
      await waitForReceipt(w.config, hash)
      await queryClient.invalidateQueries({ queryKey: ['jobs', network.id, 'balance-rpc', account] })
    },
  })
  return (
    <section className="space-y-2 rounded-lg border border-slate-200 p-4 dark:border-slate-800" aria-labelledby="balance-title" data-testid="market-balance">
      <h2 id="balance-title" className="font-semibold">
        Your balance in the market
      </h2>
      <dl className="grid grid-cols-1 items-center gap-x-4 wrap-anywhere sm:grid-cols-[max-content_minmax(0,1fr)] sm:gap-y-1 [&_dd]:mb-1.5 sm:[&_dd]:mb-0 text-sm">
        <dt className="text-slate-500 dark:text-slate-400">At the finalized block {proven.data ? proven.data.block.number.toString() : ''}</dt>
        <dd className="flex items-center gap-2" data-testid="balance-proven">
          {proven.data ? (
            <>
              <span className="mono">{formatEther(proven.data.value)} ETH</span>
              <ProvenanceBadge provenance={proven.data.provenance} what="Market balance" />
            </>
          ) : proven.isError ? (
            <span className="text-rose-700 dark:text-rose-300">{serializeError(proven.error).code}</span>
          ) : (
            <span className="text-slate-500 dark:text-slate-400">{ready ? 'proving…' : 'waiting for the light client…'}</span>
          )}
        </dd>
        <dt className="text-slate-500 dark:text-slate-400">Latest (from the RPC, not verified)</dt>
        <dd className="mono" data-testid="balance-latest">
          {latest.data !== undefined ? `${formatEther(latest.data)} ETH` : '…'}
        </dd>
      </dl>
      <div className="flex flex-wrap items-end gap-2">
        <label htmlFor={amountId} className="flex flex-col text-sm">
          Amount (ETH)
          <input
            id={amountId}
            className="mono w-36 rounded-md bg-white px-2 py-1 ring-1 ring-slate-300 dark:bg-slate-900 dark:ring-slate-700"
            value={amount}
            inputMode="decimal"
            aria-invalid={!valid || undefined}
            onChange={(e) => setAmount(e.target.value)}
            data-testid="balance-amount"
          />
        </label>
        <button type="button" className={btn} disabled={!valid || move.isPending} onClick={() => move.mutate('deposit')} data-testid="balance-deposit">
          Deposit
        </button>
        <button type="button" className={btn} disabled={!valid || move.isPending} onClick={() => move.mutate('withdraw')} data-testid="balance-withdraw">
          Withdraw
        </button>
        {move.isPending && (
          <span role="status" className="text-sm text-slate-500 dark:text-slate-400">
            waiting for the wallet and the block…
          </span>
        )}
      </div>
      {move.error && <WalletError error={move.error} />}
    </section>
  )
}
