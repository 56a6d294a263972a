/**
 * The market layer the Jobs pages use, under the names of issue 11's interfaces (owner B, `src/jobs/`): one place
 * that re-exports B's pure parts and wallet actions (actions throw Lightbus typed errors, reverts as
 * ContractRevertedError).
 */
export { depositToMarket } from '../../jobs/actions/depositToMarket.ts'
export { signProofRequest } from '../../jobs/actions/signProofRequest.ts'
export { slashRequest } from '../../jobs/actions/slashRequest.ts'
export { submitProofRequest } from '../../jobs/actions/submitProofRequest.ts'
export { withdrawFromMarket } from '../../jobs/actions/withdrawFromMarket.ts'
export { jobStateOf } from '../../jobs/lifecycle.ts'
export { deadline, lockDeadline, priceAt, rampPoints } from '../../jobs/priceRamp.ts'
export { clientOf, indexOf, requestIdOf } from '../../jobs/requestId.ts'
export { PROOF_REQUEST_TYPES, proofMarketDomain } from '../../jobs/typedData.ts'
export type { JobState, Offer, ProofRequest, RequestStatus } from '../../jobs/types.ts'
