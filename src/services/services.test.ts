import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type Hex, hashTypedData, keccak256 } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ServiceResponseInvalidError } from '../errors/services.ts'
import { askProvider, askProviders, serviceUrlOf } from './askProviders.ts'
import { compareAnswers, type ProviderSlot, provenGroupOf, wrongAnswersOf } from './compare.ts'
import { SERVICE_REQUEST_TYPES, SERVICE_RESPONSE_TYPES, type ServiceRequest, serviceRegistryDomain } from './eip712.ts'
import { defaultK, pickRandom, uniformBelow } from './pickProviders.ts'
import { verifyProviderAnswer } from './verifyResponse.ts'
import { hexToWords, wordsToHex } from './words.ts'

// anvil dev keys 4, 5, 6 (the devnet's providers) and 9 (the user, the services e2e wallet).
const honest = privateKeyToAccount('0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a')
const honest2 = privateKeyToAccount('0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba')
const liar = privateKeyToAccount('0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e')
const user = privateKeyToAccount('0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6')
const domain = serviceRegistryDomain(31337, '0xcf7ed3acca5a467e9e704c703e8d87f634fb0fc9')
const request: ServiceRequest = { serviceId: 1n, user: user.address, input: wordsToHex([10]), nonce: 7n }
const requestHash = hashTypedData({ domain, types: SERVICE_REQUEST_TYPES, primaryType: 'Request', message: request })
const rightOutput = wordsToHex([55])
const wrongOutput = wordsToHex([56])

const sign = (account: typeof honest, output: Hex, rh: Hex = requestHash) =>
  account.signTypedData({ domain, types: SERVICE_RESPONSE_TYPES, primaryType: 'Response', message: { requestHash: rh, output } })
const answer = async (account: typeof honest, output: Hex, rh: Hex = requestHash) => ({
  response: { requestHash: rh, output },
  signature: await sign(account, output, rh),
  provider: account.address,
})

describe('words (u32 little-endian)', () => {
  it('round-trips and refuses bad lengths and words ≥ p', () => {
    expect(wordsToHex([1, 0x01020304])).toBe('0x0100000004030201')
    expect(hexToWords('0x0100000004030201')).toEqual([1, 0x01020304])
    expect(() => hexToWords('0x010000')).toThrow(/multiple of 4/)
    expect(() => hexToWords('0xffffffff')).toThrow(/not below p/)
  })
})

describe('verifyProviderAnswer', () => {
  it('accepts a response signed by the registered provider for our request', async () => {
    const a = await verifyProviderAnswer({ body: await answer(honest, rightOutput), provider: honest.address, requestHash, domain })
    expect(a.words).toEqual([55])
    expect(a.response.output).toBe(rightOutput)
  })

  it('refuses a tampered output, another signer, another request, a high-s signature and a malformed body', async () => {
    const check = (body: unknown, provider: Hex = honest.address) => verifyProviderAnswer({ body, provider, requestHash, domain }).catch((e) => e)
    const tampered = { ...(await answer(honest, rightOutput)), response: { requestHash, output: wrongOutput } }
    const e1 = await check(tampered)
    expect(e1).toBeInstanceOf(ServiceResponseInvalidError)
    expect(e1.reason).toBe('bad-signature')
    // The body may claim any provider: only the registered address counts.
    const e2 = await check(await answer(liar, rightOutput))
    expect(e2.reason).toBe('bad-signature')
    expect(e2.details).toContain(liar.address)
    const other = keccak256('0x01')
    expect((await check(await answer(honest, rightOutput, other))).reason).toBe('wrong-request')
    // The same signature with s' = n − s and v flipped recovers the same key but the registry refuses it.
    const good = await answer(honest, rightOutput)
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n
    const s = BigInt(`0x${good.signature.slice(66, 130)}`)
    const v = Number.parseInt(good.signature.slice(130), 16)
    const highS = `${good.signature.slice(0, 66)}${(n - s).toString(16).padStart(64, '0')}${(v === 27 ? 28 : 27).toString(16)}` as Hex
    const e3 = await check({ ...good, signature: highS })
    expect(e3.reason).toBe('bad-signature')
    expect(e3.details).toMatch(/high/)
    expect((await check({ response: { requestHash, output: '0x010203' }, signature: good.signature })).reason).toBe('malformed')
    expect((await check({ response: { requestHash }, signature: good.signature })).reason).toBe('malformed')
    expect((await check(null)).code).toBe('ServiceResponseInvalid')
  })
})

