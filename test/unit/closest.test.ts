// "Did you mean" suggestions: `closest` stops computing a distance as soon as it cannot beat the best so
// far. It must pick exactly what the plain computation picks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { closest, editDistance } from '../../src/core/k8s';
import { runs, SEED } from './fuzz/fuzzKit';

/** The textbook computation, as the suggestions were made before. */
function plainDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > 8) return Math.max(a.length, b.length);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

function plainClosest(word: string, candidates: readonly string[], maxRatio = 0.4): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = c.toLowerCase() === word.toLowerCase() ? 0.5 : plainDistance(word, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  if (best === undefined) return undefined;
  return bestD <= Math.max(1, Math.ceil(Math.max(word.length, best.length) * maxRatio)) ? best : undefined;
}

const name = fc.stringMatching(/^[a-cA-C-]{0,14}$/);

test('editDistance equals the textbook computation', () => {
  fc.assert(fc.property(name, name, (a, b) => editDistance(a, b) === plainDistance(a, b)), { numRuns: runs(3000), seed: SEED });
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('a', 'a'.repeat(20)), 20);
  // Long names (longer than the rows first allocated) work too.
  assert.equal(editDistance('x'.repeat(200), 'x'.repeat(199) + 'y'), 1);
});

test('closest picks exactly what the plain computation picks, ties and case included', () => {
  fc.assert(
    fc.property(name, fc.array(name, { maxLength: 12 }), fc.constantFrom(0.4, 0.5, 1), (word, candidates, ratio) => closest(word, candidates, ratio) === plainClosest(word, candidates, ratio)),
    { numRuns: runs(5000), seed: SEED },
  );
  assert.equal(closest('web', ['api', 'Web', 'web']), 'Web');
  assert.equal(closest('frontend', ['backend', 'frontent', 'frontend-v2']), 'frontent');
  assert.equal(closest('x', []), undefined);
});
