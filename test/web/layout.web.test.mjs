// Long names, long reasons and a wide diagram in Chromium: every text stays inside its box (measured
// with getBBox in the real fonts), the full text stays available, and the automatic zoom fits a narrow
// panel's width down to its documented minimum, with Fit and the automatic zoom on the toolbar.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, openSample } from './browser.mjs';

const LONG = readFileSync('test/web/fixtures/long-names.yaml', 'utf8');
const SVC63 = 'checkout-payment-gateway-service-for-the-europe-west-region-v23';
/** diagram.ts MIN_AUTO_ZOOM (the bundle is not importable here). */
const MIN_AUTO_ZOOM = 0.6;

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Sizes the webview's iframe (its viewport, as a VS Code webview's) to width × height. */
async function sizeWebview(page, width, height) {
  await page.setViewportSize({ width: width + 40, height: height + 80 });
  await page.evaluate(([w, h]) => {
    document.getElementById('editor').style.display = 'none';
    const f = document.getElementById('viz');
    f.style.flex = 'none';
    f.style.width = `${w}px`;
    f.style.height = `${h}px`;
  }, [width, height]);
}

/** The playground with the long-names manifest in a webview of width × height, optionally in another editor font. */
async function openLongNames(width, height, font) {
  const opened = await openSample(browser.context, 'clusterip.yaml');
  // The webview's CSP refuses inline styles: nothing may try to use them.
  opened.page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) opened.errors.push(m.text());
  });
  await sizeWebview(opened.page, width, height);
  if (font) await opened.frame.locator('html').evaluate((el, f) => el.style.setProperty('--vscode-editor-font-family', f), font);
  await opened.page.evaluate((t) => window.serviceLabPlayground.setText(t), LONG);
  await opened.frame.locator(`svg.diagram g.el[data-id="svc:default/${SVC63}"]`).waitFor();
  await opened.page.waitForTimeout(100);
  return opened;
}

/** Every text of every box inside its box (and clear of the problem badge), every edge label inside its background. */
async function textOutsideBoxes(frame) {
  return frame.locator('svg.diagram').evaluate((svg) => {
    const out = [];
    let texts = 0;
    const within = (bb, x0, y0, x1, y1) => bb.x >= x0 - 0.5 && bb.y >= y0 - 0.5 && bb.x + bb.width <= x1 + 0.5 && bb.y + bb.height <= y1 + 0.5;
    for (const g of svg.querySelectorAll('g.el')) {
      const box = g.querySelector(':scope > rect.box');
      const w = box.width.baseVal.value;
      const h = box.height.baseVal.value;
      const badge = g.querySelector(':scope > g.badge');
      const badgeX = badge ? badge.transform.baseVal.consolidate().matrix.e : Infinity;
      const boxRect = box.getBoundingClientRect();
      for (const t of g.querySelectorAll(':scope > text')) {
        texts++;
        const bb = t.getBBox();
        if (!within(bb, 0, 0, w, h)) out.push(`${g.dataset.id}: ${t.getAttribute('class')} "${t.textContent}" spans x ${bb.x.toFixed(1)}..${(bb.x + bb.width).toFixed(1)} in a box ${w} wide`);
        if (t.classList.contains('title') && bb.x + bb.width > badgeX) out.push(`${g.dataset.id}: title under the badge`);
        // The same on screen, at the current zoom.
        const r = t.getBoundingClientRect();
        if (r.left < boxRect.left - 1 || r.right > boxRect.right + 1) out.push(`${g.dataset.id}: ${t.getAttribute('class')} outside its box on screen`);
      }
    }
    for (const e of svg.querySelectorAll('g.edge')) {
      const bg = e.querySelector(':scope > rect.edge-label-bg');
      const t = e.querySelector(':scope > text.edge-label');
      if (!bg || !t) continue;
      texts++;
      const x = bg.x.baseVal.value;
      const y = bg.y.baseVal.value;
      if (!within(t.getBBox(), x, y, x + bg.width.baseVal.value, y + bg.height.baseVal.value)) out.push(`edge ${e.dataset.edge}: label "${t.textContent}" outside its background`);
    }
    return { out, texts };
  });
}

