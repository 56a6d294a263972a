// Differential test: the first view's HTML (src/firstView) against react-dom/server rendering the app's own AppShell
// and Overview for the same config.json, URL and light-client snapshot. React hydrates the first view's markup, so it
// must be byte for byte what React renders first.
import { QueryClient } from '@tanstack/react-query'
import { createElement as h } from 'react'
import { renderToString } from 'react-dom/server'
import { createMemoryRouter } from 'react-router'
import { afterEach, describe, expect, it } from 'vitest'
import { AppTree, routes } from '../app/appTree.tsx'
import { seedLightClientSnapshot } from '../app/lightClientState.ts'
import { appConfigQueryOptions } from '../app/queries.ts'
import { emptySnapshot, type LightClientSnapshot, showsVerifiedHead } from '../bus/lightClientStatus.ts'
import type { AppConfig } from '../net/networkConfig.ts'
import {
  defaultCheckpoint as checkpoint,
  publicConfig as config,
  headerAt as header,
  defaultNetwork as net,
  syncStep as step,
  syncedSnapshot as synced,
} from '../test/lightClientSnapshots.ts'
import { firstViewHtml } from './firstViewHtml.ts'

/** What React renders first: the app's own tree and routes (src/app/appTree.tsx) at `/`, config.json and the snapshot seeded as src/main.tsx does. */
function reactHtml(search: string, snapshot: LightClientSnapshot | null, dark: boolean, cfg: AppConfig = config): string {
  const queryClient = new QueryClient()
  queryClient.setQueryData(appConfigQueryOptions().queryKey, cfg)
  seedLightClientSnapshot(snapshot)
  const g = globalThis as { document?: unknown }
  g.document = { documentElement: { classList: { contains: (c: string) => c === 'dark' && dark } } }
  const router = createMemoryRouter(routes, { initialEntries: [`/${search}`] })
  return renderToString(h(AppTree, { queryClient, router }))
}

/** Null when equal, else both strings around their first difference (a failure prints that, not two whole pages). */
function firstDiff(a: string | null, b: string): { at: number; ours: string; react: string } | null {
  if (a === b) return null
  const s = a ?? ''
  let i = 0
  while (i < s.length && s[i] === b[i]) i++
  return { at: i, ours: s.slice(Math.max(0, i - 120), i + 120), react: b.slice(Math.max(0, i - 120), i + 120) }
}

afterEach(() => {
  delete (globalThis as { document?: unknown }).document
})

const cases: [string, string, LightClientSnapshot | null, boolean][] = [
  ['before the first snapshot', '', null, false],
  ['starting', '', emptySnapshot(net.id, checkpoint, { code: 'syncing', phase: 'starting' }), false],
  [
    'period updates in progress, dark',
    '',
    {
      ...emptySnapshot(net.id, checkpoint, { code: 'syncing', phase: 'updates', progress: { fromPeriod: 862, toPeriod: 867, period: 864, done: 2, total: 6 } }),
      finalized: header(7069376, 17883000) as LightClientSnapshot['finalized'],
      optimistic: header(7069376, 17883000) as LightClientSnapshot['optimistic'],
      steps: [step('bootstrap', 862, 7069376)],
    },
    true,
  ],
  ['synced', '', synced, false],
  ['synced, with ?network= and ?checkpoint= kept in links', `?network=${net.id}&checkpoint=${checkpoint}`, synced, true],
  [
    'resumed, with a notice',
    '',
    { ...synced, restored: true, notices: ['A stored <store> & “its” key were discarded.'], steps: [step('restore', 867, 7109344), ...synced.steps] },
    false,
  ],
  ['stalled', '', { ...synced, status: { code: 'stalled', reason: 'no new head for 40 slots', slotsBehind: 40 } }, false],
  ...(['bootstrap', 'restore', 'head'] as const).map((phase): [string, string, LightClientSnapshot | null, boolean] => [
    `phase ${phase}`,
    '',
    emptySnapshot(net.id, checkpoint, { code: 'syncing', phase }),
    false,
  ]),
  [
    'a finalized header without an execution payload, no optimistic head',
    '',
    { ...synced, finalized: { ...synced.finalized, execution: null } as unknown as LightClientSnapshot['finalized'], optimistic: null },
    false,
  ],
  ['the devnet at a ?checkpoint= (devnet banner)', `?network=devnet&checkpoint=${checkpoint}`, { ...synced, networkId: 'devnet' }, true],
  [
    'forced update (trusted, not verified)',
    '',
    {
      ...synced,
      finalized: {
        ...synced.finalized,
        forced: { atSlot: 7109344, period: 867, attestedSlot: 7109350, participants: 300 },
      } as LightClientSnapshot['finalized'],
    },
    false,
  ],
]

