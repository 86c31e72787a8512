#!/usr/bin/env node
// Grammar tests: runs vscode-tmgrammar-test on every test/grammar/*.test.yaml against the injection
// grammar (with a stand-in source.yaml grammar) and prints `grammar: N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'test', 'grammar');
const cli = join(root, 'node_modules', 'vscode-tmgrammar-test', 'dist', 'unit.js');
const files = readdirSync(dir).filter((f) => f.endsWith('.test.yaml')).sort();
let passed = 0;
let failed = 0;
for (const f of files) {
  const r = spawnSync(process.execPath, [cli, '--compact', '--config', 'grammars.json', f], { cwd: dir, encoding: 'utf8' });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  if (r.status === 0) {
    passed++;
    console.log(`ok ${f}`);
  } else {
    failed++;
    console.log(`FAILED ${f}\n${out}`);
  }
}
if (files.length === 0) console.log('no grammar tests found in test/grammar');
console.log(`grammar: ${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
