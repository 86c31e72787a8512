// The Visualize webview's security boundary: a strict CSP with scripts by nonce only, no inline
// code, escaped attributes, a random nonce, resources only from dist/webview, reveal requests only
// for documents the host sent, and message guards that drop (never throw on) anything malformed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { contentSecurityPolicy, makeNonce, rangeWithin, wasSent, WEBVIEW_ROOT, webviewHtmlFor } from '../../src/panel/webviewSecurity';
import { describeMessage, isHostToWebview, isWebviewToHost } from '../../src/shared/protocol';

const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

function html(nonce = makeNonce()) {
  return webviewHtmlFor({ cspSource: CSP_SOURCE, scriptUri: `${CSP_SOURCE}/ext/dist/webview/main.js`, styleUri: `${CSP_SOURCE}/ext/dist/webview/main.css`, nonce });
}

/** The CSP of a page as directive -> sources. */
function cspOf(page: string): Map<string, string[]> {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(page);
  assert.ok(m, 'the page has a CSP meta tag');
  const decoded = m[1]!.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return new Map(decoded.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k!, v]));
}

test('CSP: default-src none, scripts only by this nonce, no unsafe-inline or unsafe-eval anywhere', () => {
  const nonce = makeNonce();
  const page = html(nonce);
  const csp = cspOf(page);
  assert.deepEqual(csp.get('default-src'), ["'none'"]);
  assert.deepEqual(csp.get('script-src'), [`'nonce-${nonce}'`]);
  assert.deepEqual(csp.get('style-src'), [CSP_SOURCE]);
  assert.deepEqual(csp.get('font-src'), [CSP_SOURCE]);
  assert.deepEqual(csp.get('img-src'), [CSP_SOURCE, 'data:']);
  assert.equal(csp.has('connect-src') || csp.has('frame-src') || csp.has('worker-src'), false, 'no network, frames or workers');
  for (const [k, v] of csp) for (const s of v) assert.equal(/unsafe-|^\*$|^https?:$/.test(s), false, `${k} allows ${s}`);
  assert.equal(contentSecurityPolicy('x', 'n'), "default-src 'none'; img-src x data:; style-src x; font-src x; script-src 'nonce-n'");
});

test('every script carries the nonce and loads from a file; nothing inline', () => {
  const nonce = makeNonce();
  const page = html(nonce);
  const scripts = [...page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  assert.equal(scripts.length, 1);
  for (const [, attrs, body] of scripts) {
    assert.match(attrs!, new RegExp(`\\snonce="${nonce}"`));
    assert.match(attrs!, /\ssrc="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/ext\/dist\/webview\/main\.js"/);
    assert.equal(body!.trim(), '', 'no inline script body');
  }
  assert.equal(/\son\w+\s*=/i.test(page), false, 'no inline event handlers');
  assert.equal(/\sstyle\s*=|<style/i.test(page), false, 'no inline styles');
  assert.equal(/javascript:/i.test(page), false);
});

test('URIs and the CSP source are escaped in attributes', () => {
  const page = webviewHtmlFor({ cspSource: 'a"b', scriptUri: 'x"><script>alert(1)</script>', styleUri: "y'<>&", nonce: 'n"n' });
  assert.equal((page.match(/<script/g) ?? []).length, 1, 'no injected script element');
  assert.ok(page.includes('src="x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"'));
  assert.ok(page.includes('href="y\'&lt;&gt;&amp;"'));
  assert.ok(page.includes('nonce="n&quot;n"'));
});

test('nonces are 32 characters from a cryptographic source and never repeat', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 1000; i++) {
    const n = makeNonce();
    assert.match(n, /^[A-Za-z0-9]{32}$/);
    seen.add(n);
  }
  assert.equal(seen.size, 1000);
  const panel = readFileSync('src/panel/clusterPanel.ts', 'utf8');
  assert.equal(/Math\.random/.test(panel) || /Math\.random/.test(readFileSync('src/panel/webviewSecurity.ts', 'utf8')), false, 'no Math.random for nonces');
});

