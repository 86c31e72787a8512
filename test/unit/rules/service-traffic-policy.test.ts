// service-traffic-policy (KUBERNETES.md §A.10).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, check, fixTitles, fixture, rangeText } from './ruleTestUtil';

const RULE = 'service-traffic-policy';

test('service-traffic-policy: bad fixture', () => {
  const c = check(RULE, { 'bad.yaml': fixture(RULE, 'bad.yaml') });
  assert.deepEqual(
    c.findings.map((f) => [f.severity, f.field, rangeText(c, f), fixTitles(f).join(';')]),
    [
      ['error', 'spec.externalTrafficPolicy', 'Local', ''],
      ['error', 'spec.internalTrafficPolicy', 'local', '*Change to Local'],
      ['error', 'spec.externalTrafficPolicy', 'Nearest', ''],
      ['error', 'spec.healthCheckNodePort', '31000', ''],
    ],
  );
  assert.match(c.findings[0]!.message, /\(API server: spec\.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services\)$/);
  assert.match(c.findings[1]!.message, /spec\.internalTrafficPolicy: Unsupported value: "local": supported values: "Cluster", "Local"\)$/);
  assert.match(c.findings[3]!.message, /spec\.healthCheckNodePort: Invalid value: 31000: may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'\)$/);
  const after = applyFix(c, c.findings[1]!.fixes[0]!, RULE);
  assert.equal(after.findings.length, 3);
});

test('service-traffic-policy: good fixture (LoadBalancer + Local + healthCheckNodePort, ClusterIP with externalIPs) is clean', () => {
  assert.deepEqual(check(RULE, { 'good.yaml': fixture(RULE, 'good.yaml') }).findings, []);
});

test('service-traffic-policy: internalTrafficPolicy on ExternalName is not rejected when valid', () => {
  const c = check(RULE, { 'a.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec:\n  type: ExternalName\n  externalName: a.example.com\n  internalTrafficPolicy: Cluster\n' });
  assert.deepEqual(c.findings, []);
});
