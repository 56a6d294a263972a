import { startTransition, useEffect, useState } from 'react'
import { Link } from 'react-router'
import { PAUSE_TEXT } from '../app/donate/budget.ts'
import { proverNetworkOf } from '../app/donate/coordinatorInfo.ts'
import { DonateControls } from '../app/donate/DonateControls.tsx'
import { InFlightSegment, JobCard, SegmentLog } from '../app/donate/DonateProgress.tsx'
import { type DonateSnapshot, getDonateSession } from '../app/donate/donateSession.ts'
import { ThroughputChart } from '../app/donate/ThroughputChart.tsx'
import { useBattery } from '../app/donate/useBattery.ts'
import { type AdapterProbe, type BackendChoice, probeWebGpu, resolveBackend } from '../app/donate/webgpuProbe.ts'
import { useNetwork } from '../app/useNetwork.ts'

function statusText(s: DonateSnapshot): string {
  switch (s.status) {
    case 'stopped':
      return 'Stopped.'
    case 'connecting':
      return 'Connecting to the coordinator…'
    case 'stopping':
      return 'Stopping…'
    case 'failed':
      return `Failed: ${s.error?.shortMessage ?? 'unknown error'}`
    case 'running':
      if (s.paused.length > 0) return `Paused: ${s.paused.map((r) => PAUSE_TEXT[r]).join('; ')}.`
      return s.inFlight ? 'Proving a segment.' : 'Connected; waiting for a lease.'
  }
}

/** /donate: lend this tab's compute to the prover network of the selected network. Works with no wallet. */
export function DonatePage() {
  const { network } = useNetwork()
  const session = getDonateSession()
  // Updates render as transitions (interruptible, in slices of a few ms): no long task on the main thread
  // while proving, whatever the page shows.
  const [snap, setSnap] = useState(session.getSnapshot)
  useEffect(() => {
    setSnap(session.getSnapshot())
    return session.subscribe(() => startTransition(() => setSnap(session.getSnapshot())))
  }, [session])
  const [choice, setChoice] = useState<BackendChoice>('auto')
  const [probe, setProbe] = useState<AdapterProbe>()
  const [share, setShare] = useState(1)
  const [pauseOnBattery, setPauseOnBattery] = useState(true)
  const battery = useBattery()
  const proverNetwork = proverNetworkOf(network)

  useEffect(() => {
    void probeWebGpu().then(setProbe)
  }, [])
  useEffect(() => session.setShare(share), [session, share])
  useEffect(() => session.setPauseOnBattery(pauseOnBattery), [session, pauseOnBattery])
  useEffect(() => {
    if (battery.kind === 'known') session.setCharging(battery.charging)
  }, [session, battery])

  const running = snap.status === 'running' || snap.status === 'connecting'
  const paused = snap.status === 'running' && snap.paused.length > 0

  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold tracking-tight">Donate compute</h1>
        <p className="max-w-3xl text-slate-600 dark:text-slate-300">
          Leave this tab open and it proves segments of zkVM jobs for the prover network: a coordinator leases a segment, this tab proves it in a worker and
          sends the proof back; the coordinator verifies it before accepting it. No wallet, no account.
        </p>
      </header>

      {network && !proverNetwork ? (
        <section data-testid="donate-empty" className="space-y-2 rounded-lg bg-amber-50 p-4 text-amber-950 dark:bg-amber-950 dark:text-amber-100">
          <h2 className="font-semibold">{network.name} has no prover network</h2>
          <p className="text-sm">
            Donating needs a coordinator to lease segments, and this network’s config names none. The local devnet runs one (<code>npm start</code> starts it).
          </p>
          <Link to={{ pathname: '/donate', search: '?network=devnet' }} className="inline-block text-sm font-medium underline">
            Switch to the devnet network
          </Link>
        </section>
      ) : (
        <>
          <DonateControls
            running={running}
            busy={snap.status === 'stopping'}
            choice={choice}
            onChoice={setChoice}
            probe={probe}
            share={share}
            onShare={setShare}
            pauseOnBattery={pauseOnBattery}
            onPauseOnBattery={setPauseOnBattery}
            battery={battery}
            onStart={() => {
              if (!proverNetwork) return
              void session.start({ coordinatorInfoUrl: proverNetwork.coordinatorInfoUrl, backend: resolveBackend(choice, probe), share, pauseOnBattery })
            }}
            onStop={() => void session.stop()}
          />
          <section aria-labelledby="donate-state" className="space-y-3">
            <h2 id="donate-state" className="sr-only">
              State
            </h2>
            <p
              role="status"
              aria-live="polite"
              data-testid="donate-status"
              data-state={paused ? 'paused' : snap.status}
              className={snap.status === 'failed' ? 'text-rose-700 dark:text-rose-300' : paused ? 'text-amber-700 dark:text-amber-300' : ''}
            >
              {statusText(snap)}
            </p>
            {snap.error && snap.status !== 'failed' && (
              <p
                role="alert"
                data-testid="donate-error"
                data-code={snap.error.code}
                className="rounded-md bg-rose-50 p-2 text-sm text-rose-900 dark:bg-rose-950 dark:text-rose-200"
              >
                Last error ({snap.error.code}): {snap.error.shortMessage}
              </p>
            )}
            <dl className="grid gap-1 text-sm sm:grid-cols-[10rem_1fr]">
              <dt className="text-slate-500 dark:text-slate-400">Peers connected</dt>
              <dd data-testid="donate-peers" data-count={snap.peers.length}>
                {snap.peers.length}
              </dd>
              {snap.peerId && (
                <>
                  <dt className="text-slate-500 dark:text-slate-400">This tab’s peer id</dt>
                  <dd className="mono break-all text-xs" data-testid="donate-peer-id">
                    {snap.peerId}
                  </dd>
                </>
              )}
            </dl>
            <InFlightSegment inFlight={snap.inFlight} />
          </section>
          <JobCard job={snap.job} />
          <SegmentLog counts={snap.counts} rows={snap.rows} />
          <section aria-labelledby="donate-throughput" className="space-y-2">
            <h2 id="donate-throughput" className="font-semibold">
              Throughput
            </h2>
            <ThroughputChart points={snap.throughput} />
          </section>
        </>
      )}
    </div>
  )
}
