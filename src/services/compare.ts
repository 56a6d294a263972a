import { type Hex, keccak256 } from 'viem'
import type { SerializedError } from '../errors/serialize.ts'
import type { ServiceResponse } from './eip712.ts'

/**
 * What one provider did with the request. `answered` only after every check of verifyProviderAnswer passed;
 * `invalid` = it answered but the answer failed a check (`error`, ServiceResponseInvalid); `timeout` = no answer
 * within the budget; `unreachable` = connection refused, DNS, CORS, or an HTTP error status (`detail`).
 */
export type ProviderOutcome =
  | { status: 'pending' }
  | { status: 'answered'; response: ServiceResponse; signature: Hex; words: number[]; ms: number }
  | { status: 'timeout'; ms: number }
  | { status: 'unreachable'; detail: string; ms: number }
  | { status: 'invalid'; error: SerializedError; ms: number }

export type ProviderSlot = { provider: Hex; endpoint: string; outcome: ProviderOutcome }

/** Providers grouped by the exact output bytes they signed, largest group first. */
export type OutputGroup = { output: Hex; words: number[]; providers: Hex[] }

/**
 * The verdict over the verified answers:
 * - `pending`: some provider has not finished (answer, timeout, failure);
 * - `none`: no verified answer at all;
 * - `agree`: every verified answer has the same output (k' staked providers agree; NOT a proof: they could all lie);
 * - `disagree`: at least two different signed outputs: at least one provider signed a wrong one, and a proof of
 *   the program on this input can show which and slash it.
 */
export type Verdict = { verdict: 'pending' | 'none' | 'agree' | 'disagree'; answered: number; groups: OutputGroup[] }

export function compareAnswers(slots: readonly ProviderSlot[]): Verdict {
  const groups = new Map<string, OutputGroup>()
  let answered = 0
  for (const s of slots) {
    if (s.outcome.status !== 'answered') continue
    answered++
    const key = s.outcome.response.output.toLowerCase()
    const g = groups.get(key)
    if (g) g.providers.push(s.provider)
    else groups.set(key, { output: s.outcome.response.output, words: s.outcome.words, providers: [s.provider] })
  }
  const sorted = [...groups.values()].sort((a, b) => b.providers.length - a.providers.length)
  const verdict = slots.some((s) => s.outcome.status === 'pending') ? 'pending' : answered === 0 ? 'none' : sorted.length === 1 ? 'agree' : 'disagree'
  return { verdict, answered, groups: sorted }
}

/**
 * The providers whose signed output differs from the proven journal (`journalDigest` = keccak256 of the journal
 * words as u32 LE, as the verified receipt committed it): exactly those a dispute slashes. A provider whose output
 * hashes to the digest answered correctly and is never disputed.
 */
export function wrongAnswersOf(slots: readonly ProviderSlot[], journalDigest: Hex): ProviderSlot[] {
  return slots.filter((s) => s.outcome.status === 'answered' && keccak256(s.outcome.response.output).toLowerCase() !== journalDigest.toLowerCase())
}

/** The output group whose bytes hash to the proven journal digest (the proven output), if any provider signed it. */
export function provenGroupOf(v: Verdict, journalDigest: Hex): OutputGroup | undefined {
  return v.groups.find((g) => keccak256(g.output).toLowerCase() === journalDigest.toLowerCase())
}
