import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { FIXTURES, flipHex, MAINNET_CHECKPOINT, mainnetLc, readFixture } from '../src/test/fixtures.ts'
import { runCli } from './testing.ts'

const LC = join(FIXTURES, 'mainnet-lc')
const EXEC = join(FIXTURES, 'mainnet-execution')
const tmp = mkdtempSync(join(tmpdir(), 'lightbus-cli-'))
const write = (name: string, v: unknown) => {
  const p = join(tmp, name)
  writeFileSync(p, JSON.stringify(v))
  return p
}
const run = runCli
const lcArgs = (updates = join(LC, 'updates.json')) => [
  'verify',
  'lc',
  '--bootstrap',
  join(LC, 'bootstrap.json'),
  '--updates',
  updates,
  '--finality',
  join(LC, 'finality.json'),
  '--optimistic',
  join(LC, 'optimistic.json'),
  '--checkpoint',
  MAINNET_CHECKPOINT,
]

describe('lightbus verify lc', () => {
  it('verifies the real recording to finalized slot 7109344', async () => {
    const { code, out } = await run(lcArgs())
    expect(code).toBe(0)
    expect(out.ok).toBe(true)
    expect(out.finalized.slot).toBe(7109344)
    expect(out.finalized.execution.blockNumber).toBe(17923026)
    expect(out.periods).toEqual([862, 863, 864, 865, 866, 867])
    expect(typeof out.elapsedMs).toBe('number')
  })

  it('accepts a config.json network id', async () => {
    const { code, out } = await run([...lcArgs(), '--network', 'recorded-mainnet'])
    expect(code).toBe(0)
    expect(out.network).toBe('mainnet')
  })

  const flips: [string, (u: any) => void][] = [
    [
      'signature',
      (u) => {
        u.sync_aggregate.sync_committee_signature = flipHex(u.sync_aggregate.sync_committee_signature)
      },
    ],
    [
      'next committee branch',
      (u) => {
        u.next_sync_committee_branch[0] = flipHex(u.next_sync_committee_branch[0])
      },
    ],
    [
      'next committee pubkey',
      (u) => {
        u.next_sync_committee.pubkeys[7] = flipHex(u.next_sync_committee.pubkeys[7])
      },
    ],
    [
      'attested body root',
      (u) => {
        u.attested_header.beacon.body_root = flipHex(u.attested_header.beacon.body_root)
      },
    ],
    [
      'finalized execution state root',
      (u) => {
        u.finalized_header.execution.state_root = flipHex(u.finalized_header.execution.state_root)
      },
    ],
  ]
  for (const [what, flip] of flips) {
    for (const index of [0, 3, 5]) {
      it(`rejects one flipped byte (${what}, update ${index}) with exit 1`, async () => {
        const updates = mainnetLc().updates
        flip(updates[index].data)
        const { code, out } = await run(lcArgs(write(`u-${what}-${index}.json`, updates)))
        expect(code).toBe(1)
        expect(out.ok).toBe(false)
        expect(out.error.code).toMatch(/InvalidSyncCommitteeSignature|InvalidMerkleBranch|LightClientUpdateRejected/)
      })
    }
  }

  it('rejects a malformed file with exit 1 and a wrong checkpoint with exit 1', async () => {
    const bad = join(tmp, 'bad.json')
    writeFileSync(bad, '{not json')
    expect((await run(lcArgs(bad))).code).toBe(1)
    const args = lcArgs()
    args[args.length - 1] = flipHex(MAINNET_CHECKPOINT)
    const { code, out } = await run(args)
    expect(code).toBe(1)
    expect(out.error.code).toBe('CheckpointMismatch')
  })

  it('exits 2 on usage errors', async () => {
    expect((await run(['verify', 'lc'])).code).toBe(2)
    expect((await run(['verify', 'nope'])).code).toBe(2)
    expect((await run([...lcArgs(), '--network', 'nowhere'])).code).toBe(2)
    expect((await run([...lcArgs(), '--bogus', 'x'])).code).toBe(2)
  })
})