describe('compareAnswers and wrongAnswersOf', () => {
  const answered = (provider: Hex, output: Hex): ProviderSlot => ({
    provider,
    endpoint: 'http://x',
    outcome: { status: 'answered', response: { requestHash, output }, signature: '0x', words: hexToWords(output), ms: 1 },
  })
  it('agree, disagree, pending and none; the liar is the one whose output differs from the proven journal', () => {
    const a = answered(honest.address, rightOutput)
    const b = answered(honest2.address, rightOutput)
    const c = answered(liar.address, wrongOutput)
    const timedOut: ProviderSlot = { provider: liar.address, endpoint: 'http://x', outcome: { status: 'timeout', ms: 10 } }
    expect(compareAnswers([a, b]).verdict).toBe('agree')
    expect(compareAnswers([a, b, timedOut])).toMatchObject({ verdict: 'agree', answered: 2 })
    const v = compareAnswers([a, c, b])
    expect(v.verdict).toBe('disagree')
    expect(v.groups.map((g) => g.providers.length)).toEqual([2, 1])
    expect(compareAnswers([a, { ...c, outcome: { status: 'pending' } }]).verdict).toBe('pending')
    expect(compareAnswers([timedOut]).verdict).toBe('none')
    const digest = keccak256(rightOutput)
    expect(wrongAnswersOf([a, b, c, timedOut], digest).map((s) => s.provider)).toEqual([liar.address])
    expect(provenGroupOf(v, digest)?.words).toEqual([55])
    // A majority is not the truth: if the proof says 56, the two agreeing providers are the wrong ones.
    expect(wrongAnswersOf([a, b, c], keccak256(wrongOutput)).map((s) => s.provider)).toEqual([honest.address, honest2.address])
  })
})

describe('pickRandom', () => {
  it('picks k distinct providers; every provider is reachable; k out of range throws', () => {
    const items = ['a', 'b', 'c', 'd', 'e']
    const seen = new Set<string>()
    for (let i = 0; i < 200; i++) {
      const p = pickRandom(items, 3)
      expect(new Set(p).size).toBe(3)
      for (const x of p) seen.add(x)
    }
    expect(seen.size).toBe(5)
    expect(() => pickRandom(items, 0)).toThrow(RangeError)
    expect(() => pickRandom(items, 6)).toThrow(RangeError)
    expect(defaultK(2)).toBe(2)
    expect(defaultK(7)).toBe(3)
  })
  it('rejects draws that would bias the modulo', () => {
    const draws = [2 ** 32 - 1, 5]
    expect(uniformBelow(3, () => draws.shift() as number)).toBe(2)
  })
})

describe('askProvider over HTTP (a local server on an ephemeral port)', () => {
  let server: Server
  let base = ''
  const hang: import('node:http').ServerResponse[] = []
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = ''
      req.on('data', (c) => {
        body += c
      })
      req.on('end', async () => {
        const path = req.url ?? ''
        const send = (status: number, json: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' })
          res.end(JSON.stringify(json))
        }
        const parsed = JSON.parse(body) as { request: { nonce: string }; signature: Hex }
        expect(parsed.request.nonce).toBe('7')
        if (path.startsWith('/honest/')) return send(200, await answer(honest, rightOutput))
        if (path.startsWith('/liar/')) return send(200, await answer(liar, wrongOutput))
        if (path.startsWith('/forger/')) return send(200, await answer(liar, rightOutput))
        if (path.startsWith('/refuses/')) return send(400, { error: { code: 'BadSignature', message: 'user signature' } })
        hang.push(res)
      })
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    for (const r of hang) r.destroy()
    await new Promise((r) => server.close(r))
  })

  it('answered, bad signature, HTTP error, timeout, unreachable, not-http endpoint', async () => {
    const common = { request, signature: '0x00' as Hex, requestHash, domain, timeoutMs: 20_000 }
    const slots = await askProviders(
      [
        { provider: honest.address, endpoint: `${base}/honest` },
        { provider: liar.address, endpoint: `${base}/liar/` },
        { provider: honest2.address, endpoint: `${base}/forger` },
        { provider: honest2.address, endpoint: `${base}/refuses` },
        { provider: honest2.address, endpoint: 'http://127.0.0.1:1' },
        { provider: honest2.address, endpoint: 'javascript:alert(1)' },
      ],
      common,
    )
    expect(slots.map((s) => s.outcome.status)).toEqual(['answered', 'answered', 'invalid', 'unreachable', 'unreachable', 'unreachable'])
    const forged = slots[2]?.outcome as { error: { code: string } }
    expect(forged.error.code).toBe('ServiceResponseInvalid')
    expect((slots[3] as ProviderSlot).outcome).toMatchObject({ detail: expect.stringMatching(/400/) })
    expect(compareAnswers(slots).verdict).toBe('disagree')
    // A provider that never answers: timed out after the budget (the request is aborted).
    expect(await askProvider({ ...common, timeoutMs: 200, provider: honest.address, endpoint: `${base}/hangs` })).toMatchObject({ status: 'timeout' })
    const one = await askProvider({ ...common, provider: honest.address, endpoint: `${base}/honest/lightbus/service/v1/request` })
    expect(one.status).toBe('answered')
  })

  it('serviceUrlOf', () => {
    expect(serviceUrlOf('http://127.0.0.1:18571')).toBe('http://127.0.0.1:18571/lightbus/service/v1/request')
    expect(serviceUrlOf('http://127.0.0.1:18571/lightbus/service/v1/request')).toBe('http://127.0.0.1:18571/lightbus/service/v1/request')
    expect(serviceUrlOf('ftp://x')).toBeUndefined()
    expect(serviceUrlOf('not a url')).toBeUndefined()
  })
})
