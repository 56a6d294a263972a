#!/usr/bin/env node
// The e2e suite's servers (replay servers, devnets), started all at once. Playwright starts its `webServer` entries one
// after another, each only once the previous one answers, so the three devnets' start-ups (about 12 s each, mostly
// waiting for their first finality) added up to ~50 s before the first test. This runs as one `webServer` entry
// (playwright.config.ts): it starts every server of `LIGHTBUS_E2E_SERVERS` (JSON: [{ name, command, url, timeoutMs }])
// at once and, once each `url` answers (a status from 200 to 403, as Playwright counts it), answers 200 on
// `http://127.0.0.1:$LIGHTBUS_E2E_SERVERS_PORT/ready`, the URL Playwright waits for.
// Every server, and what it starts (anvil), stays in this process's group, which Playwright kills at the end of the
// run. Before all are ready, a URL already answering (a server left from another run), a server that exits or one that
// does not answer within its timeout ends the whole group, saying which; after that, a server that exits is reported
// and the tests that need it fail.
import { spawn } from 'node:child_process'
import { createServer } from 'node:http'

const servers = JSON.parse(process.env.LIGHTBUS_E2E_SERVERS ?? '[]')
const port = Number(process.env.LIGHTBUS_E2E_SERVERS_PORT)
if (!Array.isArray(servers) || servers.length === 0 || !Number.isInteger(port)) {
  console.error('e2e/servers.mjs: set LIGHTBUS_E2E_SERVERS (a JSON list of { name, command, url, timeoutMs }) and LIGHTBUS_E2E_SERVERS_PORT')
  process.exit(2)
}

let ready = false
let stopping = false
/** Ends this process group: SIGTERM to every member (servers, their anvils), SIGKILL 2 s later (this process too). */
function stopAll(code, message) {
  if (stopping) return
  stopping = true
  process.exitCode = code
  if (message) console.error(`e2e/servers.mjs: ${message}`)
  try {
    process.kill(0, 'SIGTERM') // this process ignores it (handler below)
  } catch {}
  setTimeout(() => {
    try {
      process.kill(0, 'SIGKILL')
    } catch {}
    process.exit(code)
  }, 2_000)
}
process.on('SIGTERM', () => stopAll(0))
process.on('SIGINT', () => stopAll(0))

/** Whether `url` answers as Playwright's webServer check counts it (a status from 200 to 403). */
async function answers(url) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2_000) })
    await res.body?.cancel()
    return res.status >= 200 && res.status < 404
  } catch {
    return false
  }
}

async function waitReady({ name, url, timeoutMs = 60_000 }) {
  const t0 = Date.now()
  while (!(await answers(url))) {
    if (stopping) return
    if (Date.now() - t0 > timeoutMs) return stopAll(1, `${name} did not answer ${url} within ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 250))
  }
  console.log(`e2e/servers.mjs: ${name} ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
}

// As Playwright's `reuseExistingServer: false`: a server of another run still answering is an error, not a server.
const taken = (await Promise.all(servers.map(async (s) => ((await answers(s.url)) ? s : null)))).filter(Boolean)
if (taken.length > 0) {
  console.error(`e2e/servers.mjs: already in use (stop the servers of another run): ${taken.map((s) => `${s.name} at ${s.url}`).join(', ')}`)
  process.exit(1)
}
for (const s of servers) {
  const child = spawn(s.command, { shell: true, stdio: ['ignore', 'inherit', 'inherit'] })
  child.on('exit', (code, signal) => {
    const what = `${s.name} exited (${signal ?? `code ${code}`})`
    if (!ready) stopAll(1, what)
    else if (!stopping) console.error(`e2e/servers.mjs: ${what}`)
  })
}
await Promise.all(servers.map(waitReady))
if (!stopping) {
  ready = true
  createServer((req, res) => {
    res.writeHead(req.url === '/ready' ? 200 : 404).end()
  })
    .on('error', (e) => stopAll(1, `cannot answer on 127.0.0.1:${port}: ${e.message}`))
    .listen(port, '127.0.0.1')
}
