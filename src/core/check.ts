// Runs the rules over a scope and returns findings; a failing rule is logged, never fatal.
import type { Finding, Settings } from './model';
import { withDefaults } from './model';
import type { ParsedFile } from './parse';
import { parseFile } from './parse';
import type { ParseCache } from './parse';
import { Scope } from './scope';
import { rules as allRules } from './rules/index';
import type { Rule, RuleContext } from './rules/types';
import { makeFinding } from './rules/types';

/** A sink for diagnostics about Service Lab itself (not about the user's YAML). */
export interface Logger {
  error(message: string, ...args: unknown[]): void;
  warn(message: string, ...args: unknown[]): void;
  info(message: string, ...args: unknown[]): void;
}

export const nullLogger: Logger = { error() {}, warn() {}, info() {} };

export interface CheckOptions {
  readonly settings?: Partial<Settings>;
  readonly rules?: readonly Rule[];
  readonly logger?: Logger;
}

/** Checks every object of a scope; parser findings of the scope's files are included. */
export function checkScope(scope: Scope, options: CheckOptions = {}): Finding[] {
  const settings = withDefaults(options.settings);
  const logger = options.logger ?? nullLogger;
  const out: Finding[] = [];
  for (const f of scope.files) out.push(...f.findings);
  for (const rule of options.rules ?? allRules) {
    if (settings.rules[rule.id] === 'off') continue;
    const ctx: RuleContext = {
      scope,
      settings,
      report: (obj, path, message, opts) => out.push(makeFinding(rule, obj, path, message, opts)),
    };
    try {
      if (rule.checkObject) {
        for (const obj of scope.objects) {
          if (rule.kinds && !rule.kinds.includes(obj.ref.kind)) continue;
          try {
            rule.checkObject(obj, ctx);
          } catch (e) {
            logger.error(`rule ${rule.id} failed on ${obj.file} (${obj.ref.kind}/${obj.ref.name})`, e);
          }
        }
      }
      rule.checkScope?.(ctx);
    } catch (e) {
      logger.error(`rule ${rule.id} failed`, e);
    }
  }
  return applySeverities(out, settings).sort(compareFindings);
}

/** Parses texts and checks them as one scope. */
export function checkFiles(files: readonly { path: string; text: string }[], options: CheckOptions & { cache?: ParseCache } = {}): { findings: Finding[]; parsed: ParsedFile[]; scope: Scope } {
  const parsed = files.map((f) => parseFile(f.path, f.text, options.cache));
  const scope = new Scope(parsed);
  return { findings: checkScope(scope, options), parsed, scope };
}

function applySeverities(findings: Finding[], settings: Settings): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    const o = settings.rules[f.rule];
    if (o === 'off') continue;
    out.push(o ? { ...f, severity: o } : f);
  }
  return out;
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.range.start - b.range.start || a.range.end - b.range.end || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}
