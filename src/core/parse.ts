// Parses manifest files into YAML documents and Kubernetes objects, keeping exact source ranges.
// Files are split into documents at `---` lines first, so an edit re-parses only its own document.
import { isMap, isScalar, isSeq, isPair, isAlias, parseAllDocuments, isDocument, YAMLMap, YAMLParseError, YAMLSeq } from 'yaml';
import type { Document, Node as YNode, Pair } from 'yaml';
import type { Finding, ObjectRef, Path, Span } from './model';
import { LineIndex } from './text';
import { isRecord } from './k8s';
import { fastParse } from './fastYaml';

/** How often one document may expand aliases before Service Lab stops (an alias bomb is a finding, not a hang). */
export const MAX_ALIAS_COUNT = 1000;

/** At most this many YAML syntax errors are reported per document. */
export const MAX_SYNTAX_ERRORS_PER_DOCUMENT = 20;

/** Characters YAML does not allow in a stream (C0/C1 controls except tab and line breaks, DEL, lone surrogates, U+FFFE/U+FFFF). */
const CONTROL_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A finding for the first character YAML forbids, if any (kubectl's YAML decoder rejects the whole file). */
function controlCharFinding(path: string, chunk: string, offset: number, found: ControlChar | undefined): Finding | undefined {
  if (!found) return undefined;
  const code = chunk.charCodeAt(found.index);
  const what = code === 0 ? 'a NUL byte' : `the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return {
    rule: 'yaml-control-character',
    severity: 'error',
    message: `This file contains ${what}, which YAML does not allow anywhere in a file (not even in a comment or quoted string). kubectl's YAML decoder rejects the whole file ("control characters are not allowed"). Delete it, or write it as an escape such as "\\t" inside a double-quoted string.`,
    file: path,
    range: { start: offset + found.index, end: offset + found.index + found.length },
    related: [],
    fixes: [],
  };
}

interface ControlChar {
  readonly index: number;
  readonly length: number;
}

function findControlChar(text: string): ControlChar | undefined {
  const m = CONTROL_CHAR.exec(text);
  return m ? { index: m.index, length: m[0].length } : undefined;
}

/** One YAML document of a file. Node ranges inside `doc` are relative to `offset`. */
export interface ParsedDocument {
  readonly file: string;
  /** Index of the document within its file (0-based). */
  readonly index: number;
  /** Absolute offset of the chunk this document was parsed from. */
  readonly offset: number;
  readonly doc: Document.Parsed;
  /** Absolute range of the document's content. */
  readonly range: Span;
  /** The document's plain JavaScript value (undefined when it could not be converted). */
  readonly value: unknown;
  /** The chunk's text; equal text means an equal parse (used for caching). */
  readonly source: string;
  /** True when the chunk holds template syntax (`{{ }}`) and was not checked. */
  readonly templated: boolean;
}

/** A Kubernetes object found in a document (or an item of a `kind: List`). */
export interface K8sObject {
  readonly ref: ObjectRef;
  readonly file: string;
  readonly document: ParsedDocument;
  /** The object's mapping node. */
  readonly node: YAMLMap;
  /** Plain JavaScript value of the object. */
  readonly value: Record<string, unknown>;
  /** Where the object sits inside its document: [] or ['items', i]. */
  readonly basePath: Path;
  /** Whether metadata.namespace was written (else the namespace is `default`). */
  readonly explicitNamespace: boolean;
  /** Unique within a scope. */
  readonly id: string;
}

export interface ParsedFile {
  readonly path: string;
  readonly text: string;
  readonly lines: LineIndex;
  readonly documents: readonly ParsedDocument[];
  readonly objects: readonly K8sObject[];
  /** YAML syntax errors, alias bombs and template notices. */
  readonly findings: readonly Finding[];
  /** True when the text looks like a Kubernetes manifest at all. */
  readonly looksLikeKubernetes: boolean;
}

interface ChunkParse {
  readonly docs: Document.Parsed[];
  readonly values: unknown[];
  readonly aliasError: (string | undefined)[];
  /** The first character YAML forbids in this chunk, found once per chunk text (so edits do not rescan the file). */
  readonly control: ControlChar | undefined;
}

