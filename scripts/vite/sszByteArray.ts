// A Vite build plugin: `@chainsafe/ssz`'s own imports of `util/byteArray.js` resolve to src/consensus/sszByteArray.ts
// (same exports; hex decoded with `Uint8Array.fromHex` where the engine has it, a table otherwise, and a non-hex
// character rejected), so that decoding beacon-API JSON (sync committees: ~50 000 bytes each) does not slice and
// parseInt every byte on the light-client worker (docs/performance.md). Node (vitest, the CLI) keeps the package as is;
// src/consensus/sszByteArray.test.ts checks both agree.
import { fileURLToPath } from "node:url";
import type { Plugin } from "vite";

const TARGET = /[\\/]@chainsafe[\\/]ssz[\\/]lib[\\/]util[\\/]byteArray\.js$/;
export const REPLACEMENT = fileURLToPath(new URL("../../src/consensus/sszByteArray.ts", import.meta.url));

export function sszByteArray(): Plugin {
  return {
    name: "lightbus:ssz-byte-array",
    apply: "build",
    enforce: "pre",
    async resolveId(source, importer, options) {
      if (!source.endsWith("byteArray.js") || !importer || !/[\\/]@chainsafe[\\/]ssz[\\/]/.test(importer)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved && TARGET.test(resolved.id) ? REPLACEMENT : null;
    },
  };
}
