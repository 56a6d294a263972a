import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'

const config = JSON.parse(readFileSync(join(import.meta.dirname, '../public/config.json'), 'utf8'))

/** Serves a config.json whose devnet talks to a devnet beacon on `beaconPort` (and its anvil on beaconPort − 1). */
export async function routeToDevnetBeacon(page: Page, beaconPort: number) {
  const c = structuredClone(config)
  const net = c.networks.find((n: { id: string }) => n.id === 'devnet')
  net.beaconApiUrl = `http://127.0.0.1:${beaconPort}`
  net.checkpointUrl = `http://127.0.0.1:${beaconPort}/lightbus/checkpoint`
  net.executionRpcUrl = `http://127.0.0.1:${beaconPort - 1}`
  await page.route('**/config.json', (route) => route.fulfill({ json: c }))
}

/** Serves a config.json whose default network talks to the replay server on `port`. */
export async function routeToReplayServer(page: Page, port: number) {
  const c = structuredClone(config)
  const net = c.networks.find((n: { id: string }) => n.id === c.defaultNetwork)
  net.beaconApiUrl = `http://127.0.0.1:${port}`
  net.executionRpcUrl = `http://127.0.0.1:${port}/rpc`
  net.resultsFeedUrl = `http://127.0.0.1:${port}/lightbus/results`
  await page.route('**/config.json', (route) => route.fulfill({ json: c }))
}

export const lcStatus = (page: Page) => page.getByTestId('lc-status')

export const fixture = (path: string) => JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures', path), 'utf8'))