describe('lightbus verify state', () => {
  it('prints the deposit contract account and storage value', async () => {
    const { code, out } = await run(['verify', 'state', '--proof', join(EXEC, 'proof.json'), '--block', join(EXEC, 'block.json')])
    expect(code).toBe(0)
    expect(out.account.address).toBe('0x00000000219ab540356cbb839cbe05303d7705fa')
    expect(out.account.balanceWei).toBe(BigInt(readFixture('mainnet-execution/proof.json').balance).toString())
    expect(out.storage[0].value).toBe(readFixture('mainnet-execution/proof.json').storageProof[0].value)
    expect(out.anchor.kind).toBe('block-hash')
  })

  it('accepts JSON-RPC envelopes and --state-root', async () => {
    const proof = write('env-proof.json', { jsonrpc: '2.0', id: 1, result: readFixture('mainnet-execution/proof.json') })
    const root = readFixture('mainnet-execution/block.json').stateRoot
    const { code } = await run(['verify', 'state', '--proof', proof, '--state-root', root])
    expect(code).toBe(0)
  })

  it('rejects a flipped proof node with exit 1', async () => {
    const p = readFixture('mainnet-execution/proof.json')
    p.accountProof[2] = flipHex(p.accountProof[2])
    const { code, out } = await run(['verify', 'state', '--proof', write('bad-proof.json', p), '--block', join(EXEC, 'block.json')])
    expect(code).toBe(1)
    expect(out.error.code).toBe('InvalidMptProof')
  })

  it('exits 2 with both or neither anchor', async () => {
    expect((await run(['verify', 'state', '--proof', join(EXEC, 'proof.json')])).code).toBe(2)
  })
})

describe('the installed bin', () => {
  it('runs as a process with the documented exit codes', async () => {
    const bin = join(import.meta.dirname, 'lightbus.mjs')
    const ok = await promisify(execFile)(process.execPath, [bin, ...lcArgs()])
    expect(JSON.parse(ok.stdout).finalized.slot).toBe(7109344)
    const updates = mainnetLc().updates
    updates[1].data.sync_aggregate.sync_committee_signature = flipHex(updates[1].data.sync_aggregate.sync_committee_signature)
    const err = await promisify(execFile)(process.execPath, [bin, ...lcArgs(write('bin-bad.json', updates))]).catch((e) => e)
    expect(err.code).toBe(1)
    expect(JSON.parse(err.stdout).ok).toBe(false)
  })
})

