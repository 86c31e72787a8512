// The playground's Kubernetes JSON Schema in the real monaco-yaml: it loads, documents and accepts fields of
// the current release (1.36), rejects unknown ones, and offers enum values as completions.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openSample } from './browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Hovers a word of the editor until Monaco shows a hover holding `expect`; returns the hover's text. */
async function hoverText(page, line, word, expect) {
  const target = page.locator('.monaco-editor .view-line', { hasText: line }).locator('span', { hasText: new RegExp(`^${word}$`) }).first();
  const hover = page.locator('.monaco-hover-content', { hasText: expect }).first();
  for (let attempt = 1; ; attempt++) {
    await page.mouse.move(2, 2);
    await target.hover();
    try {
      await hover.waitFor({ timeout: 2500 });
      return await page.locator('.monaco-hover').first().innerText();
    } catch (e) {
      if (attempt >= 5) throw e;
    }
  }
}

const POD = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: modern',
  'spec:',
  '  hostnameOverride: modern-host',
  '  containers:',
  '    - name: web',
  '      image: nginx',
  '      colour: red',
  '      lifecycle:',
  '        stopSignal: SIGUSR1',
  '',
].join('\n');

test('monaco-yaml: a 1.36 field is documented and accepted, an unknown one is not allowed', async () => {
  const { page, errors } = await openSample(browser.context, 'clusterip.yaml');
  await page.evaluate((t) => window.serviceLabPlayground.setText(t), POD);
  await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 15000 });
  const unknown = await hoverText(page, 'colour: red', 'colour', 'Property colour is not allowed');
  assert.match(unknown, /Property colour is not allowed/);
  const known = await hoverText(page, 'hostnameOverride: modern-host', 'hostnameOverride', 'HostnameOverride specifies');
  assert.doesNotMatch(known, /is not allowed/);
  const signal = await hoverText(page, 'stopSignal: SIGUSR1', 'stopSignal', 'StopSignal');
  assert.doesNotMatch(signal, /is not allowed/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('monaco-yaml: enum values are offered as completions', async () => {
  const { page, errors } = await openSample(browser.context, 'clusterip.yaml');
  const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  selector:\n    app: a\n  ports:\n    - port: 80\n  type: \n';
  await page.evaluate((t) => window.serviceLabPlayground.setText(t), text);
  await page.locator('.monaco-editor .view-line', { hasText: 'type:' }).click();
  await page.keyboard.press('End');
  const row = page.locator('.suggest-widget .monaco-list-row', { hasText: 'NodePort' });
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+Space');
    try {
      await row.waitFor({ timeout: 3000 });
      break;
    } catch (e) {
      if (attempt >= 4) throw e;
      await page.keyboard.press('Escape');
    }
  }
  const labels = await page.locator('.suggest-widget .monaco-list-row .label-name').allInnerTexts();
  for (const v of ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort']) assert.ok(labels.includes(v), `${v} in ${labels.join(', ')}`);
  assert.deepEqual(errors, []);
  await page.close();
});
