import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, check, fixture, rangeText } from './ruleTestUtil';

const RULE = 'ingress-class-missing';

test('a class missing from the IngressClasses in scope: info with the closest class', () => {
  const c = check(RULE, { 'bad.yaml': fixture(RULE, 'bad.yaml') });
  assert.equal(c.findings.length, 1);
  const f = c.findings[0]!;
  assert.equal(f.severity, 'info');
  assert.equal(f.field, 'spec.ingressClassName');
  assert.equal(rangeText(c, f), 'ngnix');
  assert.match(f.message, /Did you mean nginx\?/);
  assert.equal(applyFix(c, f.fixes[0]!, RULE).texts['bad.yaml'], fixture(RULE, 'good.yaml'));
});

test('good fixture, and no IngressClass in scope at all: nothing (the class may be in the cluster)', () => {
  assert.deepEqual(check(RULE, { 'good.yaml': fixture(RULE, 'good.yaml') }).findings, []);
  assert.deepEqual(check(RULE, { 'a.yaml': fixture(RULE, 'bad.yaml').split('---\n')[1]! }).findings, []);
});
