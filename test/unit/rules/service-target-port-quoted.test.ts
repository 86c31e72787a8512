// service-target-port-quoted: `targetPort: "8080"` is a port name and is rejected (KUBERNETES.md §A.4).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, check, fixTitles, fixture, rangeText } from './ruleTestUtil';

const RULE = 'service-target-port-quoted';

test('service-target-port-quoted: double- and single-quoted numbers are flagged with the API text', () => {
  const c = check(RULE, { 'bad.yaml': fixture(RULE, 'bad.yaml') });
  assert.deepEqual(
    c.findings.map((f) => [f.severity, f.field, rangeText(c, f), fixTitles(f).join(';')]),
    [
      ['error', 'spec.ports[0].targetPort', '"8080"', '*Write targetPort as the number 8080'],
      ['error', 'spec.ports[1].targetPort', "'9090'", '*Write targetPort as the number 9090'],
    ],
  );
  assert.match(c.findings[0]!.message, /\(API server: spec\.ports\[0\]\.targetPort: Invalid value: "8080": must contain at least one letter \(a-z\)\)$/);
  // service-ports does not report the same thing a second time.
  assert.deepEqual(c.all.filter((f) => f.rule === 'service-ports'), []);
});

test('service-target-port-quoted: the fix unquotes the number and keeps the comment', () => {
  const c = check(RULE, { 'bad.yaml': fixture(RULE, 'bad.yaml') });
  for (const f of c.findings) {
    const after = applyFix(c, f.fixes[0]!, RULE);
    assert.equal(after.findings.length, 1);
    assert.notEqual(after.findings[0]!.field, f.field);
  }
  const after = applyFix(c, c.findings[0]!.fixes[0]!, RULE);
  assert.ok(after.texts['bad.yaml']!.includes('      targetPort: 8080  # quoted on purpose\n'));
});

test('service-target-port-quoted: good fixture (plain number, quoted name) is clean', () => {
  assert.deepEqual(check(RULE, { 'good.yaml': fixture(RULE, 'good.yaml') }).findings, []);
});

test('service-target-port-quoted: an out-of-range quoted number is flagged without a fix', () => {
  const c = check(RULE, { 'a.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec:\n  ports:\n  - port: 80\n    targetPort: "70000"\n' });
  assert.equal(c.findings.length, 1);
  assert.deepEqual(c.findings[0]!.fixes, []);
});
