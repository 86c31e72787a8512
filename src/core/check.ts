// Runs the rules over a scope and returns findings; a failing rule is logged, never fatal.
import type { Finding, Settings } from './model';
import { withDefaults } from './model';
import type { K8sObject, ParsedFile } from './parse';
import { parseFile } from './parse';
import type { ParseCache } from './parse';
import { Scope } from './scope';
import { LineIndex } from './text';
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
  /**
   * Files of more UTF-8 bytes than this are not parsed (checkFiles only): each gets one
   * `file-too-large` hint instead, so a huge paste cannot stall the caller. No limit by default.
   */
  readonly maxFileSize?: number;
  /** How to check an over-size file anyway, appended to the `file-too-large` message. */
  readonly maxFileSizeAdvice?: string;
}

/** UTF-8 length of a string, counting no further than just past `cap` (cheap on huge texts). */
export function utf8Length(text: string, cap = Infinity): number {
  let n = 0;
  for (let i = 0; i < text.length && n <= cap; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** The parse result of a file that was too large to check: no objects, one hint at its start. */
function tooLargeFile(path: string, text: string, limit: number, advice: string | undefined): ParsedFile {
  const size = utf8Length(text);
  const finding: Finding = {
    rule: 'file-too-large',
    severity: 'info',
    message: `This file is ${size.toLocaleString('en-US')} bytes, more than the ${limit.toLocaleString('en-US')}-byte limit, so Service Lab did not check it.${advice ? ' ' + advice : ''}`,
    file: path,
    range: { start: 0, end: 0 },
    related: [],
    fixes: [],
  };
  return { path, text, lines: new LineIndex(text), documents: [], objects: [], findings: [finding], looksLikeKubernetes: false };
}

/** Checks every object of a scope; parser findings of the scope's files are included. */
export function checkScope(scope: Scope, options: CheckOptions = {}): Finding[] {
  return runChecks(scope, options);
}

/**
 * What a `checkObject` call read from the scope: nothing (its findings depend only on the object's text
 * and the settings), some namespaces (through the namespace-scoped Scope methods), or anything (`global`).
 */
export interface ScopeReads {
  readonly namespaces: ReadonlySet<string>;
  /** Kinds whose whole list was read (`scope.services`, `scope.ingressClasses`, ...). */
  readonly kinds: ReadonlySet<string>;
  readonly global: boolean;
}

/**
 * Remembers `checkObject` findings between checks. Used by the incremental `Checker` (incremental.ts);
 * the full check has none.
 */
export interface ObjectMemo {
  /** Called once before `ruleCount` rules run on a scope; returns a handle per object of `scope.objects`. */
  prepare(scope: Scope, ruleCount: number): MemoEntry[];
}

export interface MemoEntry {
  /** Findings remembered for rule number `ruleIndex` on this object, or undefined to run the rule. */
  get(ruleIndex: number, obj: K8sObject): readonly Finding[] | undefined;
  /** Stores what the rule reported on this object, and what it read from the scope to do so. */
  set(ruleIndex: number, obj: K8sObject, findings: readonly Finding[], reads: ScopeReads): void;
}

/** Scope methods whose answer depends only on one namespace's objects, with how to get that namespace. */
const NAMESPACED: Readonly<Record<string, (args: unknown[]) => unknown>> = {
  servicesIn: (a) => a[0],
  podSourcesIn: (a) => a[0],
  selectPods: (a) => a[0],
  findService: (a) => a[0],
  podsForService: (a) => (a[0] as K8sObject | undefined)?.ref?.namespace,
};

/** Scope lists that hold only objects of one kind. */
const KIND_LISTS: Readonly<Record<string, string>> = { services: 'Service', ingresses: 'Ingress', ingressClasses: 'IngressClass', endpointSlices: 'EndpointSlice' };

/** A view of the scope that records what is read through it into `reads` (anything else counts as global). */
function recordingScope(scope: Scope, reads: { namespaces: Set<string>; kinds: Set<string>; global: boolean }): Scope {
  return new Proxy(scope, {
    get(target, prop) {
      const nsOf = typeof prop === 'string' && Object.prototype.hasOwnProperty.call(NAMESPACED, prop) ? NAMESPACED[prop] : undefined;
      const v: unknown = Reflect.get(target, prop, target);
      if (nsOf && typeof v === 'function') {
        return (...args: unknown[]) => {
          const ns = nsOf(args);
          if (typeof ns === 'string') reads.namespaces.add(ns);
          else reads.global = true;
          return (v as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      const kind = typeof prop === 'string' && Object.prototype.hasOwnProperty.call(KIND_LISTS, prop) ? KIND_LISTS[prop] : undefined;
      if (kind) reads.kinds.add(kind);
      else reads.global = true;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/** The rule driver shared by `checkScope` and the incremental `Checker`: same order, same results. */
export function runChecks(scope: Scope, options: CheckOptions = {}, memo?: ObjectMemo): Finding[] {
  const settings = withDefaults(options.settings);
  const logger = options.logger ?? nullLogger;
  const out: Finding[] = [];
  for (const f of scope.files) out.push(...f.findings);
  const objects = scope.objects;
  const ruleList = options.rules ?? allRules;
  const entries = memo?.prepare(scope, ruleList.length);

  // Object indexes per kind, so a rule limited to some kinds does not visit every object.
  const byKind = new Map<string, number[]>();
  for (let i = 0; i < objects.length; i++) {
    const k = objects[i]!.ref.kind;
    const list = byKind.get(k);
    if (list) list.push(i);
    else byKind.set(k, [i]);
  }
  const all = objects.map((_, i) => i);
  const indexesFor = (kinds: readonly string[] | undefined): number[] => {
    if (!kinds) return all;
    if (kinds.length === 1) return byKind.get(kinds[0]!) ?? [];
    const out: number[] = [];
    for (const k of new Set(kinds)) out.push(...(byKind.get(k) ?? []));
    return out.sort((a, b) => a - b);
  };
  const reads = { namespaces: new Set<string>(), kinds: new Set<string>(), global: false };
  const tracked = memo ? recordingScope(scope, reads) : scope;
  for (let ri = 0; ri < ruleList.length; ri++) {
    const rule = ruleList[ri]!;
    if (settings.rules[rule.id] === 'off') continue;
    const ctx: RuleContext = {
      scope: tracked,
      settings,
      report: (obj, path, message, opts) => out.push(makeFinding(rule, obj, path, message, opts)),
    };
    try {
      if (rule.checkObject) {
        for (const oi of indexesFor(rule.kinds)) {
          const obj = objects[oi]!;
          const entry = entries?.[oi];
          const known = entry?.get(ri, obj);
          if (known) {
            for (const f of known) out.push(f);
            continue;
          }
          const before = out.length;
          // Reads are recorded only for the memo; the full check skips the two Sets per rule and object.
          if (entry) {
            reads.namespaces = new Set();
            reads.kinds = new Set();
            reads.global = false;
          }
          try {
            rule.checkObject(obj, ctx);
            entry?.set(ri, obj, out.slice(before), { namespaces: reads.namespaces, kinds: reads.kinds, global: reads.global });
          } catch (e) {
            logger.error(`rule ${rule.id} failed on ${obj.file} (${obj.ref.kind}/${obj.ref.name})`, e);
          }
        }
      }
      rule.checkScope?.({ ...ctx, scope });
    } catch (e) {
      const files = scope.files.slice(0, 3).map((f) => f.path).join(', ') + (scope.files.length > 3 ? ` and ${scope.files.length - 3} more files` : '');
      logger.error(`rule ${rule.id} failed on ${files}`, e);
    }
  }
  return applyRuleLevels(out, settings.rules).sort(compareFindings);
}

/** Parses texts and checks them as one scope. */
export function checkFiles(files: readonly { path: string; text: string }[], options: CheckOptions & { cache?: ParseCache } = {}): { findings: Finding[]; parsed: ParsedFile[]; scope: Scope } {
  const limit = options.maxFileSize;
  const parsed = files.map((f) => (limit !== undefined && utf8Length(f.text, limit) > limit ? tooLargeFile(f.path, f.text, limit, options.maxFileSizeAdvice) : parseFile(f.path, f.text, options.cache)));
  const scope = new Scope(parsed);
  return { findings: checkScope(scope, options), parsed, scope };
}

/** Applies per-rule levels (the `rules` setting): 'off' drops a rule's findings, a severity replaces theirs. */
export function applyRuleLevels(findings: readonly Finding[], levels: Settings['rules']): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    const level = levels[f.rule];
    if (level === 'off') continue;
    out.push(level ? { ...f, severity: level } : f);
  }
  return out;
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.range.start - b.range.start || a.range.end - b.range.end || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}
