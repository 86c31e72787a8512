// fastYaml.ts reads plain block YAML without the general parser. Every document it accepts must read
// exactly as `yaml` reads it: same node classes, values, scalar types and formats, same ranges, same
// document range and plain value. These tests compare the two on every real manifest, fixture and
// sample in the repository, on hand-written edge cases, and on random edits of all of those.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { isMap, isPair, isScalar, isSeq, parseAllDocuments } from 'yaml';
import { fastParse } from '../../src/core/fastYaml';
import { parseFile, splitDocuments } from '../../src/core/parse';
import { generate } from '../../bench/generate.mjs';
import { RUNS, runs, SEED } from './fuzz/fuzzKit';

const root = join(__dirname, '..', '..');

/** A comparable picture of a node tree: class, range and every scalar property `yaml` sets. */
function shape(node: unknown): unknown {
  if (node === null || node === undefined) return node;
  if (isScalar(node)) {
    return { c: 'Scalar', range: node.range, value: node.value, type: node.type, source: node.source, format: node.format, mfd: node.minFractionDigits, tag: node.tag };
  }
  if (isMap(node) || isSeq(node)) {
    return {
      c: node.constructor.name,
      range: node.range,
      flow: node.flow,
      tag: node.tag,
      items: node.items.map((it: unknown) => (isPair(it) ? { key: shape(it.key), value: shape(it.value) } : shape(it))),
    };
  }
  return { c: 'other', node: String(node) };
}