/** Waits until the zoom button reads like `re` (the automatic zoom follows a resize on the next frame). */
async function waitForZoomLabel(frame, re) {
  const deadline = Date.now() + 10000;
  for (;;) {
    const label = await frame.locator('#zoom-auto').evaluate((b) => b.textContent);
    if (re.test(label)) return label;
    if (Date.now() > deadline) throw new Error(`zoom label stayed "${label}", expected ${re}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The zoom as drawn, the width available, and whether the diagram scrolls sideways. */
async function zoomState(frame) {
  return frame.locator('#diagram').evaluate((d) => {
    const svg = d.querySelector('svg.diagram');
    const natural = svg.viewBox.baseVal.width;
    return { zoom: Number(svg.getAttribute('width')) / natural, natural, svgWidth: Number(svg.getAttribute('width')), client: d.clientWidth, scrolls: d.scrollWidth > d.clientWidth, label: document.getElementById('zoom-auto').textContent };
  });
}

test('narrow panel (420×800): every text inside its box; the automatic zoom stops at its readable minimum; Fit zooms out further; a wider panel re-fits', async () => {
  const { page, frame, errors } = await openLongNames(420, 800);
  const fit = await textOutsideBoxes(frame);
  assert.ok(fit.texts > 60, `only ${fit.texts} texts`);
  assert.deepEqual(fit.out, []);
  // This diagram is far wider than 420 px at any readable size: the documented minimum applies, and it scrolls.
  let z = await zoomState(frame);
  assert.ok(z.natural * MIN_AUTO_ZOOM > z.client, JSON.stringify(z));
  assert.ok(Math.abs(z.zoom - MIN_AUTO_ZOOM) < 0.005, JSON.stringify(z));
  assert.equal(z.label, 'Auto 60%');
  assert.equal(z.scrolls, true);
  await frame.locator(`svg.diagram g.el[data-id="svc:default/${SVC63}"]`).scrollIntoViewIfNeeded();
  await page.locator('#viz').screenshot({ path: 'test-results/web/long-names-narrow.png' });
  // Fit: as much of the width as the lowest manual zoom (25 %) allows; this one is wider still.
  await frame.locator('#zoom-fit').click();
  z = await zoomState(frame);
  assert.ok(z.natural * 0.25 > z.client && Math.abs(z.zoom - 0.25) < 0.005, JSON.stringify(z));
  assert.equal(z.label, '25%');
  // Back to automatic; a wider panel re-fits by itself.
  await frame.locator('#zoom-auto').click();
  assert.equal((await zoomState(frame)).label, 'Auto 60%');
  await sizeWebview(page, 2000, 800);
  await waitForZoomLabel(frame, /^Auto (6[1-9]|[7-9]\d|100)%$/);
  z = await zoomState(frame);
  assert.ok(z.zoom > MIN_AUTO_ZOOM && z.zoom <= 1, JSON.stringify(z));
  assert.ok(z.svgWidth <= z.client && !z.scrolls, `re-fitted to the wider panel: ${JSON.stringify(z)}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('wide panel (1400×800): every text inside its box; the zoom is the width fit bounded by the minimum', async () => {
  const { page, frame, errors } = await openLongNames(1400, 800);
  const fit = await textOutsideBoxes(frame);
  assert.deepEqual(fit.out, []);
  const z = await zoomState(frame);
  const expected = Math.min(1, Math.max(MIN_AUTO_ZOOM, Math.floor(((z.client - 4) / z.natural) * 100) / 100));
  assert.ok(Math.abs(z.zoom - expected) < 0.005, JSON.stringify({ ...z, expected }));
  if (z.zoom > MIN_AUTO_ZOOM) assert.equal(z.scrolls, false);
  await page.locator('#viz').screenshot({ path: 'test-results/web/long-names-wide.png' });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a smaller diagram fits a mid-size panel without scrolling; in a narrow one Fit shows its whole width', async () => {
  const { page, frame } = await openSample(browser.context, 'clusterip.yaml');
  const natural = await frame.locator('svg.diagram').evaluate((s) => s.viewBox.baseVal.width);
  // Side pane (340 px) beside a diagram area 80 % of the drawing's width.
  await sizeWebview(page, Math.round(natural * 0.8) + 360, 800);
  await waitForZoomLabel(frame, /^Auto (7\d|8\d)%$/);
  let z = await zoomState(frame);
  assert.ok(z.zoom >= 0.7 && z.zoom < 1 && !z.scrolls, JSON.stringify(z));
  // In a 420 px column it is too wide to read whole: 60 % and scrolling; Fit shows all of it.
  await sizeWebview(page, 420, 800);
  await waitForZoomLabel(frame, /^Auto 60%$/);
  assert.equal((await zoomState(frame)).scrolls, true);
  await frame.locator('#zoom-fit').click();
  z = await zoomState(frame);
  assert.ok(z.zoom >= 0.25 && z.zoom < MIN_AUTO_ZOOM && z.svgWidth <= z.client && !z.scrolls, JSON.stringify(z));
  await page.close();
});

test('Ctrl + wheel zooms around the pointer; + and − keys step, 0 returns to the automatic zoom, and focus stays', async () => {
  const { page, frame } = await openLongNames(1400, 800);
  assert.equal((await zoomState(frame)).label, 'Auto 60%');
  const svc = frame.locator(`svg.diagram g.el[data-id="svc:default/${SVC63}"]`);
  const at = await svc.boundingBox();
  const cx = at.x + at.width / 2;
  const cy = at.y + at.height / 2;
  await page.mouse.move(cx, cy);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -300);
  await page.keyboard.up('Control');
  await waitForZoomLabel(frame, /^1\d\d%$/);
  const z = await zoomState(frame);
  assert.ok(z.zoom > 1.5 && z.zoom < 1.8, JSON.stringify(z));
  // The Service stayed under the pointer.
  const moved = await svc.boundingBox();
  assert.ok(Math.abs(moved.x + moved.width / 2 - cx) < 3 && Math.abs(moved.y + moved.height / 2 - cy) < 3, JSON.stringify({ at, moved }));
  // Keys on a focused element.
  await svc.focus();
  await page.keyboard.press('-');
  assert.equal((await zoomState(frame)).label, `${Math.round((z.zoom / 1.25) * 100)}%`);
  await page.keyboard.press('0');
  assert.equal((await zoomState(frame)).label, 'Auto 60%');
  await page.keyboard.press('+');
  assert.equal((await zoomState(frame)).label, '75%');
  assert.equal(await frame.locator('svg.diagram g.el:focus').getAttribute('data-id'), `svc:default/${SVC63}`);
  await page.close();
});

test('a proportional editor font: boxes are measured in it, so every text still fits', async () => {
  const { page, frame } = await openLongNames(1400, 800, '"DejaVu Sans", sans-serif');
  assert.match(await frame.locator('svg.diagram g.el.kind-service text.title').first().evaluate((t) => getComputedStyle(t).fontFamily), /DejaVu Sans"?,/);
  assert.deepEqual((await textOutsideBoxes(frame)).out, []);
  await page.close();
});

test('cut text stays whole in the tooltip, the accessible name and the details pane', async () => {
  const { page, frame } = await openLongNames(420, 800);
  const svc = frame.locator(`svg.diagram g.el[data-id="svc:default/${SVC63}"]`);
  const shown = await svc.locator('text.title').textContent();
  assert.ok(shown.includes('…') && !shown.includes(SVC63), shown);
  assert.match(await svc.locator(':scope > title').textContent(), new RegExp(`^Service ${SVC63}\n`));
  assert.match(await svc.getAttribute('aria-label'), new RegExp(`Service ${SVC63}, cluster IP`));
  await svc.click();
  assert.equal(await frame.locator('#details h2').textContent(), `Service ${SVC63}`);
  // The pod whose reason is long: two wrapped lines in the box, all of it in the details.
  const pod = frame.locator('svg.diagram g.el.kind-pod', { has: frame.locator('text.reason') }).first();
  const lines = await pod.locator('text.reason').allTextContents();
  assert.equal(lines.length, 2);
  assert.ok(lines[1].endsWith('…'), lines.join(' / '));
  const full = 'label differs for checkout-payment-gateway-canary-preview: app.kubernetes.io/component: "payment-authorisation-and-settlement" ≠ "payment-authorisation-and-settlement-preview"';
  assert.ok((await pod.getAttribute('aria-label')).includes(full));
  await pod.click();
  assert.deepEqual(await frame.locator('#details ul.reasons li').allTextContents(), [full]);
  // An edge label cut short: its whole text is the edge's tooltip.
  const edge = frame.locator(`svg.diagram g.edge[data-edge="client:pod->svc:default/${SVC63}#request"]`);
  assert.ok((await edge.locator('text.edge-label').textContent()).endsWith('…'));
  assert.equal(await edge.locator(':scope > title').textContent(), `${SVC63}.default:443`);
  await page.close();
});
