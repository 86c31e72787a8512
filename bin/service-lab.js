#!/usr/bin/env node
// Entry point of the `service-lab` command: runs the bundled CLI, building it on first use.
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const root = path.join(__dirname, '..');
const cli = path.join(root, 'dist', 'cli.js');
if (!fs.existsSync(cli)) {
  const { execFileSync } = require('node:child_process');
  execFileSync(process.execPath, [path.join(root, 'esbuild.mjs'), '--only=cli'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}
require(cli).runCli(process.argv.slice(2));