/** Null when fastParse declined or agreed with yaml; else a description of the difference. */
function disagreement(chunk: string): string | null {
  const fast = fastParse(chunk);
  if (!fast) return null;
  const docs = parseAllDocuments(chunk, { prettyErrors: false, uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [];
  if (list.length !== 1) return `yaml reads ${list.length} documents`;
  const d = list[0]!;
  if (d.errors.length || d.warnings.length) return `yaml reports ${[...d.errors, ...d.warnings].map((e) => e.code).join(', ')}`;
  if (!isDeepStrictEqual(fast.doc.range, d.range)) return `document range ${JSON.stringify(fast.doc.range)} vs ${JSON.stringify(d.range)}`;
  if (fast.doc.directives.docStart !== d.directives.docStart) return 'docStart differs';
  const a = shape(fast.doc.contents);
  const b = shape(d.contents);
  if (!isDeepStrictEqual(a, b)) return `nodes differ:\n${JSON.stringify(a)}\n${JSON.stringify(b)}`;
  if (!isDeepStrictEqual(fast.value, d.toJS())) return 'plain value differs';
  return null;
}

function chunks(text: string): string[] {
  return splitDocuments(text).map((s) => text.slice(s.start, s.end));
}

function yamlFiles(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yamlFiles(p, out);
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

/** The shared corpus sits next to the repository; a clone elsewhere checks the repository's own files only. */
const corpusPresent = existsSync(join(root, '..', 'shared', 'corpus'));
const files = [...yamlFiles(join(root, '..', 'shared', 'corpus')), ...yamlFiles(join(root, 'test')), ...yamlFiles(join(root, 'webview')), ...yamlFiles(join(root, 'docs'))];
const texts = [...files.map((f) => readFileSync(f, 'utf8')), generate(12)];
const allChunks = texts.flatMap(chunks);

test('fastParse agrees with yaml on every manifest, fixture and sample in the repository', () => {
  assert.ok(files.length > (corpusPresent ? 100 : 50), `found only ${files.length} YAML files`);
  let accepted = 0;
  for (const c of allChunks) {
    const why = disagreement(c);
    assert.equal(why, null, `${why}\n--- chunk ---\n${c}`);
    if (fastParse(c)) accepted++;
  }
  // Most real documents are plain block YAML; if this drops, the fast path stopped applying.
  assert.ok(accepted / allChunks.length > 0.5, `fast path took ${accepted} of ${allChunks.length} documents`);
});

test('fastParse takes every document of a generated manifest and gives parseFile the same values', () => {
  const text = generate(30);
  for (const c of chunks(text)) assert.ok(fastParse(c), `declined:\n${c}`);
  const viaFile = parseFile('g.yaml', text).documents.map((d) => d.value);
  const viaLibrary = parseAllDocuments(text).map((d) => d.toJS());
  assert.deepStrictEqual(viaFile, viaLibrary);
});

/** The last disagreement a property met: after shrinking, the smallest one. fast-check's report drops assertion text. */
let lastFailure: string | undefined;
function agrees(text: string): boolean {
  const why = disagreement(text);
  if (why) lastFailure = `${why}\n--- text ---\n${JSON.stringify(text)}`;
  return why === null;
}
let checkResult: fc.RunDetails<unknown> | undefined;
function check<T>(property: fc.IProperty<T>, params: fc.Parameters<T>): void {
  lastFailure = undefined;
  checkResult = fc.check(property, params) as fc.RunDetails<unknown>;
}
function reportFailure(): void {
  if (checkResult?.failed) assert.fail(`${lastFailure ?? String(checkResult.errorInstance)}\n(seed ${checkResult.seed}, path ${checkResult.counterexamplePath})`);
}

const EDGE_CASES = [
  'metadata:\n  creationTimestamp: null\nspec:\n  strategy: {}\n  template:\n    spec:\n      containers:\n      - image: nginx\n        resources: {}\n      args: []\nstatus: {}\n',
  'a: {}\nb: []\nc:\n- {}\n- []\nd: {}  # c\ne: { }\nf: [ ]\ng: {}x\n',
  'a: {}\n  b: 1\n',
  'a:\n- {}\n  b: 1\n',
  'a: {}',
  'a: 1\n',
  'a: 1',
  '---\na: 1\n',
  '--- \na: 1\n',
  '# c\n---\na: 1\n',
  '---\n# c\n\na: 1\n# end\n\n',
  '\n\na: 1\n\n\n',
  'a:\n',
  'a:',
  'a:   \nb: 2',
  'a: # c\nb: 2\n',
  'a:\n- b\n-\n- # c\n-   \nc: 1\n',
  'a:\n  - b\n  -\n  - # c\nc: 1',
  'a: x   \n',
  'a: x # y\nb: "q" # r\nc: \'s\'   # t\n',
  'a: 1.50\nb: 0o17\nc: 1e3\nd: .inf\ne: 0x1F\nf: -0\ng: +12\nh: ~\ni: Null\nj: -.INF\nk: .NaN\nl: 1.\nm: .5\nn: 007\no: TRUE\np: False\nq: 1_000\nr: 0b1\ns: 12:30\n',
  'a: yes\nb: no\nc: on\nd: off\ne: y\n',
  "a: 'it''s'\nb: ''\nc: \"\"\nd: '#'\ne: \"a # b\"\nf: 'a: b'\n",
  'a: b#c\nb: c:d\nc: http://x/y?z=1#f\nd: [x\ne: x]\nf: a{b}\ng: a,b\n',
  'a: -1\nb: -x\nc: --x\nd: -\n',
  'a: *x\n',
  'a: &x 1\n',
  'a: !!str 1\n',
  'a: |\n  x\n',
  'a: >\n  x\n',
  'a: {b: 1}\n',
  'a: [1]\n',
  '"a": 1\n',
  "'a': 1\n",
  '? a\n: 1\n',
  'a: 1\na: 2\n',
  'a:\n  b: 1\n  b: 2\n',
  '__proto__: 1\nconstructor: 2\n',
  'a: b\n  c\n',
  'a: b\n  # c\nd: 1\n',
  'a:\n  b: 1\n  # c\nd: 2\n',
  'a:\n  b: 1\n# c\nd: 2\n',
  'a:\n  b: 1\n# c\n  d: 2\n',
  'a:\n- b: 1\n  c: 2\n- d: 3\n',
  'a:\n  - b: 1\n    c:\n      - x\n    d: 3\n  - - e\n',
  'a:\n  -\n    b: 1\n  -\n    - c\n',
  'a: b: c\n',
  'a:b\n',
  'a :b\n',
  'a : b\n',
  'a:\tb\n',
  'a: b\r\nc: d\r\n',
  'a:\n   b: 1\n  c: 2\n',
  'a:\n  b: 1\n c: 2\n',
  '- a\n- b\n',
  'a\n',
  '',
  '# only\n',
  '---\n',
  'a: 1\n...\n',
  '%YAML 1.2\n---\na: 1\n',
  'a: "x\\ny"\n',
  'a: "x\n  y"\n',
  "a: 'x\n  y'\n",
  'a: "unterminated\n',
  'a: "x" y\n',
  'a: "x"#y\n',
  'true: 1\n',
  '1: a\n',
  'null: a\n',
  '~: a\n',
  'a b: c d\n',
  'a.b/c-d_e: f\n',
  'a: 1\n  \n b: 2\n',
  'a:\n  b:\n    c:\n      d: 1\n',
  'key: value with "quotes" and \'apostrophes\'\n',
  'a: é ü 日本 🙂\n',
  'a: \u00a0b\n',
  'spec:\n  # why\n  ports:\n  - port: 80 # web\n    # the port of the pods\n    targetPort: 8080\n  # which pods\n  selector:\n    app: web\n',
  'tls:\n- hosts:\n  - a.example.com\n  # the secret\n  secretName: s\n',
  'tls:\n  - hosts:\n      - a.example.com\n    # the secret\n    secretName: s\n',
  'a:\n  b: 1\n  # c\n  d: 2\n',
  'a:\n  b: 1\n    # c\n  d: 2\n',
  'a:\n  b: 1\n # c\n  d: 2\n',
  'a:\n  b:\n  # c\n  d: 2\n',
  'a: 1\n  # c\n',
  `${'k'.repeat(1024)}: 1\n`,
  `${'k'.repeat(1025)}: 1\n`,
  `a: ${'v'.repeat(100000)}\n`,
  // `...` then a space at the margin ends the document even when a key follows (yaml: three errors).
  'a: 1\n... x: 2\n',
  '... x: 1\n',
  'a:\n  b: 1\n... c: 2\n',
  '...: 1\n',
  '...#: 1\n',
  // After an empty value, yaml counts the 1024 characters of the next implicit key from that value's line end.
  `a:\n${'k'.repeat(1024)}: 1\n`,
  `a:\n${'k'.repeat(1023)}: 1\n`,
  `x:\n  a:\n  ${'k'.repeat(1022)}: 1\n`,
  `x:\n  a:\n${'k'.repeat(1023)}: 1\n`,
  `a:\n- b\n-\n${'k'.repeat(1024)}: 1\n`,
  `a: 1\n${'k'.repeat(1024)}: 1\n`,
  // Markers only count at the margin and before a space or the line end.
  'a: ---\nb: ...\nc:\n- ---\n- ...\n- --- x\n',
  '---\n... x: 1\n',
  '---x: 1\n',
  'a:\n  ... x: 1\n',
  // Numbers at the edges of the core schema.
  'a: +.5\nb: .5e1\nc: 0.\nd: -0.0\ne: 0o8\nf: 0x\ng: 0X1\nh: 0O7\ni: +0x1\nj: 1e400\nk: 123456789012345678901234567890\nl: .\nm: -.\nn: +\no: 1.0e\np: ++1\nq: nULL\nr: tRUE\ns: .nAn\n',
  // Unicode: spaces that are not YAML white space, astral characters and lone surrogates are content.
  'a: b\u00a0#c\nb: \u2003x\nc\u3000: y\n\u00a0d: 1\ne: \ud800\nf\udfff: \ud83d\ude00\n',
  'a:\u00a0b\n',
  'a: x\u0085y\n',
  'a: x\u2028y\n',
  'a: 1\n\ufeffb: 2\n',
  // Control characters other than tab and CR are content to yaml.
  'a: \u0000\nb\u0001: \u001f\nc: x\u0002 # \u0018\n',
  // Space-only lines deeper than anything, trailing spaces, no final newline.
  'a:\n  b: 1\n          \n  c: 2\n                \nd: 3   \n     ',
  'a:\n- b\n-\n          \nc: 1',
  // Comments around sequences as indented as their parent's keys.
  'a:\n- b\n# c\n',
  'x:\n  a:\n  - b\n# c\ny: 1\n',
  'x:\n  a:\n  - b\n  # c\n  d: 1\n',
  'a:\n# c\n-\n- d\n',
  // Keys the JavaScript object treats specially, repeated at other levels.
  '__proto__:\n  __proto__: 1\n  constructor: 2\nconstructor:\n  a: 1\ntoString: x\n',
];

test('fastParse agrees with yaml on hand-written edge cases', () => {
  let accepted = 0;
  for (const c of EDGE_CASES) {
    assert.equal(disagreement(c), null, `case ${JSON.stringify(c)}: ${disagreement(c)}`);
    if (fastParse(c)) accepted++;
  }
  assert.ok(accepted > 20, `fast path took only ${accepted} edge cases`);
});

test('fastParse declines what it does not read: flow, anchors, tags, block scalars, quoted keys, duplicates, errors', () => {
  for (const c of ['a: *x\n', 'a: &x 1\n', 'a: !!str 1\n', 'a: |\n  x\n', 'a: {b: 1}\n', '"a": 1\n', 'a: 1\na: 2\n', 'a: b: c\n', 'a: b\n  c\n', '- a\n', 'a: "x\\ny"\n', 'a:\tb\n', 'a: 1\r\n']) {
    assert.equal(fastParse(c), undefined, JSON.stringify(c));
  }
});

test('fastParse agrees with yaml after random edits of real documents', () => {
  const sources = allChunks.filter((c) => c.length < 4000 && fastParse(c));
  const alphabet = [' ', '  ', '\n', '#', ' #', ':', ': ', '-', '- ', '"', "'", '1', '0.50', 'x', 'true', '~', '[', '{', '&a ', '*a', '!t ', '|', '>', '\\', '\t', '\r', '---\n', '...\n', 'a: b\n', '  - c\n'];
  check(
    fc.property(
      fc.integer({ min: 0, max: sources.length - 1 }),
      fc.array(fc.record({ at: fc.nat(), del: fc.nat({ max: 4 }), ins: fc.constantFrom(...alphabet) }), { minLength: 1, maxLength: 4 }),
      (which, edits) => {
        let text = sources[which]!;
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.ins + text.slice(Math.min(text.length, at + e.del));
        }
        return agrees(text);
      },
    ),
    { numRuns: runs(3000), seed: SEED },
  );
  reportFailure();
});

test('fastParse agrees with yaml on random line-level edits: indentation, deleted and repeated lines', () => {
  const sources = allChunks.filter((c) => c.length < 4000 && fastParse(c));
  check(
    fc.property(
      fc.integer({ min: 0, max: sources.length - 1 }),
      fc.array(fc.record({ line: fc.nat(), op: fc.constantFrom('indent', 'dedent', 'delete', 'repeat', 'blank', 'comment', 'spaces') }), { minLength: 1, maxLength: 3 }),
      (which, edits) => {
        const lines = sources[which]!.split('\n');
        for (const e of edits) {
          const i = e.line % lines.length;
          const l = lines[i]!;
          if (e.op === 'indent') lines[i] = ' ' + l;
          else if (e.op === 'dedent') lines[i] = l.replace(/^ /, '');
          else if (e.op === 'delete') lines.splice(i, 1);
          else if (e.op === 'repeat') lines.splice(i, 0, l);
          else if (e.op === 'blank') lines.splice(i, 0, '');
          else if (e.op === 'comment') lines.splice(i, 0, `${' '.repeat(e.line % 5)}# note`);
          else lines.splice(i, 0, ' '.repeat(1 + (e.line % 6)));
          if (lines.length === 0) lines.push('');
        }
        const text = lines.join('\n');
        return agrees(text);
      },
    ),
    { numRuns: runs(3000), seed: SEED },
  );
  reportFailure();
});

/** A small deterministic generator: `rnd(n)` in [0, n), `pick` one element. */
function seeded(seed: number): { rnd: (n: number) => number; pick: <T>(a: readonly T[]) => T } {
  let state = seed >>> 0 || 1;
  const rnd = (n: number): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 8) % n;
  };
  return { rnd, pick: <T>(a: readonly T[]): T => a[rnd(a.length)]! };
}

