import fc from 'fast-check'
import {
  bytesToHex,
  ContractFunctionRevertedError,
  createPublicClient,
  createWalletClient,
  decodeErrorResult,
  encodeFunctionData,
  type Hex,
  hexToBytes,
  http,
  keccak256,
  parseEther,
  type BaseError as ViemError,
} from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deployReceiptVerifier } from '../devnet/deployVerifier.ts'
import { ProofMarket } from '../src/contracts/artifacts.generated.ts'
import { receiptVerifierAbi } from '../src/contracts/receiptVerifierAbi.ts'
import type { BaseError } from '../src/errors/base.ts'
import { PROOF_REQUEST_TYPES, proofMarketDomain } from '../src/jobs/typedData.ts'
import type { ProofRequest } from '../src/jobs/types.ts'
import { add } from '../src/prover/field/babybear.ts'
import { encodeStarkProof } from '../src/prover/stark/encoding.ts'
import { assemble } from '../src/prover/vm/assembler.ts'
import { decodeProgram, type Program } from '../src/prover/vm/isa.ts'
import { checksum, checksumInput } from '../src/prover/vm/programs/checksum.ts'
import { fibonacci } from '../src/prover/vm/programs/fibonacci.ts'
import { sort, sortInput } from '../src/prover/vm/programs/sort.ts'
import { cutSegments } from '../src/prover/vm/segments.ts'
import { assembleReceipt, inputDigest, proveReceipt, type Receipt, segmentReceipt, statementIds } from '../src/prover/zkvm/receipt.ts'
import {
  decodeReceiptFromEvm,
  EVM_HEADER_BYTES,
  EVM_SEGMENT_FIXED_BYTES,
  encodeReceiptForEvm,
  journalDigest,
  wordsToBytes,
} from '../src/prover/zkvm/receiptEvm.ts'
import { proveSegment } from '../src/prover/zkvm/segmentProof.ts'
import { cheatingExecution } from '../src/prover/zkvm/testing.ts'
import { verifyReceipt } from '../src/prover/zkvm/verifyReceipt.ts'
import { startTestAnvil } from '../src/test/anvilForTests.ts'

/**
 * Differential tests of the Solidity receipt verifier (contracts/ZkvmReceiptVerifier.sol) against the
 * TypeScript `verifyReceipt` (issue 11 item 2): real receipts accepted by both with the same claim, and
 * every tampered receipt rejected by both. One anvil for the file; one proof per program.
 */
const DEV: Hex = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
const devAccount = (i: number) => mnemonicToAccount('test test test test test test test test test test test junk', { addressIndex: i })
let anvil: Awaited<ReturnType<typeof startTestAnvil>>
let verifier: Hex
let pub: ReturnType<typeof createPublicClient>
const r: Record<'fib1' | 'fib2' | 'sum' | 'sort', Receipt> = {} as never

type Verdict = { ok: true; claim: unknown } | { ok: false; code: string }

function tsVerdict(data: Hex): Verdict {
  try {
    const v = verifyReceipt(decodeReceiptFromEvm(data))
    return {
      ok: true,
      claim: {
        imageId: v.imageId,
        inputDigest: v.inputDigest,
        journalDigest: journalDigest(v.journal),
        exitCode: v.exitCode,
        cycles: BigInt(v.cycles),
        segments: v.segments,
      },
    }
  } catch (e) {
    return { ok: false, code: (e as BaseError).code ?? `untyped: ${String(e)}` }
  }
}

async function evmVerdict(data: Hex): Promise<Verdict> {
  try {
    const claim = await pub.readContract({ address: verifier, abi: receiptVerifierAbi, functionName: 'verify', args: [data] })
    return { ok: true, claim: { ...claim } }
  } catch (e) {
    const rev = (e as ViemError).walk((x) => x instanceof ContractFunctionRevertedError) as ContractFunctionRevertedError | null
    return { ok: false, code: rev?.data?.errorName ?? `no typed revert: ${(e as Error).message.slice(0, 200)}` }
  }
}

