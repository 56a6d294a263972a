// The app's first module (src/main.tsx imports it before anything else): takes over from the first view
// (src/firstView/firstView.ts) when it showed the page, seeding the light-client mirror with the snapshot its markup
// shows, then boots: starts (or, when the worker started it itself, attaches to) the light client, with config.json as
// the worker read it when the first view had it, else fetched (src/app/boot.ts).
import { takeFirstView } from '../firstView/firstView.ts'
import { bootLightClient } from './boot.ts'
import { seedLightClientSnapshot } from './lightClientState.ts'

/** What the first view's markup shows, for the app to hydrate; undefined when there is none. */
export const firstView = takeFirstView()
if (firstView) seedLightClientSnapshot(firstView.snapshot)
const config = firstView?.config
void bootLightClient(new URLSearchParams(location.search), config ? { loadConfig: () => Promise.resolve(config) } : {})
