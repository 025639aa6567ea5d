#!/usr/bin/env node
// The `bridgeview` command: plain Node, no Electron. tsx compiles the TypeScript sources on load.
require('tsx/cjs/api').register()
require('./main.ts')
  .main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env })
  .then((code) => {
    process.exitCode = code
  })
