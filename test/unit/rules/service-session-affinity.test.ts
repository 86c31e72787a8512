// service-session-affinity (KUBERNETES.md §A.8, §0.4 item 2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, check, fixTitles, fixture, rangeText } from './ruleTestUtil';

const RULE = 'service-session-affinity';

test('service-session-affinity: wrong case and a timeout above one day', () => {
  const c = check(RULE, { 'bad.yaml': fixture(RULE, 'bad.yaml') });
  assert.deepEqual(
    c.findings.map((f) => [f.severity, f.field, rangeText(c, f), fixTitles(f).join(';')]),
    [
      ['error', 'spec.sessionAffinity', 'ClientIp', '*Change to ClientIP'],
      ['error', 'spec.sessionAffinityConfig.clientIP.timeoutSeconds', '90000', ''],
    ],
  );
  assert.match(c.findings[0]!.message, /\(API server: spec\.sessionAffinity: Unsupported value: "ClientIp": supported values: "ClientIP", "None"\)$/);
  assert.match(c.findings[1]!.message, /\(API server: spec\.sessionAffinityConfig\.clientIP\.timeoutSeconds: Invalid value: 90000: must be greater than 0 and less than 86400\)$/);
  const after = applyFix(c, c.findings[0]!.fixes[0]!, RULE);
  assert.equal(after.findings.length, 1);
});

test('service-session-affinity: 86400 is accepted; None drops the config before validation', () => {
  assert.deepEqual(check(RULE, { 'good.yaml': fixture(RULE, 'good.yaml') }).findings, []);
});

test('service-session-affinity: timeoutSeconds 0 with ClientIP is rejected (only a missing value is defaulted)', () => {
  const c = check(RULE, { 'a.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec:\n  sessionAffinity: ClientIP\n  sessionAffinityConfig: {clientIP: {timeoutSeconds: 0}}\n  ports: [{port: 80}]\n' });
  assert.deepEqual(c.findings.map((f) => rangeText(c, f)), ['0']);
});
