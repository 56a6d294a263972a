import type { Common } from '@ethereumjs/common'
import { createEVM, getActivePrecompiles, type PrecompileInput } from '@ethereumjs/evm'
import { createAddressFromString } from '@ethereumjs/util'
import { bytesToHex, type Hex, hexToBytes } from 'viem'
import type { ProvenanceCheck } from '../../bus/provenance.ts'
import { BaseError, InputTooLargeError, MalformedInputError } from '../../errors/base.ts'
import { CallExecutionError, CallStateNotProvenError } from '../../errors/call.ts'
import { RpcRequestError } from '../../errors/net.ts'
import { assertHex } from '../hex.ts'
import { loadKzg } from '../storage/kzg.ts'
import { callCommon } from './callCommon.ts'
import { emptyProvenState, mergeAccessList, type ProvenState, proveAccounts, proveSlot, throwIfAborted } from './provenState.ts'
import { ProvenStateManager } from './provenStateManager.ts'
import {
  type CallBlock,
  type CallLimits,
  type CallPrecompile,
  type CallRequest,
  type CallStateSource,
  DEFAULT_CALL_LIMITS,
  type VerifiedCallOptions,
  type VerifiedCallResult,
} from './types.ts'

const ZERO_ADDRESS: Hex = '0x0000000000000000000000000000000000000000'
const ms = (t0: number) => Math.round((performance.now() - t0) * 10) / 10

/** The request's fields checked (addresses 20 bytes, lower case). @throws {MalformedInputError} */
function parseRequest(r: CallRequest, limits: CallLimits, blockGasLimit: bigint) {
  // As nodes do: a call without `gas` gets the block's gas limit; both capped at `maxGas`.
  if (r.gas !== undefined && (typeof r.gas !== 'bigint' || r.gas <= 0n))
    throw new MalformedInputError({ what: 'call gas', details: 'expected a positive bigint' })
  const asked = r.gas ?? blockGasLimit
  // biome-ignore lint/complexity/useMathMinMax: bigints (Math.min takes numbers)
  const gas = asked > limits.maxGas ? limits.maxGas : asked
  return {
    to: assertHex(r.to, 'call target (to)', 20),
    from: r.from === undefined ? ZERO_ADDRESS : assertHex(r.from, 'call sender (from)', 20),
    data: assertHex(r.data, 'calldata'),
    value: r.value ?? 0n,
    gas,
  }
}

/** Wraps a caller precompile (async `run`) as an @ethereumjs/evm PrecompileFunc; its errors fail the call. */
function wrapPrecompile(p: CallPrecompile, failures: unknown[], signal?: AbortSignal) {
  const gas = p.gas ?? 0n
  return async (input: PrecompileInput) => {
    try {
      throwIfAborted(signal)
      const out = await p.run(input.data)
      return { executionGasUsed: gas > input.gasLimit ? input.gasLimit : gas, returnValue: out }
    } catch (e) {
      failures.push(e)
      throw e
    }
  }
}

/**
 * A read-only call executed by @ethereumjs/evm (Prague) over state proven against `block.stateRoot`:
 * `eth_createAccessList` (a hint) → `eth_getProof` for each listed account and slot plus `from`, `to` and the
 * coinbase, each verified (verifyAccountProof) → `eth_getCode` for each account with code, checked against its
 * proven codeHash → the EVM, whose state manager serves only those proven values (ProvenStateManager). Block
 * context (number, timestamp, basefee, coinbase, prevrandao, gas limit) comes from `block`, which the caller
 * takes from the light client's verified execution payload header. A revert is a verified answer
 * (`reverted: true`, revert data in `returnData`).
 * Model: @lodestar/prover's `eth_call` handler and Helios' `execution/evm` (both: access list → proofs → EVM).
 * @throws {CallStateNotProvenError} The EVM touched an account, slot or code not proven (or BLOCKHASH / blob base fee).
 * @throws {CodeHashMismatchError} Served code does not hash to the proven codeHash.
 * @throws {ProofMismatchError | InvalidMptProofError | ProofValueMismatchError | MalformedInputError} From the proofs.
 * @throws {InputTooLargeError} Over a limit (accounts, slots, code bytes, return data).
 * @throws {VerificationCancelledError} When `options.signal` aborts.
 * Errors of the source (RpcRequest, HttpRequest, Timeout) and of caller precompiles pass through.
 */
