// In-process (warm) measurements for bench/run.mjs, bundled to bench/.data/worker.cjs so it runs the same
// compiled core as the CLI. Prints one JSON line. usage: node bench/.data/worker.cjs <mode> <file> [runs]
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { Checker, checkFiles, hoverAt, parseFile, Scope } from '../src/core/index';

const [mode, file, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 5);
const text = readFileSync(file!, 'utf8');

/** Milliseconds of wall time and of CPU time (user + system, all threads) for one call. */
function measure(fn: () => unknown): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

function out(value: unknown): void {
  process.stdout.write(JSON.stringify(value) + '\n');
}

if (mode === 'check') {
  // The floor (yaml's parseAllDocuments) and the full check, interleaved so load changes hit both alike.
  const floor: { wall: number; cpu: number }[] = [];
  const check: { wall: number; cpu: number }[] = [];
  let findings = 0;
  for (let i = 0; i < runs + 1; i++) {
    const f = measure(() => parseAllDocuments(text));
    const c = measure(() => (findings = checkFiles([{ path: 'bench.yaml', text }]).findings.length));
    if (i > 0) {
      // The first pair warms up the JIT.
      floor.push(f);
      check.push(c);
    }
  }
  out({ floor, check, findings });
} else if (mode === 'edit') {
  // Typing: one character at a time into one document in the middle of the file, re-checking after each.
  const checker = new Checker();
  const first = measure(() => {
    checker.update('bench.yaml', text);
    checker.findings('bench.yaml');
  });
  const anchor = text.indexOf('image: ', Math.floor(text.length / 2));
  let at = text.indexOf('\n', anchor);
  let current = text;
  const times: { wall: number; cpu: number }[] = [];
  let findings = 0;
  // The first edits warm up the JIT and absorb the garbage of the first full check; they are not counted.
  const warmup = Math.min(10, runs);
  for (let i = 0; i < runs + warmup; i++) {
    current = current.slice(0, at) + String(i % 10) + current.slice(at);
    at++;
    const t = measure(() => {
      checker.update('bench.yaml', current);
      findings = checker.findings('bench.yaml').length;
    });
    if (i >= warmup) times.push(t);
  }
  out({ first, times, findings });
} else if (mode === 'hover') {
  const scope = new Scope([parseFile('bench.yaml', text)]);
  // Every 10th line, at a key and at a value, across every kind of object.
  const offsets: number[] = [];
  let line = 0;
  for (let i = 0; i < text.length; i++) {
    if (i === 0 || text.charCodeAt(i - 1) === 10) {
      if (line % 10 === 0) offsets.push(i + 6, i + 14);
      line++;
    }
  }
  let times: number[] = [];
  let shown = 0;
  for (let pass = 0; pass < 2; pass++) {
    times = [];
    shown = 0;
    for (const off of offsets) {
      const t0 = performance.now();
      if (hoverAt(scope, 'bench.yaml', off)) shown++;
      times.push(performance.now() - t0);
    }
  }
  out({ times, shown });
} else {
  process.stderr.write(`unknown mode ${mode}\n`);
  process.exitCode = 2;
}
