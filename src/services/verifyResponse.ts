import { type Hex, isAddressEqual, isHex, recoverTypedDataAddress, type TypedDataDomain } from 'viem'
import { ServiceResponseInvalidError } from '../errors/services.ts'
import { SERVICE_RESPONSE_TYPES, type ServiceResponse } from './eip712.ts'
import { hexToWords } from './words.ts'

/** Largest response output accepted, bytes (16 Ki words). */
export const MAX_OUTPUT_BYTES = 64 * 1024
/** secp256k1 group order n; a signature with s > n/2 is refused (the registry's SignatureRecovery only takes low s). */
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n

/** A provider's answer that passed every check: its Response, signature (65 bytes r‖s‖v) and output words. */
export type VerifiedAnswer = { response: ServiceResponse; signature: Hex; words: number[] }

const isHex32 = (x: unknown): x is Hex => typeof x === 'string' && /^0x[0-9a-fA-F]{64}$/.test(x)

/**
 * Checks a provider's HTTP answer to a service request (devnet/services/provider.ts: `{ response: { requestHash,
 * output }, signature, provider }`) against what the app knows independently:
 * 1. shape: `requestHash` 32 bytes, `output` 0x-hex of whole u32 LE words (≤ {@link MAX_OUTPUT_BYTES}), each < p,
 *    `signature` 65 bytes r‖s‖v with v ∈ {0, 1, 27, 28} and low s (EIP-2; the registry refuses high s, so a dispute
 *    against such a response would revert and a liar would escape);
 * 2. `requestHash` = the EIP-712 digest of OUR signed Request (not one the provider chose);
 * 3. the EIP-712 Response signature recovers to `provider`, the address the ServiceRegistry lists (proven read),
 *    not the `provider` field of the body.
 * @throws {ServiceResponseInvalidError} reason `malformed`, `wrong-request` or `bad-signature`.
 */
export async function verifyProviderAnswer(p: { body: unknown; provider: Hex; requestHash: Hex; domain: TypedDataDomain }): Promise<VerifiedAnswer> {
  const fail = (reason: ServiceResponseInvalidError['reason'], details: string, cause?: unknown) =>
    new ServiceResponseInvalidError({ provider: p.provider, reason, details, cause })
  const b = p.body as { response?: { requestHash?: unknown; output?: unknown }; signature?: unknown } | null
  const r = b && typeof b === 'object' ? b.response : undefined
  if (!r || typeof r !== 'object') throw fail('malformed', 'expected { response: { requestHash, output }, signature }')
  if (!isHex32(r.requestHash)) throw fail('malformed', 'response.requestHash is not 32 bytes of 0x-hex')
  if (typeof r.output !== 'string' || !isHex(r.output, { strict: true })) throw fail('malformed', 'response.output is not 0x-hex')
  if ((r.output.length - 2) / 2 > MAX_OUTPUT_BYTES) throw fail('malformed', `response.output is over ${MAX_OUTPUT_BYTES} bytes`)
  const sig = b?.signature
  if (typeof sig !== 'string' || !/^0x[0-9a-fA-F]{130}$/.test(sig)) throw fail('malformed', 'signature is not 65 bytes of 0x-hex')
  let words: number[]
  try {
    words = hexToWords(r.output as Hex, 'response output')
  } catch (e) {
    throw fail('malformed', 'response.output is not u32 little-endian words below p', e)
  }
  if (r.requestHash.toLowerCase() !== p.requestHash.toLowerCase()) {
    throw fail('wrong-request', `requestHash ${r.requestHash} ≠ ours ${p.requestHash}`)
  }
  const s = BigInt(`0x${sig.slice(66, 130)}`)
  const v = Number.parseInt(sig.slice(130, 132), 16)
  if (![0, 1, 27, 28].includes(v)) throw fail('bad-signature', `v = ${v}; expected 27 or 28 (or 0, 1)`)
  if (s === 0n || s > SECP256K1_N / 2n) throw fail('bad-signature', 'high or zero s (not EIP-2 canonical); the registry would refuse it')
  const response: ServiceResponse = { requestHash: r.requestHash, output: r.output as Hex }
  let signer: Hex
  try {
    signer = await recoverTypedDataAddress({
      domain: p.domain,
      types: SERVICE_RESPONSE_TYPES,
      primaryType: 'Response',
      message: response,
      signature: sig as Hex,
    })
  } catch (e) {
    throw fail('bad-signature', 'the signature does not recover to any address', e)
  }
  if (!isAddressEqual(signer, p.provider)) throw fail('bad-signature', `signed by ${signer}, not by the registered provider ${p.provider}`)
  return { response, signature: sig as Hex, words }
}
