import type { LightClientSnapshot } from '../bus/lightClientStatus.ts'
import type { AppConfig } from '../net/networkConfig.ts'

/** The `type` of the light-client worker's messages to the first view (src/firstView/firstView.ts). */
export const FIRST_VIEW_MESSAGE = 'lightbus-first-view'

/**
 * Posted by the light-client worker that started itself at boot (src/workers/lightClientPreboot.ts), until the page's
 * app attaches to it: config.json as the worker parsed it and each snapshot of the light client it started; or `none`
 * when it started nothing (no config.json, no network or checkpoint for the URL, or the page started one first).
 */
export type FirstViewMessage =
  | { type: typeof FIRST_VIEW_MESSAGE; config: AppConfig; snapshot: LightClientSnapshot }
  | { type: typeof FIRST_VIEW_MESSAGE; none: true }

export const isFirstViewMessage = (d: unknown): d is FirstViewMessage => (d as { type?: unknown } | null)?.type === FIRST_VIEW_MESSAGE
