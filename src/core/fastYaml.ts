// A fast reader for the plain block-style YAML that nearly every manifest is written in.
//
// `yaml`'s general parser (lexer, CST, composer) is most of the cost of checking a big file. Manifests
// mostly use a small part of YAML: block mappings and sequences, plain and simply quoted one-line
// scalars, empty `{}` and `[]`, and comments. For a document made only of that, `fastParse` builds the
// same nodes `yaml` builds (the library's own YAMLMap, YAMLSeq, Pair and Scalar classes, with equal
// values, types and ranges) and the document's plain value, in one pass over the text.
//
// Anything else (other flow collections, block scalars, anchors, tags, multi-line or escaped scalars,
// quoted keys, tabs, CR line ends, comments indented unlike the line after them, repeated keys, `---` or
// `...` marker lines after the start, keys near the 1024-character implicit-key limit, syntax errors)
// makes it return undefined, and the caller uses `yaml` for that document. It never guesses: a document
// it accepts reads exactly as `yaml` reads it (test/unit/fastYaml.test.ts compares the two on the corpus,
// the fixtures and random edits of them). Comments are not attached to nodes (nothing reads them).
import { Document, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Schema } from 'yaml';

export interface FastParse {
  readonly doc: Document.Parsed;
  /** The document's plain JavaScript value (what `doc.toJS()` returns). */
  readonly value: Record<string, unknown>;
}

/** Deeper documents take the general parser (it reports what is wrong with them). */
const MAX_DEPTH = 100;

/** Thrown (never escapes this module) when the text leaves the supported subset. */
const BAIL: unique symbol = Symbol('bail');

const SPACE = 32;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const QUOTE = 39;
const DQUOTE = 34;
const BACKSLASH = 92;
const BRACE = 123;
const BRACE_END = 125;
const BRACKET = 91;
const BRACKET_END = 93;
const DOT = 46;

/** Whether the line at `i` (a line start) begins with a `---` or `...` marker: three of them, then a space or the end `eol`. */
function isMarker(t: string, i: number, eol: number): boolean {
  const c = t.charCodeAt(i);
  return t.charCodeAt(i + 1) === c && t.charCodeAt(i + 2) === c && (i + 3 === eol || t.charCodeAt(i + 3) === SPACE);
}

/** Characters that cannot start a plain scalar we accept: YAML indicators, and `-` `?` `:` to keep it simple. */
const INDICATOR = new Set('-?:,[]{}#&*!|>\'"%@`'.split('').map((c) => c.charCodeAt(0)));

const DOC_OPTIONS = { prettyErrors: false, uniqueKeys: false, keepSourceTokens: false } as const;

/** A scalar resolved by the YAML 1.2 core schema, the way `yaml` resolves an untagged plain scalar. */
interface Resolved {
  readonly value: unknown;
  readonly format?: string;
  readonly minFractionDigits?: number;
}