/** Both verdicts; they must agree on accept/reject, and the EVM must revert with a typed error. */
async function both(data: Hex, what: string) {
  const ts = tsVerdict(data)
  const evm = await evmVerdict(data)
  const show = (v: Verdict) => JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? String(x) : x))
  expect(evm.ok, `${what}: TS ${show(ts)} vs EVM ${show(evm)}`).toBe(ts.ok)
  if (ts.ok && evm.ok) expect(evm.claim, what).toEqual(ts.claim)
  if (!evm.ok) expect(evm.code, what).toMatch(/^(MalformedReceipt|InvalidReceipt|InvalidStarkProof|InvalidMerkleOpening|InvalidFriProof|InvalidProofOfWork)$/)
  return { ts, evm }
}

const flip = (data: Hex, at: number, mask = 0x01): Hex => {
  const b = hexToBytes(data)
  b[at] = (b[at] as number) ^ mask
  return bytesToHex(b)
}

/** Byte offset of segment i's STARK proof in the EVM encoding (docs/zkvm-evm.md). */
function proofAt(rc: Receipt, i: number): number {
  const L = (rc.program.code.length - 2) / 16
  let o = EVM_HEADER_BYTES + 8 * L + 4 * rc.input.length + 4 * rc.journal.length
  for (let k = 0; k < i; k++) o += EVM_SEGMENT_FIXED_BYTES + 4 * L + 2048 + 4 + ((rc.segments[k] as Receipt['segments'][number]).proof.length - 2) / 2
  return o + EVM_SEGMENT_FIXED_BYTES + 4 * L + 2048 + 4
}

async function cheatingReceipt(program: Program, input: number[], atCycle: number, cheat: Parameters<typeof cheatingExecution>[3]): Promise<Receipt> {
  const exec = cheatingExecution(program, input, atCycle, cheat)
  const [segment] = cutSegments(exec, 10)
  if (!segment) throw new Error('no segment')
  const { statement, proof } = await proveSegment(segment, decodeProgram(program), input, statementIds(program, input))
  return assembleReceipt(program, input, 10, exec.journal, exec.exitCode, exec.cycles, [segmentReceipt(statement, encodeStarkProof(proof))])
}

beforeAll(async () => {
  // With the devnet's DEVNET_BLOCK_GAS_LIMIT: a 2-segment receipt needs more than anvil's default 30M (docs/zkvm-evm.md "Gas").
  anvil = await startTestAnvil()
  pub = createPublicClient({ transport: http(anvil.url, { timeout: 120_000 }) })
  verifier = await deployReceiptVerifier(anvil.url, DEV)
  r.fib1 = await proveReceipt(fibonacci, [10], 10) // 66 cycles: 1 segment
  r.fib2 = await proveReceipt(fibonacci, [200], 10) // 1206 cycles: 2 segments
  r.sum = await proveReceipt(checksum, checksumInput([1, 2, 3, 2_000_000_000]), 10)
  r.sort = await proveReceipt(sort, sortInput([9, 3, 7, 1]), 10)
}, 600_000)
afterAll(async () => {
  await anvil?.stop()
})

describe('ZkvmReceiptVerifier ≡ verifyReceipt: completeness', () => {
  it('accepts real receipts (fibonacci in 1 and 2 segments, checksum, sort) with the TypeScript claim', async () => {
    for (const [name, rc] of Object.entries(r)) {
      const { evm } = await both(encodeReceiptForEvm(rc), name)
      expect(evm.ok, name).toBe(true)
    }
    const claim = (await evmVerdict(encodeReceiptForEvm(r.fib2))) as { ok: true; claim: Record<string, unknown> }
    expect(claim.claim).toMatchObject({ imageId: r.fib2.imageId, inputDigest: inputDigest([200]), journalDigest: journalDigest(r.fib2.journal), segments: 2 })
  }, 300_000)
})

