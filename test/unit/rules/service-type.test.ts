// service-type: spec.type values (KUBERNETES.md §A.5).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, check, fixTitles, fixture, rangeText } from './ruleTestUtil';

const RULE = 'service-type';

test('service-type: unknown types are Unsupported, with a did-you-mean fix when close', () => {
  const c = check(RULE, { 'bad.yaml': fixture(RULE, 'bad.yaml') });
  assert.deepEqual(
    c.findings.map((f) => [f.severity, f.field, rangeText(c, f), fixTitles(f).join(';')]),
    [
      ['error', 'spec.type', 'Nodeport', '*Change the type to NodePort'],
      ['error', 'spec.type', 'Public', ''],
    ],
  );
  assert.match(c.findings[1]!.message, /\(API server: spec\.type: Unsupported value: "Public": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"\)$/);
  const after = applyFix(c, c.findings[0]!.fixes[0]!, RULE);
  assert.deepEqual(after.findings.map((f) => rangeText(after, f)), ['Public']);
});

test('service-type: good fixture (NodePort, defaulted type) is clean', () => {
  assert.deepEqual(check(RULE, { 'good.yaml': fixture(RULE, 'good.yaml') }).findings, []);
});
