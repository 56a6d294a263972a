// Attacks on the CLI that got through, hung or failed untyped before (issue 7): each case must end in
// bounded time with a typed error code and the documented exit code.

import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { getGenesisData } from '../src/consensus/chainConfig.ts'
import { TimeoutError } from '../src/errors/net.ts'
import { ERROR_CODES } from '../src/errors/serialize.ts'
import { FIXTURES, MAINNET_CHECKPOINT, mainnetLc, readFixture } from '../src/test/fixtures.ts'
import { readCappedFile } from './readInput.ts'
import { runCli } from './testing.ts'

const LC = join(FIXTURES, 'mainnet-lc')
const EXEC = join(FIXTURES, 'mainnet-execution')
const tmp = mkdtempSync(join(tmpdir(), 'lightbus-cli-adv-'))
let n = 0
const write = (v: unknown) => {
  const p = join(tmp, `f${n++}.json`)
  writeFileSync(p, typeof v === 'string' ? v : JSON.stringify(v))
  return p
}
const run = runCli

/** Every code a Lightbus error can carry (checked against the error classes in src/errors/serialize.test.ts), plus the CLI's `Usage`. */
const KNOWN_CODES = new Set<string>(['Usage', ...ERROR_CODES])
const expectTyped = (r: { code: number; out: { ok: boolean; error?: { code: string } } }) => {
  expect(r.out.ok).toBe(false)
  expect(KNOWN_CODES.has(r.out.error?.code as string), `code ${r.out.error?.code}`).toBe(true)
  expect(r.code).toBe(r.out.error?.code === 'Usage' ? 2 : 1)
}
const lcArgs = (o: { bootstrap?: string; updates?: string; finality?: string; network?: string; checkpoint?: string } = {}) => [
  'verify',
  'lc',
  '--bootstrap',
  o.bootstrap ?? join(LC, 'bootstrap.json'),
  '--updates',
  o.updates ?? join(LC, 'updates.json'),
  '--finality',
  o.finality ?? join(LC, 'finality.json'),
  '--checkpoint',
  o.checkpoint ?? MAINNET_CHECKPOINT,
  ...(o.network ? ['--network', o.network] : []),
]

describe('a public chain’s checkpoint never comes from the endpoint (item 2)', () => {
  it('verify state --rpc on a beacon claiming mainnet, without --checkpoint, is a usage error and never asks the beacon', async () => {
    const asked: string[] = []
    const server = createServer((req, res) => {
      asked.push(req.url ?? '')
      res.writeHead(200, { 'content-type': 'application/json' })
      if (req.url === '/eth/v1/beacon/genesis') {
        res.end(
          JSON.stringify({
            data: { genesis_time: '1606824023', genesis_validators_root: getGenesisData('mainnet').genesisValidatorsRoot, genesis_fork_version: '0x00000000' },
          }),
        )
      } else res.end(JSON.stringify({ data: { root: `0x${'ab'.repeat(32)}`, slot: 1 } }))
    })
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    try {
      const r = await run(['verify', 'state', '--rpc', url, '--beacon', url, '--address', `0x${'11'.repeat(20)}`])
      expect(r.code).toBe(2)
      expect(r.out.error.code).toBe('Usage')
      expect(r.out.error.message).toMatch(/--checkpoint/)
      expect(asked.some((u) => u.includes('checkpoint') || u.includes('bootstrap'))).toBe(false)
    } finally {
      server.close()
    }
  })
})

