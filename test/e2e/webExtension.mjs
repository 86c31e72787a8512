#!/usr/bin/env node
// The web extension, proven in a real workbench: code-server's browser workbench loads Service Lab as
// a development extension forced to the web kind (payload extensionDevelopmentKind=web), so VS Code
// runs dist/web/extension.js in its web worker extension host. Playwright + Chromium then open a
// fixture file and require the Service Lab diagnostic in the Problems view and a learning hover, and
// the server's Node extension host log must not mention the extension (it did not run there).
// Needs the code-server that test/e2e/run.mjs installs (run that once). Prints `webext: N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, CHROMIUM_ARGS, CODE_SERVER_VERSION, entry, node24, startServer, stopServer, toolDir } from './codeServer.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shots = join(root, 'test-results', 'web-extension');
const t0 = Date.now();
const log = (...a) => console.log(`[webext ${((Date.now() - t0) / 1000).toFixed(1)} s]`, ...a);

let passed = 0;
let failed = 0;
function check(name, ok, detail = '') {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok' : 'not ok'} - ${name}${ok || !detail ? '' : `\n  ${detail}`}`);
}

/** All files below a folder whose name matches. */
function findFiles(dir, re) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? findFiles(p, re) : re.test(n) ? [p] : [];
  });
}

/** Quick Open a file: waits for the result row before accepting it. */
async function quickOpen(page, query, label) {
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').first().waitFor({ timeout: 10000 });
  await page.keyboard.type(query);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().waitFor({ timeout: 30000 });
  await page.keyboard.press('Enter');
}

