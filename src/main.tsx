import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { createBrowserRouter, RouterProvider } from 'react-router'
import { AppShell } from './app/AppShell.tsx'
import './app/index.css'
import { BlockPage } from './routes/BlockPage.tsx'
import { NotFound } from './routes/NotFound.tsx'
import { Overview } from './routes/Overview.tsx'
import { ProvePage } from './routes/ProvePage.tsx'
import { ResultDetail } from './routes/ResultDetail.tsx'
import { ResultsPage } from './routes/ResultsPage.tsx'
import { StatePage } from './routes/StatePage.tsx'

const queryClient = new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false } } })
const router = createBrowserRouter([
  {
    element: <AppShell />,
    children: [
      { index: true, element: <Overview /> },
      { path: 'block', element: <BlockPage /> },
      { path: 'state', element: <StatePage /> },
      { path: 'results', element: <ResultsPage /> },
      { path: 'results/:id', element: <ResultDetail /> },
      { path: 'prove', element: <ProvePage /> },
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
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </StrictMode>,
  )
}
