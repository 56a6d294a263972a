import type { MarketRowStatus } from '../app/useMarketResults.ts'
import type { Provenance, ProvenanceCheck } from '../bus/provenance.ts'
import type { MarketFulfilment } from '../net/marketResults.ts'
import { receiptProvenance } from './receiptProvenance.ts'

/**
 * The provenance of a ProofMarket fulfilment (docs/verified-results.md): light-client verified block → header chain →
 * receipts root → RequestFulfilled + ProofDelivered logs → the zkVM receipt verified here → its claim equals the log's.
 */
export function marketProvenance(row: MarketFulfilment, s: MarketRowStatus | undefined): Provenance | null {
  if (!s || s.code === 'pending') return null
  const logChecks: ProvenanceCheck[] =
    row.proof.status === 'proven'
      ? [
          ...row.proof.checks,
          {
            label: 'ProofMarket fulfilment',
            detail: `RequestFulfilled and ProofDelivered of request ${row.requestId} by ${row.prover}, transaction ${row.transactionIndex}`,
          },
        ]
      : [{ label: 'ProofMarket fulfilment', detail: `block ${row.blockNumber}, as the RPC's eth_getLogs reported it: not proven` }]
  const base = receiptProvenance({ source: 'network', label: '' }, s)
  if (!base) return null
  if (base.status === 'failed') return { ...base, checks: logChecks }
  if (base.status !== 'verified') return base
  return {
    ...base,
    anchor: 'light-client',
    anchorDetail: `the light client's verified chain (the logs) and the Lightbus STARK verifier (the receipt). ${base.anchorDetail}`,
    checks: [
      ...logChecks,
      { label: 'Receipt decoded from the ProofDelivered log', detail: 'EVM receipt encoding (docs/zkvm-evm.md), bounded' },
      ...base.checks.slice(1),
      { label: 'Claim equals RequestFulfilled', detail: 'imageId, inputDigest and journalDigest = keccak256(journal) of the verified receipt' },
    ],
  }
}
