// Node module resolve hook (module.register): web3protocol's `cross-fetch` import resolves to Lightbus's
// src/workers/web3Fetch.ts, as vite.config.ts aliases it for the app and vitest. All of web3protocol's eth_calls are
// then answered by the verified call; it can reach no other URL.
const target = new URL('../src/workers/web3Fetch.ts', import.meta.url).href

export async function resolve(specifier, context, next) {
  if (specifier === 'cross-fetch' && context.parentURL?.includes('/node_modules/web3protocol/')) return { url: target, shortCircuit: true }
  return next(specifier, context)
}
