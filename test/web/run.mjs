#!/usr/bin/env node
// Stage `web` of scripts/test.mjs: starts the playground on a free 127.0.0.1 port in its own process
// group, runs the node:test suites test/web/*.web.test.mjs against it with playwright-core and
// /usr/bin/chromium, stops the server, and prints `web: N passed, N failed`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
process.chdir(root);
const needed = ['dist/webview/main.js', 'dist/webview/playground/page.js', 'dist/webview/playground/yaml.worker.js'];
if (needed.some((f) => !existsSync(f))) {
  const b = spawnSync(process.execPath, ['esbuild.mjs', '--only=webview,playground,playgroundWorkers'], { stdio: 'inherit' });
  if (b.status !== 0) {
    console.log('web: 0 passed, 1 failed');
    process.exit(1);
  }
}
mkdirSync('test-results/web', { recursive: true });

const server = spawn(process.execPath, ['scripts/playground.mjs'], { env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
const stopServer = () => {
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    // already gone
  }
};
process.on('exit', stopServer);
const url = await new Promise((resolveUrl, reject) => {
  let out = '';
  const timer = setTimeout(() => reject(new Error(`playground did not start: ${out}`)), 20000);
  server.stdout.on('data', (d) => {
    out += d;
    const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
    if (m) {
      clearTimeout(timer);
      resolveUrl(m[1]);
    }
  });
  server.on('exit', (code) => reject(new Error(`playground exited with ${code}: ${out}`)));
}).catch((e) => {
  console.error(String(e));
  console.log('web: 0 passed, 1 failed');
  process.exit(1);
});
console.log(`playground at ${url}`);

const files = readdirSync('test/web').filter((f) => f.endsWith('.web.test.mjs')).sort().map((f) => join('test/web', f));
const tap = '.test-web.tap';
rmSync(tap, { force: true });
const code = await new Promise((res) => {
  const child = spawn(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files], { stdio: 'inherit', env: { ...process.env, PLAYGROUND_URL: url } });
  child.on('close', (c) => res(c ?? 1));
});
stopServer();
const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
rmSync(tap, { force: true });
const pass = Number(/^# pass (\d+)/m.exec(text)?.[1] ?? 0);
let fail = Number(/^# fail (\d+)/m.exec(text)?.[1] ?? 0);
if (code !== 0 && fail === 0) fail = 1;
console.log(`web: ${pass} passed, ${fail} failed`);
process.exit(fail > 0 || pass === 0 ? 1 : 0);
