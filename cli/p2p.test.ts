import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { fibInputFor, startTestCoordinator } from '../devnet/coordinator/testing.ts'
import { main } from './main.ts'

const cleanup: (() => Promise<void>)[] = []
afterAll(async () => {
  for (const f of cleanup) await f()
})

describe('lightbus prover and lightbus job submit', () => {
  it('a CLI prover proves a job submitted with job submit --wait; the written receipt verifies', async () => {
    const { c } = await startTestCoordinator()
    cleanup.push(() => c.stop())
    const addr = c.multiaddrs[0] as string
    const out = join(mkdtempSync(join(tmpdir(), 'lightbus-p2p-cli-')), 'receipt.json')
    const jobLines: string[] = []
    const proverLines: string[] = []
    const job = main(
      ['job', 'submit', '--coordinator', addr, '--program', 'fibonacci', '--input', String(fibInputFor(2)), '--segment-po2', '10', '--wait', '--out', out],
      (l) => jobLines.push(l),
      () => {},
    )
    const prover = main(['prover', '--coordinator', addr, '--max-segments', '2'], (l) => proverLines.push(l))
    expect(await job).toBe(0)
    expect(await prover).toBe(0)
    expect(JSON.parse(jobLines.at(-1) as string)).toMatchObject({ ok: true, command: 'job submit', segments: 2 })
    const events = proverLines.slice(0, -1).map((l) => JSON.parse(l).event)
    expect(events.filter((e) => e.type === 'accepted')).toHaveLength(2)
    expect(JSON.parse(proverLines.at(-1) as string)).toMatchObject({ ok: true, command: 'prover', accepted: 2, rejected: 0 })
    const verified: string[] = []
    expect(await main(['verify', 'receipt', out], (l) => verified.push(l))).toBe(0)
    expect(JSON.parse(verified[0] as string)).toMatchObject({ ok: true })
  })

  it('an unreachable coordinator is a typed PeerConnection error (exit 1), never Unknown', async () => {
    const lines: string[] = []
    const args = ['job', 'submit', '--coordinator', '/ip4/127.0.0.1/tcp/1/ws', '--program', 'fibonacci', '--input', '5', '--segment-po2', '10']
    expect(
      await main(
        args,
        (l) => lines.push(l),
        () => {},
      ),
    ).toBe(1)
    expect(JSON.parse(lines[0] as string)).toMatchObject({ ok: false, error: { code: 'PeerConnection' } })
  })

  it('usage errors exit 2', async () => {
    const lines: string[] = []
    expect(
      await main(
        ['prover'],
        (l) => lines.push(l),
        () => {},
      ),
    ).toBe(2)
    expect(
      await main(
        ['job', 'submit', '--coordinator', '/ip4/127.0.0.1/tcp/1/ws', '--program', 'nope'],
        (l) => lines.push(l),
        () => {},
      ),
    ).toBe(2)
    expect(
      await main(
        ['prover', '--coordinator', 'x', '--dishonest', 'lie'],
        (l) => lines.push(l),
        () => {},
      ),
    ).toBe(2)
  })
})