describe('every proof answers the question asked (item 3)', () => {
  const deposit = ['--address', '0x00000000219ab540356cbb839cbe05303d7705fa']
  const state = (proof: string, ...extra: string[]) => run(['verify', 'state', '--proof', join(EXEC, proof), '--block', join(EXEC, 'block.json'), ...extra])
  it('a valid proof of another account is ProofMismatch (exit 1), never ok', async () => {
    const r = await state('block_miner_proof.json', ...deposit, '--slot', '1')
    expect([r.code, r.out.error.code]).toEqual([1, 'ProofMismatch'])
  })
  it('a proof without the asked storage key is ProofMismatch', async () => {
    const r = await state('proof.json', ...deposit, '--slot', '1,2')
    expect([r.code, r.out.error.code]).toEqual([1, 'ProofMismatch'])
  })
  it('the asked question, when answered, verifies', async () => {
    const r = await state('proof.json', ...deposit, '--slot', '0x1')
    expect([r.code, r.out.ok]).toEqual([0, true])
  })
  it('a malformed --address or --slot is a usage error (exit 2)', async () => {
    for (const extra of [
      ['--address', '0x1234'],
      ['--address', 'zz'],
      ['--address', '0x00000000219ab540356cbb839cbe05303d7705fa', '--slot', `0x${'1'.repeat(65)}`],
      ['--address', '0x00000000219ab540356cbb839cbe05303d7705fa', '--slot', 'abc'],
    ]) {
      const r = await run(['verify', 'state', '--proof', join(EXEC, 'proof.json'), '--block', join(EXEC, 'block.json'), ...extra])
      expect([r.code, r.out.error.code]).toEqual([2, 'Usage'])
    }
    for (const extra of [
      ['--address', '0x1234'],
      ['--address', `0x${'11'.repeat(20)}`, '--slot', '-1'],
    ]) {
      const r = await run(['verify', 'state', '--rpc', 'http://127.0.0.1:9', '--beacon', 'http://127.0.0.1:9', ...extra])
      expect([r.code, r.out.error.code]).toEqual([2, 'Usage'])
    }
  })
  it('a 33-byte storage key in the proof is MalformedInput, not Unknown', async () => {
    const p = readFixture('mainnet-execution/proof.json')
    p.storageProof[0].key = `0x${'11'.repeat(33)}`
    const r = await run(['verify', 'state', '--proof', write(p), '--block', join(EXEC, 'block.json')])
    expect([r.code, r.out.error.code]).toEqual([1, 'MalformedInput'])
  })
})

describe('bounded time and memory for any input (item 5)', () => {
  it('a finality update signed at slot 2^53−1 is rejected at once as signed in the future', async () => {
    const f = readFixture('mainnet-lc/finality.json')
    f.data.signature_slot = String(2 ** 53 - 1)
    const r = await run(lcArgs({ finality: write(f) }))
    expect([r.code, r.out.error.code]).toEqual([1, 'LightClientUpdateRejected'])
    expect(r.out.error.details ?? r.out.error.message).toMatch(/future/)
  })
  it('an update signed in the future is rejected, whatever the other inputs say', async () => {
    const u = mainnetLc().updates
    const last = u[u.length - 1]
    last.data.signature_slot = String(Number(last.data.signature_slot) + 10 ** 9)
    const r = await run(lcArgs({ updates: write(u) }))
    expect(r.out.error.code).toMatch(/LightClientUpdateRejected|InvalidSyncCommitteeSignature/)
  })
  it('an endless file (/dev/urandom) stops at the cap with InputTooLarge', async () => {
    const r = await run(['verify', 'state', '--proof', '/dev/urandom', '--block', join(EXEC, 'block.json')])
    expect([r.code, r.out.error.code]).toEqual([1, 'InputTooLarge'])
  })
  it('a FIFO never blocks: without a writer it reads as empty (MalformedInput), with an idle writer it times out (Timeout)', async () => {
    const fifo = join(tmp, 'fifo')
    execFileSync('mkfifo', [fifo])
    const r = await run(['verify', 'state', '--proof', fifo, '--block', join(EXEC, 'block.json')])
    expect([r.code, r.out.error.code]).toEqual([1, 'MalformedInput'])
    // A writer that opens the FIFO and sends nothing (for 3 s): the read gives up at its timeout.
    const writer = spawn('sh', ['-c', `sleep 3 > '${fifo}'`])
    try {
      await new Promise((ok) => setTimeout(ok, 200))
      await expect(readCappedFile(fifo, 'proof', 1024, 500)).rejects.toThrow(TimeoutError)
    } finally {
      writer.kill()
    }
  })
  it('a file that fails to read (EIO on /proc/self/mem) is a usage error naming it, not Unknown', async () => {
    const r = await run(lcArgs({ bootstrap: '/proc/self/mem' }))
    expect([r.code, r.out.error.code]).toEqual([2, 'Usage'])
  })
  it('100,000 proof nodes stop at the node cap (InputTooLarge) before any hashing (4.7 million took 34 s and 1.4 GB)', async () => {
    const p = readFixture('mainnet-execution/proof.json')
    p.accountProof = Array(100_000).fill('0xc0')
    const r = await run(['verify', 'state', '--proof', write(p), '--block', join(EXEC, 'block.json')])
    expect([r.code, r.out.error.code]).toEqual([1, 'InputTooLarge'])
  })
  it('a million updates is InputTooLarge, not a stack overflow', async () => {
    const r = await run(lcArgs({ updates: write(`[${Array(1_000_000).fill('{}').join(',')}]`) }))
    expect([r.code, r.out.error.code]).toEqual([1, 'InputTooLarge'])
  })
})

