import { InvalidProverInputError } from '../../errors/prover.ts'
import { tsBackend } from '../backend/ts.ts'
import type { ColumnMerkleTree, Columns, MaybePromise, ProverBackend } from '../backend/types.ts'
import { Transcript } from '../commit/transcript.ts'
import { type Base, P, rootOfUnity } from '../field/babybear.ts'
import { type Ext4, extMulBase } from '../field/ext4.ts'
import { proveFriIndexed } from '../fri/prover.ts'
import type { Air } from './air.ts'
import { type CompositionInput, compositionOnDomain, splitComposition } from './composition.ts'
import { powers, sampleOod } from './deep.ts'
import { bindStatement, type StarkOpening, type StarkParams, type StarkProof, starkShape, totalConstraints } from './shape.ts'

/** Options of {@link proveStark}. */
export type ProveOptions = {
  /** Kernels (default: the TypeScript reference). */
  readonly backend?: ProverBackend
  /**
   * Composition evaluator on the LDE coset (default: the generic F_p^4 one of composition.ts). An AIR
   * may supply a faster, bit-identical one (a WASM kernel).
   */
  readonly composition?: (c: CompositionInput) => MaybePromise<Uint32Array[]>
  /**
   * Aux-trace builder (default: `air.auxTrace`). An AIR may supply a faster, bit-identical one (a WASM
   * kernel); it receives what `air.auxTrace` would.
   */
  readonly auxTrace?: (...args: Parameters<Air['auxTrace']>) => MaybePromise<Uint32Array[]>
  /** Called at the start of each prover phase (see {@link PROVE_PHASES}) and once at the end ("done"). */
  readonly onPhase?: OnPhase
}

/**
 * The phases of one segment proof, in order, as reported to {@link OnPhase}: `done` is the phase's
 * index (phases completed before it), `total` is PROVE_PHASES.length. "trace" (building the
 * execution trace) is reported by proveSegment; proveStark starts at "commit main" and ends with
 * ("done", total, total).
 */
export const PROVE_PHASES = ['trace', 'commit main', 'aux', 'composition', 'ood', 'deep', 'fri', 'queries'] as const
export type ProvePhase = (typeof PROVE_PHASES)[number] | 'done'
/** Progress within one proof: the phase starting now, phases done so far, phases in all. */
export type OnPhase = (phase: ProvePhase, done: number, total: number) => void

/** Reports the start of `phase` to `onPhase` (if any). */
export function reportPhase(onPhase: OnPhase | undefined, phase: ProvePhase): void {
  if (!onPhase) return
  const total = PROVE_PHASES.length
  onPhase(phase, phase === 'done' ? total : PROVE_PHASES.indexOf(phase), total)
}

/**
 * STARK prover for an {@link Air}: the DEEP-ALI protocol of the ethSTARK documentation (StarkWare,
 * IACR ePrint 2021/582, §5) with FRI as the low-degree test, and a second (auxiliary) trace
 * committed after challenges. Transcript order (docs/zkvm-stark.md, "STARK"): statement
 * ({@link bindStatement}); absorbDigest("stark-main", root); challenges = squeezeExt4("stark-challenge")
 * × numChallenges; absorbDigest("stark-aux", root) if the AIR has aux columns; α_j =
 * squeezeExt4("stark-alpha") per constraint; absorbDigest("stark-composition", root); z = sampleOod;
 * absorbExt4("stark-ood", main(z) ‖ main(gz) ‖ aux(z) ‖ aux(gz) ‖ composition(z));
 * γ = squeezeExt4("stark-deep"); FRI on DEEP over the LDE coset.
 *
 * Async: every backend call is awaited (a WebGPU backend reads its results back asynchronously).
 * The prover does not check that the trace satisfies the AIR: on a bad trace it produces a proof
 * that the verifier rejects (the composition is then not a polynomial of degree < K·D).
 * @param main the main trace, column-major: `air.mainWidth` columns of 2^k ≥ 8 canonical elements.
 * @throws {InvalidProverInputError} if the trace or public inputs are malformed or the parameters do
 * not fit (blowup below the constraint degree, domain over 2^27).
 */
