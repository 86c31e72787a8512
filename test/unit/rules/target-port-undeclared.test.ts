import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, fixture, rangeText } from './ruleTestUtil';

const RULE = 'target-port-undeclared';

test('numeric targetPort and no declared ports: an info hint pointing at the container', () => {
  const c = check(RULE, { 'bad.yaml': fixture(RULE, 'bad.yaml') });
  assert.equal(c.findings.length, 1);
  const f = c.findings[0]!;
  assert.equal(f.severity, 'info');
  assert.equal(f.field, 'spec.ports[0].targetPort');
  assert.equal(rangeText(c, f), '8080');
  assert.match(f.message, /^Service api sends port 80 to targetPort 8080, and the selected pods \(Pod api\) declare no container ports\. That works only if the app really listens on 8080/);
  assert.deepEqual(f.related.map((r) => [rangeText(c, r), r.message]), [['api', 'Pod api, container api: declares no ports']]);
  assert.deepEqual(c.all.filter((x) => x.severity !== 'info'), []);
});

test('declared port: no hint (and no warning)', () => {
  const c = check(RULE, { 'good.yaml': fixture(RULE, 'good.yaml') });
  assert.deepEqual(c.findings, []);
  assert.deepEqual(c.all.filter((x) => x.rule === 'target-port-number-undeclared'), []);
});
