// The Consensus page's texts, shared by React's Overview and the first view (src/firstView), which renders the same
// markup before React has loaded.
import type { LightClientStatus } from '../bus/lightClientStatus.ts'

/** The status line while syncing, per phase. */
export const PHASE_TEXT: Record<Extract<LightClientStatus, { code: 'syncing' }>['phase'], string> = {
  starting: 'Starting…',
  restore: 'Restoring the stored light-client store…',
  bootstrap: 'Verifying the bootstrap against the checkpoint…',
  updates: 'Verifying sync-committee period updates…',
  head: 'Verifying the latest finality update…',
}

export const NOT_STARTED_TEXT = 'Starting the light-client worker…'

export const syncedText = (headMode: 'sse' | 'polling') => `Synced: following the chain head (${headMode === 'sse' ? 'server-sent events' : 'polling'}).`

export const DEVNET_BANNER = 'Local devnet: anvil blocks under consensus from a devnet beacon, verified exactly as mainnet is.'

export const REPLAY_BANNER =
  'Replaying mainnet of 2023-08 as if live: the clock is shifted so the recording’s last signature is “now”. Signatures and proofs are real and checked as for live data.'

export const RESTORED_NOTE = (period: number | undefined) =>
  `Resumed from the light-client store this browser verified earlier (period ${period}), not from the checkpoint.`

export const DEVNET_CHECKPOINT_NOTE = ' (published by your local devnet runner: trusted because you run it)'
