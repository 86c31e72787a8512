// field-type: values of the wrong JSON type, typed the way kubectl's YAML 1.1 reader types them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, check, fixture, fixTitles, rangeText } from './ruleTestUtil';
import { plainScalarKind } from '../../../src/core/fieldSchema';

const RULE = 'field-type';

test('field-type: bad fixture flags each wrong type at the value', () => {
  const c = check(RULE, { 'bad.yaml': fixture(RULE, 'bad.yaml') });
  const got = c.findings.map((f) => [f.severity, f.field, rangeText(c, f), fixTitles(f).join(';')]);
  assert.deepEqual(got, [
    ['error', 'metadata.labels.version', '1.0', '*Quote 1.0'],
    ['error', 'metadata.labels.enabled', 'yes', '*Quote yes'],
    ['error', 'spec.ports[0].port', '"80"', '*Remove the quotes: 80'],
    ['error', 'spec.ports', '80', ''],
    ['error', 'spec.externalIPs', '192.0.2.10', '*Make `externalIPs` a one-item list'],
    ['error', 'spec.replicas', 'three', ''],
    ['error', 'spec.template.spec.hostNetwork', '"true"', '*Remove the quotes: true'],
    ['error', 'spec.template.spec.containers[0].env[0].value', '8080', '*Quote 8080'],
    ['error', 'spec.template.spec.containers[0].resources.limits.cpu', 'true', ''],
    ['error', 'spec.template.spec.containers[0].ports', 'containerPort: 8080\n', ''],
  ]);
  assert.match(c.findings[2]!.message, /A quoted number is a string, but `port` must be an integer: remove the quotes/);
  assert.match(c.findings[0]!.message, /cannot unmarshal number into Go struct field ObjectMeta\.metadata\.labels of type string/);
  assert.match(c.findings[1]!.message, /YAML 1\.1/);
  assert.match(c.findings[7]!.message, /Go struct field EnvVar\.spec\.template\.spec\.containers\.env\.value of type string/);
  assert.doesNotMatch(c.findings[8]!.message, /Go struct field/); // quantities decode themselves
});

test('field-type: every fix round-trips (parses, no longer flagged there, rest byte-identical)', () => {
  const c = check(RULE, { 'bad.yaml': fixture(RULE, 'bad.yaml') });
  let fixed = 0;
  for (const f of c.findings) {
    for (const fix of f.fixes) {
      const after = applyFix(c, fix, RULE);
      assert.equal(after.all.filter((x) => x.rule === 'yaml-syntax').length, 0, fix.title);
      assert.ok(!after.findings.some((x) => x.field === f.field), fix.title);
      assert.equal(after.findings.length, c.findings.length - 1, fix.title);
      fixed++;
    }
  }
  assert.equal(fixed, 6);
});

test('field-type: good fixture (int-or-string, quantities, YAML 1.1 booleans, nulls, CRDs, plain YAML) is clean', () => {
  const c = check(RULE, { 'good.yaml': fixture(RULE, 'good.yaml') });
  assert.deepEqual(c.findings, []);
  assert.deepEqual(c.all.filter((f) => f.rule === 'unknown-field'), []);
});

test('field-type: a quoted numeric targetPort is left to service-target-port-quoted', () => {
  const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  ports:\n  - port: 80\n    targetPort: "8080"\n';
  assert.deepEqual(check(RULE, { 'q.yaml': text }).findings, []);
});

test('field-type: plain scalars are typed like go-yaml v2 (kubectl)', () => {
  const cases: [string, string][] = [
    ['yes', 'bool'], ['Off', 'bool'], ['y', 'bool'], ['true', 'bool'], ['TRUE', 'bool'],
    ['80', 'int'], ['-1', 'int'], ['0x1F', 'int'], ['0777', 'int'], ['1_000', 'int'], ['0b101', 'int'],
    ['1.0', 'float'], ['.5', 'float'], ['1e3', 'float'], ['.inf', 'float'], ['08', 'float'],
    ['~', 'null'], ['null', 'null'], ['', 'null'],
    ['1.2.3', 'string'], ['v1', 'string'], ['25%', 'string'], ['500m', 'string'], ['yess', 'string'], ['10.0.0.1', 'string'],
  ];
  for (const [text, kind] of cases) assert.equal(plainScalarKind(text), kind, text);
});
