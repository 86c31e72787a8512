// The rule interface: one small object per rule id, collected in rules/index.ts.
import type { Finding, Fix, Path, RelatedLocation, Settings, Severity, Span, TextEdit } from '../model';
import type { K8sObject } from '../parse';
import { fieldPath, locate } from '../parse';
import type { Scope } from '../scope';

export interface ReportOptions {
  /** Overrides the rule's default severity for this finding. */
  readonly severity?: Severity;
  /** Point at the key instead of the value (e.g. unknown fields). */
  readonly at?: 'key' | 'value';
  /** Overrides the field path printed (defaults to the path). */
  readonly field?: string;
  /** Overrides the range (absolute offsets in the object's file). */
  readonly range?: Span;
  readonly related?: readonly RelatedLocation[];
  readonly fixes?: readonly Fix[];
}

export interface RuleContext {
  readonly scope: Scope;
  readonly settings: Settings;
  /** Reports a finding at `path` inside `obj` (falls back to the deepest existing parent). */
  report(obj: K8sObject, path: Path, message: string, opts?: ReportOptions): void;
}

export interface Rule {
  /** Stable kebab-case id; also the docs page `docs/rules/<id>.md`. */
  readonly id: string;
  readonly defaultSeverity: Severity;
  /** One line for docs and settings. */
  readonly description: string;
  /** Object kinds `checkObject` is called for (all objects when absent). */
  readonly kinds?: readonly string[];
  /**
   * Checks one object on its own (may still read the scope). Its findings may depend only on the object's
   * text, the settings and what it reads through `ctx.scope`: the incremental Checker reuses them while
   * those stay the same (not on the document's index or offset in the file).
   */
  checkObject?(obj: K8sObject, ctx: RuleContext): void;
  /** Checks relations across the whole scope. */
  checkScope?(ctx: RuleContext): void;
}

/** A related location at a path inside an object. */
export function relatedAt(obj: K8sObject, path: Path, message: string): RelatedLocation {
  return { file: obj.file, range: locate(obj, path).span, message };
}

/** An edit replacing the value (or key) at a path. */
export function replaceAt(obj: K8sObject, path: Path, newText: string, at: 'key' | 'value' = 'value'): TextEdit {
  const loc = locate(obj, path);
  const range = (at === 'key' ? loc.key : loc.value) ?? loc.span;
  return { file: obj.file, range, newText };
}

/** Builds a finding; used by the check driver. */
export function makeFinding(rule: Rule, obj: K8sObject, path: Path, message: string, opts: ReportOptions = {}): Finding {
  const loc = locate(obj, path);
  const range = opts.range ?? (opts.at === 'key' ? (loc.key ?? loc.span) : loc.found ? (loc.value ?? loc.key ?? loc.span) : (loc.key ?? loc.span));
  return {
    rule: rule.id,
    severity: opts.severity ?? rule.defaultSeverity,
    message,
    file: obj.file,
    range,
    field: opts.field ?? (path.length ? fieldPath(path) : undefined),
    object: obj.ref,
    related: opts.related ?? [],
    fixes: opts.fixes ?? [],
  };
}
