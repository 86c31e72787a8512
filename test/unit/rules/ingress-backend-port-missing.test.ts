import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, check, fixTitles, fixture, rangeText } from './ruleTestUtil';

const RULE = 'ingress-backend-port-missing';
const bad = fixture(RULE, 'bad.yaml');

test('backend port = the targetPort: warning, hint, fixes by number and by name', () => {
  const c = check(RULE, { 'bad.yaml': bad });
  assert.equal(c.findings.length, 1);
  const f = c.findings[0]!;
  assert.equal(f.severity, 'warning');
  assert.equal(f.field, 'spec.rules[0].http.paths[0].backend.service.port.number');
  assert.equal(rangeText(c, f), '8080');
  assert.match(f.message, /sends requests to port 8080 of Service web, but that Service has only port 80 \(http\)\..*8080 is the Service's targetPort/);
  assert.equal(f.related[0]!.message, 'Service web: its ports');
  assert.deepEqual(fixTitles(f), ['*Use port number 80', 'Use port name "http"']);
  const byNumber = applyFix(c, f.fixes[0]!, RULE);
  assert.deepEqual(byNumber.findings, []);
  assert.equal(byNumber.texts['bad.yaml'], bad.replace('number: 8080', 'number: 80'));
  const byName = applyFix(c, f.fixes[1]!, RULE);
  assert.deepEqual(byName.findings, []);
  assert.equal(byName.texts['bad.yaml'], bad.replace('number: 8080', 'name: http'));
  assert.deepEqual(byName.all.filter((x) => x.severity === 'error'), []);
});

test('good fixture', () => {
  assert.deepEqual(check(RULE, { 'good.yaml': fixture(RULE, 'good.yaml') }).findings, []);
});

test('a port name the Service lacks; switching to a number replaces key and value', () => {
  const text = bad.replace('number: 8080', 'name: web');
  const c = check(RULE, { 'a.yaml': text });
  const f = c.findings[0]!;
  assert.equal(rangeText(c, f), 'web');
  assert.match(f.message, /port name "web" of Service web/);
  assert.deepEqual(fixTitles(f), ['*Use port name "http"', 'Use port number 80']);
  assert.equal(applyFix(c, f.fixes[1]!, RULE).texts['a.yaml'], bad.replace('number: 8080', 'number: 80'));
});

test('flow-style port mapping is edited in place', () => {
  const text = bad.replace('                port:\n                  number: 8080', '                port: {number: 8080}');
  const c = check(RULE, { 'a.yaml': text });
  assert.equal(applyFix(c, c.findings[0]!.fixes[1]!, RULE).texts['a.yaml'], text.replace('{number: 8080}', '{name: http}'));
});
