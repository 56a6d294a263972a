// Funding a fresh account on the devnet with a real transfer (e2e specs, tests).
//
// Not `anvil_setBalance`: anvil applies it to the state it keeps for the block that is head at that moment, and keeps
// answering eth_getProof/eth_call at that block number with the rewritten state for good (also after later blocks).
// That state no longer matches the block header's state root, so every verified call at that block fails
// (InvalidMptProof on the account proof) — which is what the Services page showed after a reload in issue 11, whenever
// its light client's finalized block was one a spec had called anvil_setBalance on.
import { createPublicClient, createWalletClient, type Hex, http } from "viem";
import type { LocalAccount } from "viem/accounts";

/**
 * Sends `wei` from `funder` (a funded account, e.g. a dev account no one else sends from at the same time) to `to`
 * and waits for the transfer's receipt. @returns The block number it was mined in.
 * @throws Viem's transport and transaction errors; an Error when the transfer reverted.
 */
export async function fundAccount(rpcUrl: string, funder: LocalAccount, to: Hex, wei: bigint): Promise<bigint> {
  const transport = http(rpcUrl);
  const publicClient = createPublicClient({ transport });
  const wallet = createWalletClient({ account: funder, transport });
  const hash = await wallet.sendTransaction({ chain: null, to, value: wei });
  const r = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 100 });
  if (r.status !== "success") throw new Error(`funding ${to}: transfer ${hash} reverted`);
  return r.blockNumber;
}
