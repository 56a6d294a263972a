import { BaseError } from './base.ts'

/**
 * A proof market delivery that verifies but is not the proof of the request: the receipt's claim (image id, input
 * digest or journal digest) differs from the ProofMarket requestStatus proven at a light-client block. The job's
 * result is shown as failed; nothing it claims is shown as verified.
 */
export class DeliveryMismatchError extends BaseError<'DeliveryMismatch'> {
  override name = 'DeliveryMismatchError'
  constructor({ requestId, fields }: { requestId: bigint; fields: string[] }) {
    super('DeliveryMismatch', `The receipt delivered for request ${requestId} does not match its proven status (${fields.join(', ')}).`, {
      docsPath: '/docs/errors.md#deliverymismatch',
    })
  }
}
