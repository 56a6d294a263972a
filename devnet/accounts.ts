// anvil's default dev accounts as viem local accounts (the well-known test mnemonic; devnet only). Roles:
// 0 deployer; 1, 2 honest market provers; 3 the dishonest prover; 4, 5, 6 service providers (6 lies);
// 7 storage e2e wallet; 8 jobs e2e wallet; 9 services e2e wallet; 10, 11, 12 fund the fresh accounts of the services,
// jobs (slash) and chain-results e2e specs by transfer (devnet/fundAccount.ts: never anvil_setBalance on a shared devnet).
import { mnemonicToAccount } from "viem/accounts";

/** anvil's default mnemonic (public: every dev account of every anvil). */
export const ANVIL_MNEMONIC = "test test test test test test test test test test test junk";

const cache = new Map<number, ReturnType<typeof mnemonicToAccount>>();

/** Dev account `index` (m/44'/60'/0'/0/index), as anvil funds it with 10 000 ether at start. */
export function devAccount(index: number) {
  let a = cache.get(index);
  if (!a) {
    a = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: index });
    cache.set(index, a);
  }
  return a;
}
