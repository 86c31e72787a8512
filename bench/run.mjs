#!/usr/bin/env node
// Service Lab benchmarks (docs/performance.md): each measurement next to its baseline from the same run,
// printed as a ratio, then one table. Timings are medians; CPU time (user + system) is shown beside wall
// time because it is less sensitive to other load on the machine.
// usage: npm run bench [-- --apps 1000] [-- --smoke]   (--smoke: a tiny input, checks that the suite runs)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { homedir } from 'node:os';
import * as esbuild from 'esbuild';
import { generate } from './generate.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const data = join(root, 'bench', '.data');
const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const argValue = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
};
const apps = Number(argValue('--apps', smoke ? '20' : '1000'));
const bigApps = smoke ? 40 : 10 * apps;
const runs = smoke ? 1 : Number(argValue('--runs', '5'));
const coldRuns = smoke ? 1 : Number(argValue('--cold-runs', '3'));
mkdirSync(data, { recursive: true });

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))];
};
const ms = (x) => (x >= 100 ? `${x.toFixed(0)} ms` : x >= 1 ? `${x.toFixed(1)} ms` : `${x.toFixed(2)} ms`);
const kb = (b) => `${(b / 1024).toFixed(0)} KB`;
const rows = [];
/** One table row: what, measured, baseline, ratio, target, verdict. */
function row(what, value, baseline, ratio, target, ok) {
  rows.push({ what, value, baseline: baseline ?? '', ratio: ratio ?? '', target: target ?? '', ok: ok === undefined ? '' : ok ? 'yes' : 'NO' });
  console.log(`  ${what}: ${value}${baseline ? ` vs ${baseline}` : ''}${ratio ? ` = ${ratio}` : ''}${target ? ` (target ${target}: ${ok ? 'met' : 'NOT met'})` : ''}`);
}

function manifest(n) {
  const file = join(data, `apps-${n}.yaml`);
  if (!existsSync(file)) writeFileSync(file, generate(n));
  return file;
}

/** Runs a command; returns wall ms, CPU ms and peak RSS (from /usr/bin/time when present), and stdout. */
function timed(cmd, argv, opts = {}) {
  const useTime = existsSync('/usr/bin/time');
  const t0 = performance.now();
  const r = useTime
    ? spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S %M', cmd, ...argv], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30, ...opts })
    : spawnSync(cmd, argv, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30, ...opts });
  const wall = performance.now() - t0;
  if (r.error) throw r.error;
  const m = /TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr ?? '');
  return { wall, cpu: m ? (Number(m[2]) + Number(m[3])) * 1000 : NaN, rssKB: m ? Number(m[4]) : NaN, stdout: r.stdout, stderr: r.stderr, status: r.status };
}

function json(r, label) {
  const line = r.stdout.trim().split('\n').pop();
  try {
    return JSON.parse(line);
  } catch {
    throw new Error(`${label} failed (exit ${r.status}): ${r.stderr.slice(-2000)}`);
  }
}

// --- build: the CLI as users run it, and the warm-measurement worker from the same sources ---
console.log(`Service Lab benchmarks${smoke ? ' (smoke)' : ''}: ${apps} apps${smoke ? '' : `, ${bigApps} apps for memory`}, node ${process.version}`);
spawnSync(process.execPath, ['esbuild.mjs', '--only=cli'], { cwd: root, stdio: 'inherit' });
const worker = join(data, 'worker.cjs');
await esbuild.build({ entryPoints: [join(root, 'bench/worker.ts')], outfile: worker, bundle: true, platform: 'node', format: 'cjs', target: 'node18', logLevel: 'warning' });
const file = manifest(apps);
const size = statSync(file).size;
const docs = readFileSync(file, 'utf8').split(/^---/m).length;
console.log(`manifest: ${file} (${(size / 1e6).toFixed(2)} MB, ${docs} documents)\n`);

