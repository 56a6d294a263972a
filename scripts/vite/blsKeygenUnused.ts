// A Vite worker-build plugin: `@chainsafe/bls`'s herumi backend imports `@chainsafe/bls-keygen` (EIP-2333 key
// derivation with BIP-39 and its English word list, ~60 KiB of the light-client worker) for `SecretKey.fromKeygen`
// only, which the workers never call: they verify signatures and make no keys. The import resolves to a module whose
// one export throws, so the workers' chunks do not carry or evaluate it (docs/performance.md).
import type { Plugin } from "vite";

const ID = "\0lightbus:bls-keygen-unused";

/** The stub's source: `generateRandomSecretKey` throws. */
export const BLS_KEYGEN_STUB = `export function generateRandomSecretKey() {
  throw new Error('@chainsafe/bls-keygen is not bundled in Lightbus workers (scripts/vite/blsKeygenUnused.ts)')
}
`;

export function blsKeygenUnused(): Plugin {
  return {
    name: "lightbus:bls-keygen-unused",
    apply: "build",
    enforce: "pre",
    resolveId: (source) => (source === "@chainsafe/bls-keygen" ? ID : null),
    load: (id) => (id === ID ? BLS_KEYGEN_STUB : null),
  };
}
