#!/usr/bin/env node
// `npm start`: builds, then serves the playground when it exists; until then checks the samples.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const build = spawnSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
if (existsSync('scripts/playground.mjs')) {
  await import('./playground.mjs');
} else {
  const r = spawnSync(process.execPath, ['bin/service-lab.js', 'check', 'samples'], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