test('the panel loads resources only from dist/webview, with forms and command links off', () => {
  assert.deepEqual([...WEBVIEW_ROOT], ['dist', 'webview']);
  // The panel module imports `vscode`, so it cannot load in Node: check its options in the source.
  const panel = readFileSync('src/panel/clusterPanel.ts', 'utf8');
  const opts = /function webviewOptions[\s\S]*?\n}\n/.exec(panel)?.[0] ?? '';
  assert.match(opts, /localResourceRoots: \[vscode\.Uri\.joinPath\(extensionUri, \.\.\.WEBVIEW_ROOT\)\]/);
  assert.match(opts, /enableForms: false/);
  assert.match(opts, /enableCommandUris: false/);
  assert.equal(/retainContextWhenHidden/.test(panel), false);
  assert.equal(/localResourceRoots/.test(panel.replace(opts, '')), false, 'no other resource roots');
});

test('the built webview bundle needs no eval (the CSP forbids it) and injects no inline script', () => {
  if (!existsSync('dist/webview/main.js')) {
    const b = spawnSync(process.execPath, ['esbuild.mjs', '--only=webview'], { encoding: 'utf8' });
    assert.equal(b.status, 0, b.stderr);
  }
  const js = readFileSync('dist/webview/main.js', 'utf8');
  assert.equal(/[^\w.$]eval\(|new Function\(/.test(js), false);
  assert.equal(/createElement\(\s*["']script["']/.test(js), false);
});

test('reveal requests: only documents the host sent, at the version sent, with the range inside', () => {
  const sent = new Map([['file:///w/a.yaml', 3]]);
  assert.equal(wasSent(sent, 'file:///w/a.yaml', 3), true);
  for (const [path, version] of [
    ['file:///w/a.yaml', 2],
    ['file:///etc/passwd', 3],
    ['file:///w/A.yaml', 3],
    ['file:///w/a.yaml ', 3],
    ['__proto__', 3],
    ['constructor', 3],
    ['', 0],
  ] as const) {
    assert.equal(wasSent(sent, path, version), false, `${path} v${version}`);
  }
  assert.equal(rangeWithin({ start: 0, end: 10 }, 10), true);
  assert.equal(rangeWithin({ start: 4, end: 4 }, 10), true);
  for (const r of [
    { start: 0, end: 11 },
    { start: 5, end: 4 },
    { start: -1, end: 2 },
    { start: 0.5, end: 2 },
    { start: 0, end: Number.POSITIVE_INFINITY },
    { start: Number.NaN, end: 1 },
  ]) {
    assert.equal(rangeWithin(r, 10), false, JSON.stringify(r));
  }
});

test('message guards: arbitrary values never throw and pass only in the documented shapes', () => {
  fc.assert(
    fc.property(fc.anything({ withNullPrototype: true, withObjectString: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withBoxedValues: true }), (v) => {
      const w = isWebviewToHost(v);
      const h = isHostToWebview(v);
      assert.equal(typeof describeMessage(v), 'string');
      if (w) assert.ok(['ready', 'reveal', 'log'].includes((v as { type: string }).type));
      if (h) assert.ok(['manifest', 'cursor', 'empty'].includes((v as { type: string }).type));
    }),
    { numRuns: 500, seed: 7 },
  );
  // Mutations of a valid reveal: any wrong field type is dropped.
  const base = { type: 'reveal', path: 'file:///w/a.yaml', version: 3, range: { start: 1, end: 5 } };
  fc.assert(
    fc.property(fc.constantFrom('path', 'version', 'range', 'type'), fc.oneof(fc.constant(null), fc.constant(undefined), fc.string(), fc.double(), fc.object(), fc.array(fc.nat())), (key, value) => {
      const m = { ...base, [key]: value };
      if (isWebviewToHost(m)) {
        // Only a value of the right shape may pass.
        assert.ok((key === 'path' && typeof value === 'string') || (key === 'version' && Number.isSafeInteger(value) && (value as number) >= 0), `${key}=${JSON.stringify(value)} passed`);
      }
    }),
    { numRuns: 300, seed: 8 },
  );
  assert.equal(isWebviewToHost(JSON.parse('{"type":"reveal","path":"a","version":1,"range":{"start":0,"end":1},"__proto__":{"admin":true}}')), true, 'extra fields are ignored');
  assert.equal(isWebviewToHost({ type: 'openFile', path: '/etc/passwd' }), false);
  assert.equal(isWebviewToHost({ type: 'applyEdit', edits: [] }), false);
  assert.equal(describeMessage({ type: 'x'.repeat(10_000) }).length < 60, true, 'logs never carry the payload');
});
