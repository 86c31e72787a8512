import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, check, fixture, rangeText } from './ruleTestUtil';

const RULE = 'statefulset-service-missing';
const bad = fixture(RULE, 'bad.yaml');

test('serviceName naming a Service that is not headless: warning', () => {
  const c = check(RULE, { 'bad.yaml': bad });
  assert.equal(c.findings.length, 1);
  const f = c.findings[0]!;
  assert.equal(f.severity, 'warning');
  assert.equal(f.field, 'spec.serviceName');
  assert.equal(rangeText(c, f), 'db');
  assert.match(f.message, /that Service is not headless.*db-0\.db\.default\.svc\.cluster\.local exist only for a headless Service/);
  assert.equal(f.related[0]!.message, 'Service db: no clusterIP: None');
});

test('good fixture: headless Service', () => {
  assert.deepEqual(check(RULE, { 'good.yaml': fixture(RULE, 'good.yaml') }).findings, []);
});

test('a misspelt serviceName: warning with the closest Service; none in the namespace: info', () => {
  const good = fixture(RULE, 'good.yaml');
  const c = check(RULE, { 'a.yaml': good.replace('serviceName: db', 'serviceName: dbs') });
  const f = c.findings[0]!;
  assert.equal(f.severity, 'warning');
  assert.match(f.message, /there is no Service dbs in namespace default\. Did you mean db\?/);
  assert.deepEqual(applyFix(c, f.fixes[0]!, RULE).findings, []);
  const alone = check(RULE, { 'a.yaml': good.split('---\n')[1]! });
  assert.equal(alone.findings[0]!.severity, 'info');
});