/** Parse results keyed by chunk text, so unchanged documents are not parsed again. */
export class ParseCache {
  /**
   * Entries grouped by a short key (length and both ends of the text): hashing a few hundred characters
   * per document instead of all of them keeps a lookup over a large file cheap; equal texts are then
   * confirmed with one comparison.
   */
  private readonly map = new Map<string, { text: string; value: ChunkParse; used: number }[]>();
  private size = 0;
  private clock = 0;
  constructor(private readonly capacity = 20000) {}
  get(text: string): ChunkParse | undefined {
    const list = this.map.get(shortKey(text));
    if (!list) return undefined;
    for (const e of list) {
      if (e.text === text) {
        e.used = ++this.clock;
        return e.value;
      }
    }
    return undefined;
  }
  set(text: string, value: ChunkParse): void {
    const key = shortKey(text);
    const list = this.map.get(key);
    const entry = { text, value, used: ++this.clock };
    const i = list ? list.findIndex((e) => e.text === text) : -1;
    if (list && i >= 0) list[i] = entry;
    else if (list) {
      list.push(entry);
      this.size++;
    } else {
      this.map.set(key, [entry]);
      this.size++;
    }
    if (this.size > this.capacity) this.evict();
  }
  /** Drops the least recently used tenth at once, so eviction stays rare. */
  private evict(): void {
    const all: { key: string; used: number; text: string }[] = [];
    for (const [key, list] of this.map) for (const e of list) all.push({ key, used: e.used, text: e.text });
    all.sort((a, b) => a.used - b.used);
    for (const old of all.slice(0, Math.max(1, Math.floor(this.capacity / 10)))) {
      const list = this.map.get(old.key)!;
      const rest = list.filter((e) => e.text !== old.text);
      this.size -= list.length - rest.length;
      if (rest.length) this.map.set(old.key, rest);
      else this.map.delete(old.key);
    }
  }
}

const SHORT_KEY_ENDS = 96;

function shortKey(text: string): string {
  if (text.length <= 2 * SHORT_KEY_ENDS) return text;
  return `${text.length}\u0000${text.slice(0, SHORT_KEY_ENDS)}\u0000${text.slice(-SHORT_KEY_ENDS)}`;
}