describe('ZkvmReceiptVerifier ≡ verifyReceipt: tampered receipts are rejected by both', () => {
  it('a flipped byte in each region of a segment proof', async () => {
    const data = encodeReceiptForEvm(r.fib2)
    const p = proofAt(r.fib2, 1)
    const d = 12 // log2 N at 2^10 rows, blowup 4
    const perQuery = 984 + 192 * d
    const fri = p + 108 + 3808 + 52 * perQuery + 4
    const cases: [string, number][] = [
      ['proof header (logN)', p + 1],
      ['main root', p + 12],
      ['aux root', p + 44 + 7],
      ['composition root', p + 76 + 31],
      ['OOD main(z)', p + 108],
      ['OOD aux(gz)', p + 108 + 16 * (83 + 83 + 32) + 4],
      ['OOD composition', p + 108 + 16 * 230 + 8],
      ['query 0 main row', p + 3916 + 40],
      ['query 5 main path', p + 3916 + 5 * perQuery + 332 + 3 * 32],
      ['query 9 aux row (x + N/2)', p + 3916 + 9 * perQuery + 2 * (332 + 32 * d) + (128 + 32 * d) + 8],
      ['query 51 composition row', p + 3916 + 51 * perQuery + 2 * (332 + 32 * d) + 2 * (128 + 32 * d) + 4],
      ['FRI header', fri + 1],
      ['FRI nonce', fri + 9],
      ['FRI layer root 3', fri + 17 + 3 * 32],
      ['FRI final polynomial', fri + 17 + 7 * 32 + 16 * 5],
      ['FRI query 0 layer 0 value', fri + 17 + 7 * 32 + 128],
      ['FRI query 2 layer 1 path', fri + 17 + 7 * 32 + 128 + 2 * (7 * 32 + 32 * (11 + 10 + 9 + 8 + 7 + 6 + 5)) + (32 + 11 * 32) + 32 + 64],
      ['proof last byte', p + ((r.fib2.segments[1]?.proof.length ?? 0) - 2) / 2 - 1],
      ['segment 0 proof OOD', proofAt(r.fib2, 0) + 200],
    ]
    for (const [what, at] of cases) {
      const { evm } = await both(flip(data, at), what)
      expect(evm.ok, what).toBe(false)
    }
  }, 600_000)

  it('receipt-level tampers: journal, exit code, input, digest, image id, parameters, segments, lengths', async () => {
    const rc = r.fib2
    const seg = (i: number) => rc.segments[i] as Receipt['segments'][number]
    const variants: [string, Hex][] = [
      ['wrong journal word', encodeReceiptForEvm({ ...rc, journal: [add(rc.journal[0] as number, 1)] })],
      ['wrong exit code', encodeReceiptForEvm({ ...rc, exitCode: 1 })],
      ['wrong input (digest kept)', encodeReceiptForEvm({ ...rc, input: [201] })],
      ['wrong input (digest recomputed)', encodeReceiptForEvm({ ...rc, input: [201], inputDigest: inputDigest([201]) })],
      ['wrong image id', encodeReceiptForEvm({ ...rc, imageId: keccak256('0x01') })],
      ['segment swap', encodeReceiptForEvm({ ...rc, segments: [seg(1), seg(0)] })],
      ['segment dropped', encodeReceiptForEvm({ ...rc, segments: [seg(0)] })],
      ['segment 1 index 2', encodeReceiptForEvm({ ...rc, segments: [seg(0), { ...seg(1), index: 2 }] })],
      ['wrong cycles', encodeReceiptForEvm({ ...rc, cycles: rc.cycles + 1 })],
      ['fewer queries', encodeReceiptForEvm({ ...rc, params: { ...rc.params, numQueries: 51 } })],
      ['less grinding', encodeReceiptForEvm({ ...rc, params: { ...rc.params, powBits: 0 } })],
      ['segment size 2^11', encodeReceiptForEvm({ ...rc, segmentPo2: 11 })],
      [
        'ROM multiplicity + 1',
        encodeReceiptForEvm({ ...rc, segments: [{ ...seg(0), romMultiplicities: seg(0).romMultiplicities.map((m, i) => (i === 2 ? m + 1 : m)) }, seg(1)] }),
      ],
      [
        'byte multiplicity + 1',
        encodeReceiptForEvm({ ...rc, segments: [seg(0), { ...seg(1), byteMultiplicities: seg(1).byteMultiplicities.map((m, i) => (i === 0 ? m + 1 : m)) }] }),
      ],
      [
        'last access changed',
        encodeReceiptForEvm({ ...rc, segments: [seg(0), { ...seg(1), lastAccess: seg(1).lastAccess.map((m, i) => (i === 0 ? m + 1 : m)) }] }),
      ],
      [
        'end register changed in both segments (chain kept)',
        encodeReceiptForEvm({
          ...rc,
          segments: [
            { ...seg(0), end: { ...seg(0).end, regs: seg(0).end.regs.map((x, j) => (j === 1 ? add(x, 1) : x)) } },
            { ...seg(1), start: { ...seg(1).start, regs: seg(1).start.regs.map((x, j) => (j === 1 ? add(x, 1) : x)) } },
          ],
        }),
      ],
      [
        'chain broken (segment 1 start pc)',
        encodeReceiptForEvm({ ...rc, segments: [seg(0), { ...seg(1), start: { ...seg(1).start, pc: seg(1).start.pc + 1 } }] }),
      ],
      ['last segment not halted', encodeReceiptForEvm({ ...rc, segments: [seg(0), { ...seg(1), end: { ...seg(1).end, halted: false, exitCode: 0 } }] })],
      ['proof of segment 0 in segment 1', encodeReceiptForEvm({ ...rc, segments: [seg(0), { ...seg(1), proof: seg(0).proof }] })],
      ['receipt of another input with this claim', encodeReceiptForEvm({ ...r.fib1, journal: rc.journal })],
    ]
    const data = encodeReceiptForEvm(rc)
    variants.push(['truncated by one byte', data.slice(0, -2) as Hex], ['one trailing byte', `${data}00`], ['empty', '0x'], ['version 2', flip(data, 0, 0x03)])
    for (const [what, bytes] of variants) {
      const { evm } = await both(bytes, what)
      expect(evm.ok, what).toBe(false)
    }
  }, 600_000)

  it('proofs of dishonest executions (a register changed, a wrong memory read) are rejected by both', async () => {
    const storeLoad = assemble(`
        li    r1, 7
        store [r0 + 5], r1
        li    r1, 0
        load  r2, [r0 + 5]
        write r2
        halt  0
`)
    const cheats = [
      await cheatingReceipt(fibonacci, [30], 40, (s) => {
        s.regs[3] = add(s.regs[3] as number, 1)
      }),
      await cheatingReceipt(storeLoad, [], 3, (s) => {
        s.memory[5] = 8
      }),
    ]
    for (const [i, rc] of cheats.entries()) {
      const { ts, evm } = await both(encodeReceiptForEvm(rc), `cheat ${i}`)
      // Caught by the AIR (the composition identity at z), on both sides: the generated ZkvmAir runs.
      expect(ts).toEqual({ ok: false, code: 'InvalidStarkProof' })
      expect(evm).toEqual({ ok: false, code: 'InvalidStarkProof' })
    }
    // The honest store/load receipt is accepted (the cheats fail for their lie only).
    const { evm } = await both(encodeReceiptForEvm(await proveReceipt(storeLoad, [], 10)), 'honest store/load')
    expect(evm.ok).toBe(true)
  }, 300_000)

  it('random byte flips in a proof: the same verdict (property, few runs)', async () => {
    const data = encodeReceiptForEvm(r.fib1)
    const start = proofAt(r.fib1, 0)
    const len = ((r.fib1.segments[0]?.proof.length ?? 0) - 2) / 2
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: len - 1 }), fc.integer({ min: 1, max: 255 }), async (at, mask) => {
        const { evm } = await both(flip(data, start + at, mask), `flip ${at} ^ ${mask}`)
        expect(evm.ok).toBe(false)
      }),
      { numRuns: 6 },
    )
  }, 300_000)
})

