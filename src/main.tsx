// The app (loaded by src/entry.ts).
import { QueryClient } from '@tanstack/react-query'
import { createRoot, hydrateRoot } from 'react-dom/client'
import { createBrowserRouter } from 'react-router'
import { AppTree, routes } from './app/appTree.tsx'
// Takes over from the first view and boots the light client (the module runs before this one's body).
import { firstView } from './app/handover.ts'
import { appConfigQueryOptions } from './app/queries.ts'

const queryClient = new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false } } })
// The first view rendered with config.json as the worker read it: React's first render uses the same.
if (firstView) queryClient.setQueryData(appConfigQueryOptions().queryKey, firstView.config)
const router = createBrowserRouter(routes)

const root = document.getElementById('root')
if (root) {
  const app = <AppTree queryClient={queryClient} router={router} />
  if (firstView) {
    // The first view's markup is what this renders first (src/firstView/firstViewHtml.test.ts): React adopts it. Were
    // it to differ, React renders the root afresh and reports it here.
    hydrateRoot(root, app, { onRecoverableError: (e) => console.warn('Lightbus: the first view differed from the app; rendered afresh.', e) })
    firstView.replayClick()
  } else createRoot(root).render(app)
}
