// Hostile input: everything people paste. Alias bombs, huge mappings and files, deep nesting,
// control characters and invalid UTF-8, megabyte lines, and markup in every displayed string. Each
// gets a clear finding or message, never a throw or a hang (bounds here are hang detectors).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkFiles, hoverAt, MAX_SYNTAX_ERRORS_PER_DOCUMENT, parseFile } from '../../src/core/index';
import type { Finding } from '../../src/core/index';
import { createSimulation } from '../../src/core/sim/index';
import { terminalSafe } from '../../src/cli/main';
import { firstInvalidUtf8 } from '../../src/cli/inputs';
import { layoutDiagram, renderSvg } from '../../webview/diagram';
import { fromText } from './webview/helpers';
import { buildCli, runCli as cli } from './cliKit';

let dir = '';

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'service-lab-hostile-'));
  buildCli();
});

process.on('exit', () => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs `fn` and fails when it takes longer than `ms` (a hang detector, not a timing target). */
function within<T>(ms: number, what: string, fn: () => T): T {
  const t0 = performance.now();
  const r = fn();
  const took = performance.now() - t0;
  assert.ok(took < ms, `${what} took ${took.toFixed(0)} ms (limit ${ms} ms)`);
  return r;
}

function quietCheck(text: string, options: Parameters<typeof checkFiles>[1] = {}) {
  const errors: unknown[] = [];
  const r = checkFiles([{ path: 'x.yaml', text }], { ...options, logger: { error: (...a: unknown[]) => errors.push(a), warn() {}, info() {} } });
  assert.deepEqual(errors, [], 'no rule may throw');
  for (const f of r.findings) assert.ok(f.range.start >= 0 && f.range.end <= text.length, `${f.rule} range inside the file`);
  return r;
}

const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n';

test('billion laughs: an alias bomb is one yaml-alias-limit error, found fast', () => {
  const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) levels.push(`${'abcdefghi'[i]}: &${'abcdefghi'[i]} [${Array(9).fill(`*${'abcdefghi'[i - 1]}`).join(',')}]`);
  const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n${levels.map((l) => '  ' + l).join('\n')}\n---\n${SERVICE}`;
  const { findings, scope } = within(5000, 'alias bomb', () => quietCheck(text));
  const bomb = findings.filter((f) => f.rule === 'yaml-alias-limit');
  assert.equal(bomb.length, 1);
  assert.equal(bomb[0]!.severity, 'error');
  assert.match(bomb[0]!.message, /alias bomb/);
  // The other document is still checked and simulated.
  assert.equal(scope.services.length, 1);
  within(5000, 'simulating next to a bomb', () => createSimulation(scope));
});

test('100,000-key mappings (ConfigMap data and a Service selector) are checked in linear time', () => {
  let data = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n';
  for (let i = 0; i < 100_000; i++) data += `  k${i}: v${i}\n`;
  const r = within(60_000, '100k ConfigMap keys', () => quietCheck(data));
  assert.deepEqual(r.findings.filter((f) => f.severity === 'error'), []);
  let sel = 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  ports: [{port: 80}]\n  selector:\n';
  for (let i = 0; i < 100_000; i++) sel += `    k${i}: v${i}\n`;
  sel += '    k99999: again\n';
  const s = within(60_000, '100k selector keys', () => quietCheck(sel));
  const dup = s.findings.filter((f) => f.rule === 'yaml-syntax');
  assert.equal(dup.length, 1, 'the one duplicate key is found');
  assert.equal(sel.slice(dup[0]!.range.start, dup[0]!.range.start + 6), 'k99999');
});

test('a 10 MB file (one huge value next to a Service) is checked; over a size limit it gets one hint', () => {
  const big = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: blob}\ndata:\n  blob: "${'x'.repeat(10 * 1024 * 1024)}"\n---\n${SERVICE.replace('port: 80', 'port: 70000')}`;
  const r = within(30_000, '10 MB file', () => quietCheck(big));
  assert.ok(r.findings.some((f) => f.severity === 'error' && f.object?.name === 'web' && f.field === 'spec.ports[0].port'), 'the Service after the blob is still checked');
  const capped = within(5000, '10 MB file over a 1 MB limit', () => quietCheck(big, { maxFileSize: 1_000_000, maxFileSizeAdvice: 'Raise the limit.' }));
  assert.equal(capped.findings.length, 1);
  const f = capped.findings[0]!;
  assert.equal(f.rule, 'file-too-large');
  assert.equal(f.severity, 'info');
  assert.deepEqual(f.range, { start: 0, end: 0 });
  assert.match(f.message, /^This file is 10,485,9\d\d bytes, more than the 1,000,000-byte limit, so Service Lab did not check it\. Raise the limit\.$/);
  assert.equal(capped.scope.objects.length, 0);
});

