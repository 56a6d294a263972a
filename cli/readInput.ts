import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import { InputTooLargeError, MalformedInputError } from '../src/errors/base.ts'
import { UsageError } from './usage.ts'

/** Largest input file read, bytes (128 light-client updates are about 3.3 MB of JSON). */
export const MAX_INPUT_FILE_BYTES = 32 * 1024 * 1024

/**
 * Reads at most `maxBytes` of a file (regular file, pipe or device alike: `/dev/urandom` stops at the cap).
 * @throws {UsageError} When the file cannot be opened.
 * @throws {InputTooLargeError} When it holds more than `maxBytes`.
 */
export function readCappedFile(path: string, flag: string, maxBytes = MAX_INPUT_FILE_BYTES): Buffer {
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch {
    throw new UsageError(`cannot read --${flag} ${path}`)
  }
  try {
    const st = fstatSync(fd)
    if (st.isDirectory()) throw new UsageError(`--${flag} ${path} is a directory`)
    if (st.isFile() && st.size > maxBytes) throw new InputTooLargeError({ what: `--${flag} ${path}`, limit: maxBytes, unit: 'bytes' })
    const buf = Buffer.allocUnsafe(maxBytes + 1)
    let size = 0
    for (;;) {
      const n = readSync(fd, buf, size, Math.min(1 << 20, buf.length - size), null)
      if (n === 0) break
      size += n
      if (size > maxBytes) throw new InputTooLargeError({ what: `--${flag} ${path}`, limit: maxBytes, unit: 'bytes' })
    }
    return buf.subarray(0, size)
  } finally {
    closeSync(fd)
  }
}

/**
 * Reads and parses a JSON input file (size-capped, see {@link readCappedFile}).
 * @throws {UsageError} When `path` is missing or unreadable.
 * @throws {InputTooLargeError} Over {@link MAX_INPUT_FILE_BYTES}.
 * @throws {MalformedInputError} When it is not JSON (or nests too deep to parse).
 */
export function readJsonFile(path: string | undefined, flag: string): unknown {
  if (!path) throw new UsageError(`missing --${flag}`)
  const text = readCappedFile(path, flag).toString('utf8')
  try {
    return JSON.parse(text)
  } catch (cause) {
    throw new MalformedInputError({ what: `JSON in ${path}`, cause })
  }
}
