// index.html's module script. On the Consensus page, the first view shows the light client's progress and first
// verified value before React has loaded (src/firstView/firstView.ts); the app (src/main.tsx) loads once that value
// is shown, or at once elsewhere.
// The stylesheet is the page's, the first view's as the app's: linked from index.html.
import './app/index.css'
import { showAppLoadError, startFirstView } from './firstView/firstView.ts'

startFirstView(() => {
  import('./main.tsx').catch(showAppLoadError)
})
