import { MalformedInputError } from '../src/errors/base.ts'

/** A scalar of the consensus-spec-tests KZG `data.yaml` files: a string (hex), a boolean or null. */
export type YamlScalar = string | boolean | null
/** `{ input: { key: scalar … }, output: scalar }`, the shape of a KZG test case. */
export type KzgCase = { input: Record<string, YamlScalar>; output: YamlScalar }

const KEY = /^([A-Za-z_][A-Za-z0-9_]*):(?: (.*))?$/

function scalar(text: string, what: string): YamlScalar {
  const t = text.trim()
  if (t === 'null' || t === '~') return null
  if (t === 'true') return true
  if (t === 'false') return false
  const q = t[0]
  if ((q === "'" || q === '"') && t.length >= 2 && t.endsWith(q)) {
    const inner = t.slice(1, -1)
    if (inner.includes(q)) throw new MalformedInputError({ what, details: 'escaped quotes are not supported' })
    return inner
  }
  if (/^[A-Za-z0-9_.x-]+$/.test(t)) return t
  throw new MalformedInputError({ what, details: `unsupported YAML value ${JSON.stringify(t.slice(0, 40))}` })
}

/**
 * Parses a consensus-spec-tests KZG `data.yaml` (the two-level shape `input:` with indented `key: 'value'` lines,
 * then `output: value`). Strict and tiny: any other YAML construct (lists, anchors, multi-line strings) is
 * rejected. Not a general YAML parser.
 * @throws {MalformedInputError}
 */
export function parseKzgCaseYaml(text: string, what: string): KzgCase {
  const input: Record<string, YamlScalar> = {}
  let output: YamlScalar | undefined
  let inInput = false
  let sawInput = false
  for (const [n, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.replace(/\s+$/, '')
    if (line === '' || line.startsWith('#')) continue
    const indented = line.startsWith('  ')
    const m = KEY.exec(indented ? line.slice(2) : line)
    if (!m || (indented && line.startsWith('   '))) throw new MalformedInputError({ what, details: `line ${n + 1} is not "key: value"` })
    const [, key, value] = m as unknown as [string, string, string | undefined]
    if (indented) {
      if (!inInput) throw new MalformedInputError({ what, details: `line ${n + 1}: indented key outside input` })
      if (value === undefined || value.trim() === '') throw new MalformedInputError({ what, details: `line ${n + 1}: nested values are not supported` })
      if (Object.hasOwn(input, key)) throw new MalformedInputError({ what, details: `duplicate input key ${key}` })
      input[key] = scalar(value, what)
    } else if (key === 'input' && (value === undefined || value.trim() === '')) {
      if (sawInput) throw new MalformedInputError({ what, details: 'duplicate input' })
      inInput = sawInput = true
    } else if (key === 'output' && value !== undefined) {
      if (output !== undefined) throw new MalformedInputError({ what, details: 'duplicate output' })
      inInput = false
      output = scalar(value, what)
    } else {
      throw new MalformedInputError({ what, details: `line ${n + 1}: unexpected top-level key ${key}` })
    }
  }
  if (!sawInput || output === undefined) throw new MalformedInputError({ what, details: 'expected input: and output:' })
  return { input, output }
}
