// `npm run bench -- --smoke` must keep working: it runs every benchmark once on a tiny manifest.
// No timing is asserted here (timing targets live in bench/, see docs/performance.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

test('the benchmark suite runs end to end on a tiny input', () => {
  const root = resolve(__dirname, '../..');
  const results = join(root, 'bench', '.data', 'results.json');
  const before = existsSync(results) ? readFileSync(results, 'utf8') : undefined;
  const r = spawnSync(process.execPath, ['bench/run.mjs', '--smoke'], { cwd: root, encoding: 'utf8', timeout: 600000 });
  assert.equal(r.status, 0, r.stderr.slice(-2000));
  for (const row of ['check, cold process (CPU)', 'check, warm in-process (CPU)', 're-check after a 1-char edit', 'hover at', 'extension bundle', 'webview bundle', 'peak RSS']) {
    assert.ok(r.stdout.includes(row), `the table has a "${row}" row`);
  }
  assert.match(r.stdout, /^\| Measurement +\| Service Lab/m);
  // The smoke run writes its own file: the results of the last real `npm run bench` (quoted in the README) stay.
  assert.equal(existsSync(results) ? readFileSync(results, 'utf8') : undefined, before);
  assert.equal(JSON.parse(readFileSync(join(root, 'bench', '.data', 'results-smoke.json'), 'utf8')).apps, 20);
});
