// Shared by the CLI tests: build bin/service-lab.js once and spawn it as a user would.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = process.cwd();
const BIN = join(ROOT, 'bin', 'service-lab.js');

/** Bundles the CLI (`esbuild.mjs --only=cli`); call it from `before`. */
export function buildCli(): void {
  const b = spawnSync(process.execPath, ['esbuild.mjs', '--only=cli'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(b.status, 0, b.stderr);
}

/** Runs `service-lab <args>` with optional stdin; the buffer is large enough for the hostile-input tests. */
export function runCli(args: string[], input?: string | Buffer): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', input, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
