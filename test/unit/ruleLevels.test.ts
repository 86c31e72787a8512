// The `rules` setting: 'off' drops a rule's findings, a severity replaces theirs (core checks and the
// editor's per-file levels share applyRuleLevels).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyRuleLevels, checkFiles } from '../../src/core/index';

const path = join(process.cwd(), 'test', 'fixtures', 'rules', 'selector-no-match', 'bad.yaml');
const text = readFileSync(path, 'utf8');
const ofRule = <T extends { rule: string }>(findings: readonly T[]): T[] => findings.filter((f) => f.rule === 'selector-no-match');

test('checkFiles applies the rules setting: default, a new severity, off', () => {
  const plain = ofRule(checkFiles([{ path, text }]).findings);
  assert.equal(plain.length, 1);
  assert.equal(plain[0]!.severity, 'warning');
  const raised = ofRule(checkFiles([{ path, text }], { settings: { rules: { 'selector-no-match': 'error' } } }).findings);
  assert.deepEqual(raised.map((f) => f.severity), ['error']);
  assert.deepEqual(ofRule(checkFiles([{ path, text }], { settings: { rules: { 'selector-no-match': 'off' } } }).findings), []);
});

test('applyRuleLevels leaves other rules and the input list alone', () => {
  const findings = checkFiles([{ path, text }]).findings;
  const before = findings.map((f) => `${f.rule}:${f.severity}`);
  const out = applyRuleLevels(findings, { 'selector-no-match': 'info' });
  assert.deepEqual(findings.map((f) => `${f.rule}:${f.severity}`), before);
  assert.equal(out.length, findings.length);
  for (const f of out) assert.equal(f.severity, f.rule === 'selector-no-match' ? 'info' : findings.find((g) => g.rule === f.rule && g.range.start === f.range.start)!.severity);
  assert.equal(applyRuleLevels(findings, { 'selector-no-match': 'off' }).length, findings.length - ofRule(findings).length);
});
