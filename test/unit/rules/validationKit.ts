// Test kit for the Ingress/workload validation rules: run one rule on a fixture and read findings
// back as [field, severity, exact source text of the range].
import { checkFiles } from '../../../src/core/check';
import type { Finding } from '../../../src/core/model';
import { rules } from '../../../src/core/rules/index';

export { fixture } from './ruleTestUtil';

/** Findings of one rule (run alone, as the only rule) on one file. */
export function run(ruleId: string, text: string, path = 'test.yaml'): Finding[] {
  const rule = rules.find((r) => r.id === ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  return checkFiles([{ path, text }], { rules: [rule] }).findings.filter((f) => f.rule === ruleId);
}

/** `field | severity | covered text` per finding, in source order. */
export function summary(text: string, findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.field ?? ''} | ${f.severity} | ${text.slice(f.range.start, f.range.end)}`);
}

/** The API-server part of a message: the text inside the final "(API server: …)". */
export function apiText(f: Finding): string {
  const i = f.message.lastIndexOf('(API server: ');
  return i < 0 ? '' : f.message.slice(i + '(API server: '.length, -1);
}
