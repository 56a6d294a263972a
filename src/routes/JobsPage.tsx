import { marketOf } from '../app/jobs/market.ts'
import { useNetwork } from '../app/useNetwork.ts'
import { MarketBalance } from '../ui/jobs/MarketBalance.tsx'
import { MyJobs } from '../ui/jobs/MyJobs.tsx'
import { SubmitJobPanel } from '../ui/jobs/SubmitJobPanel.tsx'
import { useWallet } from '../wallet/hooks.ts'
import { WalletScope } from '../wallet/WalletScope.tsx'

/**
 * /jobs (lazy route; pulls in wagmi): ask the proof market for a proof of a zkVM program run, with a signed
 * EIP-712 request and an offer whose price ramps up; the market balance; and My jobs, each state proven at the
 * light client's finalized block. docs/jobs.md.
 */
export function JobsPage() {
  const { network } = useNetwork()
  if (!network) return null
  const market = marketOf(network)
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Jobs</h1>
      <p className="max-w-3xl text-slate-600 dark:text-slate-400">
        Ask the proof market for a proof: sign a request for a zkVM program and input with an offer whose price ramps up until a prover locks it with
        collateral; the prover network proves it and the market pays only for a receipt its on-chain verifier accepts. Each job state here is read by a verified
        call at the light client’s finalized block, and the delivered receipt is verified again in this tab.
      </p>
      {!market ? (
        <p
          role="status"
          className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-500 dark:text-slate-400 dark:border-slate-700"
          data-testid="jobs-no-market"
        >
          {network.name} has no proof market. Pick “Devnet (local)” in the network menu.
        </p>
      ) : (
        <WalletScope network={network}>
          <SubmitJobPanel network={network} market={market} />
          <BalanceIfConnected network={network} market={market} />
          <MyJobs network={network} market={market} />
        </WalletScope>
      )}
    </div>
  )
}

function BalanceIfConnected({
  network,
  market,
}: {
  network: NonNullable<ReturnType<typeof useNetwork>['network']>
  market: NonNullable<ReturnType<typeof marketOf>>
}) {
  const w = useWallet()
  if (w.status !== 'connected' || !w.address) return null
  return <MarketBalance network={network} market={market} account={w.address} />
}