// --- 1. check vs the yaml parse alone (the floor) ---
console.log('1. service-lab check vs yaml parseAllDocuments alone');
const floorScript = `require(${JSON.stringify(join(root, 'node_modules/yaml'))}).parseAllDocuments(require('fs').readFileSync(process.argv[1], 'utf8'))`;
const cold = { floor: [], check: [] };
for (let i = 0; i < coldRuns; i++) {
  cold.floor.push(timed(process.execPath, ['-e', floorScript, file]));
  cold.check.push(timed(process.execPath, ['bin/service-lab.js', 'check', '--format', 'json', file]));
}
const coldFloor = median(cold.floor.map((r) => r.wall));
const coldCheck = median(cold.check.map((r) => r.wall));
const coldFloorCpu = median(cold.floor.map((r) => r.cpu));
const coldCheckCpu = median(cold.check.map((r) => r.cpu));
row('check, cold process (CPU)', ms(coldCheckCpu), ms(coldFloorCpu), `${(coldCheckCpu / coldFloorCpu).toFixed(2)}×`, '≤ 1.3×', coldCheckCpu / coldFloorCpu <= 1.3);
row('check, cold process (wall)', ms(coldCheck), ms(coldFloor), `${(coldCheck / coldFloor).toFixed(2)}×`);
const warm = json(timed(process.execPath, [worker, 'check', file, String(runs)]), 'warm check');
const warmFloor = median(warm.floor.map((t) => t.wall));
const warmCheck = median(warm.check.map((t) => t.wall));
const warmFloorCpu = median(warm.floor.map((t) => t.cpu));
const warmCheckCpu = median(warm.check.map((t) => t.cpu));
row('check, warm in-process (CPU)', ms(warmCheckCpu), ms(warmFloorCpu), `${(warmCheckCpu / warmFloorCpu).toFixed(2)}×`, '≤ 1.3×', warmCheckCpu / warmFloorCpu <= 1.3);
row('check, warm in-process (wall)', ms(warmCheck), ms(warmFloor), `${(warmCheck / warmFloor).toFixed(2)}×`);
console.log(`  (${warm.findings} findings)`);

// --- 1b. the same on real manifests: the shared corpus (when present), repeated to about 1 MB ---
// The generated file is all plain block YAML; real files also hold block scalars, flow style and comments in
// places the fast reader leaves to yaml, and (repeated) many missing backends and selectors matching nothing.
const corpusDir = join(root, '..', 'shared', 'corpus', 'real');
if (!smoke && existsSync(corpusDir)) {
  const texts = readdirSync(corpusDir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => readFileSync(join(corpusDir, f), 'utf8')).filter((t) => !t.includes('{{'));
  const one = texts.map((t) => (t.endsWith('\n') ? t : t + '\n')).join('---\n');
  const copies = Math.max(1, Math.round(1e6 / one.length));
  const corpusFile = join(data, 'corpus.yaml');
  writeFileSync(corpusFile, ('---\n' + one).repeat(copies));
  console.log(`\n1b. the same on real manifests: ${texts.length} files of the shared corpus, ${copies} times (${(statSync(corpusFile).size / 1e6).toFixed(2)} MB)`);
  const cc = { floor: [], check: [] };
  for (let i = 0; i < coldRuns; i++) {
    cc.floor.push(timed(process.execPath, ['-e', floorScript, corpusFile]));
    cc.check.push(timed(process.execPath, ['bin/service-lab.js', 'check', '--format', 'json', '--max-file-size', '100000000', corpusFile]));
  }
  const ccF = median(cc.floor.map((r) => r.cpu));
  const ccC = median(cc.check.map((r) => r.cpu));
  row('real manifests: check, cold process (CPU)', ms(ccC), ms(ccF), `${(ccC / ccF).toFixed(2)}×`);
  const cw = json(timed(process.execPath, [worker, 'check', corpusFile, String(runs)]), 'warm check (corpus)');
  const cwF = median(cw.floor.map((t) => t.cpu));
  const cwC = median(cw.check.map((t) => t.cpu));
  row('real manifests: check, warm in-process (CPU)', ms(cwC), ms(cwF), `${(cwC / cwF).toFixed(2)}×`);
}

