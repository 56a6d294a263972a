// The execution payload of an anvil block, as the devnet beacon puts it in a Deneb beacon block: the block's
// real fields, its transactions in consensus form (anvil answers blob transactions in network form), and the
// blobs, commitments and proofs those carried (./blobs.ts).
import type { deneb } from "@lodestar/types";
import type { EIP1193RequestFn, Hash, Hex, PublicClient } from "viem";
import { DevnetStartError } from "../../src/errors/server.ts";
import { hexToBytes } from "../../src/verify/hex.ts";
import { type BlockBlobs, splitBlobTransactions } from "./blobs.ts";

/** eth_getRawTransactionByHash (anvil, geth): not among viem's typed public actions. */
type RawTransactionSchema = [{ Method: "eth_getRawTransactionByHash"; Parameters: [Hash]; ReturnType: Hex }];
const noBlobs: BlockBlobs = { blobs: [], commitments: [], proofs: [] };

/**
 * Block n's execution payload (consensus-form transactions) and the blobs of its type-3 transactions.
 * @throws {DevnetStartError} When block n is pending.
 */
export async function executionPayloadOf(publicClient: PublicClient, n: number): Promise<{ payload: deneb.ExecutionPayload; blobs: BlockBlobs }> {
  const request = publicClient.request as unknown as EIP1193RequestFn<RawTransactionSchema>;
  const b = await publicClient.getBlock({ blockNumber: BigInt(n) });
  const rawTxs: Uint8Array[] = [];
  for (const hash of b.transactions)
    rawTxs.push(hexToBytes(await request({ method: "eth_getRawTransactionByHash", params: [hash] }), `raw transaction ${hash}`));
  // anvil answers blob transactions in network form (with blobs, commitments, proofs): split those off.
  const { transactions, ...blobs } = rawTxs.some((t) => t[0] === 0x03) ? splitBlobTransactions(rawTxs) : { transactions: rawTxs, ...noBlobs };
  const withdrawals = (b.withdrawals ?? []).map((w) => ({
    index: Number(w.index),
    validatorIndex: Number(w.validatorIndex),
    address: hexToBytes(w.address, "address"),
    amount: BigInt(w.amount),
  }));
  if (b.hash === null || b.number === null || b.logsBloom === null) throw new DevnetStartError({ what: "beacon", details: `anvil block ${n} is pending` });
  const payload: deneb.ExecutionPayload = {
    parentHash: hexToBytes(b.parentHash, "parentHash"),
    feeRecipient: hexToBytes(b.miner, "miner"),
    stateRoot: hexToBytes(b.stateRoot, "stateRoot"),
    receiptsRoot: hexToBytes(b.receiptsRoot, "receiptsRoot"),
    logsBloom: hexToBytes(b.logsBloom, "logsBloom"),
    prevRandao: hexToBytes(b.mixHash, "mixHash"),
    blockNumber: Number(b.number),
    gasLimit: Number(b.gasLimit),
    gasUsed: Number(b.gasUsed),
    timestamp: Number(b.timestamp),
    extraData: hexToBytes(b.extraData, "extraData"),
    baseFeePerGas: b.baseFeePerGas ?? 0n,
    blockHash: hexToBytes(b.hash, "hash"),
    transactions,
    withdrawals,
    blobGasUsed: b.blobGasUsed ?? 0n,
    excessBlobGas: b.excessBlobGas ?? 0n,
  };
  return { payload, blobs };
}
