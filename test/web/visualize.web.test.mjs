// The playground and the Visualize webview in Chromium: what each sample draws, cluster actions,
// request traces through an Ingress, escaping, editor ↔ diagram links, and theme screenshots.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { drawn, launch, openSample } from './browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('web-app: Ingress, Service, EndpointSlice and three pods in two nodes, with port labels', async () => {
  const { page, frame, errors } = await openSample(browser.context, 'web-app.yaml');
  assert.deepEqual(await drawn(frame, 'ingress'), ['ing:default/web']);
  assert.deepEqual(await drawn(frame, 'service'), ['svc:default/web']);
  assert.equal((await drawn(frame, 'slice')).length, 1);
  assert.deepEqual(await drawn(frame, 'node'), ['node:node-1', 'node:node-2']);
  assert.equal((await drawn(frame, 'pod')).length, 3);
  const labels = await frame.locator('svg.diagram text.edge-label').allTextContents();
  for (const l of ['node:30080 → 80', '80 → http (8080)', 'app=web · :8080', 'shop.example.com/ → :http']) assert.ok(labels.includes(l), `edge label ${l} in ${labels.join(' | ')}`);
  assert.equal(await frame.locator('svg.diagram g.edge.edge-endpoint').count(), 3);
  assert.match(await frame.locator('#status').textContent(), /1 Service, 3 pods/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('broken samples: dimmed pods with the reason, problems on the element', async () => {
  const typo = await openSample(browser.context, 'broken-selector-typo.yaml');
  const dimmed = typo.frame.locator('svg.diagram g.el.kind-pod.dimmed');
  assert.equal(await dimmed.count(), 2);
  assert.match(await dimmed.first().getAttribute('aria-label'), /label differs for frontend: app: "frontend" ≠ "frontnd"/);
  assert.match(await typo.frame.locator('svg.diagram g.el.kind-pod.dimmed text.reason').first().textContent(), /label differs for frontend/);
  assert.equal(await typo.frame.locator('svg.diagram g.el.kind-service.health-warning .badge').count(), 1);
  assert.equal(await typo.frame.locator('svg.diagram g.edge.edge-unmatched').count(), 2);
  await typo.page.close();

  const named = await openSample(browser.context, 'broken-named-port.yaml');
  assert.equal(await named.frame.locator('svg.diagram g.el.kind-pod.dimmed').count(), 2);
  assert.match(await named.frame.locator('svg.diagram g.el.kind-pod.dimmed').first().getAttribute('aria-label'), /named port "http" \(TCP\) missing in the pod/);
  await named.page.close();

  const missing = await openSample(browser.context, 'broken-missing-backend.yaml');
  assert.deepEqual(await drawn(missing.frame, 'missing'), ['missing:default/store']);
  await missing.page.close();
});

test('ExternalName and headless Services explain themselves', async () => {
  const ext = await openSample(browser.context, 'externalname.yaml');
  assert.match(await ext.frame.locator('svg.diagram g.el.kind-service').textContent(), /CNAME → db\.billing\.example\.com/);
  assert.equal(await ext.frame.locator('svg.diagram g.el.kind-slice').count(), 0);
  await ext.page.close();
  const hl = await openSample(browser.context, 'headless.yaml');
  assert.match(await hl.frame.locator('#notices').textContent(), /headless \(clusterIP: None\)/);
  assert.deepEqual((await drawn(hl.frame, 'pod')).sort(), ['pod:default/db-0', 'pod:default/db-1']);
  await hl.page.close();
});

test('kill a pod: the endpoints change, the clusterIP stays', async () => {
  const { page, frame } = await openSample(browser.context, 'web-app.yaml');
  const before = await drawn(frame, 'pod');
  const svcLine = await frame.locator('svg.diagram g.el.kind-service text.line').first().textContent();
  const victim = before[0];
  await frame.locator(`svg.diagram g.el[data-id="${victim}"]`).click();
  await frame.locator('#kill-pod').click();
  await frame.locator(`svg.diagram g.el[data-id="${victim}"]`).waitFor({ state: 'detached' });
  const after = await drawn(frame, 'pod');
  assert.equal(after.length, 3);
  assert.ok(!after.includes(victim));
  assert.equal(after.filter((p) => !before.includes(p)).length, 1);
  assert.equal(await frame.locator('svg.diagram g.el.kind-service text.line').first().textContent(), svcLine);
  const endpointTargets = await frame.locator('svg.diagram g.edge.edge-endpoint').evaluateAll((es) => es.map((e) => e.getAttribute('data-to')));
  assert.deepEqual(endpointTargets.sort(), after.sort());
  // The event log tells what the controllers did.
  await frame.locator('#tab-events').click();
  assert.match(await frame.locator('#view-body').textContent(), new RegExp(victim.replace('pod:default/', '')));
  await page.close();
});

test('fail readiness: the pod is dimmed and leaves the serving endpoints; reset restores it', async () => {
  const { page, frame } = await openSample(browser.context, 'clusterip.yaml');
  const pod = (await drawn(frame, 'pod'))[0];
  await frame.locator(`svg.diagram g.el[data-id="${pod}"]`).click();
  await frame.locator('#toggle-ready').click();
  await frame.locator(`svg.diagram g.el.dimmed[data-id="${pod}"]`).waitFor();
  assert.equal(await frame.locator('svg.diagram g.edge.edge-endpoint').count(), 1);
  await frame.locator('#reset').click();
  await frame.locator(`svg.diagram g.el.dimmed[data-id="${pod}"]`).waitFor({ state: 'detached' });
  assert.equal(await frame.locator('svg.diagram g.edge.edge-endpoint').count(), 2);
  await page.close();
});

test('send a request through the Ingress and watch it travel hop by hop', async () => {
  const { page, frame } = await openSample(browser.context, 'ingress-fanout.yaml');
  await frame.locator('#target').evaluate((s) => {
    s.value = 'ing:default/site#0';
  });
  await frame.locator('#send').click();
  await frame.locator('#trace-result').waitFor({ timeout: 15000 });
  assert.equal(await frame.locator('#trace-result').textContent(), 'Delivered.');
  const hops = await frame.locator('#trace ol.hops li').evaluateAll((ls) => ls.map((l) => ({ at: l.getAttribute('data-at'), text: l.textContent })));
  assert.equal(hops[0].at, 'client:external');
  assert.ok(hops.some((h) => h.at === 'ing:default/site' && /Ingress default\/site/.test(h.text)), JSON.stringify(hops));
  assert.ok(hops.some((h) => h.at === 'svc:default/api'));
  assert.match(hops.at(-1).at, /^pod:default\/api-/);
  assert.ok((await frame.locator('svg.diagram g.el.traced').count()) >= 4);
  await page.close();
});

test('a label value with markup renders as text', async () => {
  const { page, frame, errors } = await openSample(browser.context, 'clusterip.yaml');
  const xss = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: evil\n  labels:\n    app: "<img src=x onerror=alert(1)>"\nspec:\n  containers:\n    - name: c\n      image: nginx\n';
  await page.evaluate((t) => window.serviceLabPlayground.setText(t), xss);
  await frame.locator('svg.diagram g.el[data-id="pod:default/evil"]').waitFor();
  assert.equal(await frame.locator('img').count(), 0);
  const text = await frame.locator('svg.diagram g.el[data-id="pod:default/evil"]').textContent();
  assert.ok(text.includes('app=<img src=x onerror=alert(1)>'), text);
  assert.deepEqual(errors, []);
  await page.close();
});

test('editor and diagram are linked: clicking reveals the YAML, typing updates the diagram', async () => {
  const { page, frame } = await openSample(browser.context, 'web-app.yaml');
  await frame.locator('svg.diagram g.el[data-id="svc:default/web"]').click();
  await page.waitForFunction(() => window.serviceLabPlayground.getSelectedText().startsWith('apiVersion: v1\nkind: Service'));
  // Keyboard: Tab-focusable elements, Enter selects.
  await frame.locator('svg.diagram g.el[data-id="ing:default/web"]').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.serviceLabPlayground.getSelectedText().includes('kind: Ingress'));
  assert.match(await frame.locator('#details h2').textContent(), /^Ingress web$/);
  // Typing: scale to 4 replicas in the YAML.
  await page.evaluate(() => window.serviceLabPlayground.setText(window.serviceLabPlayground.getText().replace('replicas: 3', 'replicas: 4')));
  await frame.locator('svg.diagram g.el.kind-pod').nth(3).waitFor();
  assert.equal((await drawn(frame, 'pod')).length, 4);
  await page.close();
});

