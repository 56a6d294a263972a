import { describe, expect, it } from 'vitest'
import type { ForcedUpdateMark } from '../consensus/lightClientSession.ts'
import { isNotNewer } from './isNotNewer.ts'

// A store holding finalized slot 1000 and optimistic slot 1010 (the header objects carry only what isNotNewer reads).
const header = (slot: number) => ({ beacon: { slot } }) as never
const store = (forced: ForcedUpdateMark | null) => ({ forced, finalized: header(1000), optimistic: header(1010) })
const mark: ForcedUpdateMark = { atSlot: 990, period: 0, attestedSlot: 995, signatureSlot: 996, participants: 300, atMs: 0 }
const finality = (attested: unknown, finalized: unknown) => ({
  data: { attested_header: { beacon: { slot: attested } }, finalized_header: { beacon: { slot: finalized } } },
})
const optimistic = (attested: unknown) => ({ data: { attested_header: { beacon: { slot: attested } } } })

describe('isNotNewer (the IGNORE rule for finality and optimistic updates)', () => {
  it('a verified store ignores a finality update whose finalized header is not newer, whatever its attested header', () => {
    expect(isNotNewer('finality', finality('1040', '1000'), store(null))).toBe(true)
    expect(isNotNewer('finality', finality('1040', '999'), store(null))).toBe(true)
    expect(isNotNewer('finality', finality('1040', '1001'), store(null))).toBe(false)
  })

  it('a store ever forced ignores only one whose attested header is not newer, so that a newer one still feeds the best valid update', () => {
    expect(isNotNewer('finality', finality('1040', '1000'), store(mark))).toBe(false)
    expect(isNotNewer('finality', finality('1000', '990'), store(mark))).toBe(true)
    expect(isNotNewer('finality', finality('1001', '990'), store(mark))).toBe(false)
  })

  it('an optimistic update is ignored when its attested header is not above the optimistic one', () => {
    expect(isNotNewer('optimistic', optimistic('1010'), store(null))).toBe(true)
    expect(isNotNewer('optimistic', optimistic('1011'), store(null))).toBe(false)
  })

  it('anything malformed is not ignored: it goes on to full validation, which rejects it with a typed error', () => {
    for (const json of [null, 'x', {}, { data: null }, finality(1000, 1000), finality('0x3e8', '0x3e8'), finality('1e3', '1e3'), finality('-1', '-1')]) {
      expect(isNotNewer('finality', json, store(null))).toBe(false)
      expect(isNotNewer('finality', json, store(mark))).toBe(false)
    }
    expect(isNotNewer('optimistic', optimistic(1000), store(null))).toBe(false)
    expect(isNotNewer('optimistic', optimistic('9'.repeat(16)), store(null))).toBe(false)
  })
})
