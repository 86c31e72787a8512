import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, check, fixTitles, fixture, rangeText } from './ruleTestUtil';

const RULE = 'target-port-number-undeclared';

test('80 vs 8080: warns on the targetPort with the flagship message, related port and fixes', () => {
  const c = check(RULE, { 'bad.yaml': fixture(RULE, 'bad.yaml') });
  assert.equal(c.findings.length, 1);
  const f = c.findings[0]!;
  assert.equal(f.severity, 'warning');
  assert.equal(f.field, 'spec.ports[0].targetPort');
  assert.equal(rangeText(c, f), '80');
  assert.equal(
    f.message,
    'Service web sends port 80 to targetPort 80, but the selected pods (Deployment web) declare only containerPort 8080 (http). Requests will be refused unless the app also listens on 80.',
  );
  assert.deepEqual(f.related.map((r) => [rangeText(c, r), r.message]), [['8080', 'Deployment web, container app: containerPort 8080 (http)']]);
  assert.deepEqual(fixTitles(f), ['*Set targetPort to 8080', 'Set targetPort to "http" (containerPort 8080)']);
  for (const fix of f.fixes) {
    const after = applyFix(c, fix, RULE);
    assert.deepEqual(after.findings, [], fix.title);
    assert.deepEqual(after.all.filter((x) => x.severity !== 'info'), []);
  }
  assert.match(applyFix(c, f.fixes[1]!, RULE).texts['bad.yaml']!, /\n {6}targetPort: http\n/);
});

test('the good fixture (targetPort 8080) raises nothing', () => {
  const c = check(RULE, { 'good.yaml': fixture(RULE, 'good.yaml') });
  assert.deepEqual(c.findings, []);
});

test('a defaulted targetPort points at port and the fix inserts targetPort (block and flow style)', () => {
  const dep = fixture(RULE, 'bad.yaml').split('---\n')[1]!;
  const block = `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80 # web\n    protocol: TCP\n---\n${dep}`;
  const c = check(RULE, { 's.yaml': block });
  const f = c.findings[0]!;
  assert.equal(rangeText(c, f), '80');
  assert.equal(f.field, 'spec.ports[0].targetPort');
  assert.match(f.message, /targetPort 80 \(targetPort defaults to port\)/);
  const fixed = applyFix(c, f.fixes[0]!, RULE);
  assert.ok(fixed.texts['s.yaml']!.includes('  - port: 80 # web\n    targetPort: 8080\n    protocol: TCP\n'));
  assert.deepEqual(fixed.findings, []);

  const flow = `apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, ports: [{port: 80}]}\n---\n${dep}`;
  const c2 = check(RULE, { 'f.yaml': flow });
  const fixed2 = applyFix(c2, c2.findings[0]!.fixes[0]!, RULE);
  assert.ok(fixed2.texts['f.yaml']!.includes('ports: [{port: 80, targetPort: 8080}]'));
  assert.deepEqual(fixed2.findings, []);
});

test('several candidates: no preferred fix; a port declared for UDP only is called out', () => {
  const text = fixture(RULE, 'bad.yaml').replace('              containerPort: 8080', '              containerPort: 8080\n            - name: metrics\n              containerPort: 9090\n            - name: dns\n              containerPort: 80\n              protocol: UDP');
  const c = check(RULE, { 'a.yaml': text });
  const f = c.findings[0]!;
  assert.match(f.message, /declare only containerPorts 8080 \(http\), 9090 \(metrics\) and 80\/UDP \(dns\)/);
  assert.match(f.message, /Port 80 is declared for another protocol than TCP/);
  assert.deepEqual(fixTitles(f), ['Set targetPort to 8080', 'Set targetPort to "http" (containerPort 8080)', 'Set targetPort to 9090', 'Set targetPort to "metrics" (containerPort 9090)']);
});

test('headless Services, ExternalName Services and unselected pods are not checked', () => {
  const bad = fixture(RULE, 'bad.yaml');
  assert.deepEqual(check(RULE, { 'a.yaml': bad.replace('spec:\n  selector:', 'spec:\n  clusterIP: None\n  selector:') }).findings, []);
  assert.deepEqual(check(RULE, { 'a.yaml': bad.replace('spec:\n  selector:', 'spec:\n  type: ExternalName\n  externalName: db.example.com\n  selector:') }).findings, []);
  assert.deepEqual(check(RULE, { 'a.yaml': bad.replace('    app: web\n  ports', '    app: other\n  ports') }).findings, []);
});

test('only the pods that lack the port are named when another workload declares it', () => {
  const bad = fixture(RULE, 'bad.yaml');
  const other = bad.split('---\n')[1]!.replace('name: web\nspec:\n  replicas', 'name: web-legacy\nspec:\n  replicas').replace('containerPort: 8080', 'containerPort: 80');
  const c = check(RULE, { 'a.yaml': bad, 'b.yaml': other });
  assert.equal(c.findings.length, 1);
  assert.match(c.findings[0]!.message, /but the pods of Deployment web declare only containerPort 8080 \(http\)\. .*\(Deployment web-legacy declares 80\.\)$/);
});
