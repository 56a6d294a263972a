import { BaseError } from './base.ts'

/**
 * A verified eth_call's EVM touched state that was not proven against the block's state root: an account,
 * a storage slot, a contract's code, or a block value (BLOCKHASH, blob base fee) Lightbus cannot prove. The
 * call fails rather than read a default (0, empty code) that an RPC could have steered by omitting it from
 * the access list.
 */
export class CallStateNotProvenError extends BaseError<'CallStateNotProven'> {
  override name = 'CallStateNotProvenError'
  readonly kind: 'account' | 'storage' | 'code' | 'block'
  readonly item: string
  constructor({ kind, item }: { kind: 'account' | 'storage' | 'code' | 'block'; item: string }) {
    super('CallStateNotProven', `The call touched ${kind} ${item}, which was not proven.`, {
      metaMessages: ['The RPC access list left it out: every account, slot and code the EVM reads must be proven by eth_getProof.'],
      docsPath: '/docs/errors.md#callstatenotproven',
    })
    this.kind = kind
    this.item = item
  }
}

/** The code an RPC served for an account does not hash (keccak256) to the account's proven codeHash. */
export class CodeHashMismatchError extends BaseError<'CodeHashMismatch'> {
  override name = 'CodeHashMismatchError'
  constructor({ address, proven, served }: { address: string; proven: string; served: string }) {
    super('CodeHashMismatch', `The code served for ${address} does not match its proven code hash.`, {
      metaMessages: [`proven codeHash: ${proven}`, `keccak256(served code): ${served}`],
      docsPath: '/docs/errors.md#codehashmismatch',
    })
  }
}

/** A verified call was asked on a chain whose EVM fork schedule Lightbus does not know (the rules would be guessed). */
export class UnsupportedCallChainError extends BaseError<'UnsupportedCallChain'> {
  override name = 'UnsupportedCallChainError'
  constructor({ chainId }: { chainId: string }) {
    super('UnsupportedCallChain', `Lightbus does not know the EVM fork schedule of chain ${chainId}.`, {
      metaMessages: ['Verified calls run on mainnet, Sepolia, Holesky, Hoodi and the devnet, under the fork active at the block.'],
      docsPath: '/docs/errors.md#unsupportedcallchain',
    })
  }
}

/** The EVM failed outside the EVM's own exceptions (an engine error, e.g. a precompile it cannot run here). */
export class CallExecutionError extends BaseError<'CallExecution'> {
  override name = 'CallExecutionError'
  constructor({ details }: { details: string }) {
    super('CallExecution', `The EVM could not execute the call: ${details}`, { docsPath: '/docs/errors.md#callexecution' })
  }
}
