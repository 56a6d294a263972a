// The page's first script (index.html, before the React bundle): starts the light-client worker and fetches
// config.json at once, then starts the light client as soon as config.json names the network and checkpoint,
// while React is still loading (docs/performance.md). The checkpoint comes from `?checkpoint=` or config.json only
// (selectNetwork), never from the beacon endpoint. AppShell starts the same light client again later, a no-op.
import { bootLightClient } from './app/boot.ts'

bootLightClient(new URLSearchParams(location.search))
