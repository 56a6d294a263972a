import { rename, writeFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { installNodeGlobals } from '../devnet/coordinator/nodeEnv.ts'
import { BaseError } from '../src/errors/base.ts'
import { jobExchange } from '../src/net/p2p/jobClient.ts'
import { createNetworkNode } from '../src/net/p2p/node.ts'
import { MAX_SEGMENT_PO2, MIN_SEGMENT_PO2 } from '../src/prover/vm/segments.ts'
import { parseReceipt } from '../src/prover/zkvm/parseReceipt.ts'
import { getProgram, isProgramName, PROGRAM_NAMES } from '../src/prover/zkvm/programs.ts'
import { verifyReceipt } from '../src/prover/zkvm/verifyReceipt.ts'
import { UsageError } from './usage.ts'

/** How often `--wait` asks the coordinator for the job's status (ms). */
const POLL_MS = 1000

/**
 * `job submit`: submits a shipped program's run to a coordinator over `/lightbus/job/1.0.0`; with
 * `--wait`, polls until the receipt is assembled, verifies it here (verifyReceipt) and writes it to `--out`.
 * Progress lines on `err`.
 * @throws {UsageError} the coordinator's error (its code), {@link ProtocolMessageError}, the receipt's verification errors.
 */
export async function jobSubmitCli(args: string[], err: (text: string) => void) {
  const { values } = parseArgs({
    args,
    options: {
      coordinator: { type: 'string' },
      program: { type: 'string' },
      input: { type: 'string' },
      'segment-po2': { type: 'string' },
      wait: { type: 'boolean', default: false },
      out: { type: 'string' },
    },
  })
  if (!values.coordinator) throw new UsageError('missing --coordinator MULTIADDR')
  if (!isProgramName(values.program)) throw new UsageError(`--program must be one of ${PROGRAM_NAMES.join(', ')}`)
  const entry = getProgram(values.program)
  let input: number[]
  try {
    input = entry.parseInput(values.input ?? '')
  } catch (e) {
    throw new UsageError(`--input: ${e instanceof BaseError ? (e.details ?? e.shortMessage) : 'invalid'} (${entry.name}: ${entry.inputHelp})`)
  }
  const k = Number(values['segment-po2'])
  if (!/^[0-9]{1,2}$/.test(values['segment-po2'] ?? '') || k < MIN_SEGMENT_PO2 || k > MAX_SEGMENT_PO2)
    throw new UsageError(`--segment-po2 must be an integer in ${MIN_SEGMENT_PO2}..${MAX_SEGMENT_PO2}`)
  if (values.out && !values.wait) throw new UsageError('--out needs --wait')
  installNodeGlobals()
  const node = await createNetworkNode({})
  try {
    const submitted = await jobExchange(node, values.coordinator, { type: 'submit', program: entry.name, input, po2: k })
    const jobId = submitted.jobId
    err(`submitted ${entry.name} as job ${jobId}\n`)
    if (!values.wait) return { ok: true, command: 'job submit', jobId }
    let last = -1
    for (;;) {
      const s = await jobExchange(node, values.coordinator, { type: 'status', jobId })
      if (s.type === 'status' && s.accepted !== last) {
        last = s.accepted
        err(`job ${jobId}: ${s.accepted}/${s.segments} segments accepted\n`)
      }
      if (s.type === 'status' && s.receipt !== undefined) {
        const receipt = parseReceipt(s.receipt)
        const verified = verifyReceipt(receipt)
        if (values.out) {
          const tmp = `${values.out}.${process.pid}.tmp`
          await writeFile(tmp, JSON.stringify(receipt))
          await rename(tmp, values.out)
        }
        return {
          ok: true,
          command: 'job submit',
          jobId,
          imageId: verified.imageId,
          segments: verified.segments,
          cycles: verified.cycles,
          journal: verified.journal,
          summary: entry.describeJournal(verified.journal, input),
          ...(values.out ? { out: values.out } : {}),
        }
      }
      await new Promise((r) => setTimeout(r, POLL_MS))
    }
  } finally {
    await node.stop()
  }
}