async function main() {
  if (!existsSync(entry) || !existsSync(node24)) throw new Error(`code-server ${CODE_SERVER_VERSION} is not installed in ${toolDir}: run node test/e2e/run.mjs once`);
  const b = spawnSync(process.execPath, ['esbuild.mjs', '--only=web'], { cwd: root, encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`building the web extension failed:\n${b.stderr}`);
  const run = mkdtempSync(join(tmpdir(), 'service-lab-webext-'));
  const ud = join(run, 'user-data');
  const xdg = join(run, 'xdg');
  const ws = join(run, 'workspace');
  mkdirSync(join(ud, 'User'), { recursive: true });
  mkdirSync(xdg, { recursive: true });
  writeFileSync(
    join(ud, 'User', 'settings.json'),
    JSON.stringify({ 'remote.extensionKind': { 'service-lab.service-lab': ['web'] }, 'workbench.startupEditor': 'none', 'chat.disableAIFeatures': true, 'workbench.tips.enabled': false, 'telemetry.telemetryLevel': 'off', 'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': 'off', 'update.mode': 'none', 'security.workspace.trust.enabled': false, 'editor.hover.delay': 100, 'git.enabled': false }),
  );
  cpSync(join(root, 'test', 'fixtures', 'workspace'), ws, { recursive: true });
  // The extension as shipped, with extensionKind forced to web (a copy: package.json stays as is).
  const ext = join(run, 'service-lab');
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  manifest.extensionKind = ['web'];
  for (const d of ['dist/web', 'dist/webview', 'syntaxes', 'snippets', 'media']) if (existsSync(join(root, d))) cpSync(join(root, d), join(ext, d), { recursive: true });
  writeFileSync(join(ext, 'package.json'), JSON.stringify(manifest, null, 2));
  const { chromium } = await import('playwright-core');
  let server;
  let browser;
  try {
    server = await startServer({ ud, xdg, ws, log: join(run, 'code-server.log') }, join(run, 'extensions'), ['--vscode-option', 'enable-smoke-test-driver']);
    const url = server.url;
    log(`code-server on ${url}`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const consoleLines = [];
    page.on('console', (m) => consoleLines.push(m.text()));
    page.on('worker', (w) => consoleLines.push(`worker started: ${w.url()}`));
    const host = new URL(url).host;
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://${host}${ext}`],
      ['extensionDevelopmentKind', 'web'],
    ];
    await page.goto(`${url}?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    await page.waitForTimeout(3000);
    // Open the Service that targets a port the Deployment (another file) does not declare.
    await quickOpen(page, 'web/service.yaml', 'service.yaml');
    mkdirSync(shots, { recursive: true });
    try {
      await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 30000 });
    } catch (e) {
      await page.screenshot({ path: join(shots, 'no-editor.png') });
      throw e;
    }
    // Problems view: the Service Lab warning from the web extension.
    await page.keyboard.press('Control+Shift+M');
    const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'target-port-number-undeclared' }).first();
    let problemText = '';
    try {
      await problem.waitFor({ timeout: 60000 });
      problemText = (await page.locator('.markers-panel').innerText()).replace(/\s+/g, ' ');
    } catch (e) {
      problemText = `(none: ${e instanceof Error ? e.message.split('\n')[0] : e})`;
    }
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, 'problems.png') });
    check('the web extension publishes the cross-file targetPort warning', /target-port-number-undeclared/.test(problemText) && /8080/.test(problemText), problemText.slice(0, 400));
    // Learning hover on `targetPort`.
    const token = page.locator('.monaco-editor .view-lines').first().getByText('targetPort', { exact: true }).first();
    let hoverText = '';
    try {
      await token.hover({ timeout: 10000 });
      const hover = page.locator('.monaco-hover-content', { hasText: 'targetPort' }).first();
      await hover.waitFor({ timeout: 20000 });
      hoverText = (await hover.innerText()).replace(/\s+/g, ' ');
    } catch (e) {
      hoverText = `(none: ${e instanceof Error ? e.message.split('\n')[0] : e})`;
    }
    await page.screenshot({ path: join(shots, 'hover.png') });
    check('the web extension answers a learning hover', /targetPort/.test(hoverText) && /In this manifest|container|port/i.test(hoverText), hoverText.slice(0, 300));
    // The Visualize webview (nested iframes) loads its bundle under the strict CSP and draws the Service.
    let diagramText = '';
    try {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+Shift+P');
      await page.keyboard.type('Service Lab: Visualize');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Visualize' }).first().waitFor({ timeout: 10000 });
      await page.keyboard.press('Enter');
      const frame = page.frameLocator('iframe.webview').first().frameLocator('iframe').first();
      const svc = frame.locator('#diagram svg g.kind-service').first();
      await svc.waitFor({ timeout: 30000 });
      diagramText = (await frame.locator('#diagram').innerText()).replace(/\s+/g, ' ');
    } catch (e) {
      diagramText = `(none: ${e instanceof Error ? e.message.split('\n')[0] : e})`;
    }
    await page.screenshot({ path: join(shots, 'visualize.png') });
    check('the Visualize webview loads under its CSP and draws the Service', /web/.test(diagramText) && !/^\(none/.test(diagramText), diagramText.slice(0, 300));
    // Where it ran: the extension's own log line names the bundle, read from the "Service Lab" output channel.
    let outputText = '';
    try {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+Shift+P');
      await page.keyboard.type('Output: Show Output Channels');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Output Channels' }).first().waitFor({ timeout: 10000 });
      await page.keyboard.press('Enter');
      await page.keyboard.type('Service Lab');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Service Lab' }).first().waitFor({ timeout: 10000 });
      await page.keyboard.press('Enter');
      const output = page.locator('.output-view .view-lines', { hasText: 'activated' }).first();
      await output.waitFor({ timeout: 20000 });
      outputText = (await output.innerText()).replace(/\s+/g, ' ');
    } catch (e) {
      outputText = `(none: ${e instanceof Error ? e.message.split('\n')[0] : e})`;
    }
    await page.screenshot({ path: join(shots, 'output.png') });
    check('the Service Lab log says it runs in the web worker extension host', /activated in \d+ ms in the web worker extension host \(dist\/web\/extension\.js\)/.test(outputText), outputText.slice(0, 400));
    // And the server's Node extension host never activated it.
    const remoteLogs = findFiles(join(ud, 'logs'), /^(remoteexthost|exthost)\d*\.log$/).map((f) => readFileSync(f, 'utf8')).join('\n');
    const ranInNode = /service-lab\.service-lab/i.test(remoteLogs) && /activat/i.test(remoteLogs.split('\n').filter((l) => /service-lab/i.test(l)).join('\n'));
    check('it did not run in the server (Node) extension host', !ranInNode, remoteLogs.split('\n').filter((l) => /service-lab/i.test(l)).slice(0, 5).join('\n'));
    if (process.env.SERVICE_LAB_WEBEXT_DEBUG) console.log(consoleLines.join('\n'));
  } finally {
    await browser?.close();
    if (server) await stopServer(server);
    if (process.env.SERVICE_LAB_E2E_KEEP) log(`kept ${run}`);
    else rmSync(run, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  failed++;
}
console.log(`webext: ${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
