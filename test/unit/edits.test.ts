// insertKeyAt and insertAfterKey: add a key to a YAML mapping, leaving every other byte alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, parseFile } from '../../src/core/index';
import { insertAfterKey, insertKeyAt } from '../../src/core/edits';
import type { Path } from '../../src/core/index';

function insert(text: string, path: Path, key = 'name', value = 'http'): string | undefined {
  const f = parseFile('a.yaml', text);
  const edit = insertKeyAt(f.objects[0]!, path, key, value);
  return edit ? applyEdits(text, [edit]) : undefined;
}

const head = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n';

test('block sequence item: a new line aligned with the first key, after the last entry', () => {
  const text = head + '  ports:\n  - port: 80\n    targetPort: 8080\n  - port: 81\n';
  assert.equal(insert(text, ['spec', 'ports', 0]), head + '  ports:\n  - port: 80\n    targetPort: 8080\n    name: http\n  - port: 81\n');
});

test('a trailing comment stays on its line; the file end without newline works', () => {
  const text = head + '  ports:\n    - port: 80 # web';
  assert.equal(insert(text, ['spec', 'ports', 0]), head + '  ports:\n    - port: 80 # web\n      name: http');
});

test('a mapping whose last value is a nested block', () => {
  const text = head + '  selector:\n    app: web\n  ports:\n  - port: 80\n';
  assert.equal(insert(text, ['spec'], 'type', 'NodePort'), head + '  selector:\n    app: web\n  ports:\n  - port: 80\n  type: NodePort\n');
  const t2 = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels:\n    app: web\nspec: {}\n';
  assert.equal(insert(t2, ['metadata'], 'namespace', 'prod'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels:\n    app: web\n  namespace: prod\nspec: {}\n');
});

test('flow mappings get the key first; an empty flow mapping gets it inside the braces', () => {
  const text = head + '  ports: [{port: 80}, { port: 81 }]\n';
  assert.equal(insert(text, ['spec', 'ports', 1]), head + '  ports: [{port: 80}, { name: http, port: 81 }]\n');
  const t2 = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec: {}\n';
  assert.equal(insert(t2, ['spec'], 'type', 'NodePort'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec: {type: NodePort}\n');
});

test('CRLF files get CRLF line breaks', () => {
  const text = (head + '  ports:\n  - port: 80\n').replace(/\n/g, '\r\n');
  assert.equal(insert(text, ['spec', 'ports', 0]), (head + '  ports:\n  - port: 80\n    name: http\n').replace(/\n/g, '\r\n'));
});

test('no edit when the key exists, the path is missing, or the node is not a mapping', () => {
  const text = head + '  ports:\n  - port: 80\n    name: web\n';
  assert.equal(insert(text, ['spec', 'ports', 0]), undefined);
  assert.equal(insert(text, ['spec', 'ports', 3]), undefined);
  assert.equal(insert(text, ['spec', 'ports']), undefined);
});

test('the result parses and holds the new key with the same value everywhere else', () => {
  const text = head + '  ports:\n  - port: 80 # c\n    targetPort: 8080\n  - {port: 443}\n';
  const out = insert(insert(text, ['spec', 'ports', 0])!, ['spec', 'ports', 1], 'name', 'https')!;
  const f = parseFile('a.yaml', out);
  assert.deepEqual(f.findings, []);
  assert.deepEqual((f.objects[0]!.value['spec'] as { ports: unknown }).ports, [
    { port: 80, targetPort: 8080, name: 'http' },
    { name: 'https', port: 443 },
  ]);
});

function insertAfter(text: string, path: Path, afterKey: string, key: string, value: string): string | undefined {
  const edit = insertAfterKey(parseFile('a.yaml', text).objects[0]!, path, afterKey, key, value);
  return edit ? applyEdits(text, [edit]) : undefined;
}

test('insertAfterKey: right after the entry, its comment kept on its line; flow style', () => {
  const text = head + '  ports:\n  - port: 80 # web\n    name: http\n';
  assert.equal(insertAfter(text, ['spec', 'ports', 0], 'port', 'targetPort', '8080'), head + '  ports:\n  - port: 80 # web\n    targetPort: 8080\n    name: http\n');
  const flow = head + '  ports: [{port: 80, name: http}]\n';
  assert.equal(insertAfter(flow, ['spec', 'ports', 0], 'port', 'targetPort', '8080'), head + '  ports: [{port: 80, targetPort: 8080, name: http}]\n');
});

test('insertAfterKey: after a block value; CRLF kept, also at the end of the file', () => {
  const text = head + '  selector:\n    app: web\n  ports:\n  - port: 80\n';
  assert.equal(insertAfter(text, ['spec'], 'selector', 'type', 'NodePort'), head + '  selector:\n    app: web\n  type: NodePort\n  ports:\n  - port: 80\n');
  const crlf = (head + '  ports:\n  - name: http\n    port: 80').replace(/\n/g, '\r\n');
  assert.equal(insertAfter(crlf, ['spec', 'ports', 0], 'port', 'targetPort', '8080'), crlf + '\r\n    targetPort: 8080');
});

test('insertAfterKey: undefined when the entry or the mapping is missing', () => {
  const text = head + '  ports:\n  - name: http\n';
  assert.equal(insertAfter(text, ['spec', 'ports', 0], 'port', 'targetPort', '8080'), undefined);
  assert.equal(insertAfter(text, ['spec', 'nope'], 'port', 'targetPort', '8080'), undefined);
});
