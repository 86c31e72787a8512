import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, fixture, rangeText } from './ruleTestUtil';

const RULE = 'loadbalancer-pending';

test('type LoadBalancer gets the <pending> hint on the type value', () => {
  const c = check(RULE, { 'bad.yaml': fixture(RULE, 'bad.yaml') });
  assert.equal(c.findings.length, 1);
  const f = c.findings[0]!;
  assert.equal(f.severity, 'info');
  assert.equal(f.field, 'spec.type');
  assert.equal(rangeText(c, f), 'LoadBalancer');
  assert.match(f.message, /EXTERNAL-IP <pending>.*through the nodePort on every node/);
});

test('NodePort: no hint', () => {
  assert.deepEqual(check(RULE, { 'good.yaml': fixture(RULE, 'good.yaml') }).findings, []);
});

test('a dump whose status already shows an address: no hint', () => {
  const text = fixture(RULE, 'bad.yaml') + 'status:\n  loadBalancer:\n    ingress:\n      - ip: 203.0.113.10\n';
  assert.deepEqual(check(RULE, { 'a.yaml': text }).findings, []);
});