test('a 50 MB file through the CLI: a clear file-too-large hint, quickly, and --max-file-size is validated', () => {
  const file = join(dir, 'huge.yaml');
  const unit = SERVICE.replace(/web/g, 'w') + '---\n';
  writeFileSync(file, unit.repeat(Math.ceil((50 * 1024 * 1024) / unit.length)));
  const r = within(30_000, 'CLI on 50 MB', () => cli(['check', file]));
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /huge\.yaml:1:1 info file-too-large This file is 52,4\d\d,\d\d\d bytes, more than the 10,000,000-byte limit, so Service Lab did not check it\. Split it, or check it anyway with --max-file-size <bytes>\./);
  const bad = cli(['check', '--max-file-size', 'lots', file]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--max-file-size must be a positive number of bytes, not "lots"/);
  // Core on the same text: the size count stops at the limit, so the hint is immediate.
  const text = unit.repeat(Math.ceil((50 * 1024 * 1024) / unit.length));
  const c = within(5000, 'core cap on 50 MB', () => checkFiles([{ path: 'h.yaml', text }], { maxFileSize: 10_000_000 }));
  assert.deepEqual(c.findings.map((x) => x.rule), ['file-too-large']);
});

test('10,000 nested [ or { : a plain "nested too deeply" error, a bounded number of findings', () => {
  const head = 'apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec: ';
  for (const text of [head + '['.repeat(10_000), head + '['.repeat(10_000) + ']'.repeat(10_000), head + '{a: '.repeat(10_000) + '}'.repeat(10_000)]) {
    const { findings, scope } = within(10_000, 'deep nesting', () => quietCheck(text));
    assert.ok(findings.length >= 1 && findings.length <= MAX_SYNTAX_ERRORS_PER_DOCUMENT, `${findings.length} findings`);
    assert.ok(findings.every((f) => f.rule === 'yaml-syntax' && f.severity === 'error'));
    assert.ok(findings.some((f) => /nested too deeply/.test(f.message)), findings.map((f) => f.message).join('\n'));
    assert.ok(findings.every((f) => !/call stack/i.test(f.message)), 'no JavaScript internals in messages');
    assert.equal(hoverAt(scope, 'x.yaml', text.length - 1), undefined);
    createSimulation(scope);
  }
});

test('NUL bytes and control characters: a yaml-control-character error at the first one', () => {
  const text = SERVICE.replace('name: web', 'name: we\u0000b');
  const { findings } = quietCheck(text);
  const f = findings.find((x) => x.rule === 'yaml-control-character');
  assert.ok(f);
  assert.equal(f.severity, 'error');
  assert.equal(f.range.start, text.indexOf('\u0000'));
  assert.match(f.message, /contains a NUL byte, which YAML does not allow/);
  const esc = quietCheck(SERVICE + '# \u001b[31m red\n').findings.filter((x) => x.rule === 'yaml-control-character');
  assert.equal(esc.length, 1);
  assert.match(esc[0]!.message, /control character U\+001B/);
  // Tabs, line breaks, NEL and a byte-order mark are allowed.
  assert.deepEqual(quietCheck('\ufeff' + SERVICE + '#\ttab\r\n# next\u0085\n').findings.filter((x) => x.rule === 'yaml-control-character'), []);
  assert.deepEqual(parseFile('x.yaml', 'just: text\u0000\n').findings, [], 'non-Kubernetes YAML is left alone');
});

test('CLI: invalid UTF-8 and NUL bytes give clear errors, exit 1, and no raw control characters reach the terminal', () => {
  const bytes = Buffer.concat([Buffer.from('apiVersion: v1\nkind: Service\nmetadata:\n  name: a'), Buffer.from([0xff, 0xfe, 0x00, 0x1b]), Buffer.from('[2Jb\nspec:\n  ports: [{port: 80}]\n')]);
  assert.equal(firstInvalidUtf8(bytes), bytes.indexOf(0xff));
  assert.equal(firstInvalidUtf8(Buffer.from('ok ✓ 𝄞')), -1);
  assert.equal(firstInvalidUtf8(Buffer.from([0x61, 0xe2, 0x82])), 1, 'a truncated sequence at the end');
  const file = join(dir, 'binary.yaml');
  writeFileSync(file, bytes);
  const r = cli(['check', file]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, new RegExp(`binary\\.yaml:4:10 error file-encoding This file is not valid UTF-8 \\(first bad byte at byte offset ${bytes.indexOf(0xff)}\\)`));
  assert.match(r.stdout, /error yaml-control-character This file contains a NUL byte/);
  assert.equal(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(r.stdout), false, 'control characters are escaped for the terminal');
  const stdin = cli(['check', '--format', 'json', '-'], bytes);
  const json = JSON.parse(stdin.stdout) as { findings: Finding[] };
  const rules = new Set(json.findings.map((f) => f.rule));
  for (const id of ['file-encoding', 'yaml-control-character', 'service-name']) assert.ok(rules.has(id), `${id} in the JSON output`);
  assert.equal(stdin.code, 1);
  assert.equal(terminalSafe('a\u001b[2J\r\u009bz\n\t'), 'a\\u001b[2J\\u000d\\u009bz\n\t');
});

