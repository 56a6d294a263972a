import { parseArgs } from 'node:util'
import { conjecturedSecurityBits } from '../src/prover/stark/shape.ts'
import { parseReceipt } from '../src/prover/zkvm/parseReceipt.ts'
import { programByImageId } from '../src/prover/zkvm/programs.ts'
import { SEGMENT_PARAMS } from '../src/prover/zkvm/segmentProof.ts'
import { verifyReceipt } from '../src/prover/zkvm/verifyReceipt.ts'
import { elapsedMs } from './output.ts'
import { proofBytesOf } from './prove.ts'
import { readJsonFile } from './readInput.ts'
import { UsageError } from './usage.ts'

/**
 * `verify receipt FILE`: parses a composite receipt (bounded, typed) and verifies it: image id, input
 * digest, parameters, segment order and continuity, claims, and every segment's STARK proof.
 * @throws {UsageError | InputTooLargeError | MalformedInputError | MalformedReceiptError | InvalidReceiptError}
 * and the STARK's errors (InvalidStarkProof, InvalidMerkleOpening, InvalidFriProof, InvalidProofOfWork).
 */
export async function verifyReceiptCli(args: string[]) {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} })
  if (positionals.length !== 1) throw new UsageError('give exactly one receipt FILE')
  const json = await readJsonFile(positionals[0], 'FILE')
  const t0 = performance.now()
  const receipt = parseReceipt(json)
  const v = verifyReceipt(receipt)
  const program = programByImageId(v.imageId)
  return {
    ok: true,
    command: 'verify receipt',
    system: 'lightbus-stark',
    imageId: v.imageId,
    ...(program ? { program: program.name, summary: program.describeJournal(v.journal, receipt.input) } : {}),
    inputDigest: v.inputDigest,
    exitCode: v.exitCode,
    journal: v.journal,
    segments: v.segments,
    segmentPo2: v.segmentPo2,
    cycles: v.cycles,
    proofBytes: proofBytesOf(receipt.segments),
    securityBits: conjecturedSecurityBits(SEGMENT_PARAMS),
    elapsedMs: elapsedMs(t0),
  }
}
