// `verify lc` on crafted chains signed by keys off mainnet (interop-style keys, devnet chain config):
// a weak update never rotates the committee unless --allow-forced-updates, and then the output says forced.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ensureBls } from '../src/consensus/bls.ts'
import { type CraftedCommittee, craftBootstrap, craftCommittee, craftFinalityUpdate, craftUpdate, slotIn } from '../src/test/craftUpdates.ts'
import { main } from './main.ts'

const P = 4
const tmp = mkdtempSync(join(tmpdir(), 'lightbus-cli-forced-'))
const write = (name: string, v: unknown) => {
  const p = join(tmp, name)
  writeFileSync(p, JSON.stringify(v))
  return p
}
let files: { bootstrap: string; checkpoint: string; finality: string; weak: string; oneSigner: string; attack: string }

beforeAll(async () => {
  await ensureBls()
  const [c0, c1, attacker] = [craftCommittee(1), craftCommittee(2), craftCommittee(77)] as CraftedCommittee[]
  const b = craftBootstrap(slotIn(P, 100), c0 as CraftedCommittee)
  const update = (participants: number, next: CraftedCommittee) =>
    craftUpdate({
      attestedSlot: slotIn(P, 200),
      signatureSlot: slotIn(P, 201),
      finalizedSlot: slotIn(P, 160),
      next,
      signer: c0 as CraftedCommittee,
      participants,
    })
  files = {
    bootstrap: write('bootstrap.json', b.json),
    checkpoint: b.checkpointRoot,
    weak: write('weak.json', [update(300, c1 as CraftedCommittee)]),
    oneSigner: write('one-signer.json', [update(1, attacker as CraftedCommittee)]),
    finality: write(
      'finality.json',
      craftFinalityUpdate({
        attestedSlot: slotIn(P + 1, 400),
        signatureSlot: slotIn(P + 1, 401),
        finalizedSlot: slotIn(P + 1, 300),
        signer: c1 as CraftedCommittee,
      }),
    ),
    attack: write(
      'attack.json',
      craftFinalityUpdate({
        attestedSlot: slotIn(P + 1, 400),
        signatureSlot: slotIn(P + 1, 401),
        finalizedSlot: slotIn(P + 1, 300),
        signer: attacker as CraftedCommittee,
      }),
    ),
  }
})

const run = async (updates: string, finality: string, extra: string[] = []) => {
  const lines: string[] = []
  const code = await main(
    [
      'verify',
      'lc',
      '--network',
      'devnet',
      '--bootstrap',
      files.bootstrap,
      '--updates',
      updates,
      '--finality',
      finality,
      '--checkpoint',
      files.checkpoint,
      ...extra,
    ],
    (l) => lines.push(l),
    () => {},
  )
  return { code, out: JSON.parse(lines[0] as string) }
}

describe('verify lc on crafted chains', () => {
  it('one signer of 512 cannot install the attacker’s committee: its finality update is rejected (exit 1)', async () => {
    const r = await run(files.oneSigner, files.attack)
    expect(r.code).toBe(1)
    expect(r.out.error.code).toBe('LightClientUpdateRejected')
  })
  it('a 300-of-512 update does not rotate the committee by default', async () => {
    const r = await run(files.weak, files.finality)
    expect([r.code, r.out.error.code]).toEqual([1, 'LightClientUpdateRejected'])
  })
  it('with --allow-forced-updates it does, and the output says the result is forced (trusted), not verified', async () => {
    const r = await run(files.weak, files.finality, ['--allow-forced-updates'])
    expect(r.code).toBe(0)
    expect(r.out.trust.kind).toBe('forced')
    expect(r.out.trust.forced).toMatchObject({ period: P, participants: 300 })
    expect(r.out.finalized.slot).toBe(slotIn(P + 1, 300))
  })
})
