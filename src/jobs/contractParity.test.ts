// The TypeScript market layer against the contracts on anvil: EIP-712 typehashes and digests (src/jobs/typedData.ts)
// and the price ramp (src/jobs/priceRamp.ts), differentially: edge cases plus fast-check.
import fc from 'fast-check'
import { createPublicClient, createWalletClient, type Hex, hashTypedData, http, keccak256, stringToHex, zeroAddress } from 'viem'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ProofMarket, ServiceRegistry } from '../contracts/artifacts.generated.ts'
import { MalformedInputError } from '../errors/base.ts'
import { startTestAnvil } from '../test/anvilForTests.ts'
import { priceAt } from './priceRamp.ts'
import { PROOF_REQUEST_TYPES, proofMarketDomain, SERVICE_REQUEST_TYPES, SERVICE_RESPONSE_TYPES, serviceRegistryDomain } from './typedData.ts'
import type { Offer, ProofRequest } from './types.ts'

/** anvil's first (unlocked) dev account. */
const DEPLOYER = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
let anvil: Awaited<ReturnType<typeof startTestAnvil>>
let pub: ReturnType<typeof createPublicClient>
let market: Hex
let registry: Hex

async function deploy(artifact: { abi: readonly unknown[]; bytecode: Hex }, args: readonly unknown[]): Promise<Hex> {
  const wallet = createWalletClient({ account: DEPLOYER, chain: foundry, transport: http(anvil.url) })
  const hash = await wallet.deployContract({ abi: artifact.abi, bytecode: artifact.bytecode, args } as never)
  return (await pub.waitForTransactionReceipt({ hash })).contractAddress as Hex
}

/** EIP-712 `encodeType`: the primary type, then its dependencies sorted by name. */
function typeString(types: Record<string, readonly { name: string; type: string }[]>, primary: string): string {
  const deps = Object.keys(types)
    .filter((t) => t !== primary)
    .sort()
  return [primary, ...deps].map((t) => `${t}(${(types[t] ?? []).map((f) => `${f.type} ${f.name}`).join(',')})`).join('')
}

const read = <T>(address: Hex, abi: readonly unknown[], functionName: string, args: unknown[] = []) =>
  pub.readContract({ address, abi: abi as never, functionName: functionName as never, args: args as never }) as Promise<T>
const contractPrice = async (o: Offer, t: bigint): Promise<bigint | 'revert'> =>
  read<bigint>(market, ProofMarket.abi, 'priceAt', [o, t]).catch(() => 'revert' as const)
const tsPrice = (o: Offer, t: bigint): bigint | 'revert' => {
  try {
    return priceAt(o, t)
  } catch (e) {
    expect(e).toBeInstanceOf(MalformedInputError)
    return 'revert'
  }
}

beforeAll(async () => {
  anvil = await startTestAnvil()
  pub = createPublicClient({ chain: foundry, transport: http(anvil.url) })
  market = await deploy(ProofMarket, [zeroAddress])
  registry = await deploy(ServiceRegistry, [market])
}, 60_000)
afterAll(() => anvil.stop())

const offer: Offer = {
  minPrice: 10n ** 14n,
  maxPrice: 5n * 10n ** 15n,
  rampUpStart: 1_700_000_000n,
  rampUpPeriod: 600,
  lockTimeout: 1800,
  timeout: 3600,
  lockCollateral: 10n ** 16n,
}

