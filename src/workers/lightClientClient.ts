import * as Comlink from 'comlink'
import { WorkerStartError } from '../errors/net.ts'
import type { LightClientWorkerApi } from './lightClient.worker.ts'
import { registerErrorTransfer } from './transferErrors.ts'

let client: Promise<Comlink.Remote<LightClientWorkerApi>> | undefined

/**
 * The page's one light-client worker (React StrictMode runs effects twice; this stays single).
 * Resolves after the worker's "ready" message: messages sent before `expose` would be lost.
 */
export function getLightClientWorker(): Promise<Comlink.Remote<LightClientWorkerApi>> {
  client ??= new Promise((resolve, reject) => {
    registerErrorTransfer()
    const worker = new Worker(new URL('./lightClient.worker.ts', import.meta.url), { type: 'module', name: 'light-client' })
    const onMessage = (e: MessageEvent) => {
      if (e.data?.type === 'lightbus-worker-ready') {
        worker.removeEventListener('message', onMessage)
        resolve(Comlink.wrap<LightClientWorkerApi>(worker))
      }
    }
    worker.addEventListener('message', onMessage)
    worker.addEventListener('error', (e) => reject(new WorkerStartError({ worker: 'light-client', cause: e.error ?? e.message })), { once: true })
  })
  return client
}
