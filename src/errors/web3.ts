import { BaseError } from './base.ts'

/**
 * A web3:// URL (ERC-4804/ERC-6860) that could not be resolved: it does not parse, names a chain this network does
 * not serve, names a contract that has no such resource, or the contract answered with a non-2xx status (ERC-5219).
 */
export class Web3UrlError extends BaseError<'Web3Url'> {
  override name = 'Web3UrlError'
  readonly status: number | undefined
  constructor({ url, reason, status, cause }: { url: string; reason: string; status?: number; cause?: unknown }) {
    super('Web3Url', `Could not resolve ${url.length > 120 ? `${url.slice(0, 117)}…` : url}: ${reason}`, {
      cause,
      ...(status !== undefined ? { metaMessages: [`status: ${status}`] } : {}),
      docsPath: '/docs/errors.md#web3url',
    })
    this.status = status
  }
}

/**
 * Stored data is committed on chain but no longer retrievable: the storage node answers 4404 "blob not held" and the
 * beacon chain has pruned the blob (after about 18 days, MIN_EPOCHS_FOR_BLOB_SIDECARS_REQUESTS = 4096 epochs).
 * The on-chain commitment is still there; the bytes are gone from every source Lightbus knows.
 */
export class StoredDataUnavailableError extends BaseError<'StoredDataUnavailable'> {
  override name = 'StoredDataUnavailableError'
  constructor({ versionedHash, source, cause }: { versionedHash: string; source: string; cause?: unknown }) {
    super('StoredDataUnavailable', `The stored data with versioned hash ${versionedHash} is no longer retrievable.`, {
      cause,
      metaMessages: [`asked: ${source}`, 'The chain still commits to it; no storage node or beacon node serves the bytes any more.'],
      docsPath: '/docs/errors.md#storeddataunavailable',
    })
  }
}
