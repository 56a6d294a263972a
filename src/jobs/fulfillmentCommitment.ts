import { encodeAbiParameters, type Hex, keccak256 } from 'viem'
import { MalformedInputError } from '../errors/base.ts'
import { assertRequestId } from './requestId.ts'

/**
 * The commitment a prover records with ProofMarket `commitFulfillment(commitment)` before fulfilling a request AFTER
 * its lock deadline (commit-reveal as in Boundless: the fulfil must come in a later block than the commitment, so a
 * mempool watcher cannot copy a pending receipt and earn the locker's collateral).
 * Equals contracts/ProofMarket.sol `fulfillmentCommitment`:
 * `keccak256(abi.encode(uint256 requestId, address fulfiller, bytes32 keccak256(receipt)))`.
 * @param requestId ProofMarket request id (< 2^193).
 * @param fulfiller 20-byte address that will send `fulfill`.
 * @param receipt the exact EVM-encoded receipt bytes the `fulfill` will carry.
 * @returns 32-byte commitment, 0x-hex.
 * @throws {MalformedInputError} for an invalid request id or a fulfiller that is not a 20-byte address.
 */
export function fulfillmentCommitment(requestId: bigint, fulfiller: Hex, receipt: Hex): Hex {
  assertRequestId(requestId)
  if (!/^0x[0-9a-fA-F]{40}$/.test(fulfiller))
    throw new MalformedInputError({ what: 'fulfiller', details: `${String(fulfiller).slice(0, 44)} is not a 20-byte address` })
  return keccak256(encodeAbiParameters([{ type: 'uint256' }, { type: 'address' }, { type: 'bytes32' }], [requestId, fulfiller, keccak256(receipt)]))
}
