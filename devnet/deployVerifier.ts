import { encodeDeployData, getContractAddress, type Hex } from "viem";
import { ZkvmAir, ZkvmReceiptVerifier, ZkvmStarkVerifier } from "../src/contracts/artifacts.generated.ts";
import { DevnetStartError } from "../src/errors/server.ts";
import { devnetClients } from "./anvil.ts";

/**
 * Deploys the on-chain zkVM receipt verifier (docs/zkvm-evm.md) from the unlocked account `from`: ZkvmAir
 * (the generated AIR evaluation), ZkvmStarkVerifier(air) and ZkvmReceiptVerifier(stark), at `from`'s next
 * three nonces, and waits for their receipts. Each contract is within EIP-170's 24 KiB.
 * @returns the address of the IReceiptVerifier (ZkvmReceiptVerifier).
 * @throws {DevnetStartError} When a deployment reverts or lands at another address than precomputed.
 */
export async function deployReceiptVerifier(rpcUrl: string, from: Hex): Promise<Hex> {
  const { publicClient, walletClient } = devnetClients(rpcUrl);
  const nonce = await publicClient.getTransactionCount({ address: from, blockTag: "pending" });
  const at = (k: number) => getContractAddress({ from, nonce: BigInt(nonce + k) });
  const send = (data: Hex, k: number) => walletClient.sendTransaction({ account: from, chain: null, data, gas: 8_000_000n, nonce: nonce + k });
  const hashes = [
    await send(ZkvmAir.bytecode, 0),
    await send(encodeDeployData({ abi: ZkvmStarkVerifier.abi, bytecode: ZkvmStarkVerifier.bytecode, args: [at(0)] }), 1),
    await send(encodeDeployData({ abi: ZkvmReceiptVerifier.abi, bytecode: ZkvmReceiptVerifier.bytecode, args: [at(1)] }), 2),
  ];
  for (const [k, hash] of hashes.entries()) {
    const receipt = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 50, timeout: 60_000 });
    if (receipt.status !== "success" || receipt.contractAddress?.toLowerCase() !== at(k).toLowerCase())
      throw new DevnetStartError({
        what: "zkVM receipt verifier",
        details: `deployment ${k} ${receipt.status} at ${receipt.contractAddress}, expected ${at(k)}`,
      });
  }
  return at(2);
}
