import { ZkvmReceiptVerifier, ZkvmStarkVerifier } from './artifacts.generated.ts'

/**
 * ABI of the deployed IReceiptVerifier (ZkvmReceiptVerifier) with every error its `verify` can revert with,
 * including those raised inside ZkvmStarkVerifier and bubbled up (InvalidStarkProof, InvalidMerkleOpening,
 * InvalidFriProof, InvalidProofOfWork): decode a market's `fulfill` revert with it.
 */
export const receiptVerifierAbi = [
  ...ZkvmReceiptVerifier.abi,
  ...ZkvmStarkVerifier.abi.filter((x) => x.type === 'error' && !ZkvmReceiptVerifier.abi.some((y) => y.type === 'error' && y.name === x.name)),
] as const