// --- 2. check vs yaml-language-server doValidation with the Kubernetes schema ---
console.log('\n2. service-lab check vs yaml-language-server doValidation (Kubernetes JSON schema)');
/** yaml-language-server 2 asks for Node 22+; it runs on Node 20 here, else we use a Node 24 if one is around. */
function ylsNode() {
  const probe = timed(process.execPath, ['bench/yls.mjs', manifest(2), '0']);
  if (probe.status === 0) return process.execPath;
  const cacheDir = join(homedir(), '.cache', 'service-lab');
  const candidates = [join(data, 'node24/node_modules/node/bin/node')];
  if (existsSync(cacheDir)) for (const d of spawnSync('ls', [cacheDir], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean)) candidates.push(join(cacheDir, d, 'node24/node_modules/node/bin/node'));
  return candidates.find((c) => existsSync(c));
}
const node = ylsNode();
let ylsWarm = NaN;
if (!node) {
  console.log('  skipped: yaml-language-server does not run on this Node and no Node 24 was found (npm install --prefix bench/.data/node24 node@24)');
} else {
  const ylsCold = [];
  let ylsResult;
  for (let i = 0; i < coldRuns; i++) {
    // The first process also runs the warm validations; the others validate once (cold).
    const r = timed(node, ['bench/yls.mjs', file, i === 0 ? String(Math.max(1, Math.min(runs, 3))) : '0']);
    const j = json(r, 'yaml-language-server');
    if (i === 0) ylsResult = j;
    else ylsCold.push(r);
  }
  if (ylsCold.length === 0) ylsCold.push(timed(node, ['bench/yls.mjs', file, '0']));
  ylsWarm = median(ylsResult.times);
  const ylsWarmCpu = median(ylsResult.cpu);
  const ylsColdMs = median(ylsCold.map((r) => r.wall));
  const ylsColdCpu = median(ylsCold.map((r) => r.cpu));
  console.log(`  yaml-language-server on node ${ylsResult.node}: ${ylsResult.diagnostics} diagnostics`);
  // Different processes run at different moments, so with other load on the machine CPU time is the fair measure.
  row('vs YLS, cold process (CPU)', ms(coldCheckCpu), ms(ylsColdCpu), `${(ylsColdCpu / coldCheckCpu).toFixed(2)}× faster`, '≥ 1.5× faster', ylsColdCpu / coldCheckCpu >= 1.5);
  row('vs YLS, cold process (wall)', ms(coldCheck), ms(ylsColdMs), `${(ylsColdMs / coldCheck).toFixed(2)}× faster`);
  row('vs YLS, warm (CPU)', ms(warmCheckCpu), ms(ylsWarmCpu), `${(ylsWarmCpu / warmCheckCpu).toFixed(2)}× faster`, '≥ 1.5× faster', ylsWarmCpu / warmCheckCpu >= 1.5);
  row('vs YLS, warm (wall)', ms(warmCheck), ms(ylsWarm), `${(ylsWarm / warmCheck).toFixed(2)}× faster`);
  ylsWarm = ylsWarmCpu;
}

// --- 3. re-check after a one-character edit (incremental engine) ---
console.log('\n3. re-check after typing one character in one document (Checker, warm)');
const edit = json(timed(process.execPath, [worker, 'edit', file, String(smoke ? 2 : 40)]), 'edit');
const editMs = median(edit.times.map((t) => t.wall));
const editCpu = median(edit.times.map((t) => t.cpu));
row('re-check after a 1-char edit', `${ms(editMs)} (CPU ${ms(editCpu)}, p95 ${ms(pct(edit.times.map((t) => t.wall), 0.95))})`, `first check ${ms(edit.first.wall)}`, `${(edit.first.wall / editMs).toFixed(0)}× faster`, '≤ 30 ms', editMs <= 30);
if (!Number.isNaN(ylsWarm)) row('1-char edit vs YLS full validation (CPU)', ms(editCpu), ms(ylsWarm), `${(ylsWarm / editCpu).toFixed(0)}× faster`, '≥ 30× faster', ylsWarm / editCpu >= 30);

// --- 4. hover ---
console.log('\n4. hoverAt (warm)');
const hover = json(timed(process.execPath, [worker, 'hover', file]), 'hover');
row(`hover at ${hover.times.length} positions`, `p50 ${ms(pct(hover.times, 0.5))}, p95 ${ms(pct(hover.times, 0.95))}`, '', '', 'p95 ≤ 5 ms', pct(hover.times, 0.95) <= 5);

