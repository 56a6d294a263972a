// Up-to-date check for the generated build outputs (scripts/build-wasm.mjs, scripts/build-contracts.mjs).
// Each build writes a SHA-256 over its inputs (the files' relative paths and bytes, plus the compiler version and
// the build script itself) into the first line of its generated .ts file; a later run with the same hash and all
// outputs present skips the compile. `npm install` runs both builds (`prepare`) and `npm test` runs them again, so
// the second run costs a hash instead of a compile. FORCE_BUILD=1 always rebuilds.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

/** Every file under `dir` (recursively) whose name ends with one of `exts`, sorted, as absolute paths. */
export function listFiles(dir, exts) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (exts.some((x) => e.name.endsWith(x))) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** Hex SHA-256 over `extra` strings and each file's path (relative to `root`) and contents. */
export function inputsHash(root, files, extra = []) {
  const h = createHash("sha256");
  for (const s of extra) h.update(`${s}\0`);
  for (const f of files) {
    h.update(`${relative(root, f)}\0`);
    h.update(readFileSync(f));
    h.update("\0");
  }
  return h.digest("hex");
}

/** The marker line a generated file starts with. */
export const hashLine = (hash) => `// inputs-sha256: ${hash}\n`;

/** True when `generated` starts with the marker of `hash` and every path in `outputs` exists. */
export function upToDate(generated, hash, outputs = []) {
  if (process.env.FORCE_BUILD) return false;
  if (!existsSync(generated) || !outputs.every((p) => existsSync(p))) return false;
  const head = readFileSync(generated, "utf8").slice(0, 200);
  return head.startsWith(hashLine(hash));
}
