// Shared Chromium setup for the web suites: one fresh profile per browser, the flags CI needs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const BASE = process.env.PLAYGROUND_URL ?? 'http://127.0.0.1:5173/';

export async function launch() {
  const dir = mkdtempSync(join(tmpdir(), 'service-lab-web-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1500, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Opens the playground on a sample and waits until the webview has drawn it. */
export async function openSample(context, sample, theme = 'dark') {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(`${BASE}?sample=${encodeURIComponent(sample)}&theme=${theme}`);
  const frame = page.frameLocator('#viz');
  await frame.locator('svg.diagram g.el').first().waitFor({ timeout: 30000 });
  return { page, frame, errors };
}

/** Ids of the diagram elements of a kind, as drawn. */
export async function drawn(frame, kind) {
  return frame.locator(`svg.diagram g.el.kind-${kind}`).evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
}