test('light and dark screenshots', async () => {
  for (const theme of ['dark', 'light']) {
    const { page, frame } = await openSample(browser.context, 'multi-service-app.yaml', theme);
    await frame.locator('svg.diagram g.el[data-id="svc:default/frontend"]').click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `test-results/web/playground-${theme}.png` });
    const bg = await frame.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor);
    assert.equal(bg, theme === 'dark' ? 'rgb(31, 31, 31)' : 'rgb(255, 255, 255)');
    await page.close();
  }
});

test('the editor shows Service Lab diagnostics as markers and its learning hovers', async () => {
  const { page } = await openSample(browser.context, 'broken-target-port.yaml');
  await page.locator('#problems', { hasText: 'Service Lab: 0 errors, 1 warning' }).waitFor({ timeout: 15000 });
  await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 15000 });
  const word = page.locator('.monaco-editor .view-line', { hasText: 'targetPort: 80' }).locator('span', { hasText: /^targetPort$/ }).first();
  const hover = page.locator('.monaco-hover-content', { hasText: 'The port on the pod where traffic arrives' }).first();
  for (let attempt = 1; ; attempt++) {
    await page.mouse.move(2, 2);
    await word.hover();
    try {
      await hover.waitFor({ timeout: 2500 });
      break;
    } catch (e) {
      if (attempt >= 5) throw e;
    }
  }
  assert.match(await hover.innerText(), /spec\.ports\[0\]\.targetPort/);
  await page.close();
});
