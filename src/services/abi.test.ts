// The Services page's hand-written ABI (src/services/abi.ts) against the compiled contracts: every event, error and
// function it names has the contract's signature (an event with a stale signature would silently match no log).
import { type AbiItem, toEventSelector, toFunctionSelector } from 'viem'
import { describe, expect, it } from 'vitest'
import { ProofMarket, ServiceRegistry } from '../contracts/artifacts.generated.ts'
import { PROOF_MARKET_CLAIM_ABI, SERVICE_REGISTRY_ABI } from './abi.ts'

const selector = (x: AbiItem) => (x.type === 'event' ? toEventSelector(x) : toFunctionSelector(x as never))

describe('src/services/abi.ts equals the compiled ABIs', () => {
  it.each([
    ['ServiceRegistry', SERVICE_REGISTRY_ABI, ServiceRegistry.abi],
    ['ProofMarket', PROOF_MARKET_CLAIM_ABI, ProofMarket.abi],
  ] as const)('%s', (_name, mine, compiled) => {
    const items = (mine as readonly AbiItem[]).filter((x) => x.type === 'event' || x.type === 'error' || x.type === 'function')
    expect(items.length).toBeGreaterThan(0)
    for (const item of items) {
      const same = (compiled as readonly AbiItem[]).filter((c) => c.type === item.type && 'name' in c && 'name' in item && c.name === item.name)
      expect(same.map(selector), `${item.type} ${'name' in item ? item.name : ''}`).toContain(selector(item))
    }
  })
})
