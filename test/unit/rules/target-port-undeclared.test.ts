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

test('an app container without ports next to a sidecar with ports: a hint, not the 80-vs-8080 warning', () => {
  const text = fixture(RULE, 'bad.yaml').replace('      image: example/api:1.0\n', '      image: example/api:1.0\n    - name: exporter\n      image: example/exporter:1.0\n      ports:\n        - containerPort: 9113\n');
  const c = check(RULE, { 'a.yaml': text });
  assert.deepEqual(c.all.filter((f) => f.rule === 'target-port-number-undeclared'), []);
  assert.equal(c.findings.length, 1);
  assert.match(c.findings[0]!.message, /the selected pods \(Pod api\) do not declare it; container api declares no ports, so the app may listen there\./);
  assert.deepEqual(c.findings[0]!.related.map((r) => rangeText(c, r)), ['api']);
});
