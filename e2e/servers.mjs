#!/usr/bin/env node
// The e2e suite's servers (replay servers, devnets), started all at once. Playwright starts its `webServer` entries one
// after another, each only once the previous one answers, so the three devnets' start-ups (about 12 s each, mostly
// waiting for their first finality) added up to ~50 s before the first test. This runs as one `webServer` entry
// (playwright.config.ts): it starts every server of `LIGHTBUS_E2E_SERVERS` (JSON: [{ name, command, url, timeoutMs }])
// at once and, once each `url` answers (a status from 200 to 403, as Playwright counts it), answers 200 on
// `http://127.0.0.1:$LIGHTBUS_E2E_SERVERS_PORT/ready`, the URL Playwright waits for.
// The servers stay in this process's group, which Playwright kills at the end. A server that exits, or does not answer
// within its timeout, ends this process (and the others) with exit code 1 and says which.
import { spawn } from 'node:child_process'
import { createServer } from 'node:http'

const servers = JSON.parse(process.env.LIGHTBUS_E2E_SERVERS ?? '[]')
const port = Number(process.env.LIGHTBUS_E2E_SERVERS_PORT)
if (!Array.isArray(servers) || servers.length === 0 || !Number.isInteger(port)) {
  console.error('e2e/servers.mjs: set LIGHTBUS_E2E_SERVERS (a JSON list of { name, command, url, timeoutMs }) and LIGHTBUS_E2E_SERVERS_PORT')
  process.exit(2)
}

const children = []
let stopping = false
function stopAll(code, message) {
  if (stopping) return
  stopping = true
  if (message) console.error(`e2e/servers.mjs: ${message}`)
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM')
  setTimeout(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL')
    process.exit(code)
  }, 2_000).unref()
  if (children.every((c) => c.exitCode !== null)) process.exit(code)
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
    if (Date.now() - t0 > timeoutMs) stopAll(1, `${name} did not answer ${url} within ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 250))
  }
  console.log(`e2e/servers.mjs: ${name} ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
}

for (const s of servers) {
  const child = spawn(s.command, { shell: true, stdio: ['ignore', 'inherit', 'inherit'] })
  child.on('exit', (code, signal) => stopAll(1, `${s.name} exited (${signal ?? `code ${code}`})`))
  children.push(child)
}
await Promise.all(servers.map(waitReady))
if (!stopping) {
  createServer((req, res) => {
    res.writeHead(req.url === '/ready' ? 200 : 404).end()
  }).listen(port, '127.0.0.1')
}
