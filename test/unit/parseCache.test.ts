// ParseCache: hits only for equal text (also when long texts share length and both ends), least
// recently used entries are dropped first, and parseFile reuses cached documents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ParseCache, parseFile } from '../../src/core/index';

const doc = (middle: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: same-start-and-end-for-a-long-while-${'x'.repeat(120)}\ndata:\n  k: ${middle}\n  tail: ${'y'.repeat(120)}\n`;

test('texts with the same length and ends are told apart', () => {
  const cache = new ParseCache();
  const a = parseFile('a.yaml', doc('aaaa'), cache);
  const b = parseFile('b.yaml', doc('bbbb'), cache);
  assert.notEqual(a.documents[0]!.doc, b.documents[0]!.doc);
  assert.equal((b.documents[0]!.value as { data: { k: string } }).data.k, 'bbbb');
  // The same text again is a hit: the very same yaml Document comes back.
  assert.equal(parseFile('c.yaml', doc('aaaa'), cache).documents[0]!.doc, a.documents[0]!.doc);
});

test('the least recently used entries are evicted first', () => {
  const cache = new ParseCache(20);
  const texts = Array.from({ length: 20 }, (_, i) => doc(`v${String(i).padStart(3, '0')}`));
  const docs = texts.map((t) => parseFile('f.yaml', t, cache).documents[0]!.doc);
  // Touch the first one, then overflow the cache: the oldest untouched entries go, the touched one stays.
  assert.equal(parseFile('f.yaml', texts[0]!, cache).documents[0]!.doc, docs[0]);
  parseFile('f.yaml', doc('new'), cache);
  assert.equal(parseFile('f.yaml', texts[0]!, cache).documents[0]!.doc, docs[0]);
  assert.notEqual(parseFile('f.yaml', texts[1]!, cache).documents[0]!.doc, docs[1]);
  assert.equal(parseFile('f.yaml', texts[19]!, cache).documents[0]!.doc, docs[19]);
});
