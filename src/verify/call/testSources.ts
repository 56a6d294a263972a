// Test helpers for verifiedCall: a recording source, a replaying one, and byte code of a tiny forwarder contract.
import type { Hex } from 'viem'
import type { CallRequest, CallStateSource } from './types.ts'

export type RecordedAnswer = { method: string; params: unknown[]; result: unknown }

const keyOf = (method: string, params: unknown[]) => `${method}:${JSON.stringify(params, (_k, v) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v))}`

/** Wraps `source`, keeping every answer (for fixtures). */
export function recordingSource(source: CallStateSource, log: RecordedAnswer[]): CallStateSource {
  const rec = async <T>(method: string, params: unknown[], p: Promise<T>) => {
    const result = await p
    log.push({ method, params: JSON.parse(keyOf('', params).slice(1)), result })
    return result
  }
  return {
    createAccessList: (req, n) => rec('createAccessList', [req, n], source.createAccessList(req, n)),
    getProof: (a, k, n) => rec('getProof', [a, k, n], source.getProof(a, k, n)),
    getCode: (a, n) => rec('getCode', [a, n], source.getCode(a, n)),
  }
}

/** Serves recorded answers; anything not recorded rejects (an offline test must not need more). */
export function replaySource(log: RecordedAnswer[]): CallStateSource {
  const byKey = new Map(log.map((r) => [keyOf(r.method, r.params), r.result]))
  const get = async (method: string, params: unknown[]) => {
    const k = keyOf(method, params)
    if (!byKey.has(k)) throw new Error(`not recorded: ${k.slice(0, 200)}`)
    return structuredClone(byKey.get(k))
  }
  return {
    createAccessList: (req: CallRequest, n) => get('createAccessList', [req, n]) as Promise<{ address: Hex; storageKeys: Hex[] }[]>,
    getProof: (a, k, n) => get('getProof', [a, k, n]),
    getCode: (a, n) => get('getCode', [a, n]) as Promise<Hex>,
  }
}

/**
 * Init code of a contract that STATICCALLs `target` with its own calldata and returns what it returned:
 * runtime CALLDATACOPY(0,0,cds); STATICCALL(gas, target, 0, cds, 0, 0); POP; RETURNDATACOPY(0,0,rds); RETURN(0,rds).
 */
export function forwarderInitCode(target: Hex): Hex {
  const runtime = `365f5f375f5f365f73${target.slice(2).toLowerCase().padStart(40, '0')}5afa503d5f5f3e3d5ff3`
  const len = (runtime.length / 2).toString(16).padStart(2, '0')
  return `0x60${len}600a5f3960${len}5ff3${runtime}` as Hex
}
