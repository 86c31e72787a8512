#!/usr/bin/env node
// `npm start`: builds every bundle, then serves the playground on 127.0.0.1.
import { spawnSync } from 'node:child_process';

const build = spawnSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
await import('./playground.mjs');
