import { defineConfig } from '@playwright/test'

/**
 * E2E in Debian's Chromium (/usr/bin/chromium; `npm test` installs it when missing). Never downloads
 * browsers. Replay servers: 8788 honest (the config.json default), and tampered ones that tests
 * point the app at by rewriting /config.json.
 */
export const PORTS = {
  honest: 8788,
  badUpdate: 8790,
  badBlock: 8791,
  noSse: 8792,
  badProof: 8793,
  badResult: 8794,
  otherAccount: 8795,
  devnetBadKeyBeacon: 18556,
  devnetBadBranchBeacon: 18566,
} as const
const replay = (port: number, extra = '') => ({
  name: `replay ${port}${extra ? ` ${extra}` : ''}`,
  command: `node devnet/replay/server.mjs --quiet --port ${port} ${extra}`,
  url: `http://127.0.0.1:${port}/eth/v1/beacon/genesis`,
  timeoutMs: 30_000,
})

/**
 * Every replay server and devnet, started at once by e2e/servers.mjs (Playwright starts its webServer entries one after
 * another): the replay servers, the devnet of config.json (anvil 18545, beacon 18546, prover-network coordinator
 * 18547/18548, storage node 18549, market provers and service providers 18571–18573, with the dishonest prover (account 3)
 * that sends a tampered receipt), and two whose beacon signs with a wrong key or serves a bad finality branch (they run no
 * coordinator, storage node or market, so their ports do not collide).
 */
const SERVERS = [
  replay(PORTS.honest),
  replay(PORTS.badUpdate, '--tamper update-signature:2'),
  replay(PORTS.badBlock, '--tamper block-transaction:3'),
  replay(PORTS.noSse, '--no-sse'),
  replay(PORTS.badProof, '--tamper proof-node:2'),
  replay(PORTS.badResult, '--tamper zk-result:risc0-TestReceiptV3_0'),
  replay(PORTS.otherAccount, '--tamper proof-other-account'),
  {
    name: 'devnet',
    command: 'node devnet/devnet.mjs --quiet --dishonest-prover bad-receipt',
    url: 'http://127.0.0.1:18546/eth/v1/beacon/light_client/finality_update',
    timeoutMs: 90_000,
  },
  {
    name: 'devnet (bad key)',
    command: `node devnet/devnet.mjs --quiet --anvil-port 18555 --beacon-port ${PORTS.devnetBadKeyBeacon} --bad-key --no-coordinator --no-storage-node --no-market --state-file test-results/devnet-bad-key.json`,
    url: `http://127.0.0.1:${PORTS.devnetBadKeyBeacon}/eth/v1/beacon/light_client/finality_update`,
    timeoutMs: 90_000,
  },
  {
    name: 'devnet (bad branch)',
    command: `node devnet/devnet.mjs --quiet --anvil-port 18565 --beacon-port ${PORTS.devnetBadBranchBeacon} --bad-branch --no-coordinator --no-storage-node --no-market --state-file test-results/devnet-bad-branch.json`,
    url: `http://127.0.0.1:${PORTS.devnetBadBranchBeacon}/eth/v1/beacon/light_client/finality_update`,
    timeoutMs: 90_000,
  },
]
/** Where e2e/servers.mjs answers once every server of SERVERS does. */
const SERVERS_READY_PORT = 18599

export default defineConfig({
  testDir: 'e2e',
  timeout: 90_000,
  expect: { timeout: 30_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: 'http://127.0.0.1:4173',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        // WebGPU on Chromium's SwiftShader (a software adapter) for e2e/webgpu.spec.ts.
        '--enable-unsafe-webgpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: [
    {
      command: 'node e2e/servers.mjs',
      env: { LIGHTBUS_E2E_SERVERS: JSON.stringify(SERVERS), LIGHTBUS_E2E_SERVERS_PORT: String(SERVERS_READY_PORT) },
      url: `http://127.0.0.1:${SERVERS_READY_PORT}/ready`,
      reuseExistingServer: false,
      timeout: 120_000,
    },
    {
      command: 'npx vite preview --host 127.0.0.1 --port 4173 --strictPort',
      url: 'http://127.0.0.1:4173/',
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
})
