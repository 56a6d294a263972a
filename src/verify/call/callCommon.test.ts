import { getMerkleStateProof, MerkleStateManager } from '@ethereumjs/statemanager'
import { Account, bytesToHex, createAddressFromString, hexToBytes } from '@ethereumjs/util'
import type { Hex } from 'viem'
import { describe, expect, it } from 'vitest'
import { serializeError } from '../../errors/serialize.ts'
import { callCommon } from './callCommon.ts'
import type { CallBlock, CallStateSource } from './types.ts'
import { verifiedCall } from './verifiedCall.ts'

// Mainnet fork times of @ethereumjs/common 10.1.3 (unix seconds): Prague 1746612311, Osaka 1764798551.
const PRAGUE = 1746612311n
const OSAKA = 1764798551n

/** A state built in memory (accounts with code), answering eth_getProof with real Merkle proofs under its root. */
async function world(accounts: { address: Hex; code: Hex }[]) {
  const sm = new MerkleStateManager()
  for (const a of accounts) {
    const address = createAddressFromString(a.address)
    await sm.putAccount(address, new Account(0n, 0n))
    await sm.putCode(address, hexToBytes(a.code))
  }
  await sm.flush()
  const stateRoot = bytesToHex(await sm.getStateRoot()) as Hex
  const source: CallStateSource = {
    createAccessList: async () => accounts.map((a) => ({ address: a.address, storageKeys: [] })),
    getProof: async (address, keys) =>
      getMerkleStateProof(
        sm,
        createAddressFromString(address),
        keys.map((k) => hexToBytes(k)),
      ),
    getCode: async (address) => bytesToHex(await sm.getCode(createAddressFromString(address))) as Hex,
  }
  const block = (chainId: bigint, timestamp: bigint): CallBlock => ({
    number: 24_000_000n,
    hash: `0x${'11'.repeat(32)}`,
    stateRoot,
    timestamp,
    baseFeePerGas: 7n,
    gasLimit: 30_000_000n,
    coinbase: accounts[0]?.address ?? `0x${'00'.repeat(20)}`,
    prevRandao: `0x${'22'.repeat(32)}`,
    chainId,
  })
  return { source, block }
}

const CLZ = '0x00000000000000000000000000000000000000aa' as Hex
const POINT_EVAL = '0x00000000000000000000000000000000000000bb' as Hex
const codes = [
  // CLZ(1) returned as a word: PUSH1 1, CLZ, PUSH0, MSTORE, PUSH1 32, PUSH0, RETURN
  { address: CLZ, code: '0x60011e5f5260205ff3' as Hex },
  // STATICCALL 0x0a with 192 zero bytes, return the success flag
  { address: POINT_EVAL, code: '0x5f5f60c05f600a5afa60005260206000f3' as Hex },
]

describe('callCommon: the EVM rules come from the verified block', () => {
  it('picks the public chain fork by timestamp, Cancun on the devnet, and refuses unknown chains', () => {
    expect(callCommon(1n, 22_000_000n, PRAGUE).hardfork()).toBe('prague')
    expect(callCommon(1n, 24_000_000n, OSAKA).hardfork()).toBe('osaka')
    expect(callCommon(1n, 19_000_000n, PRAGUE - 1n).hardfork()).toBe('cancun')
    expect(callCommon(11155111n, 9_000_000n, OSAKA).hardfork()).not.toBe('prague')
    expect(callCommon(31337n, 5n, OSAKA).hardfork()).toBe('cancun')
    expect(serializeError(captured(() => callCommon(1337n, 1n, OSAKA))).code).toBe('UnsupportedCallChain')
    expect(serializeError(captured(() => callCommon(undefined, 1n, OSAKA))).code).toBe('UnsupportedCallChain')
  })

  it('CLZ runs on an Osaka mainnet block and is an invalid opcode on a Prague one, as on the chain', async () => {
    const w = await world(codes)
    const osaka = await verifiedCall(w.source, { to: CLZ, data: '0x' }, w.block(1n, OSAKA))
    expect(osaka.reverted).toBe(false)
    expect(BigInt(osaka.returnData)).toBe(255n)
    expect(osaka.checks.some((c) => c.label === 'EVM execution (osaka)')).toBe(true)
    const prague = await verifiedCall(w.source, { to: CLZ, data: '0x' }, w.block(1n, PRAGUE))
    expect(prague.reverted).toBe(true)
  })

  it('the point-evaluation precompile runs with KZG (a bad input fails inside the EVM, never Unknown)', async () => {
    const w = await world(codes)
    const r = await verifiedCall(w.source, { to: POINT_EVAL, data: '0x' }, w.block(1n, OSAKA))
    expect(r.reverted).toBe(false)
    // 192 zero bytes are not a valid point-evaluation input: the STATICCALL fails, the flag is 0.
    expect(BigInt(r.returnData)).toBe(0n)
  })

  it('a chain without a known schedule and a non-positive gas are typed errors', async () => {
    const w = await world(codes)
    await expect(verifiedCall(w.source, { to: CLZ, data: '0x' }, w.block(1337n, OSAKA))).rejects.toMatchObject({ code: 'UnsupportedCallChain' })
    await expect(verifiedCall(w.source, { to: CLZ, data: '0x', gas: -1n }, w.block(1n, OSAKA))).rejects.toMatchObject({ code: 'MalformedInput' })
  })
})

function captured(f: () => unknown): unknown {
  try {
    f()
  } catch (e) {
    return e
  }
  throw new Error('expected a throw')
}
