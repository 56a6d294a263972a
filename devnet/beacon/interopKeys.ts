import bls from "@chainsafe/bls/switchable";
import type { SecretKey } from "@chainsafe/bls/types";
import { sha256 } from "@noble/hashes/sha2.js";

/** BLS12-381 scalar field order r. */
const CURVE_ORDER = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001n;

const leToBig = (b: Uint8Array) => b.reduceRight((x, v) => (x << 8n) | BigInt(v), 0n);
const be32 = (n: bigint) => Uint8Array.from({ length: 32 }, (_, i) => Number((n >> BigInt(8 * (31 - i))) & 0xffn));

/**
 * Interop validator secret keys: sk_i = int_le(sha256(le32(i))) mod r
 * (ethereum/eth2.0-pm `interop/mocked_start/keygen.py`), as scalars.
 */
export function interopSecretScalars(count: number, offset = 0): bigint[] {
  return Array.from({ length: count }, (_, i) => {
    const index = new Uint8Array(32);
    let x = i + offset;
    for (let j = 0; x > 0; j++, x = Math.floor(x / 256)) index[j] = x % 256;
    return leToBig(sha256(index)) % CURVE_ORDER;
  });
}

/** A sync committee of `scalars`' keys, plus the one secret key that signs for all of them (Σ sk mod r). */
export function syncCommitteeOf(scalars: bigint[]): { pubkeys: Uint8Array[]; aggregatePubkey: Uint8Array; aggregateSecret: SecretKey } {
  const pubkeys = scalars.map((s) => bls.SecretKey.fromBytes(be32(s)).toPublicKey().toBytes());
  const aggregateSecret = bls.SecretKey.fromBytes(be32(scalars.reduce((a, b) => (a + b) % CURVE_ORDER, 0n)));
  return { pubkeys, aggregatePubkey: aggregateSecret.toPublicKey().toBytes(), aggregateSecret };
}
