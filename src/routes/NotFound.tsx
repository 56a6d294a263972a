import { Link } from 'react-router'

export function NotFound() {
  return (
    <div className="py-16 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">
        <Link className="underline" to="/">
          Back to consensus
        </Link>
      </p>
    </div>
  )
}
