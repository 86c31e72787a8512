// parse.ts converts documents to plain values with its own fast path; it must build exactly what
// yaml's doc.toJS() builds, including odd keys, and fall back to the library where it differs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseAllDocuments, stringify } from 'yaml';
import { parseFile } from '../../src/core/index';

function libraryValues(text: string): unknown[] {
  return parseAllDocuments(text, { uniqueKeys: false }).map((d) => (d.errors.length ? undefined : d.toJS({ maxAliasCount: 1000 })));
}

function ourValues(text: string): unknown[] {
  return parseFile('v.yaml', text).documents.map((d) => d.value);
}

test('plain values equal doc.toJS() on random JSON-shaped documents', () => {
  fc.assert(
    fc.property(fc.array(fc.jsonValue({ maxDepth: 5 }), { minLength: 1, maxLength: 3 }), (values) => {
      const text = values.map((v) => `---\n${stringify(v)}`).join('');
      fc.pre(!text.includes('{{')); // templated documents are skipped, not converted
      assert.deepStrictEqual(ourValues(text), libraryValues(text));
    }),
    { numRuns: 300 },
  );
});

test('plain values equal doc.toJS() on keys and nodes the fast path treats specially', () => {
  const cases = [
    '__proto__: 1\nconstructor: 2\ntoString: 3\n',
    '1: a\n2.5: b\ntrue: c\nnull: d\n"": f\n',
    '? : x\n',
    'a: &x {b: 1}\nc: *x\n',
    'base: &b {x: 1}\nderived:\n  <<: *b\n  y: 2\n',
    '? [a, b]\n: 1\n',
    '? {a: 1}\n: 2\n',
    'list: [a: 1, b]\n',
    'set: !!set {a, b}\nomap: !!omap [{a: 1}]\n',
    'tagged: !custom {a: 1}\nstr: !!str 12\nint: !!int "7"\n',
    'empty:\nnothing: ~\n',
    '',
    '# only a comment\n',
    'spec:\n  ports:\n    - port: 80\n      targetPort: "8080"\n    - {port: 443, name: https}\n',
    'x: .inf\ny: -.inf\nz: 0x1f\nw: 0o17\nv: 1e3\n',
  ];
  for (const text of cases) assert.deepStrictEqual(ourValues(text), libraryValues(text), JSON.stringify(text));
  // Own properties, not prototype changes.
  const v = ourValues('__proto__: {polluted: true}\n')[0] as Record<string, unknown>;
  assert.ok(Object.prototype.hasOwnProperty.call(v, '__proto__'));
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
});
