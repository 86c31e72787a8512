import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, fixture, rangeText } from './ruleTestUtil';

const RULE = 'ingress-needs-controller';

test('once per file, on the first Ingress kind', () => {
  const c = check(RULE, { 'bad.yaml': fixture(RULE, 'bad.yaml') });
  assert.equal(c.findings.length, 1);
  const f = c.findings[0]!;
  assert.equal(f.severity, 'info');
  assert.equal(f.field, 'kind');
  assert.equal(rangeText(c, f), 'Ingress');
  assert.ok(f.range.start < c.texts['bad.yaml']!.indexOf('name: two'));
  assert.match(f.message, /nothing happens until an Ingress controller/);
  const two = check(RULE, { 'a.yaml': fixture(RULE, 'bad.yaml'), 'b.yaml': fixture(RULE, 'bad.yaml') });
  assert.deepEqual(two.findings.map((x) => x.file), ['a.yaml', 'b.yaml']);
});

test('no Ingress: no hint', () => {
  assert.deepEqual(check(RULE, { 'good.yaml': fixture(RULE, 'good.yaml') }).findings, []);
});
