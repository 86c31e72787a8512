import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, fixture, rangeText } from './ruleTestUtil';

const RULE = 'selectorless-service';

test('a Service without selector and without EndpointSlices: info on spec', () => {
  const c = check(RULE, { 'bad.yaml': fixture(RULE, 'bad.yaml') });
  assert.equal(c.findings.length, 1);
  const f = c.findings[0]!;
  assert.equal(f.severity, 'info');
  assert.equal(f.field, 'spec.selector');
  assert.equal(rangeText(c, f), 'spec');
  assert.match(f.message, /labelled kubernetes\.io\/service-name: legacy-db/);
});

test('G38: a manual EndpointSlice for it: no hint and no warning at all', () => {
  const c = check(RULE, { 'good.yaml': fixture(RULE, 'good.yaml') });
  assert.deepEqual(c.findings, []);
  assert.deepEqual(c.all.filter((f) => f.severity !== 'info'), []);
});

test('G18: ExternalName Services are not selectorless Services', () => {
  const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  type: ExternalName\n  externalName: db.example.com\n';
  assert.deepEqual(check(RULE, { 'a.yaml': text }).all.filter((f) => f.severity !== 'info'), []);
  assert.deepEqual(check(RULE, { 'a.yaml': text }).findings, []);
});
