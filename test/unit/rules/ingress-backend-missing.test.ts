import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, check, fixTitles, fixture, rangeText } from './ruleTestUtil';

const RULE = 'ingress-backend-missing';
const bad = fixture(RULE, 'bad.yaml');

test('a backend naming a missing Service: warning with the closest name as fix', () => {
  const c = check(RULE, { 'bad.yaml': bad });
  assert.equal(c.findings.length, 1);
  const f = c.findings[0]!;
  assert.equal(f.severity, 'warning');
  assert.equal(f.field, 'spec.rules[0].http.paths[0].backend.service.name');
  assert.equal(rangeText(c, f), 'wbe');
  assert.match(f.message, /no Service wbe in namespace default \(Services here: web\)\. Did you mean web\?/);
  assert.deepEqual(f.related.map((r) => [rangeText(c, r), r.message]), [['web', 'Service web in namespace default']]);
  assert.deepEqual(fixTitles(f), ['*Change the backend to Service web']);
  const after = applyFix(c, f.fixes[0]!, RULE);
  assert.deepEqual(after.findings, []);
  assert.equal(after.texts['bad.yaml'], fixture(RULE, 'good.yaml'));
});

test('good fixture', () => {
  assert.deepEqual(check(RULE, { 'good.yaml': fixture(RULE, 'good.yaml') }).findings, []);
});

test('no Service at all in the namespace: info, the Service may live in another file (G66)', () => {
  const ing = bad.split('---\n')[1]!;
  const c = check(RULE, { 'ing.yaml': ing });
  assert.equal(c.findings.length, 1);
  assert.equal(c.findings[0]!.severity, 'info');
  assert.match(c.findings[0]!.message, /which is not in the files checked together\. Make sure Service wbe exists in namespace default/);
});

test('a Service of that name in another namespace is pointed out; defaultBackend is checked too', () => {
  const ing = bad.split('---\n')[1]!.replace('name: wbe', 'name: web').replace('spec:\n  rules:', 'spec:\n  defaultBackend:\n    service:\n      name: api\n      port:\n        number: 80\n  rules:');
  const svcs = bad.split('---\n')[0]!.replace('name: web', 'name: api\n  namespace: backend') + '---\n' + bad.split('---\n')[0]!;
  const c = check(RULE, { 'ing.yaml': ing, 'svc.yaml': svcs });
  assert.equal(c.findings.length, 1);
  const f = c.findings[0]!;
  assert.equal(f.field, 'spec.defaultBackend.service.name');
  assert.match(f.message, /A Service api exists in namespace backend, but an Ingress can only route to Services in its own namespace \(default\)\./);
  assert.equal(f.related[0]!.file, 'svc.yaml');
});

test('kube-system backends are hints: add-ons such as the dashboard come with their own manifests', () => {
  const text = bad.replace(/metadata:\n  name: (web|site)\n/g, (m) => `${m}  namespace: kube-system\n`).replace('name: wbe', 'name: kubernetes-dashboard');
  const c = check(RULE, { 'a.yaml': text });
  assert.equal(c.findings.length, 1);
  assert.equal(c.findings[0]!.severity, 'info');
  assert.equal(rangeText(c, c.findings[0]!), 'kubernetes-dashboard');
});
