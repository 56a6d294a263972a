import { serializeError } from '../../errors/serialize.ts'

/** "Code: short message" of any thrown value (typed errors keep their code). */
export function errorMessageOf(e: unknown): string {
  const s = serializeError(e)
  return `${s.code}: ${s.shortMessage}`
}
