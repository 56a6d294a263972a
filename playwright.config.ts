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
  command: `node devnet/replay/server.mjs --quiet --port ${port} ${extra}`,
  url: `http://127.0.0.1:${port}/eth/v1/beacon/genesis`,
  reuseExistingServer: false,
  timeout: 30_000,
})

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
    replay(PORTS.honest),
    replay(PORTS.badUpdate, '--tamper update-signature:2'),
    replay(PORTS.badBlock, '--tamper block-transaction:3'),
    replay(PORTS.noSse, '--no-sse'),
    replay(PORTS.badProof, '--tamper proof-node:2'),
    replay(PORTS.badResult, '--tamper zk-result:risc0-TestReceiptV3_0'),
    replay(PORTS.otherAccount, '--tamper proof-other-account'),
    // The devnet of config.json (anvil 18545, beacon 18546, prover-network coordinator 18547/18548) and one whose
    // beacon signs with a wrong key (the extra devnets run no coordinator, so its ports do not collide).
    {
      // With the market: honest provers (accounts 1, 2), the dishonest one (3) that sends a tampered receipt, providers 18571–18573.
      command: 'node devnet/devnet.mjs --quiet --dishonest-prover bad-receipt',
      url: 'http://127.0.0.1:18546/eth/v1/beacon/light_client/finality_update',
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command:
        'node devnet/devnet.mjs --quiet --anvil-port 18555 --beacon-port 18556 --bad-key --no-coordinator --no-storage-node --no-market --state-file test-results/devnet-bad-key.json',
      url: 'http://127.0.0.1:18556/eth/v1/beacon/light_client/finality_update',
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command:
        'node devnet/devnet.mjs --quiet --anvil-port 18565 --beacon-port 18566 --bad-branch --no-coordinator --no-storage-node --no-market --state-file test-results/devnet-bad-branch.json',
      url: 'http://127.0.0.1:18566/eth/v1/beacon/light_client/finality_update',
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: 'npx vite preview --host 127.0.0.1 --port 4173 --strictPort',
      url: 'http://127.0.0.1:4173/',
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
})