/**
 * Random block-YAML documents from a small grammar: nested mappings and sequences (compact or not, any
 * indentation step), scalars from a list of the tricky cases of YAML 1.2 (numbers in every form, indicators,
 * quotes, `: ` and ` #` inside, Unicode spaces), comments at any indentation, blank lines, markers.
 */
function randomDocument(seed: number): string {
  const { rnd, pick } = seeded(seed);
  const scalars = ['x', 'hello world', '1', '-1', '+1', '0.5', '1.0', '.5', '1e3', '0x1f', '0o7', '0b1', '~', 'null', 'NULL', 'true', 'True', 'FALSE', 'yes', 'on', '.inf', '-.Inf', '.nan', '12:30', 'a:b', 'a: b', 'a:', 'a #b', 'a#b', '#a', '-', '- a', '-a', '?', '? a', ':a', ',a', '[a', 'a]', '{a', 'a}', '&a', '*a', '!a', '|', '>', "'a'", '"a"', "'a''b'", '"a\'b"', '"a\\"b"', "'a", '"a', "''", '""', '%a', '@a', '`a', 'é', '日本', '🙂', '\u00a0a', 'a\u00a0', 'a  b', 'http://x:80/y#z', '__proto__', '<<', '007', '-0', '1_000', '0.', '1.5e-3', '{}', '[]', '{ }', '[ ]', '{}x', '[]#c', '{} # c', '{}:', '[]]'];
  const keys = ['a', 'b', 'name', 'port', 'app.kubernetes.io/name', 'x y', '1', 'true', 'null', '~', '-a', '?a', '"q"', "'q'", 'a#b', 'a:b', '__proto__', 'toString', '<<', '日本', 'a]', 'a,b', 'k'.repeat(1023), 'k'.repeat(1024), 'k'.repeat(1025), '... x', '...'];
  const plain = ['web', '8080', 'nginx:1.25', '/healthz', 'a b', 'TCP', '"quoted"', "'single'", '{}', '[]'];
  const scalar = (): string => (rnd(2) ? pick(plain) : pick(scalars));
  const key = (): string => (rnd(3) ? pick(['app', 'name', 'port', 'spec', 'app.kubernetes.io/name', 'x y']) : pick(keys));
  const comment = (ind: number): string => (rnd(4) ? '' : `${' '.repeat(rnd(3) ? ind : rnd(8))}# c\n`);
  const blank = (): string => (rnd(6) ? '' : rnd(2) ? '\n' : `${' '.repeat(rnd(6))}\n`);
  const entry = (prefix: string, ind: number, depth: number, item: boolean): string => {
    const r = rnd(10);
    const trail = rnd(5) ? '' : pick([' ', ' # t', '#t', '   # t']);
    if (depth > 3 || r < 5) return `${prefix}${rnd(15) ? ' ' : pick(['', '  ', '\t'])}${scalar()}${trail}\n`;
    const block = r < 8 ? map(ind + pick([2, 2, 4, 1, 3]), depth + 1) : seq(ind + pick([2, 2, 0, 4]), depth + 1);
    if (item && rnd(2) && block.trimStart()) return `${prefix} ${block.trimStart()}`;
    return `${prefix}${rnd(8) ? '' : pick([' ', ' # c'])}\n${comment(ind)}${block}`;
  };
  const map = (ind: number, depth: number): string => {
    let out = '';
    for (let i = 0, n = 1 + rnd(4); i < n; i++) out += blank() + comment(ind) + entry(`${' '.repeat(ind)}${key()}:`, ind, depth, false);
    return out;
  };
  const seq = (ind: number, depth: number): string => {
    let out = '';
    for (let i = 0, n = 1 + rnd(3); i < n; i++) out += blank() + comment(ind) + entry(`${' '.repeat(ind)}-`, ind, depth, true);
    return out;
  };
  const text = (rnd(3) ? '' : pick(['---\n', '# h\n---\n', '--- \n', '---\n# h\n'])) + map(0, 0) + (rnd(4) ? '' : pick(['# end\n', '\n\n', '  # end\n', '...\n']));
  return rnd(10) ? text : text.slice(0, -1);
}

