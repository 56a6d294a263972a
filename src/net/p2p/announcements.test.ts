import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { describe, expect, it } from 'vitest'
import { AnnouncementBook } from './announcements.ts'
import type { JobAnnouncement } from './messages.ts'

const peer = async () => peerIdFromPrivateKey(await generateKeyPair('Ed25519')).toString()
const ann = (coordinator: string, jobId: string, open = 1, addrs = ['/ip4/127.0.0.1/tcp/1/ws']): JobAnnouncement => ({
  type: 'job',
  jobId,
  coordinator,
  addrs,
  imageId: `0x${'00'.repeat(32)}`,
  po2: 10,
  segments: 2,
  cycles: 100,
  open,
  accepted: 0,
})
const signed = (from: string) => ({ type: 'signed' as const, from })

describe('gossip announcements (prover side)', () => {
  it('counts an announcement only when signed by the coordinator it names', async () => {
    const [honest, liar] = [await peer(), await peer()]
    const book = new AnnouncementBook()
    expect(book.accept(signed(liar), ann(honest, 'j1'))).toBe('ignored')
    expect(book.accept({ type: 'unsigned' }, ann(honest, 'j1'))).toBe('ignored')
    expect(book.accept(signed('not-a-peer-id'), ann('not-a-peer-id', 'j1'))).toBe('ignored')
    expect(book.coordinators.size).toBe(0)
    expect(book.accept(signed(honest), ann(honest, 'j1'))).toBe('new')
    expect(book.accept(signed(honest), ann(honest, 'j1'))).toBe('update')
    expect([...book.withWork()]).toEqual([honest])
  })

  it('later announcements replace addresses; maps are bounded and stale entries dropped', async () => {
    const book = new AnnouncementBook({ coordinators: 2, jobs: 3, staleMs: 1000 })
    const [a, b, c] = [await peer(), await peer(), await peer()]
    book.accept(signed(a), ann(a, 'j1', 1, ['/ip4/10.0.0.1/tcp/1/ws']), 0)
    book.accept(signed(a), ann(a, 'j1', 1, ['/ip4/127.0.0.1/tcp/2/ws']), 10)
    expect(book.coordinators.get(a)?.addrs).toEqual([`/ip4/127.0.0.1/tcp/2/ws/p2p/${a}`])
    for (let i = 2; i < 6; i++) book.accept(signed(a), ann(a, `j${i}`), 20 + i)
    expect(book.jobs.size).toBe(3)
    book.accept(signed(b), ann(b, 'k'), 30)
    book.accept(signed(c), ann(c, 'k'), 40)
    expect([...book.coordinators.keys()]).toEqual([b, c])
    expect([...book.jobs.keys()].every((k) => !k.startsWith(a))).toBe(true)
    book.prune(2000)
    expect(book.coordinators.size).toBe(0)
    expect(book.jobs.size).toBe(0)
  })
})