describe('first view (the Consensus page before React)', () => {
  it.each(cases)('is the markup React renders first: %s', (_name, search, snapshot, dark) => {
    const ours = firstViewHtml({ config, pathname: '/', params: new URLSearchParams(search), snapshot, dark })
    expect(firstDiff(ours, reactHtml(search, snapshot, dark))).toBeNull()
  })

  it('leaves other paths, unknown networks, other networks and failures to React', () => {
    const input = { config, pathname: '/', params: new URLSearchParams(), snapshot: synced, dark: false }
    expect(firstViewHtml(input)).not.toBeNull()
    expect(firstViewHtml({ ...input, pathname: '/block' })).toBeNull()
    expect(firstViewHtml({ ...input, params: new URLSearchParams('network=nope') })).toBeNull()
    expect(firstViewHtml({ ...input, snapshot: { ...synced, networkId: 'devnet' } })).toBeNull()
    const failed = { ...synced, status: { code: 'failed' as const, error: { name: 'BeaconApiError', code: 'X', message: 'm', shortMessage: 's' } } }
    expect(firstViewHtml({ ...input, snapshot: failed as unknown as LightClientSnapshot })).toBeNull()
  })

  it('is the markup React renders first for names and ids with quotes, ampersands and angle brackets', () => {
    const odd = {
      ...config,
      defaultNetwork: `a"b'&<c>`,
      networks: config.networks.map((n) => (n.id === net.id ? { ...n, id: `a"b'&<c>`, name: `"Main" & 'net' <x>`, description: `<b>"d"</b> & 'e'` } : n)),
    }
    const snap = { ...synced, networkId: `a"b'&<c>` }
    const ours = firstViewHtml({ config: odd, pathname: '/', params: new URLSearchParams(), snapshot: snap, dark: false })
    expect(ours).not.toContain('<b>')
    expect(firstDiff(ours, reactHtml('', snap, false, odd))).toBeNull()
    const bare = { ...config, networks: config.networks.map((n) => (n.id === net.id ? { ...n, description: undefined } : n)) }
    const html = firstViewHtml({ config: bare, pathname: '/', params: new URLSearchParams(), snapshot: synced, dark: false })
    expect(firstDiff(html, reactHtml('', synced, false, bare))).toBeNull()
  })

  it('escapes text from config.json and snapshots', () => {
    const evil = { ...config, networks: config.networks.map((n) => (n.id === net.id ? { ...n, name: '<img src=x onerror=alert(1)>' } : n)) }
    const html = firstViewHtml({ config: evil, pathname: '/', params: new URLSearchParams(), snapshot: synced, dark: false }) as string
    expect(html).not.toContain('<img')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
  })

  it('calls the head verified only when synced or stalled, with an execution block, not forced', () => {
    expect(showsVerifiedHead(synced)).toBe(true)
    expect(showsVerifiedHead(cases[2]?.[2] ?? null)).toBe(false)
    expect(showsVerifiedHead(cases[7]?.[2] ?? null)).toBe(false)
    expect(showsVerifiedHead(null)).toBe(false)
  })
})
