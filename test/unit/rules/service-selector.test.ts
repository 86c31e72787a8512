// service-selector: label key/value syntax (KUBERNETES.md §A.7).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, fixture, rangeText } from './ruleTestUtil';

const RULE = 'service-selector';

test('service-selector: bad keys point at the key, bad values at the value, field path spec.selector', () => {
  const c = check(RULE, { 'bad.yaml': fixture(RULE, 'bad.yaml') });
  assert.deepEqual(
    c.findings.map((f) => [f.severity, f.field, rangeText(c, f)]),
    [
      ['error', 'spec.selector', 'app/name/x'],
      ['error', 'spec.selector', '"front end"'],
      ['error', 'spec.selector', '-bad'],
    ],
  );
  assert.match(c.findings[1]!.message, /\(API server: spec\.selector: Invalid value: "front end": a valid label must be an empty string or consist of alphanumeric characters/);
  assert.match(c.findings[2]!.message, /spec\.selector: Invalid value: "-bad": name part must consist of alphanumeric characters/);
});

test('service-selector: good fixture (prefixed key, dots and underscores, empty value) is clean', () => {
  assert.deepEqual(check(RULE, { 'good.yaml': fixture(RULE, 'good.yaml') }).findings, []);
});