const DOC_START = /^---(?=[ \t]|\r?\n|\r|$)/gm;
const TEMPLATE = /\{\{/;
const LOOKS_K8S = /^[ \t-]*(apiVersion|kind)[ \t]*:/m;

/** Splits a text into chunks at `---` lines (document markers cannot occur inside scalars). */
export function splitDocuments(text: string): Span[] {
  const starts: number[] = [0];
  DOC_START.lastIndex = 0;
  for (let m = DOC_START.exec(text); m; m = DOC_START.exec(text)) {
    if (m.index > 0) starts.push(m.index);
  }
  const spans: Span[] = [];
  for (let i = 0; i < starts.length; i++) {
    spans.push({ start: starts[i]!, end: i + 1 < starts.length ? starts[i + 1]! : text.length });
  }
  // Directives (%YAML) belong to the document after them: merge a directive-only chunk forward.
  const merged: Span[] = [];
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i]!;
    const chunk = text.slice(s.start, s.end);
    if (i + 1 < spans.length && chunk.includes('%') && /^%/m.test(chunk) && !/^[^%#\s-]/m.test(chunk.replace(/^---.*$/m, ''))) {
      spans[i + 1] = { start: s.start, end: spans[i + 1]!.end };
      continue;
    }
    merged.push(s);
  }
  return merged;
}

/**
 * Reports duplicate scalar keys the way `yaml`'s `uniqueKeys: true` does (same code, message and
 * position), in linear time: the library compares each key with every earlier one, so a mapping of
 * 100,000 keys took minutes. Iterative, so deeply nested input cannot overflow the stack.
 */
function addDuplicateKeyErrors(doc: Document.Parsed): void {
  const stack: unknown[] = [doc.contents];
  const seen = new Set<unknown>();
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node || typeof node !== 'object' || seen.has(node)) continue;
    seen.add(node);
    if (isMap(node)) {
      const keys = new Set<unknown>();
      for (const pair of node.items) {
        const k = pair.key;
        if (isScalar(k)) {
          if (keys.has(k.value) && k.range) doc.errors.push(new YAMLParseError([k.range[0], k.range[0] + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
          keys.add(k.value);
        }
        stack.push(pair.key, pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(isPair(item) ? item.value : item);
    } else if (isPair(node)) stack.push(node.key, node.value);
  }
}

const UNSUPPORTED = Symbol('unsupported');

/**
 * Set by `fastValue` when two keys of one mapping have the same name. Only then can the document hold a
 * duplicate key, so a conversion that finishes without it proves the duplicate-key pass has nothing to report.
 */
let sameNameSeen = false;

/**
 * The node's plain JavaScript value, as `doc.toJS()` builds it, for the common case: plain maps with
 * scalar keys, sequences and scalars. Returns UNSUPPORTED for anything else (aliases, merge keys,
 * collection keys, tagged collection classes), where the library's own conversion is used.
 */
function fastValue(node: unknown): unknown {
  if (node === null || node === undefined) return node;
  if (isScalar(node)) return node.value;
  if (isMap(node)) {
    if (node.constructor !== YAMLMap) return UNSUPPORTED;
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key: unknown = pair.key;
      let name: string;
      if (key === null || key === undefined) name = '';
      else if (isScalar(key)) {
        const k: unknown = key.value;
        if (k === '<<' || (typeof k === 'object' && k !== null)) return UNSUPPORTED;
        name = k === null ? '' : String(k);
      } else return UNSUPPORTED;
      const value = fastValue(pair.value);
      if (value === UNSUPPORTED) return UNSUPPORTED;
      // Same assignment as the library: keys such as __proto__ become own properties.
      if (name in out) {
        if (Object.prototype.hasOwnProperty.call(out, name)) sameNameSeen = true;
        Object.defineProperty(out, name, { value, writable: true, enumerable: true, configurable: true });
      }
      else out[name] = value;
    }
    return out;
  }
  if (isSeq(node)) {
    if (node.constructor !== YAMLSeq) return UNSUPPORTED;
    const out: unknown[] = [];
    for (const item of node.items) {
      if (isPair(item)) return UNSUPPORTED;
      const value = fastValue(item);
      if (value === UNSUPPORTED) return UNSUPPORTED;
      out.push(value);
    }
    return out;
  }
  return UNSUPPORTED;
}

/** `fastValue`, or UNSUPPORTED also when two keys of one mapping share a name (a possible duplicate key). */
function fastValueNoDuplicates(node: unknown): unknown {
  sameNameSeen = false;
  let value: unknown = UNSUPPORTED;
  try {
    value = fastValue(node);
  } catch {
    // Too deep for the fast path: the caller takes the library's way.
  }
  return sameNameSeen ? UNSUPPORTED : value;
}

/** A document's plain value: the fast conversion where it applies, else `toJS` (alias limits, merge keys). */
function plainValue(d: Document.Parsed): unknown {
  let value: unknown = UNSUPPORTED;
  try {
    value = fastValue(d.contents);
  } catch {
    // Too deep for the fast path: let the library decide.
  }
  return value === UNSUPPORTED ? d.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) : value;
}

function parseChunk(text: string): ChunkParse {
  const control = findControlChar(text);
  // Plain block YAML (most manifests) is read by the fast reader; it declines everything else.
  const fast = control ? undefined : fastParse(text);
  if (fast) return { docs: [fast.doc], values: [fast.value], aliasError: [undefined], control };
  const docs = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false, keepSourceTokens: false });
  const list = Array.isArray(docs) ? docs : [];
  const values: unknown[] = [];
  const aliasError: (string | undefined)[] = [];
  for (const d of list) {
    // One walk does both jobs in the common case: a conversion that reaches every node without meeting a
    // repeated key name proves there is no duplicate key. Anything else takes the two separate passes.
    if (d.errors.length === 0) {
      const value = fastValueNoDuplicates(d.contents);
      if (value !== UNSUPPORTED) {
        values.push(value);
        aliasError.push(undefined);
        continue;
      }
    }
    addDuplicateKeyErrors(d);
    if (d.errors.length > 0) {
      values.push(undefined);
      aliasError.push(undefined);
      continue;
    }
    try {
      values.push(plainValue(d));
      aliasError.push(undefined);
    } catch (e) {
      values.push(undefined);
      aliasError.push(e instanceof Error ? e.message : String(e));
    }
  }
  return { docs: list, values, aliasError, control };
}

function objectRef(value: Record<string, unknown>): ObjectRef | undefined {
  const apiVersion = value['apiVersion'];
  const kind = value['kind'];
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  const meta = value['metadata'];
  const m = meta && typeof meta === 'object' && !Array.isArray(meta) ? (meta as Record<string, unknown>) : {};
  const name = typeof m['name'] === 'string' ? m['name'] : typeof m['generateName'] === 'string' ? m['generateName'] : '';
  const ns = typeof m['namespace'] === 'string' && m['namespace'] !== '' ? m['namespace'] : 'default';
  return { apiVersion, kind, namespace: ns, name };
}

