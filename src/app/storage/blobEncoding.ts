/** The upload encoding: BLOB's padding codec (EthStorage DecodeType.PaddingPer31Bytes = 1), src/verify/storage. */
export { BLOB_CAPACITY, encodeBlobs } from '../../verify/storage/blobCodec.ts'
export { BYTES_PER_BLOB } from '../../verify/storage/kzgInputs.ts'
