// Merkle-Patricia trie proof walk (Ethereum yellow paper appendix D; EIP-1186 proofs), the semantics of
// @ethereumjs/mpt `verifyMerkleProof`: proof nodes are looked up by keccak256 from the root, in any order;
// embedded (< 32-byte) child nodes are walked inline; a path that ends (empty branch slot, diverging
// extension or leaf) proves absence.
import { keccak256 } from './keccak'

/** Result codes of {@link mptGet}. */
export const FOUND: i32 = 1
export const ABSENT: i32 = 0
export const ERR_MISSING_NODE: i32 = -1
export const ERR_BAD_RLP: i32 = -2
export const ERR_BAD_NODE: i32 = -3
export const ERR_TOO_DEEP: i32 = -4

// Decoded RLP items of the current node (at most 17).
// In static data (memory.data), so nothing lives on the heap callers write to; 4 bytes per entry.
const ITEM_PTR: usize = memory.data(17 * 4)
const ITEM_LEN: usize = memory.data(17 * 4)
const ITEM_LIST: usize = memory.data(17 * 4)
const ITEM_RAW_PTR: usize = memory.data(17 * 4)
const ITEM_RAW_LEN: usize = memory.data(17 * 4)
@inline function get(base: usize, i: i32): u32 {
  return load<u32>(base + (<usize>i << 2))
}
@inline function put(base: usize, i: i32, v: u32): void {
  store<u32>(base + (<usize>i << 2), v)
}

// Header decode results.
let hPtr: usize = 0
let hLen: u32 = 0
let hList: bool = false

/** Decodes the RLP header at p (< end). Sets hPtr/hLen/hList. False when malformed or overrunning. */
function header(p: usize, end: usize): bool {
  if (p >= end) return false
  const b = <u32>load<u8>(p)
  if (b < 0x80) {
    hPtr = p
    hLen = 1
    hList = false
  } else if (b <= 0xb7) {
    hPtr = p + 1
    hLen = b - 0x80
    hList = false
    if (hLen == 1 && p + 1 < end && load<u8>(p + 1) < 0x80) return false // non-canonical single byte
  } else if (b <= 0xbf || (b >= 0xf8 && b <= 0xff)) {
    const ll = b <= 0xbf ? b - 0xb7 : b - 0xf7
    if (ll > 4 || p + 1 + ll > end) return false
    let n: u32 = 0
    for (let i: u32 = 0; i < ll; i++) n = (n << 8) | <u32>load<u8>(p + 1 + i)
    if (n < 56 || load<u8>(p + 1) == 0) return false // non-canonical length
    hPtr = p + 1 + ll
    hLen = n
    hList = b >= 0xf8
  } else {
    hPtr = p + 1
    hLen = b - 0xc0
    hList = true
  }
  return hPtr + <usize>hLen <= end
}

/** Decodes the node at (p, len) as an RLP list of items. Returns the item count, or -1 when malformed. */
function decodeNode(p: usize, len: u32): i32 {
  const end = p + len
  if (!header(p, end) || !hList || hPtr + hLen != end) return -1
  let q = hPtr
  const listEnd = hPtr + hLen
  let n: i32 = 0
  while (q < listEnd) {
    if (n == 17) return -1
    if (!header(q, listEnd)) return -1
    put(ITEM_PTR, n, <u32>hPtr)
    put(ITEM_LEN, n, hLen)
    put(ITEM_LIST, n, hList ? 1 : 0)
    put(ITEM_RAW_PTR, n, <u32>q)
    put(ITEM_RAW_LEN, n, <u32>(hPtr + hLen - q))
    q = hPtr + hLen
    n++
  }
  return n
}

@inline function nibble(key: usize, i: u32): u32 {
  const b = <u32>load<u8>(key + (i >> 1))
  return i & 1 ? b & 0x0f : b >> 4
}

/**
 * Walks a proof for `key` (keyLen bytes; the hashed key for EIP-1186) from the 32-byte `root`.
 * `nodes` holds `count` RLP nodes back to back, their byte lengths as u32 at `lens`; `hashes` is scratch
 * for count × 32 bytes. On FOUND writes the value's pointer and length as two u32 at `out`.
 */
