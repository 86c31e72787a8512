// service-cluster-ip-conflict (KUBERNETES.md §A.6 allocation, §E.1).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, fixture, rangeText } from './ruleTestUtil';

const RULE = 'service-cluster-ip-conflict';

test('service-cluster-ip-conflict: the second and third Service asking for one IP are flagged, across namespaces', () => {
  const c = check(RULE, { 'bad.yaml': fixture(RULE, 'bad.yaml') });
  assert.deepEqual(
    c.findings.map((f) => [f.severity, f.field, rangeText(c, f), f.related.map((r) => rangeText(c, r)).join(';')]),
    [
      ['error', 'spec.clusterIPs', '"10.96.0.50"', '10.96.0.50'],
      ['error', 'spec.clusterIPs', '10.96.0.50', '10.96.0.50'],
    ],
  );
  assert.match(c.findings[0]!.message, /\(API server: spec\.clusterIPs: Invalid value: \["10\.96\.0\.50"\]: failed to allocate IP 10\.96\.0\.50: provided IP is already allocated\)$/);
});

test('service-cluster-ip-conflict: two versions of one Service and several headless Services are fine', () => {
  assert.deepEqual(check(RULE, { 'good.yaml': fixture(RULE, 'good.yaml') }).findings, []);
});
