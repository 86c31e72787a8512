// One failing rule never stops the others: checkScope logs the failure with the document it was
// checking (VS Code shows it in the "Service Lab" output channel) and still returns every other finding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFiles, rules as allRules } from '../../src/core/index';
import type { Rule } from '../../src/core/index';

const TEXT = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - name: http
    port: 80
  - port: 81
`;

function recording() {
  const errors: { message: string; args: unknown[] }[] = [];
  return { errors, logger: { error: (message: string, ...args: unknown[]) => errors.push({ message, args }), warn() {}, info() {} } };
}

const throwsOnObjects: Rule = {
  id: 'test-throws-on-objects',
  defaultSeverity: 'error',
  description: 'always throws',
  checkObject() {
    throw new TypeError('boom on object');
  },
};

const throwsOnScope: Rule = {
  id: 'test-throws-on-scope',
  defaultSeverity: 'error',
  description: 'always throws',
  checkScope() {
    throw new RangeError('boom on scope');
  },
};

const reportsFirst: Rule = {
  id: 'test-reports-then-throws',
  defaultSeverity: 'warning',
  description: 'reports, then throws',
  kinds: ['Service'],
  checkObject(obj, ctx) {
    ctx.report(obj, ['metadata', 'name'], 'reported before the failure');
    throw new Error('after reporting');
  },
};

test('a throwing rule is logged with the document and the others still report', () => {
  const expected = checkFiles([{ path: 'svc.yaml', text: TEXT }]).findings;
  assert.ok(expected.some((f) => f.rule === 'service-ports'), 'the fixture has a real finding (unnamed second port)');
  const { errors, logger } = recording();
  const { findings } = checkFiles([{ path: 'svc.yaml', text: TEXT }], { rules: [throwsOnObjects, ...allRules, throwsOnScope], logger });
  // Every real rule still reports exactly what it reports alone.
  assert.deepEqual(
    findings.map((f) => [f.rule, f.range.start, f.message]),
    expected.map((f) => [f.rule, f.range.start, f.message]),
  );
  assert.equal(errors.length, 2);
  assert.equal(errors[0]!.message, 'rule test-throws-on-objects failed on svc.yaml (Service/web)');
  assert.ok(errors[0]!.args[0] instanceof TypeError);
  assert.equal(errors[1]!.message, 'rule test-throws-on-scope failed on svc.yaml');
  assert.ok(errors[1]!.args[0] instanceof RangeError);
});

test('what a rule reported before it threw is kept, and the next object is still checked', () => {
  const { errors, logger } = recording();
  const two = `${TEXT}---\n${TEXT.replace('name: web', 'name: api')}`;
  const { findings } = checkFiles([{ path: 'a.yaml', text: two }], { rules: [reportsFirst], logger });
  assert.deepEqual(
    findings.map((f) => [f.rule, two.slice(f.range.start, f.range.end)]),
    [
      ['test-reports-then-throws', 'web'],
      ['test-reports-then-throws', 'api'],
    ],
  );
  assert.deepEqual(
    errors.map((e) => e.message),
    ['rule test-reports-then-throws failed on a.yaml (Service/web)', 'rule test-reports-then-throws failed on a.yaml (Service/api)'],
  );
});

test('a scope-wide failure over many files names the first few', () => {
  const { errors, logger } = recording();
  const files = Array.from({ length: 5 }, (_, i) => ({ path: `f${i}.yaml`, text: TEXT }));
  checkFiles(files, { rules: [throwsOnScope], logger });
  assert.deepEqual(
    errors.map((e) => e.message),
    ['rule test-throws-on-scope failed on f0.yaml, f1.yaml, f2.yaml and 2 more files'],
  );
});
