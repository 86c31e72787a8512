// Shared helpers of the fuzz and property tests: seed inputs, YAML mutations, and one invariant
// checker that every random input goes through (check, hover and simulation never throw, stay
// within a time bound, keep ranges inside files, and produce fixes that edit only what they say).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { applyEdits, checkFiles, hoverAt } from '../../../src/core/index';
import type { Finding, Logger, Scope } from '../../../src/core/index';
import { applyEvent, createSimulation, toJson, trace } from '../../../src/core/sim/index';
import type { SimState } from '../../../src/core/sim/index';

/** Runs per property: modest by default so the unit stage stays fast; `FUZZ_RUNS=2000` digs deeper. */
export const RUNS = Number(process.env.FUZZ_RUNS) > 0 ? Math.trunc(Number(process.env.FUZZ_RUNS)) : undefined;
export function runs(defaultRuns: number): number {
  return RUNS ?? defaultRuns;
}

/** A fixed seed unless `FUZZ_SEED` is set, so a failure in CI reproduces locally. */
export const SEED = Number(process.env.FUZZ_SEED) || 20261127;

/** Hang detector, not a timing target: no input of at most 10 KB may take longer than this. */
export const HANG_MS = 2000;

const ROOT = join(__dirname, '..', '..', '..');
const CORPUS = '/work/shared/corpus/real';

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? yamlFiles(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : []))
    .sort();
}

/** Seed texts: every fixture of the repository plus the shared corpus of real manifests (when present). */
export const SEEDS: readonly { name: string; text: string }[] = [...yamlFiles(join(ROOT, 'test', 'fixtures')), ...yamlFiles(CORPUS)].map((p) => ({
  name: p.startsWith(ROOT) ? p.slice(ROOT.length + 1) : p,
  text: readFileSync(p, 'utf8'),
}));

/** Characters that matter to YAML (and a few that should not matter at all). */
const FLIP_CHARS = [':', '-', ' ', '\n', '\r', '\t', '[', ']', '{', '}', '"', "'", '&', '*', '!', '|', '>', '#', '%', '@', '`', ',', '?', '\u0000', '\ufffd', '\ud800', 'a', '0', '9', '~', '<<'];

/** One textual mutation; positions are taken modulo the text (or line count) when applied. */
export type Mutation =
  | { readonly op: 'flip'; readonly at: number; readonly ch: string }
  | { readonly op: 'deleteLine'; readonly line: number }
  | { readonly op: 'duplicateLine'; readonly line: number }
  | { readonly op: 'swapLines'; readonly line: number; readonly other: number }
  | { readonly op: 'indent'; readonly line: number; readonly by: number }
  | { readonly op: 'truncate'; readonly at: number }
  | { readonly op: 'insert'; readonly at: number; readonly text: string }
  | { readonly op: 'delete'; readonly at: number; readonly length: number };

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('flip' as const), at: fc.nat(), ch: fc.constantFrom(...FLIP_CHARS) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('deleteLine' as const), line: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('duplicateLine' as const), line: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('swapLines' as const), line: fc.nat(), other: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('indent' as const), line: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('insert' as const),
      at: fc.nat(),
      text: fc.oneof(fc.constantFrom('---\n', '- ', ': ', '&a ', '*a', '<<: *a\n', '{', '[', 'null', '~', '"', '\n  ', '{{ .Values.x }}', '%YAML 1.2\n', '!!binary ', '? '), fc.string({ maxLength: 6 })),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }) },
);

