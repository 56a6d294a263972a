// Shared set-up of the contract tests (one anvil per test file on an ephemeral port, mining on every transaction).
import {
  ContractFunctionRevertedError,
  createPublicClient,
  createTestClient,
  createWalletClient,
  decodeErrorResult,
  encodeAbiParameters,
  type Hex,
  http,
  type PublicClient,
  type BaseError as ViemError,
} from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import { startAnvil } from '../devnet/anvil.ts'
import { startTestAnvil } from '../src/test/anvilForTests.ts'

/** anvil's dev accounts (its default mnemonic, m/44'/60'/0'/0/i), as local signers. */
const ANVIL_MNEMONIC = 'test test test test test test test test test test test junk'
export const devAccount = (i: number) => mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: i })
export type Account = ReturnType<typeof devAccount>

export type Chain = Awaited<ReturnType<typeof startChain>>

/** Starts anvil and returns clients and helpers over it. Call `stop()` in afterAll. */
export async function startChain({ gasLimit }: { gasLimit?: bigint } = {}) {
  const anvil = gasLimit ? await startAnvil({ port: 0, blockTimeSec: 0, gasLimit }) : await startTestAnvil()
  // 60 s: anvil's first blob transaction loads its KZG setup, slow on a loaded machine (viem's default is 10 s).
  const transport = http(anvil.url, { timeout: 60_000 })
  const pub = createPublicClient({ chain: foundry, transport }) as PublicClient
  const wallet = (account: Account) => createWalletClient({ account, chain: foundry, transport })
  const test = createTestClient({ mode: 'anvil', chain: foundry, transport })
  const deploy = async (artifact: { abi: readonly unknown[]; bytecode: Hex }, args: readonly unknown[] = [], from = devAccount(0)) => {
    const hash = await wallet(from).deployContract({ abi: artifact.abi, bytecode: artifact.bytecode, args } as never)
    const receipt = await pub.waitForTransactionReceipt({ hash })
    return receipt.contractAddress as Hex
  }
  /** Sends a contract call and waits for its receipt (a reverting call throws at gas estimation). */
  const write = async (address: Hex, abi: readonly unknown[], from: Account, functionName: string, args: unknown[] = [], value?: bigint) => {
    const call = { address, abi: abi as never, functionName: functionName as never, args: args as never, ...(value ? { value } : {}) }
    // A 30 % margin over the estimate: ProofMarket's price ramp takes another branch (more gas) when the block that
    // mines the call has a later timestamp than the one the estimate ran on.
    const gas = ((await pub.estimateContractGas({ ...call, account: from } as never)) * 13n) / 10n + 20_000n
    const hash = await wallet(from).writeContract({ ...call, gas } as never)
    const receipt = await pub.waitForTransactionReceipt({ hash })
    if (receipt.status !== 'success') throw new Error(`${functionName} mined but reverted (tx ${hash}, block ${receipt.blockNumber})`)
    return receipt
  }
  const read = <T = never>(address: Hex, abi: readonly unknown[], functionName: string, args: unknown[] = []) =>
    pub.readContract({ address, abi: abi as never, functionName: functionName as never, args: args as never }) as Promise<T>
  const now = async () => (await pub.getBlock()).timestamp
  /** Moves the chain's clock forward by `seconds` and mines a block. */
  const warp = async (seconds: number) => {
    await test.increaseTime({ seconds })
    await test.mine({ blocks: 1 })
  }
  return { url: anvil.url, pub, wallet, test, deploy, write, read, now, warp, stop: () => anvil.stop() }
}

/** The custom error name a call reverted with ('no revert' or 'unknown revert' otherwise). */
export async function revertName(p: Promise<unknown>, extraAbi: readonly unknown[] = []): Promise<string> {
  return (await revertOf(p, extraAbi)).name
}

/** The custom error (name and args) a call reverted with. */
export async function revertOf(p: Promise<unknown>, extraAbi: readonly unknown[] = []): Promise<{ name: string; args: readonly unknown[] }> {
  try {
    await p
    return { name: 'no revert', args: [] }
  } catch (e) {
    const r = (e as ViemError).walk((x) => x instanceof ContractFunctionRevertedError) as ContractFunctionRevertedError | null
    if (!r?.data && r?.raw && extraAbi.length) {
      // An error of another contract (e.g. the verifier's, passed on unchanged): decode with its ABI.
      const d = decodeErrorResult({ abi: extraAbi as never, data: r.raw })
      return { name: d.errorName, args: (d.args as readonly unknown[]) ?? [] }
    }
    return { name: r?.data?.errorName ?? 'unknown revert', args: r?.data?.args ?? [] }
  }
}

/** TestReceiptVerifier's "receipt": an abi-encoded ReceiptClaim (contracts/test/TestReceiptVerifier.sol). */
export function testReceipt(c: { imageId: Hex; inputDigest: Hex; journalDigest: Hex; exitCode?: number; cycles?: bigint; segments?: number }): Hex {
  return encodeAbiParameters(
    [
      {
        type: 'tuple',
        components: [
          { name: 'imageId', type: 'bytes32' },
          { name: 'inputDigest', type: 'bytes32' },
          { name: 'journalDigest', type: 'bytes32' },
          { name: 'exitCode', type: 'uint32' },
          { name: 'cycles', type: 'uint64' },
          { name: 'segments', type: 'uint32' },
        ],
      },
    ],
    [{ exitCode: 0, cycles: 100n, segments: 1, ...c }],
  )
}
