// Writes contracts/zkvm/ZkvmAir.sol from the TypeScript AIR (src/prover/zkvm/airSolidity.ts). `npm run gen:zkvm-air`.
import { writeFileSync } from "node:fs";
import { generateAirSolidity } from "../src/prover/zkvm/airSolidity.ts";

writeFileSync(new URL("../contracts/zkvm/ZkvmAir.sol", import.meta.url), generateAirSolidity());
console.log("wrote contracts/zkvm/ZkvmAir.sol");
