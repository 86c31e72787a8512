// service-ports: spec.ports validation (KUBERNETES.md §A.4).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, check, fixTitles, fixture, rangeText } from './ruleTestUtil';
import { suggestPortName } from '../../../src/core/rules/service-ports';

const RULE = 'service-ports';

test('service-ports: bad fixture flags each port problem at its field', () => {
  const c = check(RULE, { 'bad.yaml': fixture(RULE, 'bad.yaml') });
  assert.deepEqual(
    c.findings.map((f) => [f.severity, f.field, rangeText(c, f), fixTitles(f).join(';')]),
    [
      ['error', 'spec.ports[0].name', 'port: 80', '*Add `name: http` to this port;Name all 2 unnamed ports (http, https)'],
      ['error', 'spec.ports[1].name', '{port: 443, targetPort: 8443}', '*Add `name: https` to this port;Name all 2 unnamed ports (http, https)'],
      ['error', 'spec.ports[2].name', 'HTTP', '*Change the name to `http`'],
      ['error', 'spec.ports[2].protocol', 'tcp', '*Change the protocol to TCP'],
      ['error', 'spec.ports[3].port', '70000', ''],
      ['error', 'spec.ports[3].targetPort', 'metrics-endpoint-xyz', ''],
      ['error', 'spec.ports[3].appProtocol', '"bad proto"', ''],
      ['error', 'spec.ports[4].name', 'metrics', ''],
      ['error', 'spec.ports[4].nodePort', '30080', ''],
      ['error', 'spec.ports', 'spec', ''],
      ['error', 'spec.ports[1]', '80', ''],
    ],
  );
  const m = c.findings.map((f) => f.message);
  assert.match(m[0]!, /\(API server: spec\.ports\[0\]\.name: Required value\)$/);
  assert.match(m[2]!, /spec\.ports\[2\]\.name: Invalid value: "HTTP": a lowercase RFC 1123 label must consist of/);
  assert.match(m[3]!, /spec\.ports\[2\]\.protocol: Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP"\)$/);
  assert.match(m[4]!, /spec\.ports\[3\]\.port: Invalid value: 70000: must be between 1 and 65535, inclusive\)$/);
  assert.match(m[5]!, /spec\.ports\[3\]\.targetPort: Invalid value: "metrics-endpoint-xyz": must be no more than 15 characters\)$/);
  assert.match(m[7]!, /spec\.ports\[4\]\.name: Duplicate value: "metrics"\)$/);
  assert.equal(c.findings[7]!.related.length, 1);
  assert.match(m[8]!, /spec\.ports\[4\]\.nodePort: Forbidden: may not be used when `type` is 'ClusterIP'\)$/);
  assert.match(m[9]!, /\(API server: spec\.ports: Required value\)$/);
  assert.match(m[10]!, /\(API server: spec\.ports\[1\]: Duplicate value: \{"Name":"","Protocol":"TCP","AppProtocol":null,"Port":80,"TargetPort":0,"NodePort":0\}\)$/);
});

test('service-ports: good fixture (named ports, an all-digit name, 53/TCP + 53/UDP, headless without ports, targetPort 0) is clean', () => {
  assert.deepEqual(check(RULE, { 'good.yaml': fixture(RULE, 'good.yaml') }).findings, []);
});

test('service-ports: every fix round-trips (parses, that problem is gone, rest byte-identical)', () => {
  const c = check(RULE, { 'bad.yaml': fixture(RULE, 'bad.yaml') });
  let n = 0;
  for (const f of c.findings) {
    for (const fix of f.fixes) {
      const after = applyFix(c, fix, RULE);
      assert.equal(after.all.filter((x) => x.rule === 'yaml-syntax').length, 0, fix.title);
      const fixedFields = fix.edits.length > 1 ? ['spec.ports[0].name', 'spec.ports[1].name'] : [f.field];
      for (const field of fixedFields) assert.ok(!after.findings.some((x) => x.field === field), `${fix.title}: ${field}`);
      assert.equal(after.findings.length, c.findings.length - fixedFields.length, fix.title);
      n++;
    }
  }
  assert.equal(n, 6);
});

