import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { AIR_INPUT, generateAirSolidity } from './airSolidity.ts'

describe('generated Solidity AIR (contracts/zkvm/ZkvmAir.sol)', () => {
  it('the checked-in contract is exactly what ZKVM_AIR.evaluate generates (regenerate: npm run gen:zkvm-air)', () => {
    const checkedIn = readFileSync(new URL('../../../contracts/zkvm/ZkvmAir.sol', import.meta.url), 'utf8')
    expect(checkedIn).toBe(generateAirSolidity())
  })

  it('declares the constraint counts of the AIR and the input layout the STARK verifier uses', () => {
    const src = generateAirSolidity()
    expect(src).toContain('14 transition, 87 row, 13 first, 13/12 last constraints')
    // ZkvmStarkVerifier hard-codes IN_GAMMA = 182 and IN_ALPHAS = 214.
    expect(AIR_INPUT.GAMMA).toBe(182)
    expect(AIR_INPUT.ALPHAS).toBe(214)
    const stark = readFileSync(new URL('../../../contracts/zkvm/ZkvmStarkVerifier.sol', import.meta.url), 'utf8')
    expect(stark).toContain(`IN_GAMMA = ${AIR_INPUT.GAMMA};`)
    expect(stark).toContain(`IN_ALPHAS = ${AIR_INPUT.ALPHAS};`)
  })
})
