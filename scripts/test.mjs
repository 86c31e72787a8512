#!/usr/bin/env node
// `npm test`: every suite the project has, in order, with one closing count line for CI.
// Stages: type-check, lint, build, unit (node:test in plain Node), grammar, then the real-VS-Code
// suites (code-server harness) and the Chromium suites (webview and playground).
// SERVICE_LAB_TEST_ONLY=unit,lint runs a subset.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** *.test.ts files below a folder (Node 20's --test takes no globs). */
function testFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? testFiles(join(dir, e.name)) : e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [])).sort();
}

const only = process.env.SERVICE_LAB_TEST_ONLY ? new Set(process.env.SERVICE_LAB_TEST_ONLY.split(',')) : undefined;

/** name, command, args, how to count tests in its output ('node' = node:test TAP summary, 'plain' = "N passed, N failed"). */
const stages = [
  { name: 'types', cmd: 'npm', args: ['run', '-s', 'check-types'] },
  { name: 'lint', cmd: 'npm', args: ['run', '-s', 'lint'] },
  { name: 'build', cmd: 'node', args: ['esbuild.mjs'] },
  { name: 'unit', cmd: 'node', args: ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', '--test-reporter-destination=.test-unit.tap', ...testFiles('test/unit')], count: 'tap', tap: '.test-unit.tap' },
  { name: 'grammar', cmd: 'node', args: ['scripts/test-grammar.mjs'], count: 'plain', when: 'scripts/test-grammar.mjs' },
  { name: 'vscode', cmd: 'node', args: ['test/e2e/run.mjs'], count: 'plain', when: 'test/e2e/run.mjs' },
  { name: 'webext', cmd: 'node', args: ['test/e2e/webExtension.mjs'], count: 'plain', when: 'test/e2e/webExtension.mjs' },
  { name: 'web', cmd: 'node', args: ['test/web/run.mjs'], count: 'plain', when: 'test/web/run.mjs' },
];

function run(stage) {
  return new Promise((resolve) => {
    let out = '';
    const child = spawn(stage.cmd, stage.args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    child.stdout.on('data', (d) => { out += d; process.stdout.write(d); });
    child.stderr.on('data', (d) => { process.stderr.write(d); });
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

async function countTap(file) {
  const { readFileSync } = await import('node:fs');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const pass = Number(/^# pass (\d+)/m.exec(text)?.[1] ?? 0);
  const fail = Number(/^# fail (\d+)/m.exec(text)?.[1] ?? 0);
  return { pass, fail };
}

let passed = 0;
let failed = 0;
const summary = [];
for (const stage of stages) {
  if (only && !only.has(stage.name)) continue;
  if (stage.when && !existsSync(stage.when)) continue;
  const t0 = Date.now();
  console.log(`\n=== ${stage.name} ===`);
  const { code, out } = await run(stage);
  let p = 0;
  let f = 0;
  if (stage.count === 'tap') ({ pass: p, fail: f } = await countTap(stage.tap));
  else if (stage.count === 'plain') {
    const m = [...out.matchAll(/^(?:\w+: )?(\d+) passed, (\d+) failed/gm)].pop();
    if (m) { p = Number(m[1]); f = Number(m[2]); }
  }
  if (code !== 0 && f === 0) f = 1; // a stage that failed without counting still counts as a failure
  passed += p;
  failed += f;
  summary.push(`${stage.name}: ${code === 0 ? 'ok' : 'FAILED'} (${p} passed, ${f} failed, ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}
console.log('\n' + summary.join('\n'));
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
