// service-node-port: NodePort allocation (KUBERNETES.md §A.13, §0.4 item 4).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFiles } from '../../../src/core/index';
import { check, fixture, rangeText } from './ruleTestUtil';

const RULE = 'service-node-port';

test('service-node-port: same nodePort for different port numbers, out of range, health-check clash, clash across Services', () => {
  const c = check(RULE, { 'bad.yaml': fixture(RULE, 'bad.yaml') });
  assert.deepEqual(
    c.findings.map((f) => [f.severity, f.field, rangeText(c, f), f.related.map((r) => rangeText(c, r)).join(';')]),
    [
      ['error', 'spec.ports[1].nodePort', '30080', '30080'],
      ['error', 'spec.ports[2].nodePort', '32768', ''],
      ['error', 'spec.healthCheckNodePort', '30080', '30080'],
      ['error', 'spec.ports[0].nodePort', '30080', '30080'],
    ],
  );
  assert.match(c.findings[0]!.message, /\(API server: spec\.ports\[1\]\.nodePort: Invalid value: 30080: provided port is already allocated\)$/);
  assert.match(c.findings[1]!.message, /\(API server: spec\.ports\[2\]\.nodePort: Invalid value: 32768: provided port is not in the valid range\. The range of valid ports is 30000-32767\)$/);
  assert.match(c.findings[2]!.message, /failed to allocate requested HealthCheck NodePort 30080: provided port is already allocated\)$/);
  assert.match(c.findings[3]!.message, /already taken by Service default\/a/);
  // The cross-Service finding points back at Service a's first port.
  assert.equal(c.findings[3]!.related[0]!.range.start, c.findings[0]!.related[0]!.range.start);
});

test('service-node-port: 53/TCP and 53/UDP share a nodePort; range edges are allowed', () => {
  assert.deepEqual(check(RULE, { 'good.yaml': fixture(RULE, 'good.yaml') }).findings, []);
});

test('service-node-port: the range comes from settings.nodePortRange', () => {
  const text = 'apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec:\n  type: NodePort\n  ports: [{port: 80, nodePort: 20080}]\n';
  const f = checkFiles([{ path: 'a.yaml', text }], { settings: { nodePortRange: [20000, 22767] } }).findings.filter((x) => x.rule === RULE);
  assert.deepEqual(f, []);
  const g = checkFiles([{ path: 'a.yaml', text }]).findings.filter((x) => x.rule === RULE);
  assert.equal(g.length, 1);
});

test('service-node-port: two files with the same Service (ns/name) are versions of one object, not a clash', () => {
  const mk = (p: number) => `apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  type: NodePort\n  ports: [{port: ${p}, nodePort: 30080}]\n`;
  const c = check(RULE, { 'a.yaml': mk(80), 'b.yaml': mk(8080) });
  assert.deepEqual(c.findings, []);
  const d = check(RULE, { 'a.yaml': mk(80), 'b.yaml': mk(80).replace('name: web', 'name: other') });
  assert.deepEqual(d.findings.map((f) => [f.file, f.field]), [['b.yaml', 'spec.ports[0].nodePort']]);
  assert.equal(d.findings[0]!.related[0]!.file, 'a.yaml');
});

test('service-node-port: ClusterIP Services do not allocate (their nodePort is service-ports\' Forbidden error)', () => {
  const c = check(RULE, { 'a.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec:\n  ports: [{port: 80, nodePort: 40000}]\n' });
  assert.deepEqual(c.findings, []);
});
