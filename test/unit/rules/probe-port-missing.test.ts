import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, check, fixTitles, fixture, rangeText } from './ruleTestUtil';

const RULE = 'probe-port-missing';
const bad = fixture(RULE, 'bad.yaml');

test('a probe port name the container lacks: warning with the typo fix; an undeclared number: info', () => {
  const c = check(RULE, { 'bad.yaml': bad });
  assert.equal(c.findings.length, 2);
  const [named, numeric] = c.findings as [typeof c.findings[0], typeof c.findings[0]];
  assert.equal(named!.severity, 'warning');
  assert.equal(named!.field, 'spec.template.spec.containers[0].readinessProbe.httpGet.port');
  assert.equal(rangeText(c, named!), 'htp');
  assert.match(named!.message, /uses the port name "htp", but this container declares no port with that name\. Did you mean "http"\?.*the pod never becomes Ready, so Services never send it traffic\./);
  assert.deepEqual(fixTitles(named!), ['*Use port name "http"', 'Use port number 8080']);
  assert.equal(named!.related[0]!.message, 'container app of Deployment web: its declared ports');
  const fixed = applyFix(c, named!.fixes[0]!, RULE);
  assert.equal(fixed.findings.filter((f) => f.severity === 'warning').length, 0);

  assert.equal(numeric!.severity, 'info');
  assert.equal(numeric!.field, 'spec.template.spec.containers[0].livenessProbe.tcpSocket.port');
  assert.equal(rangeText(c, numeric!), '9090');
  assert.match(numeric!.message, /checks port 9090, which the container does not declare \(it declares 8080 \(http\)\)/);
});

test('good fixture', () => {
  assert.deepEqual(check(RULE, { 'good.yaml': fixture(RULE, 'good.yaml') }).findings, []);
});

test('a numeric probe port with no declared ports is not flagged; a named one is', () => {
  const noPorts = bad.replace('          ports:\n            - name: http\n              containerPort: 8080\n', '');
  const c = check(RULE, { 'a.yaml': noPorts });
  assert.equal(c.findings.length, 1);
  assert.match(c.findings[0]!.message, /It declares no ports at all\./);
  assert.deepEqual(c.findings[0]!.fixes, []);
});
