import type * as Comlink from 'comlink'
import { WorkerBridge } from './bridge.ts'
import { takeEarlyWorker } from './earlyWorker.ts'
import type { LightClientWorkerApi } from './lightClient.worker.ts'
import { mark, receiveMarks } from './perfMarks.ts'

let bridge: WorkerBridge<LightClientWorkerApi> | undefined

/**
 * The page's one light-client worker (React StrictMode runs effects twice; this stays single), through the
 * worker bridge: no idle timeout, since the worker holds the light-client store.
 * Resolves after the worker's "ready" message: messages sent before `expose` would be lost.
 * @throws {WorkerStartError} when the worker fails to start after the bridge's retries.
 */
export function getLightClientWorker(): Promise<Comlink.Remote<LightClientWorkerApi>> {
  bridge ??= new WorkerBridge<LightClientWorkerApi>({
    name: 'light-client',
    create: () => {
      // Created by the preboot script in index.html before the bundle loaded (production builds).
      const early = takeEarlyWorker()
      if (early) return early
      mark('worker-create')
      const worker = new Worker(new URL('./lightClient.worker.ts', import.meta.url), { type: 'module', name: 'light-client' })
      receiveMarks(worker)
      return worker
    },
  })
  return bridge.remote()
}
