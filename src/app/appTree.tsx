import { type QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { type DataRouter, type RouteObject, RouterProvider } from 'react-router'
import { NotFound } from '../routes/NotFound.tsx'
import { Overview } from '../routes/Overview.tsx'
import { AppShell } from './AppShell.tsx'

/** The app's routes (src/main.tsx; the first view's differential test renders the same for `/`). */
export const routes: RouteObject[] = [
  {
    element: <AppShell />,
    children: [
      { index: true, element: <Overview /> },
      // Lazy: only the Consensus page is in the first bundle (time to first verified value, docs/performance.md).
      { path: 'block', lazy: () => import('../routes/BlockPage.tsx').then((m) => ({ Component: m.BlockPage })) },
      { path: 'state', lazy: () => import('../routes/StatePage.tsx').then((m) => ({ Component: m.StatePage })) },
      { path: 'results', lazy: () => import('../routes/ResultsPage.tsx').then((m) => ({ Component: m.ResultsPage })) },
      { path: 'results/:id', lazy: () => import('../routes/ResultDetail.tsx').then((m) => ({ Component: m.ResultDetail })) },
      { path: 'prove', lazy: () => import('../routes/ProvePage.tsx').then((m) => ({ Component: m.ProvePage })) },
      // Lazy: the Donate page pulls in uPlot and (on Start) libp2p; first paint elsewhere does not pay for them.
      { path: 'donate', lazy: () => import('../routes/DonatePage.tsx').then((m) => ({ Component: m.DonatePage })) },
      // Lazy: web3:// resolution (web3protocol, brotli-wasm) and the upload panel (wagmi).
      { path: 'storage', lazy: () => import('../routes/StoragePage.tsx').then((m) => ({ Component: m.StoragePage })) },
      // Lazy: the proof market's pages pull in wagmi and uPlot.
      { path: 'jobs', lazy: () => import('../routes/JobsPage.tsx').then((m) => ({ Component: m.JobsPage })) },
      { path: 'jobs/:requestId', lazy: () => import('../routes/JobDetailPage.tsx').then((m) => ({ Component: m.JobDetailPage })) },
      // Lazy: the Services page's request panel pulls in wagmi.
      { path: 'services', lazy: () => import('../routes/ServicesPage.tsx').then((m) => ({ Component: m.ServicesPage })) },
      { path: '*', element: <NotFound /> },
    ],
  },
]

/** The app's element tree around a router of {@link routes}: what src/main.tsx renders or hydrates. */
export function AppTree({ queryClient, router }: { queryClient: QueryClient; router: DataRouter }) {
  return (
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </StrictMode>
  )
}
