// Helpers for rule tests: load fixtures, run the checker, read ranges back as source text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { applyEdits, checkFiles } from '../../../src/core/index';
import type { Finding, Fix } from '../../../src/core/index';

export const fixturesDir = join(__dirname, '..', '..', 'fixtures', 'rules');

export function fixture(rule: string, name: string): string {
  return readFileSync(join(fixturesDir, rule, name), 'utf8');
}

export interface Checked {
  readonly all: Finding[];
  /** Findings of the rule under test. */
  readonly findings: Finding[];
  readonly texts: Record<string, string>;
}

/** Checks files (name -> text) as one scope and keeps the findings of `rule`. */
export function check(rule: string, texts: Record<string, string>): Checked {
  const { findings } = checkFiles(Object.entries(texts).map(([path, text]) => ({ path, text })));
  return { all: findings, findings: findings.filter((f) => f.rule === rule), texts };
}

export function rangeText(c: Checked, f: { file: string; range: { start: number; end: number } }): string {
  return c.texts[f.file]!.slice(f.range.start, f.range.end);
}

/** Applies a fix to its file, re-checks, and asserts the text outside the edits is byte-identical. */
export function applyFix(c: Checked, fix: Fix, rule: string): Checked {
  const files = new Set(fix.edits.map((e) => e.file));
  const texts = { ...c.texts };
  for (const file of files) {
    const edits = fix.edits.filter((e) => e.file === file);
    const before = texts[file]!;
    const after = applyEdits(before, edits);
    // Outside the edited ranges nothing changes: prefix before the first edit and suffix after the last.
    const first = Math.min(...edits.map((e) => e.range.start));
    const last = Math.max(...edits.map((e) => e.range.end));
    assert.equal(after.slice(0, first), before.slice(0, first));
    assert.equal(after.slice(after.length - (before.length - last)), before.slice(last));
    texts[file] = after;
  }
  return check(rule, texts);
}

export function fixTitles(f: Finding): string[] {
  return f.fixes.map((x) => `${x.preferred ? '*' : ''}${x.title}`);
}
