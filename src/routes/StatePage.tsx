import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { formatEther } from 'viem'
import { useLightClient } from '../app/lightClientState.ts'
import { stateProofQueryOptions } from '../app/queries.ts'
import { useNetwork } from '../app/useNetwork.ts'
import { executionHeaderChecks, lightClientChecks, lightClientProvenance, type Provenance } from '../bus/provenance.ts'
import { EXECUTION_CHAIN_IDS } from '../consensus/chainName.ts'
import type { ForcedUpdateMark } from '../consensus/lightClientSession.ts'
import { serializeError } from '../errors/serialize.ts'
import type { StateProofPreset } from '../net/networkConfig.ts'
import { Hash } from '../ui/Hash.tsx'
import { ProvenanceBadge } from '../ui/ProvenanceBadge.tsx'
import { EMPTY_CODE_HASH } from '../verify/verifyAccountProof.ts'
import { VerifiedCallPanel } from './VerifiedCallPanel.tsx'

/** EIP-1186 account and storage proofs, verified against the light client's state root (or, labelled, a block hash). */
export function StatePage() {
  const { network } = useNetwork()
  const lc = useLightClient()
  const fin = lc && network && lc.networkId === network.id ? lc.finalized : null
  const ready = Boolean(fin && (lc?.status.code === 'synced' || lc?.status.code === 'stalled'))
  const [custom, setCustom] = useState<StateProofPreset[]>([])
  if (!network) return null
  const presets = [...(network.stateProofs ?? []), ...custom]
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">State proofs</h1>
      <p className="max-w-3xl text-slate-600 dark:text-slate-400">
        Account and storage values from <span className="mono">eth_getProof</span>, checked in this tab against a state root. At the light client’s finalized
        block the root is verified down to the checkpoint; at other blocks it is tied only to the block’s hash, and labelled so.
      </p>
      {!ready && (
        <p role="status" className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-500 dark:text-slate-400 dark:border-slate-700">
          Waiting for the light client to verify a finalized header…
        </p>
      )}
      {ready &&
        fin &&
        lc &&
        presets.map((p, i) => (
          <ProofCard
            key={`${p.address}-${p.blockNumber}-${i}`}
            networkId={network.id}
            slot={fin.slot}
            preset={p}
            lcChecks={[...lightClientChecks(lc.checkpointRoot, lc.steps), ...executionHeaderChecks(fin, 'finalized')]}
            checkpointRoot={lc.checkpointRoot}
            forced={fin.forced}
          />
        ))}
      {ready && fin?.execution && <ProofForm finalizedBlock={fin.execution.blockNumber} onSubmit={(p) => setCustom((c) => [...c, p])} />}
      {ready && fin?.execution && lc && (
        <VerifiedCallPanel
          networkId={network.id}
          rpcUrl={network.executionRpcUrl}
          chainId={EXECUTION_CHAIN_IDS[network.chain]}
          anchor={{ blockHash: fin.execution.blockHash, stateRoot: fin.execution.stateRoot, blockNumber: fin.execution.blockNumber, slot: fin.slot }}
          lcChecks={[...lightClientChecks(lc.checkpointRoot, lc.steps), ...executionHeaderChecks(fin, 'finalized')]}
          checkpointRoot={lc.checkpointRoot}
          forced={fin.forced}
        />
      )}
    </div>
  )
}

