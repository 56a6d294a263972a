import { serializeError } from '../src/errors/serialize.ts'
import { fetchWeb3Cli } from './fetchWeb3.ts'
import { jobSubmitCli } from './job.ts'
import { proveCli } from './prove.ts'
import { proverCli } from './prover.ts'
import { USAGE, UsageError } from './usage.ts'
import { verifyBlobTxCli, verifySidecarsCli } from './verifyBlobs.ts'
import { verifyCallCli } from './verifyCall.ts'
import { verifyGroth16Cli } from './verifyGroth16.ts'
import { verifyKzgCli } from './verifyKzg.ts'
import { verifyLc } from './verifyLc.ts'
import { verifyReceiptCli } from './verifyReceipt.ts'
import { verifyReceiptsCli } from './verifyReceipts.ts'
import { verifyState } from './verifyState.ts'

const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x))

const isUsage = (e: unknown) =>
  e instanceof UsageError || (e instanceof TypeError && 'code' in e && typeof e.code === 'string' && e.code.startsWith('ERR_PARSE_ARGS'))

/**
 * Runs the CLI; returns the exit code: 0 verified, 1 rejected input (every typed verification error),
 * 2 usage error. Writes exactly one JSON line to `out` (usage text and `prove`'s progress lines to `err`,
 * stderr by default).
 */
export async function main(
  argv: string[],
  out: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
  err: (text: string) => void = (t) => process.stderr.write(t),
): Promise<number> {
  const [cmd, sub, ...rest] = argv
  try {
    if (cmd === '--help' || cmd === '-h' || cmd === 'help' || argv.includes('--help') || argv.includes('-h')) {
      err(`${USAGE}\n`)
      return 0
    }
    const commands: Record<string, () => Promise<unknown>> = {
      'verify lc': () => verifyLc(rest),
      'verify state': () => verifyState(rest),
      'verify groth16': () => verifyGroth16Cli(rest),
      'verify receipt': () => verifyReceiptCli(rest),
      'job submit': () => jobSubmitCli(rest, err),
      'verify kzg': () => verifyKzgCli(rest),
      'verify sidecars': () => verifySidecarsCli(rest),
      'verify blob-tx': () => verifyBlobTxCli(rest),
      'verify call': () => verifyCallCli(rest),
      'verify receipts': () => verifyReceiptsCli(rest),
    }
    const run =
      cmd === 'fetch'
        ? () => fetchWeb3Cli(argv.slice(1))
        : cmd === 'prove'
          ? () => proveCli(argv.slice(1), err)
          : cmd === 'prover'
            ? () => proverCli(argv.slice(1), out)
            : Object.hasOwn(commands, `${cmd} ${sub}`)
              ? commands[`${cmd} ${sub}`]
              : undefined
    if (!run) throw new UsageError(`unknown command: ${[cmd, sub].filter(Boolean).join(' ').slice(0, 80) || '(none)'}`)
    const result = await run()
    out(json(result))
    return 0
  } catch (e) {
    const usage = isUsage(e)
    const s = serializeError(e)
    out(json({ ok: false, error: { code: usage ? 'Usage' : s.code, name: s.name, message: s.shortMessage, details: s.details } }))
    if (usage) err(`${USAGE}\n`)
    return usage ? 2 : 1
  }
}