export async function proveStark(
  air: Air,
  main: Columns,
  publicInputs: readonly Base[],
  params: StarkParams,
  label: string,
  options: ProveOptions = {},
): Promise<StarkProof> {
  const backend = options.backend ?? tsBackend
  const bad = (reason: string) => new InvalidProverInputError({ what: 'STARK input', reason })
  if (main.length !== air.mainWidth) throw bad(`${main.length} main columns, expected ${air.mainWidth}`)
  const n = (main[0] as Uint32Array).length
  const logN = Math.log2(n)
  if (!Number.isInteger(logN)) throw bad(`${n} rows is not a power of two`)
  const p = P
  for (const c of main) {
    if (c.length !== n) throw bad(`a column is not ${n} canonical elements`)
    for (let i = 0; i < n; i++) if ((c[i] as number) >= p) throw bad(`a column is not ${n} canonical elements`)
  }
  if (publicInputs.some((v) => !Number.isInteger(v) || v < 0 || v >= P)) throw bad('a public input is not canonical')
  const reason = air.validatePublicInputs(publicInputs)
  if (reason !== null) throw bad(`public inputs: ${reason}`)
  const shape = starkShape(air, params, logN, publicInputs)
  const { logDegree, logDomain, chunks, counts } = shape
  const blowup = logDomain - logN

  const t = new Transcript(label)
  bindStatement(t, air, params, logN, shape, publicInputs)

  const phase = (p: ProvePhase) => reportPhase(options.onPhase, p)
  phase('commit main')
  const mainCoeffs = await backend.interpolate(main)
  const mainLde = await backend.evaluateOnCoset(mainCoeffs, blowup)
  const mainTree = await backend.merkleTree(mainLde)
  t.absorbDigest('stark-main', mainTree.root)

  const challenges = Array.from({ length: air.numChallenges }, () => t.squeezeExt4('stark-challenge'))
  let auxCoeffs: Uint32Array[] = []
  let auxLde: Uint32Array[] = []
  let auxTree: ColumnMerkleTree | null = null
  phase('aux')
  if (air.auxWidth > 0) {
    const aux = options.auxTrace ? await options.auxTrace(main, challenges, publicInputs) : air.auxTrace(main, challenges, publicInputs)
    if (aux.length !== air.auxWidth || aux.some((c) => c.length !== n)) throw bad('the AIR built an aux trace of the wrong shape')
    auxCoeffs = await backend.interpolate(aux)
    auxLde = await backend.evaluateOnCoset(auxCoeffs, blowup)
    auxTree = await backend.merkleTree(auxLde)
    t.absorbDigest('stark-aux', auxTree.root)
  }

  phase('composition')
  const alphas = Array.from({ length: totalConstraints(counts) }, () => t.squeezeExt4('stark-alpha'))
  const derived = air.derive(challenges, publicInputs)
  const evaluate = options.composition ?? compositionOnDomain
  const h = await evaluate({ air, main: mainLde, aux: auxLde, logN, logDomain, challenges, derived, publicInputs, alphas, counts })
  const split = await splitComposition(backend, h, logDegree, chunks, logDomain)
  const compTree = await backend.merkleTree(split.evals)
  t.absorbDigest('stark-composition', compTree.root)

  phase('ood')
  const z = sampleOod(t, logN, logDomain)
  const gz = extMulBase(z, rootOfUnity(logN))
  const [mainZ, mainGz] = (await backend.evaluateAt(mainCoeffs, [z, gz])) as [Ext4[], Ext4[]]
  const [auxZ, auxGz] = auxCoeffs.length ? ((await backend.evaluateAt(auxCoeffs, [z, gz])) as [Ext4[], Ext4[]]) : [[], []]
  const [compZ] = (await backend.evaluateAt(split.coeffs, [z])) as [Ext4[]]
  const ood = { main: mainZ, mainNext: mainGz, aux: auxZ, auxNext: auxGz, composition: compZ }
  t.absorbExt4('stark-ood', [...ood.main, ...ood.mainNext, ...ood.aux, ...ood.auxNext, ...ood.composition])

  phase('deep')
  const columns = [...mainLde, ...auxLde, ...split.evals]
  const twice = mainLde.length + auxLde.length
  const gammas = powers(t.squeezeExt4('stark-deep'), columns.length + twice)
  const deep = await backend.deepQuotient({
    columns,
    nextCount: twice,
    z,
    gz,
    gammaZ: gammas.slice(0, columns.length),
    valueZ: [...ood.main, ...ood.aux, ...ood.composition],
    gammaNext: gammas.slice(columns.length),
    valueNext: [...ood.mainNext, ...ood.auxNext],
  })
  // A non-reference backend also runs FRI's folds and Merkle trees (same proof); tsBackend keeps fri/'s own.
  phase('fri')
  const { proof: fri, indices } = await proveFriIndexed(deep, logDegree, params, t, false, backend === tsBackend ? undefined : backend)

  phase('queries')
  const size = 2 ** logDomain
  const pair = (tree: ColumnMerkleTree, cols: Uint32Array[], q: number) => [openColumns(tree, cols, q), openColumns(tree, cols, q + size / 2)] as const
  const queries = indices.map((q) => ({
    main: pair(mainTree, mainLde, q),
    aux: auxTree ? pair(auxTree, auxLde, q) : null,
    composition: pair(compTree, split.evals, q),
  }))
  phase('done')
  return {
    logTraceLength: logN,
    mainRoot: mainTree.root,
    auxRoot: auxTree?.root ?? null,
    compositionRoot: compTree.root,
    oodMain: ood.main,
    oodMainNext: ood.mainNext,
    oodAux: ood.aux,
    oodAuxNext: ood.auxNext,
    oodComposition: ood.composition,
    fri,
    queries,
  }
}

/** Row `index` of a column matrix and its Merkle path (siblings from the leaf level up). */
export function openColumns(tree: ColumnMerkleTree, columns: Columns, index: number): StarkOpening {
  const path: Uint8Array[] = []
  for (let d = 0, i = index; d < tree.depth; d++, i >>= 1) {
    const s = i ^ 1
    path.push((tree.layers[d] as Uint8Array).slice(32 * s, 32 * s + 32))
  }
  return { row: columns.map((c) => c[index] as Base), path }
}
