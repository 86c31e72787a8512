// Fuzzing with mutated real manifests: byte flips, line deletions and duplications, indentation
// shifts, truncation and random inserts over every fixture and the shared corpus. Check, hover and
// the simulation must never throw, hang, report outside the file, or produce a dirty fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkFiles, ParseCache } from '../../../src/core/index';
import { assertInvariants, mutate, mutatedSeedArb, mutationArb, runs, SEED, SEEDS } from './fuzzKit';

test('the seed inputs are there (fixtures, and the shared corpus when present)', () => {
  assert.ok(SEEDS.length >= 50, `only ${SEEDS.length} seed files`);
});

test('every unmutated seed file satisfies the invariants', () => {
  for (const s of SEEDS) assertInvariants([{ path: s.name, text: s.text }]);
});

test('mutated manifests: no throw, no hang, ranges inside, clean fixes', () => {
  let withFindings = 0;
  fc.assert(
    fc.property(mutatedSeedArb, ({ name, text }) => {
      const r = assertInvariants([{ path: name, text }]);
      if (r.findings.length) withFindings++;
    }),
    { numRuns: runs(150), seed: SEED },
  );
  assert.ok(withFindings > 0, 'no mutated input produced a finding: the generator is not reaching the rules');
});

test('two mutated files checked together (cross-file rules) satisfy the invariants', () => {
  fc.assert(
    fc.property(mutatedSeedArb, mutatedSeedArb, (a, b) => {
      assertInvariants([
        { path: `a/${a.name}`, text: a.text },
        { path: `b/${b.name}`, text: b.text },
      ]);
    }),
    { numRuns: runs(40), seed: SEED + 1 },
  );
});

test('random edit sequences: the parse cache gives the same findings as a fresh parse', () => {
  // Typing in an editor re-checks with a ParseCache; a stale cache entry would show old findings.
  fc.assert(
    fc.property(fc.nat({ max: SEEDS.length - 1 }), fc.array(mutationArb, { minLength: 1, maxLength: 8 }), (i, edits) => {
      const cache = new ParseCache();
      let text = SEEDS[i]!.text;
      checkFiles([{ path: 'f.yaml', text }], { cache });
      for (const e of edits) {
        text = mutate(text, e);
        const cached = checkFiles([{ path: 'f.yaml', text }], { cache }).findings;
        const fresh = checkFiles([{ path: 'f.yaml', text }]).findings;
        assert.deepEqual(
          cached.map((f) => [f.rule, f.range.start, f.range.end, f.message]),
          fresh.map((f) => [f.rule, f.range.start, f.range.end, f.message]),
        );
      }
    }),
    { numRuns: runs(30), seed: SEED + 2 },
  );
});
