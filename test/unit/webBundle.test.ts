// The web extension bundle (package.json `browser`): built for the browser with no Node built-ins,
// so VS Code can load it in its web worker extension host (test/e2e/webExtension.mjs runs it there).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let bundle = '';

before(() => {
  const b = spawnSync(process.execPath, ['esbuild.mjs', '--only=web'], { encoding: 'utf8' });
  assert.equal(b.status, 0, b.stderr);
  bundle = readFileSync('dist/web/extension.js', 'utf8');
});

test('package.json points the browser entry at the web bundle and supports virtual and untrusted workspaces', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { browser?: string; main?: string; capabilities?: { virtualWorkspaces?: unknown; untrustedWorkspaces?: { supported?: unknown } } };
  assert.equal(pkg.browser, './dist/web/extension.js');
  assert.equal(pkg.main, './dist/extension.js');
  assert.equal(pkg.capabilities?.virtualWorkspaces, true);
  assert.equal(pkg.capabilities?.untrustedWorkspaces?.supported, true);
  const ignore = readFileSync('.vscodeignore', 'utf8');
  assert.match(ignore, /^!dist\/web\/\*\.js$/m, 'the web bundle ships in the .vsix');
});

test('the web bundle requires nothing but vscode: no fs, path, child_process or node: modules', () => {
  const required = new Set([...bundle.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]));
  assert.deepEqual([...required], ['vscode']);
  assert.equal(/\bfrom\s*["']node:|import\(\s*["']node:|require\(\s*["']node:/.test(bundle), false, 'no node: imports');
  for (const mod of ['fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'worker_threads']) {
    assert.equal(new RegExp(`require\\(\\s*["']${mod}["']\\s*\\)`).test(bundle), false, `require("${mod}")`);
  }
  assert.equal(/\b__dirname\b|\b__filename\b/.test(bundle), false, 'no __dirname/__filename');
});

test('the web bundle knows it is the web build (the activation log names the host)', () => {
  assert.ok(bundle.includes('web worker extension host (dist/web/extension.js)'));
  assert.equal(/process\.env\.SERVICE_LAB_WEB/.test(bundle), false, 'the define replaced the process.env read');
});