test('a 1 MB line (long string value and long key) is checked without trouble', () => {
  const long = 'a'.repeat(1024 * 1024);
  const text = SERVICE.replace('name: web', `name: ${long}`) + `---\n${SERVICE}  ${long}: 1\n`;
  const { findings, scope } = within(20_000, '1 MB line', () => quietCheck(text));
  const name = findings.find((f) => f.rule === 'service-name');
  assert.ok(name, 'the over-long name is reported');
  assert.equal(text.slice(name.range.start, name.range.end), long);
  // YAML limits implicit keys to 1024 characters: the megabyte key is a syntax error, in plain words.
  const key = findings.find((f) => f.rule === 'yaml-syntax');
  assert.ok(key);
  assert.match(key.message, /must be at most 1024 chars/);
  // The hover shows the start of the megabyte value and says how much it left out.
  const h = hoverAt(scope, 'x.yaml', text.indexOf(long) + 10);
  assert.ok(h, 'the name field has a hover');
  assert.ok(h.markdown.length < 10_000, `hover is ${h.markdown.length} characters`);
  assert.match(h.markdown, /`a{300}` … \(1,048,276 more characters\)/);
});

const XSS = ['<script>alert(1)</script>', 'javascript:alert(1)', '[x](javascript:alert(1))', '<img src=x onerror=alert(1)>', '![i](https://evil.example/x.png)', '`code`** *em*'];

/** A manifest with a hostile string in every field hovers, diagnostics or the diagram display. */
function hostileManifest(s: string): string {
  const q = JSON.stringify(s);
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${q}, namespace: ${q}, labels: {app: ${q}}}
spec:
  replicas: 2
  selector: {matchLabels: {app: ${q}}}
  template:
    metadata: {labels: {app: ${q}, ${q}: ${q}}}
    spec:
      containers:
      - name: ${q}
        image: ${q}
        ports: [{name: ${q}, containerPort: 8080}]
        readinessProbe: {httpGet: {port: ${q}, path: ${q}}}
---
apiVersion: v1
kind: Service
metadata: {name: ${q}, namespace: ${q}, annotations: {${q}: ${q}}}
spec:
  type: ${q}
  clusterIP: ${q}
  externalName: ${q}
  selector: {app: ${q}}
  ports: [{name: ${q}, port: 80, targetPort: ${q}, protocol: ${q}, appProtocol: ${q}}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: ${q}, namespace: ${q}}
spec:
  ingressClassName: ${q}
  tls: [{hosts: [${q}], secretName: ${q}}]
  rules:
  - host: ${q}
    http:
      paths: [{path: ${q}, pathType: ${q}, backend: {service: {name: ${q}, port: {name: ${q}}}}}]
`;
}

/** Markdown with its code spans removed (text inside code spans is literal in CommonMark). */
function outsideCodeSpans(md: string): string {
  let out = '';
  let i = 0;
  while (i < md.length) {
    if (md[i] === '\\') {
      out += md.slice(i, i + 2);
      i += 2;
      continue;
    }
    const run = /^`+/.exec(md.slice(i, i + 64));
    if (run) {
      const close = md.indexOf(run[0], i + run[0].length);
      if (close > 0) {
        i = close + run[0].length;
        out += ' ';
        continue;
      }
    }
    out += md[i];
    i++;
  }
  return out;
}

test('markup in every displayed field: hovers escape it, messages carry it as plain text, the diagram escapes it', async () => {
  for (const s of XSS) {
    const text = hostileManifest(s);
    const { findings, scope } = quietCheck(text);
    assert.ok(findings.length > 5, `findings for ${s}`);
    let hovers = 0;
    for (let o = 0; o < text.length; o += 3) {
      const h = hoverAt(scope, 'x.yaml', o);
      if (!h) continue;
      hovers++;
      const bare = outsideCodeSpans(h.markdown);
      assert.equal(/(?<!\\)<(script|img)/i.test(bare), false, `raw HTML outside code spans in a hover:\n${h.markdown}`);
      // The only links are ours: https documentation links.
      for (const m of bare.matchAll(/(?<!\\)\]\((?!https:\/\/)([^)]*)\)/g)) assert.fail(`a link to ${m[1]} in a hover:\n${h.markdown}`);
      assert.equal(/(?<!\\)!\[/.test(bare), false, `an image in a hover:\n${h.markdown}`);
    }
    assert.ok(hovers > 20, `only ${hovers} hovers for ${s}`);
    // Diagnostics are plain text in every consumer (VS Code, CLI); they must still be one line.
    for (const f of findings) assert.equal(/[\r\n]/.test(f.message), false, `${f.rule} message has a line break`);
    const b = fromText(text);
    const svg = renderSvg(b.vm, layoutDiagram(b.vm));
    assert.equal(/<(script|img)/i.test(svg), false, 'no markup from the manifest in the diagram');
    // Escaped manifest text may sit inside quoted attribute values; the attribute names must all be ours.
    for (const tag of svg.match(/<[^>]*>/g) ?? []) assert.equal(/\s(href|xlink:href|src|on\w+)\s*=/i.test(tag.replace(/"[^"]*"/g, '""')), false, `a link, source or event attribute in the diagram: ${tag}`);
  }
});