function ProofCard({
  networkId,
  slot,
  preset,
  lcChecks,
  checkpointRoot,
  forced,
}: {
  networkId: string
  slot: number
  preset: StateProofPreset
  lcChecks: Provenance['checks']
  checkpointRoot: string
  /** The light client's forced-update mark: values anchored in it are trusted, not verified. */
  forced?: ForcedUpdateMark | undefined
}) {
  // While it re-proves at a newer finalized header, the card keeps the previous proof (labelled with its block, and
  // verified at it) rather than emptying: its badge, which may have keyboard focus, stays in place.
  const q = useQuery({ ...stateProofQueryOptions(networkId, slot, preset), placeholderData: keepPreviousData })
  const title = preset.label || `${preset.address} at ${preset.blockNumber ?? 'finalized block'}`
  // A slot of an address without code is proven 0, but that 0 is no contract's value: say so instead.
  const noCode = q.data !== undefined && q.data.account.codeHash === EMPTY_CODE_HASH && q.data.account.storage.length > 0
  let provenance: Provenance | null = null
  // StaleHeader: the light client moved on; the query key follows its new finalized slot, so this one is superseded.
  const stale = q.isError && serializeError(q.error).code === 'StaleHeader'
  if (q.isError && !stale) provenance = { status: 'failed', error: serializeError(q.error), checks: [] }
  else if (q.data) {
    const a = q.data.anchor
    const checks = q.data.checks.map((c) => ({ label: c.label, ms: c.ms, ...(c.detail ? { detail: c.detail } : {}) }))
    provenance =
      a.kind === 'light-client'
        ? lightClientProvenance(checkpointRoot, forced, [...lcChecks, ...checks])
        : {
            status: 'verified',
            anchor: 'block-hash',
            anchorDetail: `block hash ${a.blockHash} as served by ${a.source}. No light-client header reaches this block, so the hash itself is trusted.`,
            checks: [{ label: `Block hash ${a.blockHash}`, detail: `trusted from ${a.source}` }, ...checks],
          }
  }
  return (
    <section className="rounded-lg border border-slate-200 p-4 dark:border-slate-800" data-testid="proof-card" aria-label={title}>
      <h2 className="mb-2 flex flex-wrap items-center justify-between gap-2 font-semibold">
        {title}
        {provenance && <ProvenanceBadge provenance={provenance} what={title} />}
      </h2>
      {q.isPending && (
        <p role="status" className="text-slate-500 dark:text-slate-400">
          Fetching and verifying the proof…
        </p>
      )}
      {q.isPlaceholderData && q.data && (
        <p role="status" className="mb-2 text-sm text-slate-500 dark:text-slate-400" data-testid="proof-reproving">
          The light client finalized a newer header; re-proving at it. Shown meanwhile: the proof at block {q.data.blockNumber}.
        </p>
      )}
      {stale && (
        <p role="status" className="text-slate-500 dark:text-slate-400">
          The light client finalized a newer header; verifying against it instead…
        </p>
      )}
      {q.isError && !stale && (
        <p role="alert" className="text-rose-700 dark:text-rose-300" data-testid="proof-error">
          {serializeError(q.error).shortMessage}
        </p>
      )}
      {q.data && (
        <>
          {q.data.anchor.kind === 'block-hash' && (
            <p className="mb-2 rounded bg-amber-50 p-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200" data-testid="anchor-note">
              Anchored by block hash, not by the light client: block {q.data.blockNumber} is outside what the light client has verified. The proof is checked
              against this block’s state root, and keccak256(rlp(header)) equals the hash; the hash itself comes from the RPC.
            </p>
          )}
          {noCode && (
            <p className="mb-2 rounded bg-sky-50 p-2 text-sm text-sky-900 dark:bg-sky-950 dark:text-sky-200" data-testid="proof-no-contract" role="status">
              No contract at this address at block {q.data.blockNumber}: the proof shows {q.data.account.exists ? 'an account without code' : 'no account'}{' '}
              there, so the contract is not deployed yet at this block (or this is not a contract). Its storage slots are not shown as values.
            </p>
          )}
          <dl className="grid grid-cols-1 gap-x-4 wrap-anywhere sm:grid-cols-[max-content_minmax(0,1fr)] sm:gap-y-1.5 [&_dd]:mb-1.5 sm:[&_dd]:mb-0 text-sm">
            <dt className="text-slate-500 dark:text-slate-400">Address</dt>
            <dd>
              <Hash value={q.data.account.address} full label="address" />
            </dd>
            <dt className="text-slate-500 dark:text-slate-400">Block</dt>
            <dd className="mono">{q.data.blockNumber}</dd>
            <dt className="text-slate-500 dark:text-slate-400">State root</dt>
            <dd>
              <Hash value={q.data.stateRoot} label="state root" />
            </dd>
            <dt className="text-slate-500 dark:text-slate-400">Balance</dt>
            <dd className="mono" data-testid="proof-balance">
              {formatEther(q.data.account.balanceWei)} ETH
            </dd>
            <dt className="text-slate-500 dark:text-slate-400">Nonce</dt>
            <dd className="mono">{q.data.account.nonce.toString()}</dd>
            <dt className="text-slate-500 dark:text-slate-400">Code hash</dt>
            <dd>
              <Hash value={q.data.account.codeHash} label="code hash" />
            </dd>
            <dt className="text-slate-500 dark:text-slate-400">Storage root</dt>
            <dd>
              <Hash value={q.data.account.storageHash} label="storage root" />
            </dd>
            {q.data.account.storage.map((s) => (
              <div key={s.key} className="contents">
                <dt className="text-slate-500 dark:text-slate-400">
                  Slot <Hash value={s.key} label="slot" />
                </dt>
                <dd className="mono" data-testid="proof-storage">
                  {noCode ? 'no contract at this block' : `0x${s.value.toString(16)} (${s.value.toString()})`}
                </dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </section>
  )
}

function ProofForm({ finalizedBlock, onSubmit }: { finalizedBlock: number; onSubmit: (p: StateProofPreset) => void }) {
  const [address, setAddress] = useState('')
  const [slots, setSlots] = useState('')
  const keys = slots.split(/[\s,]+/).filter(Boolean)
  const ok = /^0x[0-9a-fA-F]{40}$/.test(address) && keys.every((k) => /^0x[0-9a-fA-F]{1,64}$/.test(k))
  return (
    <form
      className="space-y-2 rounded-lg border border-slate-200 p-4 dark:border-slate-800"
      onSubmit={(e) => {
        e.preventDefault()
        if (ok)
          // No block number in the label: the card follows the finalized block as it moves, and shows which one it proved.
          onSubmit({ label: `${address} at the finalized block`, address, storageKeys: keys.map((k) => `0x${k.slice(2).padStart(64, '0')}`) })
      }}
    >
      <h2 className="font-semibold">Prove an account at the finalized block ({finalizedBlock})</h2>
      <label className="block text-sm">
        Address
        <input
          className="mono mt-1 w-full rounded-md bg-white px-2 py-1 ring-1 ring-slate-300 dark:bg-slate-900 dark:ring-slate-700"
          value={address}
          onChange={(e) => setAddress(e.target.value.trim())}
          placeholder="0x…"
        />
      </label>
      <label className="block text-sm">
        Storage slots (comma separated, optional)
        <input
          className="mono mt-1 w-full rounded-md bg-white px-2 py-1 ring-1 ring-slate-300 dark:bg-slate-900 dark:ring-slate-700"
          value={slots}
          onChange={(e) => setSlots(e.target.value)}
          placeholder="0x0, 0x1"
        />
      </label>
      <button type="submit" disabled={!ok} className="rounded-md bg-emerald-700 px-3 py-1.5 text-sm text-white disabled:opacity-50">
        Verify
      </button>
    </form>
  )
}
