#!/usr/bin/env node
import { main } from '../dist/src/cli/main.js';

main(process.argv, undefined, { handleSignals: true }).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`cilium-analyze: internal error: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 3;
  },
);