describe('lightbus verify groth16', () => {
  const ZK = join(FIXTURES, 'zk')
  const cases: [string, string][] = [
    ['telepathy-step', 'telepathy/slot6000991.json'],
    ['telepathy-step', 'telepathy/periodBoundaryEarlySlot.json'],
    ['telepathy-rotate', 'telepathy/slot6001055.json'],
    ['risc0', 'risc0/TestReceiptV2_0.json'],
    ['risc0', 'risc0/TestReceiptV3_0.json'],
    ['sp1', 'sp1/test_groth16_v4.0.0-rc.3.json'],
    ['sp1-helios', 'sp1-helios/sepolia_v2.0.0_contracts_proof_bin.json'],
  ]
  for (const [family, file] of cases) {
    it(`verifies ${file} as ${family}, and rejects a tampered copy`, async () => {
      const ok = await run(['verify', 'groth16', '--family', family, join(ZK, file)])
      expect(ok.code).toBe(0)
      expect(ok.out.ok).toBe(true)
      expect(ok.out.family).toBe(family)
      const j = readFixture(`zk/${file}`)
      if (family.startsWith('telepathy')) {
        j.step.finalizedHeaderRoot = flipHex(j.step.finalizedHeaderRoot)
        delete j.step.inputs // else the fixture's own input already disagrees (InvalidPublicInput)
      } else if (family === 'risc0') j.journal = flipHex(j.journal)
      else j.publicValues = flipHex(j.publicValues)
      const bad = await run(['verify', 'groth16', '--family', family, write(`zk-${family}-${file.replace('/', '_')}`, j)])
      expect(bad.code).toBe(1)
      expect(bad.out.error.code).toBe('InvalidGroth16Proof')
    })
  }

  it('a single Telepathy step is "proof valid, committee not chained", never verified zkPoS (no rotates to chain it here)', async () => {
    const step = await run(['verify', 'groth16', '--family', 'telepathy-step', join(ZK, 'telepathy/slot6000991.json')])
    expect([step.code, step.out.ok]).toEqual([0, true])
    expect(step.out.kind).toBe('proof-only')
    expect(step.out.committee).toMatchObject({ period: 732, participation: 509, chained: false })
    expect(step.out.statement).toMatch(/^proof valid, committee not chained/)
    expect(step.out.notProven).toMatch(/period 732's sync-committee commitment comes from the proof file/)
  })

  it('a Telepathy rotate verifies its embedded step proof: the real one files period 615, the tampered one (period 622) fails', async () => {
    const real = await run(['verify', 'groth16', '--family', 'telepathy-rotate', join(ZK, 'telepathy/periodBoundaryEarlySlot.json')])
    expect([real.code, real.out.kind]).toEqual([0, 'zkpos'])
    expect(real.out.committee.next.period).toBe(615)
    expect(real.out.checks.map((c: { label: string }) => c.label)).toEqual(['rotate', 'embedded step'])
    const j = readFixture('zk/telepathy/periodBoundaryEarlySlot.json')
    j.step.finalizedSlot += 8192 * 7
    j.step.participation = '512'
    Object.assign(j.step, {
      a: ['1', '2'],
      b: [
        ['1', '2'],
        ['3', '4'],
      ],
      c: ['1', '2'],
    })
    delete j.step.inputs
    const bad = await run(['verify', 'groth16', '--family', 'telepathy-rotate', write('zk-rotate-tampered-step.json', j)])
    expect([bad.code, bad.out.ok]).toEqual([1, false])
    expect(['InvalidGroth16Proof', 'InvalidCurvePoint']).toContain(bad.out.error.code)
    // Without a step proof the period is not proven: valid rotate proof, not zkPoS, no period.
    for (const k of ['a', 'b', 'c']) delete j.step[k]
    const bare = await run(['verify', 'groth16', '--family', 'telepathy-rotate', write('zk-rotate-no-step.json', j)])
    expect([bare.code, bare.out.kind]).toEqual([0, 'proof-only'])
    expect(bare.out.committee).toBeUndefined()
    expect(bare.out.facts.finalizedSlot).toBeUndefined()
    expect(bare.out.statement).toMatch(/period not proven/)
  })

  it('prints attested facts and decoded journals', async () => {
    const step = await run(['verify', 'groth16', '--family', 'telepathy-step', join(ZK, 'telepathy/slot6000991.json')])
    expect(step.out.facts).toMatchObject({ attestedSlot: 6000991, finalizedSlot: 6000896, participation: 509 })
    const r0 = await run(['verify', 'groth16', '--family', 'risc0', join(ZK, 'risc0/TestReceiptV3_0.json')])
    expect(r0.out.output.utf8).toBe('just a simple receipt')
  })

  it('rejects PLONK as unsupported, an unknown selector, and a foreign key with exit 1', async () => {
    expect((await run(['verify', 'groth16', '--family', 'sp1', join(ZK, 'sp1/test_plonk_v6.0.0.json')])).out.error.code).toBe('UnsupportedProofSystem')
    const r = readFixture('zk/risc0/TestReceiptV3_0.json')
    r.seal = `0x00000000${r.seal.slice(10)}`
    const unknown = await run(['verify', 'groth16', '--family', 'risc0', write('zk-unknown-selector.json', r)])
    expect([unknown.code, unknown.out.error.code]).toEqual([1, 'UnknownSelector'])
    const foreign = await run([
      'verify',
      'groth16',
      '--family',
      'risc0',
      '--vkey',
      join(ZK, 'sp1/vkey_groth16_v5.0.0.json'),
      join(ZK, 'risc0/TestReceiptV3_0.json'),
    ])
    expect(foreign.code).toBe(1)
  })

  it('names a --vkey key by its hash and "custom", never by a shipped version (and zkPoS under it is not zkPoS)', async () => {
    const r = await run(['verify', 'groth16', '--family', 'risc0', '--vkey', join(ZK, 'risc0/vkey_risc0_groth16.json'), join(ZK, 'risc0/TestReceiptV3_0.json')])
    expect(r.code).toBe(0)
    expect(r.out.verifierVersion).toBe('custom')
    expect(r.out.version).toBe('custom')
    expect(r.out.vkeyHash).toMatch(/^0x[0-9a-f]{64}$/)
    const shipped = await run(['verify', 'groth16', '--family', 'risc0', join(ZK, 'risc0/TestReceiptV3_0.json')])
    expect(shipped.out.verifierVersion).toBe('3.0.0')
  })

  it('exits 2 on usage errors', async () => {
    expect((await run(['verify', 'groth16', '--family', 'nope', join(ZK, 'risc0/TestReceiptV3_0.json')])).code).toBe(2)
    expect((await run(['verify', 'groth16', '--family', 'risc0'])).code).toBe(2)
  })
})