describe('typed errors everywhere, the exit-code contract kept (item 7)', () => {
  it('malformed --checkpoint and --state-root are usage errors (exit 2)', async () => {
    for (const cp of ['0x12', 'zz', `0x${'g'.repeat(64)}`]) expect((await run(lcArgs({ checkpoint: cp }))).code).toBe(2)
    for (const root of ['0x12', `0x${'00'.repeat(33)}`]) {
      const r = await run(['verify', 'state', '--proof', join(EXEC, 'proof.json'), '--state-root', root])
      expect([r.code, r.out.error.code]).toEqual([2, 'Usage'])
    }
  })
  it('--network sepolia with a mainnet bootstrap is a typed rejection', async () => {
    for (const network of ['sepolia', 'hoodi', 'devnet']) expectTyped(await run(lcArgs({ network })))
  })
  it('deeply nested values where hex is expected are typed errors', async () => {
    let deep: unknown = '0x00'
    for (let i = 0; i < 100_000; i++) deep = [deep]
    const p = readFixture('mainnet-execution/proof.json')
    const text = JSON.stringify(p).replace('"nonce":"0x1"', `"nonce":${'['.repeat(100_000)}1${']'.repeat(100_000)}`)
    expectTyped(await run(['verify', 'state', '--proof', write(text), '--block', join(EXEC, 'block.json')]))
    const b = readFixture('mainnet-lc/bootstrap.json')
    b.data.header.beacon.slot = { a: { b: { c: [1, 2, [3]] } } }
    expectTyped(await run(lcArgs({ bootstrap: write(b) })))
    expectTyped(await run(lcArgs({ bootstrap: write(`${'['.repeat(200_000)}${']'.repeat(200_000)}`) })))
  })
  it('random JSON fed to every command ends in a known code', async () => {
    const files = {
      lc: (f: string) => [lcArgs({ bootstrap: f }), lcArgs({ updates: f }), lcArgs({ finality: f })],
      state: (f: string) => [
        ['verify', 'state', '--proof', f, '--block', join(EXEC, 'block.json')],
        ['verify', 'state', '--proof', join(EXEC, 'proof.json'), '--block', f],
      ],
      groth16: (f: string) =>
        ['telepathy-step', 'telepathy-rotate', 'telepathy-optimized-rotate', 'risc0', 'sp1', 'sp1-helios'].map((family) => [
          'verify',
          'groth16',
          '--family',
          family,
          f,
        ]),
    }
    await fc.assert(
      fc.asyncProperty(
        fc.jsonValue({ maxDepth: 4 }),
        fc.constantFrom(...(Object.keys(files) as (keyof typeof files)[])),
        fc.nat(),
        async (value, cmd, pick) => {
          const variants = files[cmd](write(value))
          const r = await run(variants[pick % variants.length] as string[])
          expectTyped(r)
        },
      ),
      { numRuns: 120 },
    )
  })
})