/** Applies one mutation; never produces an out-of-range slice. */
export function mutate(text: string, m: Mutation): string {
  const n = text.length;
  const lines = text.split('\n');
  const li = (i: number) => (lines.length ? i % lines.length : 0);
  switch (m.op) {
    case 'flip': {
      if (n === 0) return m.ch;
      const at = m.at % n;
      return text.slice(0, at) + m.ch + text.slice(at + 1);
    }
    case 'deleteLine':
      lines.splice(li(m.line), 1);
      return lines.join('\n');
    case 'duplicateLine': {
      const i = li(m.line);
      lines.splice(i, 0, lines[i] ?? '');
      return lines.join('\n');
    }
    case 'swapLines': {
      const a = li(m.line);
      const b = li(m.other);
      [lines[a], lines[b]] = [lines[b] ?? '', lines[a] ?? ''];
      return lines.join('\n');
    }
    case 'indent': {
      const i = li(m.line);
      const line = lines[i] ?? '';
      lines[i] = m.by >= 0 ? ' '.repeat(m.by) + line : line.replace(new RegExp(`^ {0,${-m.by}}`), '');
      return lines.join('\n');
    }
    case 'truncate':
      return text.slice(0, n ? m.at % (n + 1) : 0);
    case 'insert': {
      const at = n ? m.at % (n + 1) : 0;
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'delete': {
      const at = n ? m.at % n : 0;
      return text.slice(0, at) + text.slice(at + m.length);
    }
  }
}

/** A seed file with 1-5 mutations applied. */
export const mutatedSeedArb: fc.Arbitrary<{ name: string; text: string }> = fc
  .tuple(fc.nat({ max: Math.max(0, SEEDS.length - 1) }), fc.array(mutationArb, { minLength: 1, maxLength: 5 }))
  .map(([i, ms]) => {
    const seed = SEEDS[i] ?? { name: 'empty.yaml', text: '' };
    return { name: seed.name, text: ms.reduce(mutate, seed.text) };
  });

/** A logger that records errors: core logs a rule that threw, which a property treats as a failure. */
export function recordingLogger(): Logger & { errors: string[] } {
  const errors: string[] = [];
  return {
    errors,
    error: (message: string, ...args: unknown[]) => errors.push(`${message} ${args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : String(a))).join(' ')}`),
    warn() {},
    info() {},
  };
}

/** Asserts that every edit of a fix lies in its file, that edits do not overlap, and that applying them changes nothing outside the edited ranges. */
export function assertFixIsClean(finding: Finding, texts: ReadonlyMap<string, string>): void {
  for (const fix of finding.fixes) {
    const byFile = new Map<string, (typeof fix.edits)[number][]>();
    for (const e of fix.edits) {
      const text = texts.get(e.file);
      assert.ok(text !== undefined, `fix "${fix.title}" of ${finding.rule} edits ${e.file}, which is not a checked file`);
      assert.ok(e.range.start >= 0 && e.range.start <= e.range.end && e.range.end <= text.length, `fix "${fix.title}" of ${finding.rule}: edit ${JSON.stringify(e.range)} outside the file (length ${text.length})`);
      byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
    }
    for (const [file, edits] of byFile) {
      const text = texts.get(file)!;
      const sorted = [...edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
      for (let i = 1; i < sorted.length; i++) {
        assert.ok(sorted[i]!.range.start >= sorted[i - 1]!.range.end, `fix "${fix.title}" of ${finding.rule} has overlapping edits`);
      }
      const after = applyEdits(text, edits);
      // Rebuild the expected text segment by segment: everything between edits must be byte-identical.
      let cursor = 0;
      let pos = 0;
      for (const e of sorted) {
        const keep = text.slice(cursor, e.range.start);
        assert.equal(after.slice(pos, pos + keep.length), keep, `fix "${fix.title}" of ${finding.rule} changed text outside its edits`);
        pos += keep.length;
        assert.equal(after.slice(pos, pos + e.newText.length), e.newText);
        pos += e.newText.length;
        cursor = e.range.end;
      }
      assert.equal(after.slice(pos), text.slice(cursor), `fix "${fix.title}" of ${finding.rule} changed the text after its last edit`);
      assert.equal(after.length, pos + text.length - cursor);
    }
  }
}

/** Offsets worth hovering: a spread over the file plus every finding's start. */
function hoverOffsets(text: string, findings: readonly Finding[], file: string): number[] {
  const out = new Set<number>([0, text.length, Math.max(0, text.length - 1)]);
  const step = Math.max(1, Math.floor(text.length / 12));
  for (let o = 0; o < text.length; o += step) out.add(o);
  for (const f of findings) if (f.file === file) out.add(f.range.start);
  return [...out].slice(0, 40);
}

/** Runs the simulation on a scope, a handful of events and a trace per Service; returns the state. */
export function simulate(scope: Scope): SimState {
  let state = createSimulation(scope, { seed: 7 });
  toJson(state);
  const firstPod = state.pods[0];
  const events = [
    ...(firstPod ? [{ type: 'killPod' as const, pod: `${firstPod.namespace}/${firstPod.name}` }, { type: 'readiness' as const, pod: `${firstPod.namespace}/${firstPod.name}`, ready: false }] : []),
    { type: 'failNode' as const, node: 'node-1' },
    { type: 'editManifest' as const, scope },
  ];
  for (const ev of events) state = applyEvent(state, ev);
  for (const svc of state.services.slice(0, 5)) {
    const port = svc.ports[0]?.port;
    trace(state, { from: { kind: 'external' }, target: `${svc.name}.${svc.namespace}${port ? `:${port}` : ''}` });
    if (firstPod) trace(state, { from: { kind: 'pod', pod: `${firstPod.namespace}/${firstPod.name}` }, target: `http://${svc.name}.${svc.namespace}/x` });
  }
  return state;
}

export interface InvariantReport {
  readonly findings: readonly Finding[];
  readonly scope: Scope;
  readonly state: SimState;
  readonly ms: number;
}

/**
 * The properties every input must satisfy: check, hover and simulate never throw and no rule
 * fails (the logger stays quiet), it all finishes within HANG_MS for inputs up to 10 KB, every
 * finding and related range lies inside its file, and every fix is clean.
 */
export function assertInvariants(files: readonly { path: string; text: string }[]): InvariantReport {
  const logger = recordingLogger();
  const t0 = performance.now();
  const { findings, scope } = checkFiles(files, { logger });
  const texts = new Map(files.map((f) => [f.path, f.text]));
  for (const f of files) {
    for (const o of hoverOffsets(f.text, findings, f.path)) {
      const h = hoverAt(scope, f.path, o);
      if (h) {
        assert.ok(h.range.start >= 0 && h.range.start <= h.range.end && h.range.end <= f.text.length, `hover range ${JSON.stringify(h.range)} outside ${f.path}`);
        assert.equal(typeof h.markdown, 'string');
      }
    }
  }
  const state = simulate(scope);
  const ms = performance.now() - t0;
  assert.deepEqual(logger.errors, [], 'a rule threw');
  const size = files.reduce((n, f) => n + f.text.length, 0);
  if (size <= 10_000) assert.ok(ms < HANG_MS, `${size} characters took ${ms.toFixed(0)} ms (hang detector: ${HANG_MS} ms)`);
  for (const f of findings) {
    const text = texts.get(f.file);
    assert.ok(text !== undefined, `${f.rule} reported on ${f.file}, which was not checked`);
    assert.ok(f.range.start >= 0 && f.range.start <= f.range.end && f.range.end <= text.length, `${f.rule} range ${JSON.stringify(f.range)} outside ${f.file} (length ${text.length})`);
    assert.ok(f.message.length > 0, `${f.rule} has an empty message`);
    for (const r of f.related) {
      const rt = texts.get(r.file);
      assert.ok(rt !== undefined && r.range.start >= 0 && r.range.start <= r.range.end && r.range.end <= rt.length, `${f.rule} related range outside ${r.file}`);
    }
    assertFixIsClean(f, texts);
  }
  return { findings, scope, state, ms };
}
