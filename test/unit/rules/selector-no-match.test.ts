import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, check, fixTitles, fixture, rangeText } from './ruleTestUtil';

const RULE = 'selector-no-match';
const bad = fixture(RULE, 'bad.yaml');

test('G23: a selector matching no pods names the closest labels and fixes the value', () => {
  const c = check(RULE, { 'bad.yaml': bad });
  assert.equal(c.findings.length, 1);
  const f = c.findings[0]!;
  assert.equal(f.severity, 'warning');
  assert.equal(f.field, 'spec.selector');
  assert.equal(rangeText(c, f), 'selector');
  assert.match(f.message, /Did you mean app=web-app\? The closest is Deployment web-app \(labels app=web-app\): the selector wants app=web but the pods have app=web-app\./);
  assert.deepEqual(f.related.map((r) => r.message), ['Deployment web-app: the pod labels closest to the selector']);
  assert.ok(rangeText(c, f.related[0]!).startsWith('app: web-app'));
  assert.deepEqual(fixTitles(f), ['*Change the selector to match Deployment web-app (app=web-app)']);
  assert.deepEqual(f.fixes[0]!.edits.map((e) => [rangeText(c, e), e.newText]), [['web', 'web-app']]);
  const after = applyFix(c, f.fixes[0]!, RULE);
  assert.deepEqual(after.findings, []);
  assert.equal(after.texts['bad.yaml'], fixture(RULE, 'good.yaml'));
});

test('good fixture matches', () => {
  assert.deepEqual(check(RULE, { 'good.yaml': fixture(RULE, 'good.yaml') }).findings, []);
});

test('G25: every key must match, extra labels are ignored', () => {
  const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n    tier: fe\n  ports:\n    - port: 80\n';
  const podA = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels:\n    app: web\nspec:\n  containers:\n    - name: c\n      image: x\n';
  const podB = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: b\n  labels:\n    app: web\n    tier: fe\n    v: "2"\nspec:\n  containers:\n    - name: c\n      image: x\n';
  assert.deepEqual(check(RULE, { 's.yaml': svc, 'a.yaml': podA, 'b.yaml': podB }).findings, []);
  const c = check(RULE, { 's.yaml': svc, 'a.yaml': podA });
  assert.equal(c.findings.length, 1);
  assert.match(c.findings[0]!.message, /The closest is Pod a \(labels app=web\): the pods have no label tier\. Add the missing labels/);
  assert.deepEqual(c.findings[0]!.fixes, []);
});

test('a renamed key is fixed on the key only', () => {
  const text = bad.replace('    app: web\n  ports', '    name: web-app\n  ports');
  const c = check(RULE, { 'a.yaml': text });
  const f = c.findings[0]!;
  assert.match(f.message, /the selector uses the key name but the pods carry app=web-app/);
  assert.deepEqual(f.fixes[0]!.edits.map((e) => [rangeText(c, e), e.newText]), [['name', 'app']]);
  assert.deepEqual(applyFix(c, f.fixes[0]!, RULE).findings, []);
});

test('pods in another namespace are pointed out: a Service selects only in its own namespace', () => {
  const dep = bad.split('---\n')[1]!.replace('name: web-app\nspec:', 'name: web\n  namespace: shop\nspec:').replace(/app: web-app/g, 'app: web');
  const c = check(RULE, { 's.yaml': bad.split('---\n')[0]!, 'd.yaml': dep });
  assert.equal(c.findings.length, 1);
  assert.match(c.findings[0]!.message, /Deployment web in namespace shop matches, but a Service only selects pods in its own namespace/);
  assert.equal(c.findings[0]!.related[0]!.file, 'd.yaml');
});

test('G18 ExternalName, selectorless Services and scopes without pods are not flagged', () => {
  const ext = bad.replace('spec:\n  selector:', 'spec:\n  type: ExternalName\n  externalName: db.example.com\n  selector:');
  assert.deepEqual(check(RULE, { 'a.yaml': ext }).findings, []);
  assert.deepEqual(check(RULE, { 'a.yaml': bad.split('---\n')[0]! }).findings, []);
});

test('unrelated pods only: no suggestion, the message allows for pods made elsewhere', () => {
  const text = bad.replace('    app: web\n  ports', '    prometheus: main\n  ports');
  const f = check(RULE, { 'a.yaml': text }).findings[0]!;
  assert.match(f.message, /No pod template here comes close .* If these pods are created elsewhere/);
  assert.deepEqual(f.fixes, []);
});
