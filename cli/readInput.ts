import { constants } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { InputTooLargeError, MalformedInputError } from '../src/errors/base.ts'
import { TimeoutError } from '../src/errors/net.ts'
import { UsageError } from './usage.ts'

/** Largest input file read, bytes (128 light-client updates are about 3.3 MB of JSON). */
export const MAX_INPUT_FILE_BYTES = 32 * 1024 * 1024
/** Longest an input file may take to open and read (a FIFO with no writer, a slow device), milliseconds. */
export const READ_TIMEOUT_MS = 10_000

/**
 * Reads at most `maxBytes` of a file — regular file, pipe or device alike (`/dev/urandom` stops at the
 * cap) — within `timeoutMs`. Never blocks: a FIFO with no writer reads as empty, one whose writer sends
 * nothing times out.
 * @throws {UsageError} When the file does not exist, is a directory or cannot be read.
 * @throws {InputTooLargeError} When it holds more than `maxBytes`.
 * @throws {TimeoutError} When it is not read within `timeoutMs`.
 */
export async function readCappedFile(path: string, flag: string, maxBytes = MAX_INPUT_FILE_BYTES, timeoutMs = READ_TIMEOUT_MS): Promise<Buffer> {
  const cannot = (cause?: unknown) =>
    new UsageError(`cannot read --${flag} ${path.slice(0, 200)}${cause instanceof Error && 'code' in cause ? ` (${String(cause.code)})` : ''}`)
  const st = await stat(path).catch((e: unknown) => {
    throw cannot(e)
  })
  if (st.isDirectory()) throw new UsageError(`--${flag} ${path.slice(0, 200)} is a directory`)
  if (st.isFile() && st.size > maxBytes) throw new InputTooLargeError({ what: `--${flag} ${path}`, limit: maxBytes, unit: 'bytes' })
  let timedOut = false
  const read = async () => {
    // O_NONBLOCK: opening a FIFO must not wait for a writer, and no read may block a libuv thread (a blocked
    // thread would also hold up the process's exit). Regular files ignore it; EAGAIN (no data yet) is polled.
    const file = await open(path, constants.O_RDONLY | constants.O_NONBLOCK).catch((e: unknown) => {
      throw cannot(e)
    })
    try {
      const buf = Buffer.allocUnsafe(maxBytes + 1)
      let size = 0
      while (!timedOut) {
        const bytesRead = await file.read(buf, size, Math.min(1 << 20, buf.length - size), null).then(
          (r) => r.bytesRead,
          (e: unknown) => {
            if ((e as { code?: unknown })?.code === 'EAGAIN') return -1
            throw cannot(e)
          },
        )
        if (bytesRead === -1) {
          await new Promise((ok) => setTimeout(ok, 20))
          continue
        }
        if (bytesRead === 0) return buf.subarray(0, size)
        size += bytesRead
        if (size > maxBytes) throw new InputTooLargeError({ what: `--${flag} ${path}`, limit: maxBytes, unit: 'bytes' })
      }
      throw new TimeoutError({ url: `file ${path}`, timeoutMs })
    } finally {
      await file.close().catch(() => {})
    }
  }
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true
      reject(new TimeoutError({ url: `file ${path}`, timeoutMs }))
    }, timeoutMs)
  })
  try {
    return await Promise.race([read(), timeout])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Reads and parses a JSON input file (size-capped and time-bounded, see {@link readCappedFile}).
 * @throws {UsageError} When `path` is missing or unreadable.
 * @throws {InputTooLargeError} Over {@link MAX_INPUT_FILE_BYTES}.
 * @throws {TimeoutError} Not read within {@link READ_TIMEOUT_MS}.
 * @throws {MalformedInputError} When it is not JSON (or nests too deep to parse).
 */
export async function readJsonFile(path: string | undefined, flag: string): Promise<unknown> {
  if (!path) throw new UsageError(`missing --${flag}`)
  const text = (await readCappedFile(path, flag)).toString('utf8')
  try {
    return JSON.parse(text)
  } catch (cause) {
    throw new MalformedInputError({ what: `JSON in ${path}`, cause })
  }
}
