// The playground server: port fallback, what it serves, and what it refuses to serve.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { readdirSync } from 'node:fs';
import { startPlayground } from '../../scripts/playground.mjs';

test('a busy port falls back to a free one; the server answers only from its folders', async () => {
  const blocker = createServer();
  await new Promise((r) => blocker.listen(0, '127.0.0.1', r));
  const busy = blocker.address().port;
  const { server, url } = await startPlayground(busy, '127.0.0.1');
  try {
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.notEqual(new URL(url).port, String(busy));
    const index = await (await fetch(new URL('samples/index.json', url))).json();
    const files = readdirSync('samples').filter((f) => f.endsWith('.yaml')).sort();
    assert.deepEqual(index.map((s) => s.name), files);
    assert.ok(index.every((s) => s.title && !s.title.startsWith('#')));
    const page = await fetch(url);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Service Lab playground/);
    assert.equal((await fetch(new URL('webview.html', url))).status, 200);
    assert.equal((await fetch(new URL('schema/kubernetes.schema.json', url))).status, 200);
    for (const p of ['samples/..%2Fpackage.json', 'dist/webview/..%2F..%2Fpackage.json', 'playground/..%2F..%2Fpackage.json', 'package.json', 'src/core/index.ts']) {
      assert.equal((await fetch(new URL(p, url))).status, 404, p);
    }
    assert.equal((await fetch(url, { method: 'POST' })).status, 405);
  } finally {
    server.close();
    blocker.close();
  }
});