test('service-ports: adding names keeps comments and layout (block and flow style)', () => {
  const c = check(RULE, { 'bad.yaml': fixture(RULE, 'bad.yaml') });
  const all = c.findings[0]!.fixes[1]!;
  const after = applyFix(c, all, RULE);
  const text = after.texts['bad.yaml']!;
  assert.ok(text.includes('    - port: 80 # web traffic\n      targetPort: 8080\n      name: http\n'), text);
  assert.ok(text.includes('    - {name: https, port: 443, targetPort: 8443}\n'), text);
});

test('service-ports: suggested names are http/https for web ports, else protocol-port, and unique', () => {
  const taken = new Set<string>(['http']);
  assert.equal(suggestPortName(8080, 'TCP', 0, taken), 'http-2');
  assert.equal(suggestPortName(443, 'TCP', 1, taken), 'https');
  assert.equal(suggestPortName(8443, 'TCP', 2, taken), 'https-2');
  assert.equal(suggestPortName(53, 'UDP', 3, taken), 'udp-53');
  assert.equal(suggestPortName(undefined, 'TCP', 4, taken), 'port-5');
});

test('service-ports: a single unnamed port is fine (G02), an empty name among several is Required', () => {
  assert.deepEqual(check(RULE, { 'a.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec:\n  ports:\n  - port: 80\n' }).findings, []);
  const c = check(RULE, { 'a.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec:\n  ports:\n  - name: ""\n    port: 80\n  - name: b\n    port: 81\n' });
  assert.deepEqual(c.findings.map((f) => [f.field, rangeText(c, f), fixTitles(f).join(';')]), [['spec.ports[0].name', '""', '*Add `name: http` to this port']]);
  const after = applyFix(c, c.findings[0]!.fixes[0]!, RULE);
  assert.deepEqual(after.findings, []);
});

test('service-ports: wrong JSON types are left to field-type', () => {
  const c = check(RULE, { 'a.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec:\n  ports:\n  - port: "80"\n    nodePort: "30000"\n' });
  assert.deepEqual(c.findings, []);
});

test('service-ports: duplicate (protocol, nodePort) is reported where validation gets to see it', () => {
  const text =
    'apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec:\n  type: NodePort\n  ports:\n  - {name: a, port: 80, nodePort: 30080}\n  - {name: b, port: 80, nodePort: 30080}\n' +
    '---\napiVersion: v1\nkind: Service\nmetadata: {name: b}\nspec:\n  ports:\n  - {name: a, port: 80, nodePort: 30081}\n  - {name: b, port: 81, nodePort: 30081}\n' +
    '---\napiVersion: v1\nkind: Service\nmetadata: {name: c}\nspec:\n  type: NodePort\n  ports:\n  - {name: a, port: 80, nodePort: 30082}\n  - {name: b, port: 81, nodePort: 30082}\n';
  const c = check(RULE, { 'a.yaml': text });
  const dups = c.findings.filter((f) => /nodePort: Duplicate value/.test(f.message));
  // Service a: same port number, so the allocator shares the nodePort and validation reports it.
  // Service b: ClusterIP, no allocation: validation reports it (next to the Forbidden errors).
  // Service c: different port numbers: the allocator fails first (service-node-port), so not here.
  assert.deepEqual(dups.map((f) => [f.object?.name, f.field, rangeText(c, f)]), [
    ['a', 'spec.ports[1].nodePort', '30080'],
    ['b', 'spec.ports[1].nodePort', '30081'],
  ]);
  assert.match(dups[0]!.message, /\(API server: spec\.ports\[1\]\.nodePort: Duplicate value: 30080\)$/);
});
