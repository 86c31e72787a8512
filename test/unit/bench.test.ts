// `npm run bench -- --smoke` must keep working: it runs every benchmark once on a tiny manifest.
// No timing is asserted here (timing targets live in bench/, see docs/performance.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

test('the benchmark suite runs end to end on a tiny input', () => {
  const root = resolve(__dirname, '../..');
  const r = spawnSync(process.execPath, ['bench/run.mjs', '--smoke'], { cwd: root, encoding: 'utf8', timeout: 600000 });
  assert.equal(r.status, 0, r.stderr.slice(-2000));
  for (const row of ['check, cold process (CPU)', 'check, warm in-process (CPU)', 're-check after a 1-char edit', 'hover at', 'extension bundle', 'webview bundle', 'peak RSS']) {
    assert.ok(r.stdout.includes(row), `the table has a "${row}" row`);
  }
  assert.match(r.stdout, /^\| Measurement +\| Service Lab/m);
});
