/** The blob / KZG / sidecar / blob-transaction verifiers (pure). docs/storage-verification.md. */
export { BLOB_CAPACITY, decodeBlob, encodeBlobs } from './blobCodec.ts'
export { MAX_BLOB_TX_BYTES, MAX_BLOBS_PER_TX, type VerifiedBlobTx, verifyBlobTx } from './blobTx.ts'
export { decodeEthStorageReadInput, ETHSTORAGE_READ_PRECOMPILE, type EthStorageDecodeType, type EthStorageReadInput, readVerified } from './ethStorageRead.ts'
export { beaconBlockRoot, commitmentRoot, verifyCommitmentInclusion } from './inclusionProof.ts'
export {
  BYTES_PER_BLOB,
  BYTES_PER_CELL,
  blobToKzgCommitment,
  CELLS_PER_EXT_BLOB,
  computeBlobKzgProof,
  type Kzg,
  kzgToVersionedHash,
  loadKzg,
  loadPeerDasKzg,
  verifyBlobCellProofs,
  verifyBlobKzgProof,
  verifyKzgProof,
  warmKzg,
} from './kzg.ts'
export { type BlobSidecar, MAX_SIDECARS, parseBlobSidecar, parseBlobSidecars, type VerifiedSidecars, verifySidecars } from './sidecars.ts'
export { verifyStoredBlob } from './verifyStoredBlob.ts'