describe('EIP-712 types and digests equal the contracts', () => {
  it('typehashes: ProofRequest, Offer, Request, Response', async () => {
    expect(keccak256(stringToHex(typeString(PROOF_REQUEST_TYPES, 'ProofRequest')))).toBe(await read(market, ProofMarket.abi, 'REQUEST_TYPEHASH'))
    expect(keccak256(stringToHex(typeString({ Offer: PROOF_REQUEST_TYPES.Offer }, 'Offer')))).toBe(await read(market, ProofMarket.abi, 'OFFER_TYPEHASH'))
    expect(keccak256(stringToHex(typeString(SERVICE_REQUEST_TYPES, 'Request')))).toBe(await read(registry, ServiceRegistry.abi, 'REQUEST_TYPEHASH'))
    expect(keccak256(stringToHex(typeString(SERVICE_RESPONSE_TYPES, 'Response')))).toBe(await read(registry, ServiceRegistry.abi, 'RESPONSE_TYPEHASH'))
  })

  it('viem hashTypedData = requestDigest / requestHash / responseHash (empty and non-empty strings and bytes, large numbers)', async () => {
    const requests: ProofRequest[] = [
      { id: 1n, imageId: `0x${'00'.repeat(32)}`, inputUrl: '', input: '0x', offer },
      {
        id: (0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266n << 32n) | 0xffffffffn | (1n << 192n),
        imageId: `0x${'ab'.repeat(32)}`,
        inputUrl: 'https://example.org/input.bin',
        input: `0x${'0102030405'.repeat(40)}`,
        offer: { ...offer, maxPrice: (1n << 96n) - 1n, rampUpStart: (1n << 64n) - 4000n, timeout: 3999, lockCollateral: 1n },
      },
    ]
    for (const r of requests) {
      expect(hashTypedData({ domain: proofMarketDomain(foundry.id, market), types: PROOF_REQUEST_TYPES, primaryType: 'ProofRequest', message: r })).toBe(
        await read(market, ProofMarket.abi, 'requestDigest', [r]),
      )
    }
    const request = { serviceId: 2n, user: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as Hex, input: '0x05000000' as Hex, nonce: 2n ** 200n }
    const rh = hashTypedData({ domain: serviceRegistryDomain(foundry.id, registry), types: SERVICE_REQUEST_TYPES, primaryType: 'Request', message: request })
    expect(rh).toBe(await read(registry, ServiceRegistry.abi, 'requestHash', [request]))
    const response = { requestHash: rh, output: '0x0500000008000000' as Hex }
    expect(
      hashTypedData({ domain: serviceRegistryDomain(foundry.id, registry), types: SERVICE_RESPONSE_TYPES, primaryType: 'Response', message: response }),
    ).toBe(await read(registry, ServiceRegistry.abi, 'responseHash', [response]))
    // Another chain id or contract is another digest.
    expect(
      hashTypedData({ domain: proofMarketDomain(1, market), types: PROOF_REQUEST_TYPES, primaryType: 'ProofRequest', message: requests[0] as ProofRequest }),
    ).not.toBe(await read(market, ProofMarket.abi, 'requestDigest', [requests[0]]))
  })
})

describe('priceAt equals the contract', () => {
  it('edge cases: before start, start, ramp (rounding down), ramp end, lock deadline, after it; zero ramp; bounds; invalid offers', async () => {
    const s = offer.rampUpStart
    const cases: [Offer, bigint][] = [
      [offer, 0n],
      [offer, s - 1n],
      [offer, s],
      [offer, s + 1n],
      [offer, s + 299n],
      [offer, s + 599n],
      [offer, s + 600n],
      [offer, s + 1800n],
      [offer, s + 1801n],
      [offer, (1n << 64n) - 1n],
      [{ ...offer, rampUpPeriod: 0 }, s + 1n],
      [{ ...offer, minPrice: 0n, maxPrice: 7n, rampUpPeriod: 3 }, s + 1n],
      [{ ...offer, lockTimeout: 0, rampUpPeriod: 0 }, s],
      [{ ...offer, lockTimeout: 0, rampUpPeriod: 0 }, s + 1n],
      [{ ...offer, maxPrice: (1n << 96n) - 1n }, s + 300n],
      [{ ...offer, maxPrice: 1n << 96n }, s],
      [{ ...offer, lockCollateral: 1n << 96n }, s],
      [{ ...offer, minPrice: offer.maxPrice + 1n }, s],
      [{ ...offer, rampUpPeriod: 1801 }, s],
      [{ ...offer, lockTimeout: 3601 }, s],
      [{ ...offer, rampUpPeriod: 0, lockTimeout: 0, timeout: 0 }, s],
      [{ ...offer, rampUpStart: (1n << 64n) - 3600n }, s],
      [{ ...offer, rampUpStart: (1n << 64n) - 3601n }, (1n << 64n) - 1n],
    ]
    const got = await Promise.all(cases.map(([o, t]) => contractPrice(o, t)))
    expect(cases.map(([o, t]) => tsPrice(o, t))).toEqual(got)
    expect(got.filter((g) => g === 'revert').length).toBe(7)
  })

  it('random offers and times (fast-check, 150 runs)', async () => {
    const u96 = fc.bigInt({ min: 0n, max: (1n << 96n) + 5n })
    const arb = fc
      .record({
        a: u96,
        b: u96,
        rampUpStart: fc.bigInt({ min: 0n, max: 1n << 40n }),
        p: fc.integer({ min: 0, max: 5000 }),
        l: fc.integer({ min: 0, max: 5000 }),
        to: fc.integer({ min: 0, max: 9000 }),
        lockCollateral: u96,
        dt: fc.bigInt({ min: -10n, max: 10_000n }),
      })
      .map(({ a, b, rampUpStart, p, l, to, lockCollateral, dt }) => {
        const [minPrice, maxPrice] = a <= b ? [a, b] : [b, a]
        const o: Offer = { minPrice, maxPrice, rampUpStart, rampUpPeriod: Math.min(p, l), lockTimeout: l, timeout: Math.max(l, to), lockCollateral }
        const t = rampUpStart + dt
        return { o, t: t < 0n ? 0n : t }
      })
    await fc.assert(
      fc.asyncProperty(arb, async ({ o, t }) => {
        expect(tsPrice(o, t)).toBe(await contractPrice(o, t))
      }),
      { numRuns: 150 },
    )
  }, 120_000)
})
