// Duplicate keys are found in linear time (parse.ts) with the same errors `yaml`'s quadratic
// `uniqueKeys: true` check reports, on random block and flow mappings (ours point at the key itself).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { MAX_SYNTAX_ERRORS_PER_DOCUMENT, parseFile } from '../../../src/core/index';
import { runs, SEED } from './fuzzKit';

const HEAD = 'apiVersion: v1\nkind: ConfigMap\n';

function libraryDuplicates(text: string): number[] {
  return parseAllDocuments(text, { uniqueKeys: true })
    .flatMap((d) => d.errors)
    .filter((e) => e.code === 'DUPLICATE_KEY')
    .map((e) => e.pos[0])
    .sort((a, b) => a - b);
}

function ourDuplicates(text: string): number[] {
  return parseFile('x.yaml', text)
    .findings.filter((f) => f.rule === 'yaml-syntax' && f.message.includes('same key appears twice'))
    .map((f) => f.range.start)
    .sort((a, b) => a - b);
}

test('a duplicate key is an error on the second key, and the document is not checked', () => {
  const text = `${HEAD}metadata:\n  name: a\n  name: b\n`;
  const parsed = parseFile('x.yaml', text);
  const dup = parsed.findings.filter((f) => f.rule === 'yaml-syntax');
  assert.equal(dup.length, 1);
  assert.equal(dup[0]!.severity, 'error');
  assert.equal(text.slice(dup[0]!.range.start, dup[0]!.range.start + 4), 'name');
  assert.equal(dup[0]!.range.start, text.lastIndexOf('name'));
  assert.equal(parsed.objects.length, 0);
});

test('keys that differ by type or are not scalars are not duplicates (as in the library)', () => {
  for (const text of [`${HEAD}data: {1: a, "1": b}\n`, `${HEAD}data: {[a]: 1, [a]: 2}\n`, `${HEAD}data: {~: 1, null: 2}\n`, `${HEAD}data: {true: 1, "true": 2}\n`, `${HEAD}a: &k x\n*k : 1\nx: 2\n`]) {
    assert.equal(ourDuplicates(text).length, libraryDuplicates(text).length, text);
  }
});

test('random mappings: the same duplicate-key errors as yaml with uniqueKeys', () => {
  const key = fc.constantFrom('a', 'b', '"a"', "'b'", '1', '"1"', '01', 'true', '~', 'null', '? a', '&x a', '!!str a');
  const leaf = fc.constantFrom('1', 'x', '[a, b]', '{a: 1, a: 2}', '{}', '');
  const mapping = fc.letrec<{ node: string }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.array(fc.tuple(key, tie('node')), { maxLength: 5 }).map((pairs) => `{${pairs.map(([k, v]) => `${k.startsWith('?') ? k : k + ':'} ${v}`).join(', ')}}`),
      fc.array(tie('node'), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
    ),
  })).node;
  const block = fc.array(fc.tuple(key.filter((k) => !k.startsWith('?')), mapping), { minLength: 1, maxLength: 8 }).map((pairs) => pairs.map(([k, v]) => `${k}: ${v}`).join('\n'));
  fc.assert(
    fc.property(block, (body) => {
      const text = `${HEAD}data:\n${body.replace(/^/gm, '  ')}\n`;
      // Past this many errors a document's later ones are not reported (parse.ts caps them).
      if (parseAllDocuments(text).reduce((n, d) => n + d.errors.length, 0) + libraryDuplicates(text).length > MAX_SYNTAX_ERRORS_PER_DOCUMENT) return;
      const ours = ourDuplicates(text);
      const lib = libraryDuplicates(text);
      assert.equal(ours.length, lib.length, text);
      // The library points at the end of its key "props", which may be the line break before the key; we point at the key.
      ours.forEach((o, i) => assert.ok(o >= lib[i]! && !/\S/.test(text.slice(lib[i]!, o)), `${text}\nours ${o}, library ${lib[i]}`));
    }),
    { numRuns: runs(300), seed: SEED },
  );
});

test('100,000 distinct keys parse in linear time (this took minutes with the library check)', () => {
  let text = `${HEAD}metadata: {name: big}\ndata:\n`;
  for (let i = 0; i < 100_000; i++) text += `  k${i}: v${i}\n`;
  text += '  k7: again\n';
  const t0 = performance.now();
  const dups = ourDuplicates(text);
  const ms = performance.now() - t0;
  assert.deepEqual(dups, [text.lastIndexOf('k7: again')]);
  assert.ok(ms < 30_000, `took ${ms.toFixed(0)} ms`);
});
