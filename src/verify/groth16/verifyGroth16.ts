import { InvalidGroth16ProofError, InvalidPublicInputError } from '../../errors/zk.ts'
import { BN254_R, type Groth16Backend, type Groth16Proof, type Groth16VerifyingKey } from './types.ts'

/**
 * Verifies a Groth16 proof: public inputs canonical (< r) and as many as the key expects, points
 * valid, pairing equation true.
 * @throws {InvalidPublicInputError} For an input ≥ r or a count mismatch.
 * @throws {InvalidCurvePointError} For an invalid point (from the backend).
 * @throws {InvalidGroth16ProofError} When the pairing check fails.
 */
export function verifyGroth16(backend: Groth16Backend, family: string, vk: Groth16VerifyingKey, publicInputs: readonly bigint[], proof: Groth16Proof): void {
  if (publicInputs.length !== vk.ic.length - 1) {
    throw new InvalidPublicInputError({ reason: `${publicInputs.length} inputs for a key that takes ${vk.ic.length - 1}` })
  }
  publicInputs.forEach((x, i) => {
    if (x < 0n || x >= BN254_R) throw new InvalidPublicInputError({ reason: `input ${i} is not below the BN254 scalar modulus` })
  })
  if (!backend.verify(vk, publicInputs, proof)) throw new InvalidGroth16ProofError({ family })
}
