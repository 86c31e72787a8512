// service-name: metadata.name DNS-1035, namespace DNS-1123 label (KUBERNETES.md §A.2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, check, fixTitles, fixture, rangeText } from './ruleTestUtil';

const RULE = 'service-name';

test('service-name: bad fixture flags a leading digit, upper case and "_", a bad namespace and a missing name', () => {
  const c = check(RULE, { 'bad.yaml': fixture(RULE, 'bad.yaml') });
  assert.deepEqual(
    c.findings.map((f) => [f.severity, f.field, rangeText(c, f), fixTitles(f).join(';')]),
    [
      ['error', 'metadata.name', '1-backend', 'Rename the Service to `backend`'],
      ['error', 'metadata.name', 'My_Web', 'Rename the Service to `my-web`'],
      ['error', 'metadata.namespace', 'Team.A', ''],
      ['error', 'metadata.name', 'metadata', ''],
    ],
  );
  assert.match(c.findings[0]!.message, /\(API server: metadata\.name: Invalid value: "1-backend": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character/);
  assert.match(c.findings[0]!.message, /RelaxedServiceNameValidation/);
  assert.doesNotMatch(c.findings[1]!.message, /RelaxedServiceNameValidation/);
  assert.match(c.findings[2]!.message, /metadata\.namespace: Invalid value: "Team\.A": a lowercase RFC 1123 label/);
  assert.match(c.findings[3]!.message, /\(API server: metadata\.name: Required value: name or generateName is required\)$/);
});

test('service-name: good fixture (DNS-1035 name, generateName prefix ending in "-") is clean', () => {
  assert.deepEqual(check(RULE, { 'good.yaml': fixture(RULE, 'good.yaml') }).findings, []);
});

test('service-name: the rename fix round-trips', () => {
  const c = check(RULE, { 'bad.yaml': fixture(RULE, 'bad.yaml') });
  const after = applyFix(c, c.findings[1]!.fixes[0]!, RULE);
  assert.equal(after.all.filter((f) => f.rule === 'yaml-syntax').length, 0);
  assert.deepEqual(after.findings.map((f) => f.field), ['metadata.name', 'metadata.namespace', 'metadata.name']);
  assert.ok(after.texts['bad.yaml']!.includes('  name: my-web\n'));
});

test('service-name: only core/v1 Services are checked', () => {
  const c = check(RULE, { 'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: 1-config\n---\napiVersion: example.com/v1\nkind: Service\nmetadata:\n  name: Web\n' });
  assert.deepEqual(c.findings, []);
});
