import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from './testing.ts'

const BLOCK = 'fixtures/mainnet-execution/block.json'
const RECEIPTS = 'fixtures/mainnet-receipts/receipts.json'

describe('lightbus verify receipts', () => {
  it('the real mainnet receipts of block 21925176 build its receipts root', async () => {
    const hash = JSON.parse(readFileSync(BLOCK, 'utf8')).hash
    const { code, out } = await runCli(['verify', 'receipts', '--block', BLOCK, '--receipts', RECEIPTS, '--block-hash', hash])
    expect(code).toBe(0)
    expect(out).toMatchObject({
      ok: true,
      command: 'verify receipts',
      blockNumber: 21925176,
      anchored: true,
      receiptsRoot: '0xf883e1a2fb8df9d1d988dec80f13c8aca724590ac357e45e30e0d48b1fbd64ee',
      receipts: 202,
      types: { '0x0': 12, '0x2': 190 },
      logs: 463,
    })
  })

  it('exits 1 on a tampered receipt list (one data byte), 2 without --receipts', async () => {
    const receipts = JSON.parse(readFileSync(RECEIPTS, 'utf8'))
    const log = receipts[10].logs[0] ?? receipts.find((r: any) => r.logs.length).logs[0]
    log.data = `${log.data.slice(0, -1)}${log.data.endsWith('0') ? '1' : '0'}`
    const p = join(mkdtempSync(join(tmpdir(), 'lightbus-receipts-')), 'receipts.json')
    writeFileSync(p, JSON.stringify(receipts))
    const bad = await runCli(['verify', 'receipts', '--block', BLOCK, '--receipts', p])
    expect(bad.code).toBe(1)
    expect(bad.out).toMatchObject({ ok: false, error: { code: 'ReceiptsRootMismatch' } })
    expect((await runCli(['verify', 'receipts', '--block', BLOCK])).code).toBe(2)
  })
})
