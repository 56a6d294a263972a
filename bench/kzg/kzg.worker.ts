// One library per fresh worker: its load is cold (nothing imported before).
import { benchKzgLib, type KzgLib, type KzgSample } from '../kzgWorkload.ts'

self.onmessage = async (e: MessageEvent<{ lib: KzgLib; sample: KzgSample; runs: number }>) => {
  try {
    self.postMessage({ ok: true, row: await benchKzgLib(e.data.lib, e.data.sample, e.data.runs) })
  } catch (err) {
    self.postMessage({ ok: false, error: String(err) })
  }
}
