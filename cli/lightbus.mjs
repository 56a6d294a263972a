#!/usr/bin/env node
// `lightbus` CLI entry: runs the TypeScript sources (the same pure verifiers as the app) through tsx.
import { register } from "tsx/esm/api";

register();
const { main } = await import("./main.ts");
// Exit at once: a read that timed out (a FIFO nobody writes to) must not keep the process alive.
process.exit(await main(process.argv.slice(2)));
