import { InvalidProverInputError } from '../../errors/prover.ts'
import { buildMerkleTree, openMerkle } from '../commit/merkle.ts'
import { Transcript } from '../commit/transcript.ts'
import { type Base, GENERATOR, mul, P, rootOfUnity } from '../field/babybear.ts'
import { type Ext4, extMulBase } from '../field/ext4.ts'
import { cosetLde, evalCoeffsAt, intt } from '../field/ntt.ts'
import { proveFriIndexed } from '../fri/prover.ts'
import type { Air } from './air.ts'
import { compositionOnDomain, evalExtCoeffs, splitComposition } from './composition.ts'
import { deepAt, powers, sampleOod } from './deep.ts'
import { bindStatement, type StarkOpening, type StarkParams, type StarkProof, starkShape } from './shape.ts'

/**
 * STARK prover for an {@link Air}: the DEEP-ALI protocol of the ethSTARK documentation (StarkWare,
 * IACR ePrint 2021/582, §5) with FRI as the low-degree test. Transcript order (docs/zkvm-stark.md,
 * "STARK"): statement ({@link bindStatement}); absorbDigest("stark-trace", trace root);
 * α_j = squeezeExt4("stark-alpha") for every transition then boundary constraint;
 * absorbDigest("stark-composition", root); z = sampleOod; absorbExt4("stark-ood", T(z) ‖ T(g·z) ‖
 * H_k(z)); γ = squeezeExt4("stark-deep"); FRI on DEEP over the LDE coset.
 *
 * The prover does not check that the trace satisfies the AIR: on a bad trace it produces a proof
 * that the verifier rejects (the composition is then not a polynomial of degree < K·D).
 * @throws {InvalidProverInputError} if the trace is not 2^k ≥ 8 rows of `air.width` canonical
 * elements, the public inputs have the wrong count, a boundary row is out of range, or the
 * parameters do not fit (blowup below the constraint degree, domain over 2^27).
 */
export function proveStark(air: Air, trace: readonly (readonly Base[])[], publicInputs: readonly Base[], params: StarkParams, label: string): StarkProof {
  const bad = (reason: string) => new InvalidProverInputError({ what: 'STARK input', reason })
  const n = trace.length
  const logN = Math.log2(n)
  if (!Number.isInteger(logN)) throw bad(`${n} rows is not a power of two`)
  const { logDegree, logDomain, chunks } = starkShape(air, params, logN)
  if (publicInputs.length !== air.numPublicInputs) throw bad(`${publicInputs.length} public inputs, expected ${air.numPublicInputs}`)
  const isCanon = (v: number) => Number.isInteger(v) && v >= 0 && v < P
  if (publicInputs.some((v) => !isCanon(v))) throw bad('a public input is not canonical')
  if (trace.some((r) => r.length !== air.width || r.some((v) => !isCanon(v)))) throw bad(`a row is not ${air.width} canonical elements`)
  const boundary = air.boundary(publicInputs, n)
  if (boundary.some((b) => b.row < 0 || b.row >= n || b.column < 0 || b.column >= air.width)) throw bad('a boundary constraint is outside the trace')

  const t = new Transcript(label)
  bindStatement(t, air, params, logN, chunks, publicInputs)

  // Trace: column coefficients, LDE on the coset, rows committed.
  const size = 2 ** logDomain
  const coeffs = Array.from({ length: air.width }, (_, c) => {
    const a = Uint32Array.from(trace, (r) => r[c] as Base)
    intt(a)
    return a
  })
  const lde = Array.from({ length: air.width }, (_, c) =>
    cosetLde(
      Uint32Array.from(trace, (r) => r[c] as Base),
      logDomain - logN,
    ),
  )
  const traceRows = Array.from({ length: size }, (_, i) => lde.map((col) => col[i] as Base))
  const traceTree = buildMerkleTree(traceRows)
  t.absorbDigest('stark-trace', traceTree.root)

  // Composition.
  const alphas = Array.from({ length: air.numTransitionConstraints + boundary.length }, () => t.squeezeExt4('stark-alpha'))
  const h = compositionOnDomain(air, lde, logN, logDomain, boundary, alphas)
  const split = splitComposition(h, logDegree, chunks, logDomain)
  const compRows = Array.from({ length: size }, (_, i) => split.evals.flatMap((e) => [...(e[i] as Ext4)]))
  const compTree = buildMerkleTree(compRows)
  t.absorbDigest('stark-composition', compTree.root)

  // Out-of-domain point and values.
  const z = sampleOod(t, logN, logDomain)
  const gz = extMulBase(z, rootOfUnity(logN))
  const ood = {
    trace: coeffs.map((c) => evalCoeffsAt(c, z)),
    next: coeffs.map((c) => evalCoeffsAt(c, gz)),
    composition: split.coeffs.map((c) => evalExtCoeffs(c, z)),
  }
  t.absorbExt4('stark-ood', [...ood.trace, ...ood.next, ...ood.composition])
  const gammas = powers(t.squeezeExt4('stark-deep'), 2 * air.width + chunks)

  // DEEP quotient on the coset, proven by FRI; open trace and composition at FRI's query pairs.
  const w = rootOfUnity(logDomain)
  const deep: Ext4[] = new Array(size)
  let x = GENERATOR
  for (let i = 0; i < size; i++) {
    deep[i] = deepAt(
      x,
      traceRows[i] as Base[],
      split.evals.map((e) => e[i] as Ext4),
      ood,
      z,
      gz,
      gammas,
    )
    x = mul(x, w)
  }
  const { proof: fri, indices } = proveFriIndexed(deep, logDegree, params, t, false)
  const open = (tree: typeof traceTree, rows: Base[][], i: number): StarkOpening => {
    const o = openMerkle(tree, rows, i)
    return { row: o.row, path: o.path }
  }
  const queries = indices.map((q) => ({
    trace: [open(traceTree, traceRows, q), open(traceTree, traceRows, q + size / 2)] as const,
    composition: [open(compTree, compRows, q), open(compTree, compRows, q + size / 2)] as const,
  }))
  return {
    logTraceLength: logN,
    traceRoot: traceTree.root,
    compositionRoot: compTree.root,
    oodTrace: ood.trace,
    oodTraceNext: ood.next,
    oodComposition: ood.composition,
    fri,
    queries,
  }
}
