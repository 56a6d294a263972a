import { Buffer } from 'buffer'

// @lodestar/params, @chainsafe/ssz and @lodestar/utils use the global Buffer at module load.
;(globalThis as { Buffer?: typeof Buffer }).Buffer ??= Buffer
