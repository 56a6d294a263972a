// Times zkvmCompositionWasm alone on random columns: `node --import tsx scripts/bench-comp-only.ts [logN] [logBlowup] [runs]`.
import { P } from "../src/prover/field/babybear.ts";
import type { Ext4 } from "../src/prover/field/ext4.ts";
import { execute } from "../src/prover/vm/executor.ts";
import { decodeProgram } from "../src/prover/vm/isa.ts";
import { fibonacci } from "../src/prover/vm/programs/fibonacci.ts";
import { cutSegments } from "../src/prover/vm/segments.ts";
import { ZKVM_AIR } from "../src/prover/zkvm/air.ts";
import { AUX_WIDTH, MAIN_WIDTH } from "../src/prover/zkvm/columns.ts";
import { statementIds } from "../src/prover/zkvm/receipt.ts";
import { toPublicInputs } from "../src/prover/zkvm/statement.ts";
import { segmentTrace } from "../src/prover/zkvm/trace.ts";
import { zkvmCompositionWasm } from "../src/prover/zkvm/wasmComposition.ts";

const logN = Number(process.argv[2] ?? 16);
const b = Number(process.argv[3] ?? 2);
const runs = Number(process.argv[4] ?? 5);
let s = 12345;
const next = () => {
  s ^= s << 13;
  s ^= s >>> 17;
  s ^= s << 5;
  return (s >>> 0) % P;
};
const ext = (): Ext4 => [next(), next(), next(), next()];
const seg = cutSegments(execute(fibonacci, [100]), 10)[0];
if (!seg) throw new Error("no segment");
const pi = toPublicInputs(segmentTrace(seg, decodeProgram(fibonacci), [100], statementIds(fibonacci, [100])).statement);
const size = 2 ** (logN + b);
const cols = (w: number) => Array.from({ length: w }, () => Uint32Array.from({ length: size }, next));
const counts = ZKVM_AIR.counts(pi);
const total = counts.transition + counts.row + counts.first + counts.last;
const c = {
  air: ZKVM_AIR,
  main: cols(MAIN_WIDTH),
  aux: cols(AUX_WIDTH),
  logN,
  logDomain: logN + b,
  challenges: [ext(), ext()],
  derived: Array.from({ length: 7 }, ext),
  publicInputs: pi,
  alphas: Array.from({ length: total }, ext),
  counts,
};
let h = 0;
for (let r = 0; r < runs; r++) {
  const t0 = performance.now();
  const out = zkvmCompositionWasm(c);
  const t = performance.now() - t0;
  for (const o of out) for (let i = 0; i < o.length; i += 997) h = (h * 31 + (o[i] as number)) >>> 0;
  console.log(`composition 2^${logN}+${b}: ${t.toFixed(0)} ms`);
}
console.log(`hash ${h}`);
