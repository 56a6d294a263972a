import type { Hex } from 'viem'
import { bytesToWords, wordsToBytes } from '../prover/zkvm/receiptEvm.ts'

/**
 * A service Request's `input` and a Response's `output` are zkVM words as u32 little-endian each (docs/zkvm-evm.md),
 * as a ProofRequest's input: keccak256(bytes) = the receipt's inputDigest / journalDigest.
 */
export const wordsToHex = (words: readonly number[]): Hex => wordsToBytes(words)

/** The inverse of {@link wordsToHex}. @throws {MalformedInputError} Not hex, a length not a multiple of 4, or a word ≥ p. */
export const hexToWords = (data: Hex, _what = 'words'): number[] => bytesToWords(data)
