// Times one zkVM segment proof: `node --import tsx scripts/bench-zkvm-segment.ts <po2> <ts|wasm> [runs]`.
// Prints the total and the time per backend method, composition and aux trace (the rest is FRI,
// transcript and openings). Fibonacci program, one full segment of 2^po2 rows.
import { tsBackend } from "../src/prover/backend/ts.ts";
import type { ProverBackend } from "../src/prover/backend/types.ts";
import { wasmBackend } from "../src/prover/backend/wasm.ts";
import { encodeStarkProof } from "../src/prover/stark/encoding.ts";
import { proveStark } from "../src/prover/stark/prover.ts";
import { execute } from "../src/prover/vm/executor.ts";
import { decodeProgram } from "../src/prover/vm/isa.ts";
import { fibonacci } from "../src/prover/vm/programs/fibonacci.ts";
import { cutSegments } from "../src/prover/vm/segments.ts";
import { ZKVM_AIR } from "../src/prover/zkvm/air.ts";
import { zkvmKernels } from "../src/prover/zkvm/kernels.ts";
import { statementIds } from "../src/prover/zkvm/receipt.ts";
import { SEGMENT_LABEL, SEGMENT_PARAMS } from "../src/prover/zkvm/segmentProof.ts";
import { toPublicInputs } from "../src/prover/zkvm/statement.ts";
import { segmentTrace } from "../src/prover/zkvm/trace.ts";

const po2 = Number(process.argv[2] ?? 12);
const name = (process.argv[3] ?? "wasm") as "ts" | "wasm";
const runs = Number(process.argv[4] ?? 1);
const n = Math.floor((2 ** po2 - 6) / 6) - 2;
const input = [n];
const [segment] = cutSegments(execute(fibonacci, input, 1 << 24), po2);
if (!segment) throw new Error("no segment");
const { main, statement } = segmentTrace(segment, decodeProgram(fibonacci), input, statementIds(fibonacci, input));
const pi = toPublicInputs(statement);

const times: Record<string, number> = {};
function timed<A extends unknown[], R>(label: string, f: (...a: A) => R): (...a: A) => R {
  return (...a: A) => {
    const t0 = performance.now();
    const r = f(...a);
    times[label] = (times[label] ?? 0) + performance.now() - t0;
    return r;
  };
}
const base = name === "wasm" ? wasmBackend : tsBackend;
const backend: ProverBackend = {
  name: base.name,
  interpolate: timed("interpolate", base.interpolate),
  evaluateOnCoset: timed("evaluateOnCoset", base.evaluateOnCoset),
  merkleTree: timed("merkleTree", base.merkleTree),
  foldLayer: timed("foldLayer", base.foldLayer),
  deepQuotient: timed("deepQuotient", base.deepQuotient),
  evaluateAt: timed("evaluateAt", base.evaluateAt),
};
const k = zkvmKernels(name);
for (let r = 0; r < runs; r++) {
  for (const key of Object.keys(times)) delete times[key];
  const t0 = performance.now();
  const proof = await proveStark(ZKVM_AIR, main, pi, SEGMENT_PARAMS, SEGMENT_LABEL, {
    backend,
    composition: timed("composition", k.composition),
    auxTrace: timed("auxTrace", k.auxTrace),
  });
  const total = performance.now() - t0;
  const bytes = encodeStarkProof(proof);
  const rest = total - Object.values(times).reduce((a, b) => a + b, 0);
  const parts = Object.entries(times).map(([key, v]) => `${key} ${v.toFixed(0)}`);
  console.log(`2^${po2} ${name}: ${total.toFixed(0)} ms (${parts.join(", ")}, rest ${rest.toFixed(0)}); proof ${bytes.length} B`);
}