export async function verifiedCall(
  source: CallStateSource,
  request: CallRequest,
  block: CallBlock,
  options: VerifiedCallOptions = {},
): Promise<VerifiedCallResult> {
  const { signal, cache } = options
  const limits: CallLimits = { ...DEFAULT_CALL_LIMITS, ...options.limits }
  const req = parseRequest(request, limits, block.gasLimit)
  const stateRoot = assertHex(block.stateRoot, 'block state root', 32)
  const coinbase = assertHex(block.coinbase, 'block coinbase', 20)
  const prevRandao = hexToBytes(assertHex(block.prevRandao, 'block prevRandao', 32))
  const checks: ProvenanceCheck[] = [{ label: `Block ${block.number}`, detail: `state root ${stateRoot} (light-client verified execution header)` }]
  throwIfAborted(signal)

  let t0 = performance.now()
  // A node answers eth_createAccessList with an error when the call reverts: then every read is proven on demand.
  const hint = await source.createAccessList(request, block.number).catch((e: unknown) => {
    if (e instanceof RpcRequestError) return undefined
    throw e
  })
  throwIfAborted(signal)
  const discover = hint === undefined
  if (!discover && !Array.isArray(hint)) throw new MalformedInputError({ what: 'access list', details: 'not a list' })
  if (hint && hint.length > limits.maxAccounts) throw new InputTooLargeError({ what: 'access list', limit: limits.maxAccounts, unit: 'items' })
  const wanted = mergeAccessList(hint ?? [])
  for (const a of [req.from, req.to, coinbase]) if (!wanted.has(a)) wanted.set(a, [])
  checks.push({
    label: 'Access list (hint, not trusted)',
    detail: discover ? 'the node gave none (the call reverts there): each read is proven on demand' : `${hint?.length} entries from eth_createAccessList`,
    ms: ms(t0),
  })

  const state: ProvenState = emptyProvenState()
  await proveAccounts(source, { ...block, stateRoot }, wanted, state, limits, signal, cache)
  checks.push({
    label: 'Account and storage proofs',
    detail: `${state.counts.accounts} accounts, ${state.counts.slots} slots verified under the state root (eth_getProof, EIP-1186)`,
    ms: Math.round(state.ms.proofs * 10) / 10,
  })
  checks.push({
    label: 'Contract code',
    detail: `${state.counts.codes} codes (${state.counts.codeBytes} bytes), keccak256 = proven codeHash`,
    ms: Math.round(state.ms.code * 10) / 10,
  })

  t0 = performance.now()
  const execute = async (common: Common) => {
    const precompiles = options.precompiles ?? []
    const precompileAddresses = new Set([...getActivePrecompiles(common).keys()].map((a) => `0x${a}`))
    for (const p of precompiles) precompileAddresses.add(assertHex(p.address, 'precompile address', 20))
    // Precompile accounts are never in an access list; the EVM loads their account on a call, so they are proven on demand.
    const sm = new ProvenStateManager(async (address, slot) => {
      throwIfAborted(signal)
      if (slot !== undefined) return discover ? proveSlot(source, { ...block, stateRoot }, address, slot, state, limits, signal) : undefined
      if (!discover && !precompileAddresses.has(address)) return undefined
      await proveAccounts(source, { ...block, stateRoot }, new Map([[address, []]]), state, limits, signal, cache)
      return state.accounts.get(address)
    })
    for (const [address, p] of state.accounts) sm.addProven(address, p)
    const failures: unknown[] = []
    const notProven = (item: string) => {
      const e = new CallStateNotProvenError({ kind: 'block', item })
      failures.push(e)
      throw e
    }
    const evm = await createEVM({
      common,
      stateManager: sm,
      customPrecompiles: precompiles.map((p) => ({ address: p.address, function: wrapPrecompile(p, failures, signal) })),
      blockchain: {
        getBlock: async (n: number) => notProven(`hash of block ${n} (BLOCKHASH)`),
        putBlock: async () => {},
        shallowCopy() {
          return this
        },
      },
    })
    const result = await evm.runCall({
      to: createAddressFromString(req.to),
      caller: createAddressFromString(req.from),
      origin: createAddressFromString(req.from),
      data: hexToBytes(req.data),
      value: req.value,
      gasLimit: req.gas,
      block: {
        header: {
          number: block.number,
          coinbase: createAddressFromString(coinbase),
          timestamp: block.timestamp,
          difficulty: 0n,
          prevRandao,
          gasLimit: block.gasLimit,
          baseFeePerGas: block.baseFeePerGas,
          getBlobGasPrice: () => notProven('blob base fee (BLOBBASEFEE)'),
        },
      },
    })
    return { result, sm, failures }
  }
  let common = callCommon(block.chainId, block.number, block.timestamp)
  let run: Awaited<ReturnType<typeof execute>>
  try {
    run = await execute(common)
  } catch (e) {
    if (e instanceof BaseError) throw e
    // The point-evaluation precompile (0x0a) needs KZG: loaded (≈0.1 s) only for the calls that reach it, then run again.
    if (!/kzg not initialized/i.test(String((e as Error)?.message))) throw new CallExecutionError({ details: String((e as Error)?.message ?? e).slice(0, 200) })
    common = callCommon(block.chainId, block.number, block.timestamp, (await loadKzg()) as never)
    try {
      run = await execute(common)
    } catch (e2) {
      if (e2 instanceof BaseError) throw e2
      throw new CallExecutionError({ details: String((e2 as Error)?.message ?? e2).slice(0, 200) })
    }
  }
  const { result, sm, failures } = run
  const failed = sm.firstError ?? failures[0]
  if (failed !== undefined) throw failed
  throwIfAborted(signal)
  const exec = result.execResult
  if (exec.returnValue.length > limits.maxReturnBytes) throw new InputTooLargeError({ what: 'return data', limit: limits.maxReturnBytes, unit: 'bytes' })
  const reverted = exec.exceptionError !== undefined
  checks.push({
    label: `EVM execution (${common.hardfork()})`,
    detail: `${reverted ? `reverted (${exec.exceptionError?.error})` : 'returned'} ${exec.returnValue.length} bytes, ${exec.executionGasUsed} gas; only proven state served`,
    ms: ms(t0),
  })
  return {
    returnData: bytesToHex(exec.returnValue),
    reverted,
    ...(reverted ? { error: String(exec.exceptionError?.error) } : {}),
    gasUsed: exec.executionGasUsed,
    proven: { accounts: state.counts.accounts, slots: state.counts.slots, codes: state.counts.codes },
    checks,
  }
}
