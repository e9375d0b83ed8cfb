// Launches Debian's chromium through playwright-core with a fresh profile, and keeps a screenshot of
// the page when a test fails.
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const RESULTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'test-results');

export const BASE_URL = (process.env.PORTAL_URL ?? 'http://127.0.0.1:18080').replace(/\/$/, '');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Runs `body(page)` in a new browser with its own temporary profile. On failure a full-page
 * screenshot is written to e2e/test-results/<name>.png before the error is rethrown.
 */
export async function withPage(name, body) {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'portal-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1200, height: 800 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  const consoleErrors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(String(err)));
  try {
    await body(page);
  } catch (err) {
    await mkdir(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, `${name.replace(/[^a-z0-9_-]+/gi, '_')}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => {});
    if (consoleErrors.length) {
      console.error(`browser console errors (${name}):\n  ${consoleErrors.join('\n  ')}`);
    }
    console.error(`screenshot saved: ${file} (url: ${page.url()})`);
    throw err;
  } finally {
    await context.close();
    await rm(userDataDir, { recursive: true, force: true });
  }
}

/** The element with `data-testid=id`. */
export function byTestId(page, id) {
  return page.locator(`[data-testid="${id}"]`);
}

/** Waits until the path of the page is `pathname` (the SPA navigates without reloading). */
export async function waitForPath(page, pathname) {
  await page.waitForURL((url) => url.pathname === pathname);
}

/** Waits until the text of `data-testid=id` matches `re`, polling in the page. */
export async function waitForText(page, id, re) {
  await page.waitForFunction(
    ([testId, source, flags]) => {
      const el = document.querySelector(`[data-testid="${testId}"]`);
      return !!el && new RegExp(source, flags).test(el.textContent ?? '');
    },
    [id, re.source, re.flags],
  );
}

/**
 * After a submit: waits for the SPA to move to `pathname`, but fails at once, with the message,
 * when the page shows an error instead.
 */
export async function expectPathAfterSubmit(page, pathname) {
  const moved = page.waitForURL((url) => url.pathname === pathname).then(() => null);
  const failed = byTestId(page, 'error-message')
    .waitFor()
    .then(async () => (await byTestId(page, 'error-message').textContent())?.trim());
  // The loser keeps waiting until its timeout; make sure its rejection is not reported as unhandled.
  moved.catch(() => {});
  failed.catch(() => {});
  const error = await Promise.race([moved, failed]);
  if (error) throw new Error(`expected to reach ${pathname}, but the page shows: ${error}`);
}