/**
 * Runs a generator of documents through the differential check. The grammars are built to be mostly
 * hostile; still, at least a tenth of the documents must take the fast path, or the test proves little.
 */
function checkGenerated(generate: (seed: number) => string, defaultRuns: number): void {
  let accepted = 0;
  check(
    fc.property(fc.integer(), (seed) => {
      const text = generate(seed);
      if (fastParse(text)) accepted++;
      return agrees(text);
    }),
    { numRuns: runs(defaultRuns), seed: SEED },
  );
  reportFailure();
  assert.ok(accepted > runs(defaultRuns) / 10, `fast path took only ${accepted} documents`);
}

test('fastParse agrees with yaml on random documents built from the tricky parts of YAML', () => {
  checkGenerated(randomDocument, 5000);
});

/**
 * Every document of a few lines built from the shapes block YAML lines take (keys, empty values, sequence
 * entries, compact mappings, comments, blank and space-only lines, document markers) at several
 * indentations, after a few fixed openings. Exhaustive, so a combination the random tests seldom draw is
 * still met; `FUZZ_RUNS` of 10,000 or more adds a third line (about two million documents).
 */
test('fastParse agrees with yaml on every small document built from line shapes', () => {
  const shapes = ['K: v', 'K:', 'K:  ', '- v', '-', '-  ', '- K: v', '- K:', '-   K: v', '- - v', '#', 'K: v #', 'K: {}', '- []', 'K: [] # c', '- {}x', 'K: # c', "- 'q'", '... K: v', '---', 'K: v: w'];
  const lines = ['', '   ', ...shapes.flatMap((shape) => [0, 2, 3].map((n) => ' '.repeat(n) + shape))];
  const openings = ['', 'r:\n', 'r:\n  s:\n', 'r:\n- s:\n', '---\nr:\n  - s\n'];
  const depth = RUNS !== undefined && RUNS >= 10000 ? 3 : 2;
  let accepted = 0;
  let total = 0;
  const current: string[] = [];
  const visit = (): void => {
    if (current.length > 0) {
      let k = 0;
      // Keys a, b, c... in order: no duplicates, so only the shape decides.
      const body = current.map((l) => l.replace('K', () => String.fromCharCode(97 + k++))).join('\n');
      for (const opening of openings) {
        for (const text of [`${opening}${body}\n`, opening + body]) {
          total++;
          const why = disagreement(text);
          assert.equal(why, null, `${why}\n--- text ---\n${JSON.stringify(text)}`);
          if (fastParse(text)) accepted++;
        }
      }
    }
    if (current.length === depth) return;
    for (const l of lines) {
      current.push(l);
      visit();
      current.pop();
    }
  };
  visit();
  // Most shapes are outside the subset or wrongly indented; still, thousands must take the fast path.
  assert.ok(accepted > total / 20, `fast path took ${accepted} of ${total} documents`);
});

