import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot, hydrateRoot } from 'react-dom/client'
import { createBrowserRouter, RouterProvider } from 'react-router'
import { AppShell } from './app/AppShell.tsx'
// Takes over from the first view and boots the light client (its module runs before this one's body).
import { firstView } from './app/handover.ts'
import { appConfigQueryOptions } from './app/queries.ts'
import { NotFound } from './routes/NotFound.tsx'
import { Overview } from './routes/Overview.tsx'

const queryClient = new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false } } })
// The first view rendered with config.json as the worker read it: React's first render uses the same.
if (firstView) queryClient.setQueryData(appConfigQueryOptions().queryKey, firstView.config)
const router = createBrowserRouter([
  {
    element: <AppShell />,
    children: [
      { index: true, element: <Overview /> },
      // Lazy: only the Consensus page is in the first bundle (time to first verified value, docs/performance.md).
      { path: 'block', lazy: () => import('./routes/BlockPage.tsx').then((m) => ({ Component: m.BlockPage })) },
      { path: 'state', lazy: () => import('./routes/StatePage.tsx').then((m) => ({ Component: m.StatePage })) },
      { path: 'results', lazy: () => import('./routes/ResultsPage.tsx').then((m) => ({ Component: m.ResultsPage })) },
      { path: 'results/:id', lazy: () => import('./routes/ResultDetail.tsx').then((m) => ({ Component: m.ResultDetail })) },
      { path: 'prove', lazy: () => import('./routes/ProvePage.tsx').then((m) => ({ Component: m.ProvePage })) },
      // Lazy: the Donate page pulls in uPlot and (on Start) libp2p; first paint elsewhere does not pay for them.
      { path: 'donate', lazy: () => import('./routes/DonatePage.tsx').then((m) => ({ Component: m.DonatePage })) },
      // Lazy: web3:// resolution (web3protocol, brotli-wasm) and the upload panel (wagmi).
      { path: 'storage', lazy: () => import('./routes/StoragePage.tsx').then((m) => ({ Component: m.StoragePage })) },
      // Lazy: the proof market's pages pull in wagmi and uPlot.
      { path: 'jobs', lazy: () => import('./routes/JobsPage.tsx').then((m) => ({ Component: m.JobsPage })) },
      { path: 'jobs/:requestId', lazy: () => import('./routes/JobDetailPage.tsx').then((m) => ({ Component: m.JobDetailPage })) },
      // Lazy: the Services page's request panel pulls in wagmi.
      { path: 'services', lazy: () => import('./routes/ServicesPage.tsx').then((m) => ({ Component: m.ServicesPage })) },
      { path: '*', element: <NotFound /> },
    ],
  },
])

const root = document.getElementById('root')
if (root) {
  const app = (
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </StrictMode>
  )
  if (firstView) {
    // The first view's markup is what this renders first (src/firstView/firstViewHtml.test.ts): React adopts it. Were
    // it to differ, React renders the root afresh and reports it here.
    hydrateRoot(root, app, { onRecoverableError: (e) => console.warn('Lightbus: the first view differed from the app; rendered afresh.', e) })
    firstView.replayClick()
  } else createRoot(root).render(app)
}