// --- 5. bundle sizes (the production options of esbuild.mjs, written to bench/.data so dist/ is left alone) ---
console.log('\n5. bundle sizes (minified) and activation');
const prod = { bundle: true, minify: true, sourcemap: false, legalComments: 'none', logLevel: 'warning', write: true };
const extOut = join(data, 'prod/extension.js');
const webOut = join(data, 'prod/webview.js');
await esbuild.build({ ...prod, entryPoints: [join(root, 'src/extension.ts')], outfile: extOut, platform: 'node', format: 'cjs', target: 'node18', external: ['vscode'] });
await esbuild.build({ ...prod, entryPoints: [join(root, 'webview/main.ts')], outfile: webOut, platform: 'browser', format: 'iife', target: 'es2022' });
const extSize = statSync(extOut).size;
const webSize = statSync(webOut).size + (existsSync(webOut.replace(/\.js$/, '.css')) ? statSync(webOut.replace(/\.js$/, '.css')).size : 0);
row('extension bundle', `${kb(extSize)} (gzip ${kb(gzipSync(readFileSync(extOut)).length)})`, '', '', '≤ 400 KB', extSize <= 400 * 1024);
row('webview bundle (no Monaco)', `${kb(webSize)} (gzip ${kb(gzipSync(readFileSync(webOut)).length)})`, '', '', '≤ 600 KB', webSize <= 600 * 1024);
// Activation in a real extension host: the code-server harness runs the activation suite and keeps its
// logs; activate() logs its own duration, and the host logs when it started activating the extension.
function measureActivation() {
  if (smoke || args.includes('--no-activation')) return undefined;
  if (!existsSync(join(root, 'test/e2e/run.mjs'))) return undefined;
  spawnSync(process.execPath, ['esbuild.mjs', '--only=extension,tests'], { cwd: root, stdio: 'ignore' });
  const env = { ...process.env, SERVICE_LAB_SKIP_PACKAGE: '1', SERVICE_LAB_E2E_ONLY: 'mocha', SERVICE_LAB_TEST_FILES: 'activation', SERVICE_LAB_E2E_KEEP: '1' };
  const r = spawnSync(process.execPath, ['test/e2e/run.mjs'], { cwd: root, env, encoding: 'utf8', timeout: 300000 });
  const kept = /kept (\S+)/.exec(r.stdout ?? '')?.[1];
  if (!kept) return undefined;
  const logs = spawnSync('grep', ['-rh', '-e', 'activated in', '-e', '_doActivateExtension service-lab', kept], { encoding: 'utf8' }).stdout;
  spawnSync('rm', ['-rf', kept]);
  const stamp = (line) => (line ? Date.parse(line.slice(0, 23).replace(' ', 'T')) : NaN);
  const own = /activated in (\d+) ms/.exec(logs);
  const begin = logs.split('\n').find((l) => l.includes('_doActivateExtension'));
  const end = logs.split('\n').find((l) => l.includes('activated in'));
  return own ? { activate: Number(own[1]), withLoad: stamp(end) - stamp(begin) } : undefined;
}
const activation = measureActivation();
if (activation) {
  row('extension activation: activate()', `${activation.activate} ms`, '', '', '', undefined);
  row('extension activation incl. loading the bundle', Number.isNaN(activation.withLoad) ? '?' : `${activation.withLoad} ms`, '', '', '', undefined);
} else {
  row('extension activation', 'not measured', '', '', '', undefined);
  console.log('  (needs the code-server harness, test/e2e/run.mjs; skipped with --smoke or --no-activation)');
}

// --- 6. simulation (bench/sim.bench.ts from the simulation work) ---
console.log('\n6. simulation');
if (existsSync(join(root, 'bench/sim.bench.ts'))) {
  const services = smoke ? '20' : '1000';
  const r = timed(process.execPath, ['--import', 'tsx', 'bench/sim.bench.ts', services, '5']);
  const lines = r.stdout.split('\n').filter((l) => /per op/.test(l));
  if (r.status !== 0 || lines.length === 0) console.log(`  sim benchmark failed (exit ${r.status}): ${r.stderr.slice(-500)}`);
  for (const l of lines) {
    const m = /^(.*?)\s+([\d.]+ (?:ms|µs)) per op/.exec(l);
    if (m) row(`sim: ${m[1].trim()}`, `${m[2]} per op`, '', '', '', undefined);
  }
} else console.log('  skipped: bench/sim.bench.ts not found');

// --- memory: peak RSS of the CLI check (child processes) ---
console.log('\nmemory: peak RSS of `service-lab check` (child process)');
const big = manifest(bigApps);
const rssSmall = median(cold.check.map((r) => r.rssKB));
const rssFloor = median(cold.floor.map((r) => r.rssKB));
row(`peak RSS, check ${(size / 1e6).toFixed(1)} MB`, `${(rssSmall / 1024).toFixed(0)} MB`, `parse alone ${(rssFloor / 1024).toFixed(0)} MB`, `${(rssSmall / rssFloor).toFixed(2)}×`);
const bigCheck = timed(process.execPath, ['bin/service-lab.js', 'check', '--format', 'json', '--max-file-size', '100000000', big]);
const bigFloor = timed(process.execPath, ['-e', floorScript, big]);
row(`peak RSS, check ${(statSync(big).size / 1e6).toFixed(1)} MB`, `${(bigCheck.rssKB / 1024).toFixed(0)} MB (${ms(bigCheck.wall)})`, `parse alone ${(bigFloor.rssKB / 1024).toFixed(0)} MB (${ms(bigFloor.wall)})`, `${(bigCheck.rssKB / bigFloor.rssKB).toFixed(2)}×`);

// --- table ---
const cols = ['what', 'value', 'baseline', 'ratio', 'target', 'ok'];
const head = ['Measurement', 'Service Lab', 'Baseline', 'Ratio', 'Target', 'Met'];
const widths = cols.map((c, i) => Math.max(head[i].length, ...rows.map((r) => String(r[c]).length)));
const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
console.log(`\n${line(head)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows) console.log(line(cols.map((c) => r[c])));
// A smoke run (the unit tests run one) must not replace the results of the last real run.
const resultsFile = smoke ? 'results-smoke.json' : 'results.json';
writeFileSync(join(data, resultsFile), JSON.stringify({ date: new Date().toISOString(), apps, size, node: process.version, rows }, null, 2));
console.log(`\n(results also in bench/.data/${resultsFile}; load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')})`);
