// Incremental checking for editors: files are re-parsed per document (ParseCache) and per-object rule
// findings are remembered by document text, so an edit re-runs only what it can have changed.
import type { Document } from 'yaml';
import type { Finding, Fix, RelatedLocation, Settings, Span, TextEdit } from './model';
import type { K8sObject, ParsedFile } from './parse';
import { ParseCache, parseFile } from './parse';
import { Scope } from './scope';
import type { CheckOptions, MemoEntry, ObjectMemo, ScopeReads } from './check';
import { runChecks } from './check';

/** Findings of one rule on one object, as computed when the object's document started at `offset`. */
interface Remembered {
  readonly offset: number;
  readonly findings: readonly Finding[];
  /** For calls that read parts of the scope: each part's version then ("ns:<namespace>" or "kind:<kind>"). */
  readonly parts?: readonly (readonly [string, number])[];
  /** For calls that read the whole scope: the scope's version then. */
  readonly scopeVersion?: number;
}

/** Per-object slots, one per rule index; `id` names the object in scope fingerprints. */
interface Slots {
  readonly id: number;
  readonly items: (Remembered | undefined)[];
}

function sameIds(a: readonly number[], b: readonly number[] | undefined): boolean {
  if (!b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Remembers `checkObject` findings per (yaml Document, file, object position). The ParseCache hands back
 * the same Document for the same document text, so an unchanged document finds its findings again; they
 * are shifted to the document's current offset. Findings that read the scope stay valid while the objects
 * of the namespaces they read (or, for whole-scope reads, all objects) are the same documents in the same order.
 */
class FindingMemo implements ObjectMemo {
  private docs = new WeakMap<Document.Parsed, Map<string, Slots>>();
  private nextSlotsId = 1;
  /** Per check: how many objects with each key were seen so far (see `entry`). */
  private copies = new Map<Map<string, Slots>, Map<string, number>>();
  private readonly partKeys = new Map<string, Map<string, string>>();
  private partSignature = new Map<string, number[]>();
  private readonly partVersion = new Map<string, number>();
  private scopeVersion = 0;

  clear(): void {
    this.docs = new WeakMap();
  }

  prepare(scope: Scope, ruleCount: number): MemoEntry[] {
    this.copies = new Map();
    const objects = scope.objects;
    const entries: SlotEntry[] = new Array<SlotEntry>(objects.length);
    // Each part of the scope (a namespace, a kind) is fingerprinted by the ordered ids of its objects.
    const parts = new Map<string, number[]>();
    const add = (part: string, id: number) => {
      const list = parts.get(part);
      if (list) list.push(id);
      else parts.set(part, [id]);
    };
    for (let i = 0; i < objects.length; i++) {
      const o = objects[i]!;
      const entry = this.entry(o, ruleCount);
      entries[i] = entry;
      add(this.partKey('ns:', o.ref.namespace), entry.id);
      add(this.partKey('kind:', o.ref.kind), entry.id);
    }
    let changed = false;
    for (const [part, ids] of parts) {
      if (!sameIds(ids, this.partSignature.get(part))) {
        this.partVersion.set(part, (this.partVersion.get(part) ?? 0) + 1);
        changed = true;
      }
    }
    for (const part of this.partSignature.keys()) {
      if (!parts.has(part)) {
        this.partVersion.set(part, (this.partVersion.get(part) ?? 0) + 1);
        changed = true;
      }
    }
    if (changed) this.scopeVersion++;
    this.partSignature = parts;
    return entries;
  }

  /** `${prefix}${name}` ("ns:team-1", "kind:Service"), built once per name rather than once per object. */
  private partKey(prefix: 'ns:' | 'kind:', name: string): string {
    let byName = this.partKeys.get(prefix);
    if (!byName) {
      byName = new Map();
      this.partKeys.set(prefix, byName);
    }
    let k = byName.get(name);
    if (k === undefined) {
      k = prefix + name;
      byName.set(name, k);
    }
    return k;
  }

  private entry(obj: K8sObject, ruleCount: number): SlotEntry {
    const doc = obj.document.doc;
    let byObject = this.docs.get(doc);
    if (!byObject) {
      byObject = new Map();
      this.docs.set(doc, byObject);
    }
    const base = obj.basePath.length ? `${obj.file}\u0000${obj.basePath.join('/')}` : obj.file;
    // The same document text can occur twice in a file; each copy keeps its own findings (a rule may
    // treat the first and the second copy differently).
    let copies = this.copies.get(byObject);
    if (!copies) {
      copies = new Map();
      this.copies.set(byObject, copies);
    }
    const copy = copies.get(base) ?? 0;
    copies.set(base, copy + 1);
    const key = copy === 0 ? base : `${base}\u0000#${copy}`;
    let slots = byObject.get(key);
    if (!slots) {
      // Filled up front so the array stays packed (fast indexing).
      slots = { id: this.nextSlotsId++, items: new Array<Remembered | undefined>(ruleCount).fill(undefined) };
      byObject.set(key, slots);
    }
    return new SlotEntry(this, slots, obj.document.offset);
  }

  /** Remembers findings of one call, or forgets the slot when they cannot follow the document. */
  store(slots: Slots, ri: number, o: K8sObject, findings: readonly Finding[], reads: ScopeReads): void {
    const d = o.document;
    const lo = d.offset;
    const hi = d.offset + d.source.length;
    // Only findings that stay inside the object's own document can follow it when it moves.
    if (!findings.every((f) => insideFinding(f, o.file, lo, hi))) {
      slots.items[ri] = undefined;
      return;
    }
    if (reads.global) slots.items[ri] = { offset: lo, findings, scopeVersion: this.scopeVersion };
    else if (reads.namespaces.size > 0 || reads.kinds.size > 0) {
      const keys = [...[...reads.namespaces].map((ns) => `ns:${ns}`), ...[...reads.kinds].map((k) => `kind:${k}`)];
      slots.items[ri] = { offset: lo, findings, parts: keys.map((k) => [k, this.partVersion.get(k) ?? 0] as const) };
    } else slots.items[ri] = { offset: lo, findings };
  }

  valid(r: Remembered): boolean {
    if (r.scopeVersion !== undefined) return r.scopeVersion === this.scopeVersion;
    const parts = r.parts;
    if (parts) {
      for (let i = 0; i < parts.length; i++) if ((this.partVersion.get(parts[i]![0]) ?? 0) !== parts[i]![1]) return false;
    }
    return true;
  }
}

/** The memo's handle on one object during one check. */
class SlotEntry implements MemoEntry {
  constructor(
    private readonly memo: FindingMemo,
    private readonly slots: Slots,
    private readonly offset: number,
  ) {}

  get id(): number {
    return this.slots.id;
  }

  get(ri: number): readonly Finding[] | undefined {
    const r = this.slots.items[ri];
    if (r === undefined || ((r.parts !== undefined || r.scopeVersion !== undefined) && !this.memo.valid(r))) return undefined;
    const delta = this.offset - r.offset;
    return delta === 0 ? r.findings : r.findings.length === 0 ? r.findings : r.findings.map((f) => shiftFinding(f, delta));
  }

  set(ri: number, obj: K8sObject, findings: readonly Finding[], reads: ScopeReads): void {
    this.memo.store(this.slots, ri, obj, findings, reads);
  }
}

function inside(file: string, span: Span, wantFile: string, lo: number, hi: number): boolean {
  return file === wantFile && span.start >= lo && span.end <= hi;
}

function insideFinding(f: Finding, file: string, lo: number, hi: number): boolean {
  return (
    inside(f.file, f.range, file, lo, hi) &&
    f.related.every((r) => inside(r.file, r.range, file, lo, hi)) &&
    f.fixes.every((x) => x.edits.every((e) => inside(e.file, e.range, file, lo, hi)))
  );
}

function shiftSpan(s: Span, delta: number): Span {
  return { start: s.start + delta, end: s.end + delta };
}

function shiftFinding(f: Finding, delta: number): Finding {
  return {
    ...f,
    range: shiftSpan(f.range, delta),
    related: f.related.length ? f.related.map((r): RelatedLocation => ({ ...r, range: shiftSpan(r.range, delta) })) : f.related,
    fixes: f.fixes.length ? f.fixes.map((x): Fix => ({ ...x, edits: x.edits.map((e): TextEdit => ({ ...e, range: shiftSpan(e.range, delta) })) })) : f.fixes,
  };
}

function settingsKey(s: Partial<Settings> | undefined): string {
  return JSON.stringify(s ?? {});
}

/** Options of a `Checker`: the check options plus an optional shared parse cache. */
export interface CheckerOptions extends CheckOptions {
  readonly cache?: ParseCache;
}

/**
 * An incremental checker an editor can hold: `update` a file on every change, read `findings`.
 * Results always equal `checkFiles` on the same files in the same order (a property test proves it).
 *
 * ```ts
 * const checker = new Checker({ settings });
 * checker.update('a.yaml', text);
 * checker.findings('a.yaml');
 * ```
 */
export class Checker {
  private readonly cache: ParseCache;
  private readonly files = new Map<string, ParsedFile>();
  private readonly memo = new FindingMemo();
  private options: CheckOptions;
  private optionsKey: string;
  private currentScope: Scope | undefined;
  private result: { all: Finding[]; byFile: Map<string, Finding[]> } | undefined;

  constructor(options: CheckerOptions = {}) {
    const { cache, ...rest } = options;
    this.cache = cache ?? new ParseCache();
    this.options = rest;
    this.optionsKey = settingsKey(rest.settings);
  }

  /** Sets (or replaces) a file's text and returns its parse. Unchanged documents are not parsed again. */
  update(path: string, text: string): ParsedFile {
    const old = this.files.get(path);
    if (old && old.text === text) return old;
    const parsed = parseFile(path, text, this.cache);
    this.files.set(path, parsed);
    this.invalidate();
    return parsed;
  }

  /** Drops a file from the scope; false when it was not known. */
  remove(path: string): boolean {
    if (!this.files.delete(path)) return false;
    this.invalidate();
    return true;
  }

  /** The paths known, in the order they were first added (the scope's file order). */
  paths(): string[] {
    return [...this.files.keys()];
  }

  /** The parse of one file, if known. */
  parsed(path: string): ParsedFile | undefined {
    return this.files.get(path);
  }

  /** Changes the settings; remembered findings are dropped when they differ. */
  setSettings(settings: Partial<Settings> | undefined): void {
    const key = settingsKey(settings);
    if (key === this.optionsKey) return;
    this.options = { ...this.options, settings };
    this.optionsKey = key;
    this.memo.clear();
    this.result = undefined;
  }

  /** Every file known, checked together. */
  scope(): Scope {
    this.currentScope ??= new Scope([...this.files.values()]);
    return this.currentScope;
  }

  /** Findings of one file, or of every file when `path` is omitted (sorted like `checkFiles`). */
  findings(path?: string): readonly Finding[] {
    if (!this.result) {
      const all = runChecks(this.scope(), this.options, this.memo);
      const byFile = new Map<string, Finding[]>();
      for (const f of all) {
        const list = byFile.get(f.file);
        if (list) list.push(f);
        else byFile.set(f.file, [f]);
      }
      this.result = { all, byFile };
    }
    return path === undefined ? this.result.all : (this.result.byFile.get(path) ?? []);
  }

  /**
   * Checks a scope built elsewhere (e.g. by an editor's workspace index that shares this checker's
   * ParseCache), reusing the findings remembered for documents that did not change.
   */
  checkScope(scope: Scope, settings?: Partial<Settings>): Finding[] {
    if (settings !== undefined) this.setSettings(settings);
    return runChecks(scope, this.options, this.memo);
  }

  private invalidate(): void {
    this.currentScope = undefined;
    this.result = undefined;
  }
}
