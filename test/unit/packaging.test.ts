// Packaging smoke test: the .vsix ships only what runs (and the README's images), nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const allowed = [
  /^package\.json$/,
  /^README\.md$/,
  /^CHANGELOG\.md$/,
  /^LICENSE$/,
  /^dist\/extension\.js$/,
  /^dist\/web\/extension\.js$/,
  /^dist\/webview\/main\.(js|css)$/,
  /^dist\/webview\/[\w.-]+\.ttf$/,
  /^syntaxes\/[\w.-]+\.json$/,
  /^snippets\/[\w.-]+\.json$/,
  /^media\/(screenshots\/)?[\w.-]+\.png$/,
];

test('vsce ls lists only the allow-listed files, and every file the manifest needs', () => {
  const r = spawnSync(process.execPath, [join(root, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const files = r.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
  const unexpected = files.filter((f) => !allowed.some((re) => re.test(f)));
  assert.deepEqual(unexpected, []);
  for (const needed of ['package.json', 'README.md', 'LICENSE', 'dist/extension.js', 'dist/web/extension.js', 'dist/webview/main.js', 'media/icon.png']) {
    assert.ok(files.includes(needed), `${needed} is not packaged`);
  }
  assert.ok(!files.some((f) => f.endsWith('.map') || f.startsWith('src/') || f.startsWith('node_modules/')));
});
