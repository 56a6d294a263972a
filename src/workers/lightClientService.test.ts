import { describe, expect, it } from 'vitest'
import { StaleHeaderError } from '../errors/consensus.ts'
import { HttpRequestError } from '../errors/net.ts'
import { LightClientService } from './lightClientService.ts'

// A service whose light client holds a finalized header at slot 100; the beacon API records what it is asked.
function serviceAt(slot: number) {
  const asked: string[] = []
  const service = new LightClientService()
  const summary = {
    slot,
    blockRoot: `0x${'11'.repeat(32)}`,
    beaconStateRoot: `0x${'22'.repeat(32)}`,
    execution: { blockNumber: 5, blockHash: `0x${'33'.repeat(32)}`, stateRoot: `0x${'44'.repeat(32)}` },
  }
  Object.assign(service as object, {
    session: { finalizedSummary: summary, optimisticSummary: summary, steps: [] },
    api: {
      getBlock: async (s: number) => {
        asked.push(`block ${s}`)
        throw new HttpRequestError({ url: `/eth/v2/beacon/blocks/${s}`, status: 404 })
      },
    },
    network: { executionRpcUrl: 'http://127.0.0.1:1/' },
  })
  return { service, asked }
}

describe('LightClientService verifies at the slot it is asked about', () => {
  it('verifyFinalizedBlock(slot) fails with StaleHeaderError once the finalized header moved on', async () => {
    const { service, asked } = serviceAt(100)
    await expect(service.verifyFinalizedBlock(99)).rejects.toBeInstanceOf(StaleHeaderError)
    await expect(service.verifyFinalizedBlock(99)).rejects.toMatchObject({ code: 'StaleHeader' })
    expect(asked).toEqual([])
    // At the finalized slot it goes on and fetches that block.
    await expect(service.verifyFinalizedBlock(100)).rejects.toBeInstanceOf(HttpRequestError)
    expect(asked).toEqual(['block 100'])
  })
  it('verifyStateProof(preset, slot) fails with StaleHeaderError once the finalized header moved on', async () => {
    const { service } = serviceAt(100)
    const preset = { label: 'x', address: `0x${'55'.repeat(20)}`, storageKeys: [] }
    await expect(service.verifyStateProof(preset as never, 99)).rejects.toBeInstanceOf(StaleHeaderError)
  })
})
