// Test helpers for the storage fixtures (fixtures/storage, see fixtures/PROVENANCE.md).
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { FIXTURES } from './fixtures.ts'

export const STORAGE = join(FIXTURES, 'storage')
/** The full shared KZG vector set, when this checkout sits beside ../shared. */
export const SHARED_KZG_VECTORS = join(FIXTURES, '../../shared/fixtures/storage/kzg-vectors')

export const readSidecars = (): any => JSON.parse(readFileSync(join(STORAGE, 'sidecars/slot1409759_sidecars_0-2.json'), 'utf8'))
export const readBlobTx = (name: '4844rlp_0' | '4844rlp_11' | '7594rlp_1'): string => readFileSync(join(STORAGE, `blob-txs/${name}.rlp`), 'utf8').trim()

/** The KZG cases of one handler in fixtures/storage/kzg-vectors: name and the raw data.yaml text. */
export function kzgCases(handler: string): { name: string; yaml: string }[] {
  const dir = join(STORAGE, 'kzg-vectors', handler, 'kzg-mainnet')
  return readdirSync(dir)
    .sort()
    .map((name) => ({ name, yaml: readFileSync(join(dir, name, 'data.yaml'), 'utf8') }))
}

/** XORs the hex digit at `digit` (0-based, after any 0x) of a hex string with `xor` (1…15). */
export function flipDigit(hex: string, digit: number, xor = 1): string {
  const off = hex.startsWith('0x') ? 2 : 0
  const i = off + digit
  const d = (Number.parseInt(hex[i] as string, 16) ^ xor).toString(16)
  return hex.slice(0, i) + d + hex.slice(i + 1)
}
