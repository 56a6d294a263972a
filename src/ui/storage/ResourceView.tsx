import { useEffect, useMemo, useState } from 'react'
import type { Web3Resolution } from '../../app/storage/web3Resolve.ts'
import { Hash } from '../Hash.tsx'
import { ProvenanceBadge } from '../ProvenanceBadge.tsx'

/** Text shown inline at most (bytes); longer text is cut with a notice. */
const MAX_INLINE_TEXT = 1024 * 1024

const isSandboxed = (mime: string) => mime === 'text/html' || mime === 'image/svg+xml'
const isText = (mime: string) => mime.startsWith('text/') || mime === 'application/json' || mime.endsWith('+json') || mime === 'application/xml'

/** A blob: URL for `bytes` typed `mime`, revoked when the component unmounts or the bytes change. */
function useBlobUrl(bytes: Uint8Array, mime: string): string | null {
  const [url, setUrl] = useState<string | null>(null)
  useEffect(() => {
    const u = URL.createObjectURL(new Blob([bytes as BlobPart], { type: mime }))
    setUrl(u)
    return () => URL.revokeObjectURL(u)
  }, [bytes, mime])
  return url
}

/**
 * A resolved web3:// resource rendered by MIME type: images inline (`<img>` from a blob: URL); text inline; HTML and
 * SVG in an iframe with `sandbox="allow-scripts"` and WITHOUT `allow-same-origin` from a blob: URL, so the page runs
 * in an opaque origin with no access to the app (its storage, cookies, DOM), and under the app's CSP inherited by
 * blob: documents (its inline scripts do not run). Anything else: size and a download link.
 */
export function ResourceView({ resolution }: { resolution: Web3Resolution }) {
  const { resource, rendered, provenance } = resolution
  const mime = resource.mime
  const blobUrl = useBlobUrl(rendered, mime)
  const text = useMemo(() => (isText(mime) && !isSandboxed(mime) ? new TextDecoder().decode(rendered.subarray(0, MAX_INLINE_TEXT)) : null), [mime, rendered])
  return (
    <section className="space-y-3" aria-label="Resource" data-testid="resource" data-mime={mime}>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
        <ProvenanceBadge provenance={provenance} what={`web3:// resource ${resource.url}`} />
        <span>
          <span className="text-slate-500 dark:text-slate-400">type</span> <span className="mono">{mime}</span>
        </span>
        <span>
          <span className="text-slate-500 dark:text-slate-400">size</span> <span className="mono">{resource.size.toLocaleString()} bytes</span>
        </span>
        <span>
          <span className="text-slate-500 dark:text-slate-400">mode</span> {resource.mode}
        </span>
        <span>
          <span className="text-slate-500 dark:text-slate-400">block</span> <span className="mono">{resolution.block.number}</span>
        </span>
        <span className="flex items-center gap-1">
          <span className="text-slate-500 dark:text-slate-400">sha256</span> <Hash value={resource.sha256} label="sha256" />
        </span>
        <span className="flex items-center gap-1">
          <span className="text-slate-500 dark:text-slate-400">contract</span> <Hash value={resource.contract} label="contract address" />
        </span>
      </div>
      {resource.size === 0 && (
        <p role="status" className="rounded-md border border-dashed border-slate-300 p-4 text-slate-600 dark:border-slate-700 dark:text-slate-400">
          The contract answered with no content at block {resolution.block.number} (the light client’s finalized block): the resource is empty or does not exist
          there. If it was just written, it shows up once its block is finalized; Lightbus checks again at each new finalized block.
        </p>
      )}
      {resource.size > 0 && blobUrl && isSandboxed(mime) && (
        <iframe
          title={`Sandboxed ${mime === 'text/html' ? 'page' : 'image'} ${resource.url}`}
          src={blobUrl}
          sandbox="allow-scripts"
          referrerPolicy="no-referrer"
          className="h-[32rem] w-full rounded-md bg-white ring-1 ring-slate-300 dark:ring-slate-700"
          data-testid="resource-sandbox"
        />
      )}
      {resource.size > 0 && blobUrl && mime.startsWith('image/') && !isSandboxed(mime) && (
        <img
          src={blobUrl}
          alt={`Resource ${resource.url}`}
          className="max-h-[32rem] max-w-full rounded-md ring-1 ring-slate-300 dark:ring-slate-700"
          data-testid="resource-image"
        />
      )}
      {resource.size > 0 && text !== null && (
        <>
          <pre
            className="mono max-h-[32rem] overflow-auto whitespace-pre-wrap break-words rounded-md bg-slate-50 p-3 text-sm dark:bg-slate-900"
            data-testid="resource-text"
          >
            {text}
          </pre>
          {rendered.length > MAX_INLINE_TEXT && (
            <p className="text-sm text-slate-500 dark:text-slate-400">Showing the first {MAX_INLINE_TEXT.toLocaleString()} bytes.</p>
          )}
        </>
      )}
      {resource.size > 0 && blobUrl && !isSandboxed(mime) && !mime.startsWith('image/') && text === null && (
        <p className="text-sm">
          Binary content ({mime}).{' '}
          <a className="underline" href={blobUrl} download="resource">
            Download {resource.size.toLocaleString()} bytes
          </a>
        </p>
      )}
    </section>
  )
}
