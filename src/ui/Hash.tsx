import { CopyButton } from './CopyButton.tsx'
import { hashText } from './hashText.ts'

/**
 * A hex value (or any long id) with a copy button. Shortened with a middle ellipsis (first 10, last 8 characters;
 * the full text in the title and in `data-value`; kept on one line, 21 characters) unless `full` or short, in which
 * case it wraps anywhere so it never widens its container.
 */
export function Hash({ value, full = false, label }: { value: string; full?: boolean; label?: string }) {
  const shown = hashText(value, full)
  return (
    <span className="inline-flex max-w-full min-w-0 items-start gap-1 align-top">
      <span className={`mono min-w-0 ${shown === value ? 'break-all' : 'whitespace-nowrap'}`} title={value} data-value={value}>
        {shown}
      </span>
      <CopyButton value={value} what={label ?? 'value'} />
    </span>
  )
}
