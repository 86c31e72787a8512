import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, check, fixTitles, fixture, rangeText } from './ruleTestUtil';

const RULE = 'target-port-name-missing';
const bad = fixture(RULE, 'bad.yaml');

test('a misspelt named targetPort: warning, related ports, typo fix preferred, round trip', () => {
  const c = check(RULE, { 'bad.yaml': bad });
  assert.equal(c.findings.length, 1);
  const f = c.findings[0]!;
  assert.equal(f.severity, 'warning');
  assert.equal(f.field, 'spec.ports[0].targetPort');
  assert.equal(rangeText(c, f), 'htpp');
  assert.match(f.message, /^Service web sends port 80 to the container port named "htpp", but the selected pods \(Deployment web\) declare no TCP container port named "htpp"\. The EndpointSlice controller skips/);
  assert.deepEqual(f.related.map((r) => r.message), ['Deployment web, container app: declares 8080 (http)']);
  assert.ok(rangeText(c, f.related[0]!).startsWith('- name: http'));
  assert.deepEqual(fixTitles(f), ['*Set targetPort to "http" (containerPort 8080)', 'Set targetPort to 8080']);
  for (const fix of f.fixes) assert.deepEqual(applyFix(c, fix, RULE).all.filter((x) => x.severity !== 'info'), [], fix.title);
});

test('good fixture: the name resolves', () => {
  assert.deepEqual(check(RULE, { 'good.yaml': fixture(RULE, 'good.yaml') }).findings, []);
});

test('G27: the same name on different numbers in different pods is fine', () => {
  const good = fixture(RULE, 'good.yaml');
  const other = good.split('---\n')[1]!.replace('name: web\nspec:', 'name: web-v2\nspec:').replace('containerPort: 8080', 'containerPort: 9090');
  assert.deepEqual(check(RULE, { 'a.yaml': good, 'b.yaml': other }).findings, []);
});

test('name AND protocol must match: a UDP port of that name does not count', () => {
  const text = fixture(RULE, 'good.yaml').replace('              containerPort: 8080', '              containerPort: 8080\n              protocol: UDP');
  const c = check(RULE, { 'a.yaml': text });
  assert.equal(c.findings.length, 1);
  assert.match(c.findings[0]!.message, /"http" is declared for UDP only: the name AND the protocol must match\./);
  assert.deepEqual(c.findings[0]!.fixes, []);
});

test('a sidecar init container (restartPolicy: Always) can supply the named port; a plain init container cannot', () => {
  const base = fixture(RULE, 'good.yaml').replace('            - name: http\n              containerPort: 8080', '            - name: other\n              containerPort: 7070');
  const withInit = (policy: string) =>
    base.replace('      containers:\n', `      initContainers:\n        - name: proxy\n          image: example/proxy:1\n${policy}          ports:\n            - name: http\n              containerPort: 8080\n      containers:\n`);
  assert.deepEqual(check(RULE, { 'a.yaml': withInit('          restartPolicy: Always\n') }).findings, []);
  assert.equal(check(RULE, { 'a.yaml': withInit('') }).findings.length, 1);
});

test('only the workload lacking the name is named', () => {
  const good = fixture(RULE, 'good.yaml');
  const other = good.split('---\n')[1]!.replace('name: web\nspec:', 'name: web-canary\nspec:').replace('- name: http', '- name: web');
  const c = check(RULE, { 'a.yaml': good, 'b.yaml': other });
  assert.equal(c.findings.length, 1);
  assert.match(c.findings[0]!.message, /the pods of Deployment web-canary \(other selected pods do declare it\)/);
  assert.equal(c.findings[0]!.related[0]!.file, 'b.yaml');
});

test('headless Services are not checked (no port translation happens)', () => {
  assert.deepEqual(check(RULE, { 'a.yaml': bad.replace('spec:\n  selector:', 'spec:\n  clusterIP: None\n  selector:') }).findings, []);
});
