import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, check, fixTitles, fixture, rangeText } from './ruleTestUtil';

const RULE = 'endpointslice-port-mismatch';

test('a hand-made slice whose port name differs from the Service port: warning and rename fix', () => {
  const c = check(RULE, { 'bad.yaml': fixture(RULE, 'bad.yaml') });
  assert.equal(c.findings.length, 1);
  const f = c.findings[0]!;
  assert.equal(f.severity, 'warning');
  assert.equal(f.field, 'spec.ports[0].name');
  assert.equal(rangeText(c, f), 'pg');
  assert.match(f.message, /its EndpointSlices have no TCP port named "pg" \(they have "postgres"\/TCP\)\. kube-proxy pairs slice ports with Service ports by name/);
  assert.equal(f.related[0]!.message, 'EndpointSlice legacy-db-1: port "postgres" 5432/TCP');
  assert.deepEqual(fixTitles(f), ['*Rename EndpointSlice legacy-db-1 port "postgres" to "pg"']);
  const after = applyFix(c, f.fixes[0]!, RULE);
  assert.deepEqual(after.findings, []);
  assert.equal(after.texts['bad.yaml'], fixture(RULE, 'good.yaml'));
});

test('G38: matching names, and Services with a selector, are fine', () => {
  assert.deepEqual(check(RULE, { 'good.yaml': fixture(RULE, 'good.yaml') }).findings, []);
  const withSelector = fixture(RULE, 'bad.yaml').replace('spec:\n  ports:', 'spec:\n  selector:\n    app: db\n  ports:');
  assert.deepEqual(check(RULE, { 'a.yaml': withSelector }).findings, []);
});

test('an unnamed single Service port needs an unnamed slice port', () => {
  const text = fixture(RULE, 'good.yaml').replace('    - name: pg\n      port: 5432', '    - port: 5432');
  const c = check(RULE, { 'a.yaml': text });
  assert.equal(c.findings.length, 1);
  assert.equal(rangeText(c, c.findings[0]!), '5432');
  assert.match(c.findings[0]!.message, /no TCP port without a name/);
  assert.deepEqual(c.findings[0]!.fixes, []);
});