describe('gas', () => {
  it('reports eth_estimateGas of verify per segment', async () => {
    const data = encodeReceiptForEvm(r.fib2)
    const gas = await pub.estimateGas({ to: verifier, data: encodeFunctionData({ abi: receiptVerifierAbi, functionName: 'verify', args: [data] }) })
    const bytes = (data.length - 2) / 2
    console.log(`verify: 2 segments of 2^10, ${bytes} bytes, ${gas} gas (${gas / 2n} per segment; calldata-only ${16 * bytes})`)
    expect(gas).toBeGreaterThan((16n * BigInt(bytes)) / 4n)
  }, 120_000)
})

describe('ProofMarket with the zkVM receipt verifier', () => {
  it("refuses 0x and a tampered receipt with the verifier's typed reverts, and pays for the real one", async () => {
    const client = devAccount(0)
    const prover = devAccount(1)
    const wallet = (a: typeof client) => createWalletClient({ account: a, chain: foundry, transport: http(anvil.url) })
    const deployHash = await wallet(client).deployContract({ abi: ProofMarket.abi, bytecode: ProofMarket.bytecode, args: [verifier] })
    const market = (await pub.waitForTransactionReceipt({ hash: deployHash })).contractAddress as Hex
    const send = async (from: typeof client, functionName: string, args: unknown[], value?: bigint) =>
      pub.waitForTransactionReceipt({
        hash: await wallet(from).writeContract({ address: market, abi: ProofMarket.abi, functionName, args, ...(value ? { value } : {}) } as never),
      })
    const now = (await pub.getBlock()).timestamp
    const rc = r.fib1
    const req: ProofRequest = {
      id: (BigInt(client.address) << 32n) | 1n,
      imageId: rc.imageId,
      inputUrl: '',
      input: wordsToBytes(rc.input),
      offer: {
        minPrice: parseEther('0.01'),
        maxPrice: parseEther('0.02'),
        rampUpStart: now,
        rampUpPeriod: 10,
        lockTimeout: 1000,
        timeout: 2000,
        lockCollateral: parseEther('0.1'),
      },
    }
    const sig = await client.signTypedData({
      domain: proofMarketDomain(foundry.id, market),
      types: PROOF_REQUEST_TYPES,
      primaryType: 'ProofRequest',
      message: req,
    })
    await send(client, 'submitRequest', [req, sig], parseEther('1'))
    await send(prover, 'deposit', [], parseEther('1'))
    await send(prover, 'lockRequest', [req, sig])
    const good = encodeReceiptForEvm(rc)
    expect(await revertOf(send(prover, 'fulfill', [req.id, '0x']))).toMatchObject({ name: 'MalformedReceipt' })
    const bad = await revertOf(send(prover, 'fulfill', [req.id, flip(good, proofAt(rc, 0) + 3916 + 100)]))
    expect(bad.name).toMatch(/^(InvalidStarkProof|InvalidMerkleOpening)$/)
    const fulfilled = await send(prover, 'fulfill', [req.id, good])
    expect(fulfilled.status).toBe('success')
    const claim = await pub.readContract({ address: market, abi: ProofMarket.abi, functionName: 'fulfilledClaim', args: [req.id] })
    expect(claim).toEqual([true, rc.imageId, rc.inputDigest, journalDigest(rc.journal)])
    console.log(`ProofMarket.fulfill with a 1-segment receipt: ${fulfilled.gasUsed} gas`)
  }, 300_000)
})

/** The verifier's typed revert (decoded with receiptVerifierAbi: the market passes the verifier's revert data on). */
async function revertOf(p: Promise<unknown>): Promise<{ name: string; args: readonly unknown[] }> {
  try {
    await p
    return { name: 'no revert', args: [] }
  } catch (e) {
    const rev = (e as ViemError).walk((x) => x instanceof ContractFunctionRevertedError) as ContractFunctionRevertedError | null
    if (rev?.raw) {
      const d = decodeErrorResult({ abi: receiptVerifierAbi, data: rev.raw })
      return { name: d.errorName, args: (d.args as readonly unknown[]) ?? [] }
    }
    return { name: rev?.data?.errorName ?? 'unknown revert', args: [] }
  }
}
