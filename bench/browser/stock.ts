// Stock @lodestar/light-client 1.28.1 in a module worker, from the same checkpoint and replay server as the app:
// the reference row of the time-to-first-verified bench (bench/ttfv.ts). Marks `lb:first-verified` when the page
// shows the finalized header of the recording's last finality update.
import { mark, receiveMarks } from '../../src/workers/perfMarks.ts'

const beaconUrl = new URLSearchParams(location.search).get('beacon') ?? 'http://127.0.0.1:8788'
mark('boot')
mark('worker-create')
const worker = new Worker(new URL('./stock.worker.ts', import.meta.url), { type: 'module' })
receiveMarks(worker)
worker.addEventListener('message', (e: MessageEvent) => {
  const d = e.data as { type?: string; slot?: number; blockNumber?: number; error?: string }
  const out = document.getElementById('out')
  if (d?.type === 'finalized') {
    out?.replaceChildren(`finalized slot ${d.slot}, execution block ${d.blockNumber}`)
    mark('first-verified')
  } else if (d?.type === 'error') {
    out?.replaceChildren(`failed: ${d.error}`)
  }
})
worker.postMessage({ beaconUrl })
