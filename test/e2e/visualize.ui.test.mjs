// "Service Lab: Visualize" in a real VS Code (code-server) with the packaged .vsix: the webview draws
// the open file, follows edits, reveals YAML when a pod is clicked, and comes back after a reload
// (WebviewPanelSerializer). Started by test/e2e/run.mjs (CS_URL, SHOTS); screenshots in test-results/vscode/.
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

const shot = (name) => page.screenshot({ path: join(SHOTS, `visualize-${name}.png`) });

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  page = await (await browser.newContext({ viewport: { width: 1500, height: 900 } })).newPage();
  await page.goto(URL);
  await page.waitForSelector('.monaco-workbench .explorer-folders-view .monaco-list-row', { timeout: 60000 });
});

after(async () => {
  await browser?.close();
});

async function quickInput(text, rowText) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(text);
  await page.locator('.quick-input-list .monaco-list-row:visible', { hasText: rowText }).first().waitFor();
  await page.keyboard.press('Enter');
}

const runCommand = (title) => quickInput('>' + title, title);
const openFile = (relative) => quickInput(relative, relative.split('/').pop());

/** The webview's inner frame (VS Code nests it in two iframes), once it has drawn something matching `selector`. */
async function webviewFrame(selector = 'svg.diagram g.el', timeoutMs = 30000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    for (const f of page.frames()) {
      try {
        if (await f.locator(selector).count()) return f;
      } catch {
        // frame navigated away while we looked
      }
    }
    await page.waitForTimeout(200);
  }
  throw new Error(`no webview frame shows ${selector}`);
}

test('Visualize draws the open file: the Service, its slice and the pods from the other file', async () => {
  await openFile('web/deployment.yaml');
  await page.locator('.monaco-editor .view-line', { hasText: 'kind: Deployment' }).first().waitFor({ timeout: 30000 });
  await openFile('web/service.yaml');
  await page.locator('.monaco-editor .view-line', { hasText: 'kind: Service' }).first().waitFor({ timeout: 30000 });
  await runCommand('Service Lab: Visualize');
  await page.locator('.tab', { hasText: 'Service Lab: service.yaml' }).first().waitFor({ timeout: 30000 });
  const f = await webviewFrame('svg.diagram g.el[data-id="svc:default/web"]');
  // The web Deployment's three pods (web/deployment.yaml); the api folder's pods are drawn too.
  assert.equal(await f.locator('svg.diagram g.el.kind-pod[data-id^="pod:default/web-"]').count(), 3);
  const labels = await f.locator('svg.diagram text.edge-label').allTextContents();
  assert.ok(labels.includes('80 → 80'), labels.join(' | '));
  // The targetPort warning is drawn on the Service.
  assert.equal(await f.locator('svg.diagram g.el.kind-service.health-warning').count(), 1);
  await shot('1-open');
});

test('editing the file updates the diagram', async () => {
  await page.locator('.monaco-editor .view-line', { hasText: 'targetPort: 80' }).first().click();
  await page.keyboard.press('End');
  await page.keyboard.type('80');
  await page.locator('.monaco-editor .view-line', { hasText: 'targetPort: 8080' }).first().waitFor();
  const f = await webviewFrame('svg.diagram text.edge-label');
  await f.locator('svg.diagram text.edge-label', { hasText: /^80 → 8080$/ }).first().waitFor({ timeout: 15000 });
  await f.locator('svg.diagram g.el.kind-service.health-warning').waitFor({ state: 'detached', timeout: 15000 });
  await shot('2-edited');
});

test('clicking a pod reveals its YAML in the editor', async () => {
  const f = await webviewFrame();
  await f.locator('svg.diagram g.el.kind-pod[data-id^="pod:default/web-"]').first().click();
  await page.locator('.tab.active', { hasText: 'deployment.yaml' }).first().waitFor({ timeout: 15000 });
  await page.locator('.monaco-editor .selected-text').first().waitFor({ timeout: 15000 });
  await shot('3-reveal');
});

test('the panel comes back after a reload (serializer) and draws again', async () => {
  // "Developer: Reload Window" shuts the workbench down properly (editor state and webview state are saved)
  // before reloading; a bare page.reload() can race the storage flush and lose the open panel.
  await Promise.all([page.waitForNavigation({ timeout: 60000 }), runCommand('Developer: Reload Window')]);
  await page.waitForSelector('.monaco-workbench .explorer-folders-view .monaco-list-row', { timeout: 60000 });
  await page.locator('.tab', { hasText: /Service Lab/ }).first().waitFor({ timeout: 60000 });
  await page.locator('.tab', { hasText: /Service Lab/ }).first().click();
  const f = await webviewFrame('svg.diagram g.el[data-id="svc:default/web"]', 60000);
  assert.equal(await f.locator('svg.diagram g.el.kind-pod[data-id^="pod:default/web-"]').count(), 3);
  await shot('4-restored');
});
