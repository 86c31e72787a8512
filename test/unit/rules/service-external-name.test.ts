// service-external-name (KUBERNETES.md §A.5).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, fixture, rangeText } from './ruleTestUtil';

const RULE = 'service-external-name';

test('service-external-name: bad fixture', () => {
  const c = check(RULE, { 'bad.yaml': fixture(RULE, 'bad.yaml') });
  assert.deepEqual(
    c.findings.map((f) => [f.severity, f.field, rangeText(c, f)]),
    [
      ['error', 'spec.clusterIPs', 'clusterIP'],
      ['error', 'spec.ipFamilyPolicy', 'ipFamilyPolicy'],
      ['error', 'spec.externalName', 'my_db.example.com'],
      ['error', 'spec.externalName', 'ExternalName'],
      ['info', 'spec.externalName', '10.1.2.3'],
    ],
  );
  assert.match(c.findings[0]!.message, /\(API server: spec\.clusterIPs: Forbidden: may not be set for ExternalName services\)$/);
  assert.match(c.findings[2]!.message, /spec\.externalName: Invalid value: "my_db\.example\.com": a lowercase RFC 1123 subdomain must consist of/);
  assert.match(c.findings[3]!.message, /\(API server: spec\.externalName: Required value\)$/);
  // The cluster-IP rule leaves ExternalName Services to this rule.
  assert.deepEqual(c.all.filter((f) => f.rule === 'service-cluster-ip'), []);
});

test('service-external-name: a trailing dot, ports and a selector are fine', () => {
  assert.deepEqual(check(RULE, { 'good.yaml': fixture(RULE, 'good.yaml') }).findings, []);
});