/** Parses one file. Never throws: problems come back as findings. */
export function parseFile(path: string, text: string, cache?: ParseCache): ParsedFile {
  const lines = new LineIndex(text);
  const looksLikeKubernetes = LOOKS_K8S.test(text);
  const documents: ParsedDocument[] = [];
  const objects: K8sObject[] = [];
  const findings: Finding[] = [];
  let templateNoted = false;
  let control: Finding | undefined;
  for (const span of splitDocuments(text)) {
    const source = text.slice(span.start, span.end);
    const templated = TEMPLATE.test(source);
    if (templated && looksLikeKubernetes && !control) control = controlCharFinding(path, source, span.start, findControlChar(source));
    if (templated) {
      if (!templateNoted) {
        templateNoted = true;
        const at = span.start + source.search(TEMPLATE);
        findings.push({
          rule: 'templated-file',
          severity: 'info',
          message:
            'This file contains template syntax ({{ }}), so it is not valid YAML until it is rendered. Service Lab skips templated documents: check the rendered output instead, e.g. `helm template my-release ./chart | service-lab check -`.',
          file: path,
          range: { start: at, end: Math.min(at + 2, text.length) },
          related: [],
          fixes: [],
        });
      }
      continue;
    }
    let parsed = cache?.get(source);
    if (!parsed) {
      parsed = parseChunk(source);
      cache?.set(source, parsed);
    }
    if (looksLikeKubernetes && !control) control = controlCharFinding(path, source, span.start, parsed.control);
    parsed.docs.forEach((doc, i) => {
      const [rs, re] = doc.range;
      const pd: ParsedDocument = {
        file: path,
        index: documents.length,
        offset: span.start,
        doc,
        range: { start: span.start + rs, end: span.start + re },
        value: parsed!.values[i],
        source,
        templated: false,
      };
      documents.push(pd);
      if (looksLikeKubernetes) {
        // One broken bracket can cascade into thousands of errors; the first few say enough.
        for (const err of doc.errors.slice(0, MAX_SYNTAX_ERRORS_PER_DOCUMENT)) {
          const start = span.start + (err.pos?.[0] ?? 0);
          const end = Math.max(start + 1, span.start + (err.pos?.[1] ?? 0));
          const dup = err.code === 'DUPLICATE_KEY';
          findings.push({
            rule: 'yaml-syntax',
            severity: 'error',
            message: dup
              ? `The same key appears twice in one mapping. YAML parsers disagree on which value wins, and kubectl's strict field validation rejects duplicate fields: keep one.`
              : `YAML syntax error: ${cleanYamlMessage(err.message)}. Nothing in this document can be checked until it parses.`,
            file: path,
            range: { start: Math.min(start, text.length), end: Math.min(end, text.length) },
            related: [],
            fixes: [],
          });
        }
      }
      const aliasErr = parsed!.aliasError[i];
      if (aliasErr) {
        findings.push({
          rule: 'yaml-alias-limit',
          severity: 'error',
          message: `This document expands YAML aliases more than ${MAX_ALIAS_COUNT} times (an "alias bomb"). Service Lab stops expanding it, and YAML decoders such as the one behind kubectl refuse documents with excessive aliasing. Write the values out or use fewer aliases.`,
          file: path,
          range: pd.range.end > pd.range.start ? pd.range : { start: span.start, end: Math.min(span.start + 1, text.length) },
          related: [],
          fixes: [],
        });
      }
      const value = pd.value;
      if (!isRecord(value) || !isMap(doc.contents)) return;
      const root = doc.contents as YAMLMap;
      const addObject = (v: Record<string, unknown>, node: YAMLMap, basePath: Path) => {
        const ref = objectRef(v);
        if (!ref) return;
        const meta = isRecord(v['metadata']) ? v['metadata'] : {};
        objects.push({
          ref,
          file: path,
          document: pd,
          node,
          value: v,
          basePath,
          explicitNamespace: typeof meta['namespace'] === 'string' && meta['namespace'] !== '',
          id: `${path}#${pd.index}${basePath.length ? '/' + basePath.join('/') : ''}`,
        });
      };
      if (value['kind'] === 'List' && Array.isArray(value['items'])) {
        const itemsNode = resolveNode(doc, mapGet(root, 'items'));
        (value['items'] as unknown[]).forEach((item, j) => {
          const itemNode = isSeq(itemsNode) ? resolveNode(doc, itemsNode.items[j] as YNode | undefined) : undefined;
          if (isRecord(item) && isMap(itemNode)) addObject(item, itemNode as YAMLMap, ['items', j]);
        });
      } else {
        addObject(value, root, []);
      }
    });
  }
  if (control) findings.unshift(control);
  return { path, text, lines, documents, objects, findings, looksLikeKubernetes };
}

function cleanYamlMessage(msg: string): string {
  if (/maximum call stack/i.test(msg)) return 'brackets or mappings are nested too deeply to read (thousands of levels). Manifests are never this deep: look for unclosed [ or {';
  return msg.replace(/\s+at line \d+, column \d+.*$/s, '').replace(/[.:]\s*$/, '');
}