/**
 * Random documents from a second grammar, aimed at the reader's own limits: implicit keys near the
 * 1024-character limit after empty values, `...` and `---` at the margin, Unicode and control
 * characters that are content to yaml, JavaScript-special keys, space-only lines deeper than anything,
 * comments at any indentation, compact mappings with one or more spaces after `-`.
 */
function hostileDocument(seed: number): string {
  const { rnd, pick } = seeded(seed);
  const scalars = ['x', 'a b', '1', '+.5', '.5e1', '0.', '-0.0', '0o8', '0x1F', '123456789012345678901234567890', '1.50', '~', 'nULL', 'tRUE', '.nAn', '+.INF', '...', '---', '--- x', '... x', '-x', '- -', 'x:', 'x: y', 'x:y', 'x #y', 'x#y', '\u00a0', 'x\u00a0', '\u2003x', '\ud800', '\ud83d\ude00', "'a''b'", "'''", '""', '"a\'b"', '"# x"', "'x' #c", 'x  ', 'a,b', 'a]', 'x&y', 'x|', 'http://a:1/b#c', '<<', '__proto__', '?x', '\\', '\u000b', '\u0000', '\u007f', '\u0085', '\u2028', '\ufeff', '{}', '[]', '{}}', '[] #', '{} #c'];
  const keys = ['a', 'b', 'a b', '...', '... x', '...#', '.a', 'a#b', 'a:b', 'a::', '__proto__', 'constructor', 'x\u00a0', '\u00a0x', '\ud83d\ude00', 'on', 'a"b', "a'b", 'a[b', 'a,b', 'a\\b', '0x', '+', 'k'.repeat(1022), 'k'.repeat(1023), 'k'.repeat(1024), 'k'.repeat(1025)];
  const key = (): string => (rnd(3) ? pick(['a', 'b', 'c', 'name', 'port']) : pick(keys));
  const trail = (): string => (rnd(4) ? '' : pick([' ', '  ', ' # t', '   #']));
  const blank = (ind: number): string => (rnd(7) ? '' : pick(['\n', `${' '.repeat(ind + rnd(10))}\n`, `${' '.repeat(rnd(3))}\n`]));
  const comment = (ind: number): string => (rnd(6) ? '' : `${' '.repeat(rnd(4) ? ind : rnd(8))}#${pick(['', ' c', '#', ' - a: b'])}\n`);
  const entry = (head: string, ind: number, depth: number, item: boolean): string => {
    const r = rnd(10);
    if (depth > 4 || r < 5) return `${head}${pick([' ', ' ', '  '])}${pick(scalars)}${trail()}\n`;
    if (r === 5) return `${head}${pick(['', ' ', '  '])}${trail()}\n`;
    const step = pick([1, 2, 2, 3, 4, 0]);
    const block = r < 8 ? map(ind + Math.max(1, step), depth + 1) : seq(ind + step, depth + 1);
    if (item && rnd(2) && block.trimStart() && !block.startsWith('\n')) return `${head}${' '.repeat(1 + rnd(2))}${block.trimStart()}`;
    return `${head}${rnd(6) ? '' : pick([' ', ' # c'])}\n${blank(ind)}${comment(ind + step)}${block}`;
  };
  const map = (ind: number, depth: number): string => {
    let out = '';
    const seen = new Set<string>();
    for (let i = 0, n = 1 + rnd(4); i < n; i++) {
      let k = key();
      if (seen.has(k) && rnd(4)) k += String(i);
      seen.add(k);
      out += blank(ind) + comment(ind) + entry(`${' '.repeat(ind)}${k}:`, ind, depth, false);
    }
    return out;
  };
  const seq = (ind: number, depth: number): string => {
    let out = '';
    for (let i = 0, n = 1 + rnd(3); i < n; i++) out += blank(ind) + comment(ind) + entry(`${' '.repeat(ind)}-`, ind, depth, true);
    return out;
  };
  const text = (rnd(3) ? '' : pick(['---\n', '# h\n---\n', '--- \n', '\n---\n', '  \n'])) + map(0, 0) + (rnd(3) ? '' : pick(['# end\n', '\n\n', '  # end\n', '   ', '#', '\n#\n  \n']));
  return rnd(6) ? text : text.replace(/\n$/, '');
}

test('fastParse agrees with yaml on random documents aimed at its limits', () => {
  checkGenerated(hostileDocument, 3000);
});

test('fastParse resolves plain scalars like the core schema: values, keys and sequence entries', () => {
  const unit = fc.constantFrom(...'0123456789+-.eExXoOabcfFinINtTrRuUlLsSaAN~_: '.split(''));
  check(
    fc.property(fc.string({ unit, maxLength: 9 }), (s) => agrees(`a: ${s}\n`) && agrees(`a:\n- ${s}\n`) && agrees(`${s}: 1\n`) && agrees(`a:\n  ${s}: 1\n`)),
    { numRuns: runs(5000), seed: SEED },
  );
  reportFailure();
});
