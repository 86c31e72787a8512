// service-traffic-distribution (KUBERNETES.md §A.12).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, check, fixTitles, fixture, rangeText } from './ruleTestUtil';

const RULE = 'service-traffic-distribution';

test('service-traffic-distribution: wrong case, and topology annotations that disagree', () => {
  const c = check(RULE, { 'bad.yaml': fixture(RULE, 'bad.yaml') });
  assert.deepEqual(
    c.findings.map((f) => [f.severity, f.field, rangeText(c, f), fixTitles(f).join(';')]),
    [
      ['error', 'metadata.annotations[service.kubernetes.io/topology-mode]', 'Auto', ''],
      ['error', 'spec.trafficDistribution', 'preferclose', '*Change to PreferClose'],
    ],
  );
  assert.match(c.findings[0]!.message, /must match annotations\[service\.kubernetes\.io\/topology-aware-hints\] when both are specified\)$/);
  assert.match(c.findings[1]!.message, /\(API server: spec\.trafficDistribution: Unsupported value: "preferclose": supported values: "PreferClose", "PreferSameNode", "PreferSameZone"\)$/);
  assert.equal(applyFix(c, c.findings[1]!.fixes[0]!, RULE).findings.length, 1);
});

test('service-traffic-distribution: PreferClose, PreferSameZone, PreferSameNode and agreeing annotations are accepted', () => {
  assert.deepEqual(check(RULE, { 'good.yaml': fixture(RULE, 'good.yaml') }).findings, []);
});
