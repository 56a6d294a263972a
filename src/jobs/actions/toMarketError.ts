import { type Abi, ContractFunctionRevertedError, decodeErrorResult, type Hex } from 'viem'
import { ProofMarket, ServiceRegistry } from '../../contracts/artifacts.generated.ts'
import { receiptVerifierAbi } from '../../contracts/receiptVerifierAbi.ts'
import type { BaseError } from '../../errors/base.ts'
import { ContractRevertedError } from '../../errors/market.ts'
import { toWalletError } from '../../wallet/walletErrors.ts'

/**
 * The ABIs whose custom errors a market call can revert with: ProofMarket, ServiceRegistry (SignatureRecovery's
 * InvalidSignature is in both), and the receipt verifier's (ZkvmReceiptVerifier + ZkvmStarkVerifier), passed on
 * unchanged by `fulfill`. More with {@link registerRevertAbi}.
 */
const revertAbis: Abi[] = [ProofMarket.abi as Abi, ServiceRegistry.abi as Abi, receiptVerifierAbi as Abi]

/** Adds an ABI (e.g. the receipt verifier's) whose errors market reverts are decoded with. */
export function registerRevertAbi(abi: Abi): void {
  if (!revertAbis.includes(abi)) revertAbis.push(abi)
}

/** Decodes revert data with the known ABIs. @returns null when no ABI declares its selector. */
export function decodeMarketRevert(data: Hex): { errorName: string; args: readonly unknown[] } | null {
  for (const abi of revertAbis) {
    try {
      const d = decodeErrorResult({ abi, data })
      return { errorName: d.errorName, args: (d.args as readonly unknown[] | undefined) ?? [] }
    } catch {
      // not this ABI's error
    }
  }
  return null
}

/**
 * Maps what a market action threw to a Lightbus typed error: a contract revert with a known custom error →
 * {@link ContractRevertedError} (`errorName`, `args`); everything else through {@link toWalletError} (4001 →
 * UserRejectedError, …). Lightbus errors pass through unchanged.
 */
export function toMarketError(e: unknown, action: string): BaseError {
  let x: unknown = e
  for (let depth = 0; depth < 10 && x instanceof Error; depth++) {
    if (x instanceof ContractFunctionRevertedError) {
      if (x.data?.errorName) return new ContractRevertedError({ action, errorName: x.data.errorName, args: x.data.args ?? [], cause: e })
      const decoded = x.raw ? decodeMarketRevert(x.raw) : null
      if (decoded) return new ContractRevertedError({ action, ...decoded, cause: e })
    }
    const data = (x as { data?: unknown }).data
    if (typeof data === 'string' && /^0x[0-9a-fA-F]{8,}$/.test(data)) {
      const decoded = decodeMarketRevert(data as Hex)
      if (decoded) return new ContractRevertedError({ action, ...decoded, cause: e })
    }
    x = x.cause
  }
  return toWalletError(e, action)
}
