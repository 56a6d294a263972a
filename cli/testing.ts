// Test helper (not a test): runs the CLI in-process and parses its one JSON line.
import { main } from './main.ts'

/** Runs `lightbus argv…` in-process; usage text is dropped. @throws When the CLI does not print exactly one line. */
export async function runCli(argv: string[]): Promise<{ code: number; out: any }> {
  const lines: string[] = []
  const code = await main(
    argv,
    (l) => lines.push(l),
    () => {},
  )
  if (lines.length !== 1) throw new TypeError(`expected one output line, got ${lines.length}`)
  return { code, out: JSON.parse(lines[0] as string) }
}
