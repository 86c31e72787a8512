import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile, locate, splitDocuments, fieldPath, LineIndex, applyEdits } from '../../src/core/index';

test('splits documents at --- lines and keeps exact ranges', () => {
  const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: ns1\n';
  const f = parseFile('a.yaml', text);
  assert.equal(f.objects.length, 2);
  assert.deepEqual(f.objects.map((o) => `${o.ref.kind}/${o.ref.namespace}/${o.ref.name}`), ['Service/default/web', 'Pod/ns1/p']);
  const loc = locate(f.objects[1]!, ['metadata', 'namespace']);
  assert.equal(text.slice(loc.span.start, loc.span.end), 'ns1');
  assert.equal(text.slice(loc.key!.start, loc.key!.end), 'namespace');
  assert.equal(splitDocuments(text).length, 2);
});

test('CRLF text keeps ranges and line numbers', () => {
  const text = 'apiVersion: v1\r\nkind: Service\r\nmetadata:\r\n  name: web\r\n';
  const f = parseFile('a.yaml', text);
  const loc = locate(f.objects[0]!, ['metadata', 'name']);
  assert.equal(text.slice(loc.span.start, loc.span.end), 'web');
  assert.deepEqual(f.lines.positionAt(loc.span.start), { line: 3, character: 8 });
});

test('a YAML syntax error becomes a finding with its range, not a throw', () => {
  const text = 'apiVersion: v1\nkind: Service\nmetadata: {name: [\n';
  const f = parseFile('a.yaml', text);
  assert.equal(f.findings.length > 0, true);
  assert.equal(f.findings[0]!.rule, 'yaml-syntax');
  assert.equal(f.findings[0]!.severity, 'error');
});

test('non-Kubernetes YAML yields no objects and no findings, even when broken', () => {
  const f = parseFile('ci.yml', 'jobs:\n  build: [\n');
  assert.equal(f.objects.length, 0);
  assert.equal(f.findings.length, 0);
});

test('an alias bomb is a finding, not a hang', () => {
  let text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
  for (let i = 1; i < 9; i++) text += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
  const t0 = Date.now();
  const f = parseFile('bomb.yaml', text);
  assert.ok(Date.now() - t0 < 5000);
  assert.equal(f.findings.some((x) => x.rule === 'yaml-alias-limit'), true);
});

test('templated documents are skipped with one info finding', () => {
  const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Values.name }}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Values.other }}\n';
  const f = parseFile('t.yaml', text);
  assert.equal(f.objects.length, 0);
  assert.deepEqual(f.findings.map((x) => [x.rule, x.severity]), [['templated-file', 'info']]);
});

test('kind: List items become objects with their own paths', () => {
  const text = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata: {name: a}\n';
  const f = parseFile('l.yaml', text);
  assert.equal(f.objects.length, 1);
  const loc = locate(f.objects[0]!, ['metadata', 'name']);
  assert.equal(text.slice(loc.span.start, loc.span.end), 'a');
});

test('field paths print like the API server', () => {
  assert.equal(fieldPath(['spec', 'ports', 1, 'name']), 'spec.ports[1].name');
});

test('line index round-trips and edits apply from the end', () => {
  const idx = new LineIndex('a\nbc\r\nd');
  assert.deepEqual(idx.positionAt(3), { line: 1, character: 1 });
  assert.equal(idx.offsetAt({ line: 2, character: 0 }), 6);
  assert.equal(applyEdits('hello world', [{ range: { start: 0, end: 5 }, newText: 'HELLO' }, { range: { start: 6, end: 11 }, newText: 'there' }]), 'HELLO there');
});
