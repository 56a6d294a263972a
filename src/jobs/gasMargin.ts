/**
 * The gas limit Lightbus sends a ProofMarket/ServiceRegistry transaction with: the estimate (gas units) plus 30 % and
 * 20 000. ProofMarket's price ramp takes another branch (more gas) when the mining block's timestamp is later than the
 * estimate's, and wallets send exactly the estimate. Used by the app's writeMarket and the devnet market provers.
 */
export const gasWithMargin = (estimate: bigint): bigint => (estimate * 13n) / 10n + 20_000n