function mapGet(map: YAMLMap, key: string): YNode | undefined {
  for (const p of map.items) {
    const k = p.key;
    if (isScalar(k) && String(k.value) === key) return p.value as YNode | undefined;
  }
  return undefined;
}

/** Follows an alias to the node it names. */
export function resolveNode(doc: Document.Parsed, node: YNode | null | undefined): YNode | undefined {
  let n: YNode | null | undefined = node;
  for (let i = 0; i < 8 && n && isAlias(n); i++) n = n.resolve(doc) as YNode | undefined;
  return n ?? undefined;
}

/** What `locate` found for a path. Spans are absolute offsets. */
export interface Located {
  /** True when every segment of the path exists. */
  readonly found: boolean;
  /** The node at the path (or at the deepest existing segment). */
  readonly node?: YNode;
  /** The key of the last map segment that exists. */
  readonly key?: Span;
  /** The value of the deepest existing segment. */
  readonly value?: Span;
  /** Best span to point at: the value, else the key, else the object. */
  readonly span: Span;
  /** How many path segments were found. */
  readonly depth: number;
}

function nodeSpan(doc: ParsedDocument, node: YNode | null | undefined): Span | undefined {
  const r = (node as { range?: [number, number, number] } | null | undefined)?.range;
  if (!r) return undefined;
  return { start: doc.offset + r[0], end: doc.offset + r[1] };
}

/** Finds the YAML node at `path` inside an object (path relative to the object). */
export function locate(obj: K8sObject, path: Path): Located {
  const doc = obj.document;
  let node: YNode | undefined = obj.node;
  let key: Span | undefined;
  const objSpan = nodeSpan(doc, obj.node) ?? doc.range;
  let value: Span | undefined = objSpan;
  let depth = 0;
  for (const seg of path) {
    const cur = resolveNode(doc.doc, node);
    if (typeof seg === 'number' && isSeq(cur)) {
      const item = cur.items[seg] as YNode | undefined;
      if (item === undefined) break;
      node = item;
      value = nodeSpan(doc, resolveNode(doc.doc, item)) ?? nodeSpan(doc, item) ?? value;
      key = undefined;
    } else if (isMap(cur)) {
      const pair = (cur.items as Pair[]).find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      key = nodeSpan(doc, pair.key as YNode);
      node = (pair.value as YNode | null) ?? undefined;
      value = node ? nodeSpan(doc, node) : undefined;
    } else break;
    depth++;
  }
  const found = depth === path.length;
  return { found, node, key, value, span: value ?? key ?? objSpan, depth };
}

/** The keys of the mapping at `path`, with their spans (for unknown-field checks). */
export function keysAt(obj: K8sObject, path: Path): { key: string; span: Span; valueSpan?: Span }[] {
  const loc = locate(obj, path);
  if (!loc.found) return [];
  const node = resolveNode(obj.document.doc, loc.node);
  if (!isMap(node)) return [];
  const out: { key: string; span: Span; valueSpan?: Span }[] = [];
  for (const p of node.items as Pair[]) {
    if (!isPair(p) || !isScalar(p.key)) continue;
    const span = nodeSpan(obj.document, p.key as YNode);
    if (!span) continue;
    out.push({ key: String(p.key.value), span, valueSpan: nodeSpan(obj.document, p.value as YNode) });
  }
  return out;
}

/** The YAML node kind and scalar style at a path ("PLAIN", "QUOTE_DOUBLE", ...), for quoting-sensitive rules. */
export function scalarStyle(obj: K8sObject, path: Path): string | undefined {
  const loc = locate(obj, path);
  if (!loc.found) return undefined;
  const n = resolveNode(obj.document.doc, loc.node);
  return isScalar(n) ? (n.type ?? 'PLAIN') : undefined;
}

/** Renders a path the way the API server prints field paths: `spec.ports[1].name`. */
export function fieldPath(path: Path): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${seg}` : seg;
  }
  return out;
}

/** Reads a plain value at a path inside a plain object. */
export function valueAt(value: unknown, path: Path): unknown {
  let v: unknown = value;
  for (const seg of path) {
    if (v === null || v === undefined) return undefined;
    if (typeof seg === 'number') {
      if (!Array.isArray(v)) return undefined;
      v = v[seg];
    } else {
      if (typeof v !== 'object' || Array.isArray(v)) return undefined;
      v = (v as Record<string, unknown>)[seg];
    }
  }
  return v;
}

export { isDocument };
