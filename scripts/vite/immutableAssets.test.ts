import { describe, expect, it } from "vitest";
import { isHashedAsset } from "./immutableAssets.ts";

describe("isHashedAsset", () => {
  it("is true for content-hashed build output only", () => {
    for (const p of [
      "/assets/index-DC8rSpMz.js",
      "/assets/lib-BafK_WhL.js",
      "/assets/herumi-023aeafd.wasm",
      "/assets/index-DK13BUQB.css",
      "/assets/rolldown-runtime-BNaE-Ejt.js",
    ])
      expect(isHashedAsset(p), p).toBe(true);
    for (const p of [
      "/",
      "/index.html",
      "/config.json",
      "/theme-init.js",
      "/favicon.svg",
      "/assets/config.json",
      "/assets/index.js",
      "/x/assets/a-12345678.js",
      "/assets/a-1234567.js",
    ])
      expect(isHashedAsset(p), p).toBe(false);
  });
});