export function mptGet(root: usize, key: usize, keyLen: u32, nodes: usize, lens: usize, count: u32, hashes: usize, out: usize): i32 {
  // Hash every proof node once: the DB of the walk.
  let p = nodes
  for (let i: u32 = 0; i < count; i++) {
    const l = load<u32>(lens + (<usize>i << 2))
    keccak256(p, l, hashes + (<usize>i << 5))
    p += l
  }
  let refPtr: usize = root
  let refLen: u32 = 32
  let refIsHash = true
  let nib: u32 = 0
  const nibbles = keyLen << 1
  for (let depth = 0; depth < 130; depth++) {
    let nodePtr: usize = 0
    let nodeLen: u32 = 0
    if (refIsHash) {
      let q = nodes
      let found = false
      for (let i: u32 = 0; i < count; i++) {
        const l = load<u32>(lens + (<usize>i << 2))
        if (memory.compare(hashes + (<usize>i << 5), refPtr, 32) == 0) {
          nodePtr = q
          nodeLen = l
          found = true
          break
        }
        q += l
      }
      if (!found) return ERR_MISSING_NODE
    } else {
      nodePtr = refPtr
      nodeLen = refLen
    }
    // rlp("") (0x80) is the node of an empty trie (root keccak256(0x80)): everything is absent.
    if (nodeLen == 1 && load<u8>(nodePtr) == 0x80) return ABSENT
    const n = decodeNode(nodePtr, nodeLen)
    if (n < 0) return ERR_BAD_RLP
    if (n == 17) {
      if (nib == nibbles) {
        if (get(ITEM_LIST, 16) != 0) return ERR_BAD_NODE
        if (get(ITEM_LEN, 16) == 0) return ABSENT
        store<u32>(out, get(ITEM_PTR, 16))
        store<u32>(out + 4, get(ITEM_LEN, 16))
        return FOUND
      }
      const c = nibble(key, nib)
      nib++
      if (get(ITEM_LIST, c) != 0) {
        refPtr = <usize>get(ITEM_RAW_PTR, c)
        refLen = get(ITEM_RAW_LEN, c)
        refIsHash = false
      } else if (get(ITEM_LEN, c) == 0) {
        return ABSENT
      } else if (get(ITEM_LEN, c) == 32) {
        refPtr = <usize>get(ITEM_PTR, c)
        refIsHash = true
      } else {
        return ERR_BAD_NODE
      }
    } else if (n == 2) {
      if (get(ITEM_LIST, 0) != 0 || get(ITEM_LEN, 0) == 0) return ERR_BAD_NODE
      const path = <usize>get(ITEM_PTR, 0)
      const pathBytes = get(ITEM_LEN, 0)
      const flag = <u32>load<u8>(path) >> 4
      if (flag > 3) return ERR_BAD_NODE
      const odd = (flag & 1) == 1
      const leaf = flag >= 2
      if (!odd && (load<u8>(path) & 0x0f) != 0) return ERR_BAD_NODE
      const pathNibbles: u32 = ((pathBytes - 1) << 1) + (odd ? 1 : 0)
      const start: u32 = odd ? 1 : 2 // nibble index of the path within the encoded bytes
      const remaining = nibbles - nib
      let match = pathNibbles <= remaining
      for (let i: u32 = 0; match && i < pathNibbles; i++) {
        if (nibble(path, start + i) != nibble(key, nib + i)) match = false
      }
      if (leaf) {
        if (!match || pathNibbles != remaining) return ABSENT
        if (get(ITEM_LIST, 1) != 0) return ERR_BAD_NODE
        store<u32>(out, get(ITEM_PTR, 1))
        store<u32>(out + 4, get(ITEM_LEN, 1))
        return FOUND
      }
      if (!match) return ABSENT
      nib += pathNibbles
      if (get(ITEM_LIST, 1) != 0) {
        refPtr = <usize>get(ITEM_RAW_PTR, 1)
        refLen = get(ITEM_RAW_LEN, 1)
        refIsHash = false
      } else if (get(ITEM_LEN, 1) == 32) {
        refPtr = <usize>get(ITEM_PTR, 1)
        refIsHash = true
      } else {
        return ERR_BAD_NODE
      }
    } else {
      return ERR_BAD_NODE
    }
  }
  return ERR_TOO_DEEP
}
