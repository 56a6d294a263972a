import { MalformedInputError } from '../errors/base.ts'
import { KERNELS_WASM_BASE64 } from './kernelsWasm.generated.ts'

/**
 * The project's AssemblyScript kernels (wasm/assembly; ABI in wasm/README.md), instantiated once,
 * synchronously, from bytes compiled into the bundle (as ChainSafe as-sha256 does). Only this file
 * touches this module's memory: callers pass and receive Uint8Arrays. (The STARK prover's kernels are a
 * second module with its own memory: src/prover/backend/wasmKernels.ts.) Memory grows on demand; views are
 * recreated after every growth.
 */
type Exports = {
  memory: WebAssembly.Memory
  heapBase(): number
  sha256(input: number, len: number, output: number): void
  keccak256(input: number, len: number, output: number): void
  mptGet(root: number, key: number, keyLen: number, nodes: number, lens: number, count: number, hashes: number, out: number): number
}

let exportsCache: Exports | undefined

/** Bytes of a base64 string (atob in browsers and workers, Buffer in Node). */
export function decodeBase64(b64: string): Uint8Array {
  if (typeof atob === 'function') return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))
  return new Uint8Array((globalThis as { Buffer?: { from(s: string, e: string): Uint8Array } }).Buffer?.from(b64, 'base64') ?? [])
}

/** The instantiated kernels (memoised). Synchronous: fine in workers and Node, and for this ~5 KB module anywhere. */
export function getKernels(): Exports {
  if (!exportsCache) {
    const module = new WebAssembly.Module(decodeBase64(KERNELS_WASM_BASE64) as BufferSource)
    const instance = new WebAssembly.Instance(module, {
      env: {
        abort: () => {
          throw new MalformedInputError({ what: 'kernel input', details: 'WASM kernel aborted' })
        },
      },
    })
    exportsCache = instance.exports as unknown as Exports
  }
  return exportsCache
}

/** Ensures `bytes` bytes are addressable from the heap base; returns a fresh byte view. */
function reserve(k: Exports, bytes: number): Uint8Array {
  const need = k.heapBase() + bytes
  const have = k.memory.buffer.byteLength
  if (need > have) k.memory.grow(Math.ceil((need - have) / 65_536))
  return new Uint8Array(k.memory.buffer)
}

function hashWith(fn: 'sha256' | 'keccak256', data: Uint8Array): Uint8Array {
  const k = getKernels()
  const base = k.heapBase()
  const out = base
  const input = base + 32
  const mem = reserve(k, 32 + data.length)
  mem.set(data, input)
  k[fn](input, data.length, out)
  return new Uint8Array(k.memory.buffer).slice(out, out + 32)
}

/** SHA-256 (FIPS 180-4) in WASM. 32-byte digest. */
export const sha256Wasm = (data: Uint8Array): Uint8Array => hashWith('sha256', data)

/** Keccak-256 (Ethereum's, original padding) in WASM. 32-byte digest. */
export const keccak256Wasm = (data: Uint8Array): Uint8Array => hashWith('keccak256', data)

/** Outcome codes of the WASM MPT walk (wasm/assembly/mpt.ts). */
export const MPT_CODES = {
  1: 'found',
  0: 'absent',
  [-1]: 'a proof node is missing (or does not hash to its reference)',
  [-2]: 'a proof node is not valid RLP',
  [-3]: 'a proof node has an invalid shape',
  [-4]: 'the path is too deep',
} as Record<number, string>

/**
 * Walks an MPT proof in WASM (semantics of @ethereumjs/mpt `verifyMerkleProof`).
 * @param root - 32-byte trie root.
 * @param key - The trie path (for EIP-1186: keccak256(address) or keccak256(slot)), usually 32 bytes.
 * @param proof - RLP-encoded nodes, any order.
 * @returns the value bytes, or null when the proof shows the key absent.
 * @throws {MptWalkError} (`code` = the kernel's result) when the proof is invalid.
 */
export function mptGetWasm(root: Uint8Array, key: Uint8Array, proof: Uint8Array[]): Uint8Array | null {
  const k = getKernels()
  const total = proof.reduce((a, n) => a + n.length, 0)
  const base = k.heapBase()
  const rootPtr = base
  const keyPtr = rootPtr + 32
  const outPtr = keyPtr + ((key.length + 7) & ~7)
  const lensPtr = outPtr + 8
  const hashesPtr = lensPtr + 4 * proof.length
  const nodesPtr = hashesPtr + 32 * proof.length
  const mem = reserve(k, nodesPtr - base + total)
  mem.set(root, rootPtr)
  mem.set(key, keyPtr)
  const view = new DataView(mem.buffer)
  let p = nodesPtr
  proof.forEach((n, i) => {
    view.setUint32(lensPtr + 4 * i, n.length, true)
    mem.set(n, p)
    p += n.length
  })
  const code = k.mptGet(rootPtr, keyPtr, key.length, nodesPtr, lensPtr, proof.length, hashesPtr, outPtr)
  if (code === 0) return null
  if (code === 1) {
    const v = new DataView(k.memory.buffer)
    const ptr = v.getUint32(outPtr, true)
    const len = v.getUint32(outPtr + 4, true)
    return new Uint8Array(k.memory.buffer).slice(ptr, ptr + len)
  }
  throw new MptWalkError(code)
}

/** The WASM MPT walk rejected a proof. */
export class MptWalkError extends MalformedInputError {
  readonly kernelCode: number
  constructor(code: number) {
    super({ what: 'Merkle-Patricia proof', details: MPT_CODES[code] ?? `kernel code ${code}` })
    this.kernelCode = code
  }
}