const NULL_RE = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL_RE = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const OCT_RE = /^0o[0-7]+$/;
const INT_RE = /^[-+]?[0-9]+$/;
const HEX_RE = /^0x[0-9a-fA-F]+$/;
const NAN_RE = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const EXP_RE = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT_RE = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** First characters of every plain scalar the core schema reads as something other than a string. */
function mayBeNonString(c: number): boolean {
  // digits, + - . ~ and the letters of null/Null/NULL, true/True/TRUE, false/False/FALSE
  return (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46 || c === 126 || c === 110 || c === 78 || c === 116 || c === 84 || c === 102 || c === 70;
}

/** Resolves plain scalar text with the core schema's tags, in the schema's order. */
export function resolveCorePlain(s: string): Resolved {
  if (s.length > 0 && !mayBeNonString(s.charCodeAt(0))) return { value: s };
  if (NULL_RE.test(s)) return { value: null };
  if (BOOL_RE.test(s)) return { value: s[0] === 't' || s[0] === 'T' };
  if (OCT_RE.test(s)) return { value: parseInt(s.substring(2), 8), format: 'OCT' };
  if (INT_RE.test(s)) return { value: parseInt(s, 10) };
  if (HEX_RE.test(s)) return { value: parseInt(s.substring(2), 16), format: 'HEX' };
  if (NAN_RE.test(s)) return { value: s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY };
  if (EXP_RE.test(s)) return { value: parseFloat(s), format: 'EXP' };
  if (FLOAT_RE.test(s)) {
    const dot = s.indexOf('.');
    return dot !== -1 && s[s.length - 1] === '0' ? { value: parseFloat(s), minFractionDigits: s.length - dot - 1 } : { value: parseFloat(s) };
  }
  return { value: s };
}

class Reader {
  /** Current content line: start of its text (after the indentation), its indentation, its end (at `\n`). */
  private at = 0;
  private indent = -1;
  private end = 0;
  private readonly len: number;
  /** Whether the value read last was empty (a null with no text): `yaml` ranges a document ending in one differently. */
  private lastEmpty = false;
  /** Whether the last `seek` passed a comment line. */
  private passedComment = false;

  constructor(
    private readonly text: string,
    private readonly schema: Schema,
  ) {
    this.len = text.length;
  }

  /**
   * Moves to the next content line at or after `from` (a line start), skipping blank lines and comment
   * lines. Comment lines must be indented exactly like the content line after them (at the margin when
   * nothing follows): `yaml` attaches other comments to the node before them and stretches its range.
   */
  private seek(from: number): void {
    const t = this.text;
    let pos = from;
    let comment = -1;
    while (pos < this.len) {
      let i = pos;
      while (i < this.len && t.charCodeAt(i) === SPACE) i++;
      let eol = t.indexOf('\n', i);
      if (eol < 0) eol = this.len;
      if (i === eol) {
        pos = eol + 1;
        continue;
      }
      if (t.charCodeAt(i) === HASH) {
        if (comment >= 0 && comment !== i - pos) throw BAIL;
        comment = i - pos;
        pos = eol + 1;
        continue;
      }
      if (comment >= 0 && comment !== i - pos) throw BAIL;
      // `...` or `---` then a space or the line end, at the margin, is a document marker even before `x: 1`.
      if (i === pos && (t.charCodeAt(i) === DOT || t.charCodeAt(i) === DASH) && isMarker(t, i, eol)) throw BAIL;
      this.passedComment = comment >= 0;
      this.at = i;
      this.indent = i - pos;
      this.end = eol;
      return;
    }
    if (comment > 0) throw BAIL;
    this.passedComment = comment >= 0;
    this.at = this.len;
    this.indent = -1;
    this.end = this.len;
  }

  /** Where the line after the current one starts. */
  private nextLine(): number {
    return this.end < this.len ? this.end + 1 : this.len;
  }

  /** Reads one document; the caller has checked the text for tabs, CRs and other unsupported characters. */
  read(): { contents: YAMLMap; value: Record<string, unknown>; start: number; marker: boolean } {
    const t = this.text;
    let pos = 0;
    let start = -1;
    // Leading blank lines and comments at the margin, then at most one `---` line with nothing after it.
    for (;;) {
      let i = pos;
      while (i < this.len && t.charCodeAt(i) === SPACE) i++;
      let eol = t.indexOf('\n', i);
      if (eol < 0) eol = this.len;
      if (i === eol) {
        if (eol >= this.len) throw BAIL;
        pos = eol + 1;
        continue;
      }
      if (t.charCodeAt(i) === HASH) {
        if (i !== pos) throw BAIL;
        pos = eol + 1;
        continue;
      }
      if (i === pos && t.startsWith('---', i) && start < 0) {
        let j = i + 3;
        while (j < eol && t.charCodeAt(j) === SPACE) j++;
        if (j !== eol) throw BAIL;
        start = i;
        pos = eol + 1;
        continue;
      }
      break;
    }
    this.seek(pos);
    if (this.indent !== 0) throw BAIL;
    const marker = start >= 0;
    if (start < 0) start = this.at;
    const root = this.map(0, 0);
    // Anything left (a line less indented than the root, a sequence after it) is not ours to read.
    if (this.at < this.len || this.lastEmpty) throw BAIL;
    return { contents: root.node, value: root.value, start, marker };
  }

  /** Scans a plain key starting at `p`: the index of its `:` indicator, or -1 when the line holds no key there. */
  private keyEnd(p: number): number {
    const t = this.text;
    for (let i = p; i < this.end; i++) {
      const c = t.charCodeAt(i);
      if (c === COLON && (i + 1 === this.end || t.charCodeAt(i + 1) === SPACE)) return i;
      if (c === HASH && t.charCodeAt(i - 1) === SPACE) return -1;
    }
    return -1;
  }

  /** A block mapping whose first key is at `this.at` (possibly after a `- ` on the same line), indented `n`. */
  private map(n: number, depth: number): { node: YAMLMap; value: Record<string, unknown> } {
    if (depth > MAX_DEPTH) throw BAIL;
    const t = this.text;
    const node = new YAMLMap(this.schema);
    const value: Record<string, unknown> = {};
    const first = this.at;
    let last = first;
    for (;;) {
      // A key: plain, one line, read as a string by the core schema, not repeated.
      const k = this.at;
      const c0 = t.charCodeAt(k);
      if (INDICATOR.has(c0)) throw BAIL;
      const colon = this.keyEnd(k);
      // yaml (like the YAML spec) allows at most 1024 characters from an implicit key's start to its `:`, but
      // it counts from where the previous value's range ends when no token lies between (after an empty
      // value: from that line's end). Counting from `last` (the key itself for the first key) is never later.
      if (colon < 0 || t.charCodeAt(colon - 1) === SPACE || colon - last > 1024) throw BAIL;
      const name = t.slice(k, colon);
      if (mayBeNonString(c0) && typeof resolveCorePlain(name).value !== 'string') throw BAIL;
      if (name === '<<') throw BAIL;
      const key = new Scalar(name);
      key.range = [k, colon, colon];
      key.source = name;
      key.type = 'PLAIN';
      const v = this.valueAfter(colon + 1, n, depth);
      node.items.push(new Pair(key, v.node));
      if (name in value) {
        if (Object.prototype.hasOwnProperty.call(value, name)) throw BAIL;
        Object.defineProperty(value, name, { value: v.value, writable: true, enumerable: true, configurable: true });
      } else value[name] = v.value;
      last = v.node.range![2];
      if (this.indent < n) break;
      if (this.indent > n) throw BAIL;
      // Same indentation: another key, unless it is a sequence entry (which cannot follow a mapping entry).
      if (t.charCodeAt(this.at) === DASH && (this.at + 1 === this.end || t.charCodeAt(this.at + 1) === SPACE)) {
        throw BAIL;
      }
    }
    node.range = [first, last, last];
    return { node, value };
  }

  /** A block sequence whose first `-` is at `this.at`, indented `n`. */
  private seq(n: number, depth: number): { node: YAMLSeq; value: unknown[] } {
    if (depth > MAX_DEPTH) throw BAIL;
    const t = this.text;
    const node = new YAMLSeq(this.schema);
    const value: unknown[] = [];
    const first = this.at;
    let last = first;
    for (;;) {
      // An empty entry after comment lines: `yaml` stretches its null to the next entry.
      const v = this.valueAfter(this.at + 1, n, depth, true, this.passedComment);
      node.items.push(v.node);
      value.push(v.value);
      last = v.node.range![2];
      if (this.indent !== n) {
        if (this.indent > n) throw BAIL;
        break;
      }
      if (!(t.charCodeAt(this.at) === DASH && (this.at + 1 === this.end || t.charCodeAt(this.at + 1) === SPACE))) {
        // A sequence as indented as its parent's keys takes the comment lines before the next key into its range.
        if (this.passedComment) throw BAIL;
        break;
      }
    }
    node.range = [first, last, last];
    return { node, value };
  }

  /**
   * The value after an indicator (`:` of a key or `-` of a sequence entry) at `p - 1`, on a line of a
   * collection indented `n`. Leaves the reader on the next content line after the value.
   */
  private valueAfter(p: number, n: number, depth: number, inSeq = false, afterComment = false): { node: Scalar | YAMLMap | YAMLSeq; value: unknown } {
    const t = this.text;
    let i = p;
    while (i < this.end && t.charCodeAt(i) === SPACE) i++;
    if (i < this.end && i === p) throw BAIL; // `key:value` or `-value` never reach here; be safe.
    if (i === this.end || t.charCodeAt(i) === HASH) {
      // Nothing on this line: a collection on the next lines, or null.
      const hasComment = i < this.end;
      const lineEnd = this.end;
      const after = this.nextLine();
      this.seek(after);
      const c = this.at;
      const isDash = this.indent >= 0 && t.charCodeAt(c) === DASH && (c + 1 === this.end || t.charCodeAt(c + 1) === SPACE);
      if (this.indent > n) return isDash ? this.seq(this.indent, depth + 1) : this.map(this.indent, depth + 1);
      if (this.indent === n && isDash && !inSeq) return this.seq(n, depth + 1);
      // An empty value with a comment after it: `yaml` stretches its range in ways that depend on the context.
      if (hasComment || this.passedComment || afterComment) throw BAIL;
      const s = new Scalar(null);
      this.lastEmpty = true;
      s.range = [i, i, lineEnd];
      s.source = '';
      s.type = 'PLAIN';
      return { node: s, value: null };
    }
    const c = t.charCodeAt(i);
    if (inSeq && c !== QUOTE && c !== DQUOTE) {
      // `- key: value` opens a mapping indented at the key; `- - x` is not supported.
      if (c === DASH && (i + 1 === this.end || t.charCodeAt(i + 1) === SPACE)) throw BAIL;
      if (this.keyEnd(i) >= 0) {
        const col = i - (this.at - this.indent);
        this.at = i;
        this.indent = col;
        return this.map(col, depth + 1);
      }
    }
    if ((c === BRACE && t.charCodeAt(i + 1) === BRACE_END) || (c === BRACKET && t.charCodeAt(i + 1) === BRACKET_END)) {
      // An empty flow collection, `{}` or `[]` (kubectl writes `resources: {}`), with at most a comment after it.
      this.onlyCommentAfter(i + 2);
      const empty = c === BRACE ? new YAMLMap(this.schema) : new YAMLSeq(this.schema);
      empty.flow = true;
      return this.endOneLine(empty, i, i + 2, n, c === BRACE ? {} : []);
    }
    let s: Scalar;
    let v: unknown;
    let valueEnd: number;
    if (c === DQUOTE || c === QUOTE) {
      // A quoted scalar closed on this line, without escapes; nothing but a comment after it.
      let j = i + 1;
      let text = '';
      if (c === DQUOTE) {
        while (j < this.end && t.charCodeAt(j) !== DQUOTE) {
          if (t.charCodeAt(j) === BACKSLASH) throw BAIL;
          j++;
        }
        if (j >= this.end) throw BAIL;
        text = t.slice(i + 1, j);
      } else {
        let from = j;
        for (;;) {
          while (j < this.end && t.charCodeAt(j) !== QUOTE) j++;
          if (j >= this.end) throw BAIL;
          if (t.charCodeAt(j + 1) === QUOTE) {
            text += t.slice(from, j + 1);
            j += 2;
            from = j;
            continue;
          }
          text += t.slice(from, j);
          break;
        }
      }
      valueEnd = j + 1;
      this.onlyCommentAfter(valueEnd);
      s = new Scalar(text);
      s.source = text;
      s.type = c === DQUOTE ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE';
      v = text;
    } else {
      if (INDICATOR.has(c) && !(c === DASH && i + 1 < this.end && t.charCodeAt(i + 1) !== SPACE)) throw BAIL;
      // A plain scalar: to the end of the line or a ` #` comment; `: ` inside would be a nested mapping.
      let j = i;
      let stop = this.end;
      for (; j < this.end; j++) {
        const d = t.charCodeAt(j);
        if (d === HASH && t.charCodeAt(j - 1) === SPACE) {
          stop = j;
          break;
        }
        if (d === COLON && (j + 1 === this.end || t.charCodeAt(j + 1) === SPACE)) throw BAIL;
      }
      while (stop > i && t.charCodeAt(stop - 1) === SPACE) stop--;
      valueEnd = stop;
      const text = t.slice(i, stop);
      const r = resolveCorePlain(text);
      s = new Scalar(r.value);
      if (r.minFractionDigits !== undefined) s.minFractionDigits = r.minFractionDigits;
      s.source = text;
      s.type = 'PLAIN';
      if (r.format !== undefined) s.format = r.format;
      v = r.value;
    }
    return this.endOneLine(s, i, valueEnd, n, v);
  }

  /** After a value that ends at `from`, the line may hold only spaces and a comment (after a space). */
  private onlyCommentAfter(from: number): void {
    const t = this.text;
    let k = from;
    while (k < this.end && t.charCodeAt(k) === SPACE) k++;
    if (k < this.end && !(t.charCodeAt(k) === HASH && k > from)) throw BAIL;
  }

  /**
   * Finishes a value written on one line, from `start` to `valueEnd` (its node range runs to the next line),
   * in a collection indented `n`, and moves to the next content line.
   */
  private endOneLine<N extends Scalar | YAMLMap | YAMLSeq>(node: N, start: number, valueEnd: number, n: number, value: unknown): { node: N; value: unknown } {
    const after = this.nextLine();
    this.lastEmpty = false;
    node.range = [start, valueEnd, after];
    this.seek(after);
    // A more indented line after a one-line value would continue it (multi-line) or be an error.
    if (this.indent > n) throw BAIL;
    return { node, value };
  }
}

/** Characters whose presence sends a document to the general parser. */
const UNSUPPORTED_CHAR = /[\t\r\ufeff\u0085\u2028\u2029]/;

/**
 * Parses one document chunk (as `splitDocuments` cuts them) when it uses only plain block YAML with a
 * mapping at its root; undefined means: use `yaml`. Never throws.
 */
export function fastParse(text: string): FastParse | undefined {
  if (UNSUPPORTED_CHAR.test(text)) return undefined;
  try {
    const doc = new Document(undefined, DOC_OPTIONS) as unknown as Document.Parsed;
    const { contents, value, start, marker } = new Reader(text, doc.schema).read();
    if (marker) doc.directives.docStart = true;
    doc.contents = contents as unknown as Document.Parsed['contents'];
    doc.range = [start, contents.range![2], text.length];
    return { doc, value };
  } catch {
    // BAIL: outside the subset (or, defensively, anything unexpected): the general parser decides.
    return undefined;
  }
}
