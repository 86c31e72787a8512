// The four ways a user meets Service Lab, in a real VS Code (code-server) with the packaged .vsix:
// problems in the Problems panel, a learning hover, a quick fix from the lightbulb menu, and a command
// from the palette. Started by test/e2e/run.mjs (CS_URL, SHOTS); screenshots go to test-results/vscode/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const URL = process.env.CS_URL ?? 'http://127.0.0.1:8080/';
const SHOTS = process.env.SHOTS ?? 'test-results/vscode';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
let browser;
let page;

const shot = (name) => page.screenshot({ path: join(SHOTS, `main-${name}.png`) });

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  await page.goto(URL);
  await page.waitForSelector('.monaco-workbench .explorer-folders-view .monaco-list-row', { timeout: 60000 });
});

after(async () => {
  await browser?.close();
});

/** Runs a command by its title from the command palette (F1). */
async function runCommand(title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill('>' + title);
  await page.locator('.quick-input-list .monaco-list-row:visible', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Opens a workspace file through Quick Open. */
async function openFile(relative) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(relative);
  await page.locator('.quick-input-list .monaco-list-row:visible', { hasText: relative.split('/').pop() }).first().waitFor();
  await page.keyboard.press('Enter');
}

const problemRow = () => page.locator('.markers-panel .monaco-list-row', { hasText: 'sends port 80 to targetPort 80' }).first();

test('opening a YAML file shows the targetPort problem in the Problems panel', async () => {
  await openFile('web/service.yaml');
  await page.locator('.monaco-editor .view-line', { hasText: 'kind: Service' }).first().waitFor({ timeout: 30000 });
  await runCommand('View: Focus Problems');
  await problemRow().waitFor({ timeout: 30000 });
  const text = await problemRow().innerText();
  assert.match(text, /declare only containerPort 8080/);
  assert.match(text, /target-port-number-undeclared/);
  // The CodeLens summary above the Service counts the Deployment's replicas from the other file.
  await page.locator('.monaco-editor .codelens-decoration', { hasText: '3 endpoints' }).first().waitFor({ timeout: 15000 });
  await shot('1-problems');
});

test('hovering `type: NodePort` explains it', async () => {
  const word = page.locator('.monaco-editor .view-line', { hasText: 'type: NodePort' }).locator('span', { hasText: /^NodePort$/ }).first();
  const hover = page.locator('.monaco-hover-content', { hasText: 'is a ClusterIP Service plus one port' }).first();
  // A hover requested while the extension is still activating is not re-requested: move away and retry.
  for (let attempt = 1; ; attempt++) {
    await page.mouse.move(5, 880);
    await word.hover();
    try {
      await hover.waitFor({ timeout: 2000 });
      break;
    } catch (e) {
      if (attempt >= 8) throw e;
    }
  }
  assert.match(await hover.innerText(), /every\s+node/);
  await shot('2-hover');
  await page.mouse.move(5, 880);
  await page.keyboard.press('Escape');
});

test('the targetPort quick fix from the lightbulb menu removes the problem', async () => {
  await page.locator('.monaco-editor .view-line', { hasText: 'targetPort: 80' }).locator('span', { hasText: /^\s*80\s*$/ }).last().click();
  await page.keyboard.press('Control+.');
  const item = '.action-widget .monaco-list-row';
  await page.locator(item, { hasText: 'Set targetPort to 8080' }).first().waitFor({ timeout: 15000 });
  await shot('3-quickfix-menu');
  // Keyboard, not a click: an overlay can intercept clicks on this menu.
  for (let i = 0; i < 6 && !(await page.locator(`${item}.focused`, { hasText: 'Set targetPort to 8080' }).count()); i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.locator('.monaco-editor .view-line', { hasText: 'targetPort: 8080' }).first().waitFor({ timeout: 15000 });
  await problemRow().waitFor({ state: 'detached', timeout: 15000 });
  await shot('3-quickfix-applied');
});

test('Service Lab: Check Workspace runs from the command palette', async () => {
  await runCommand('Service Lab: Check Workspace');
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'Service Lab checked' }).first();
  await toast.waitFor({ timeout: 15000 });
  assert.match(await toast.innerText(), /5 Kubernetes files \(2 Services, 1 Ingress, 2 workloads\)/);
  await shot('4-command');
});
