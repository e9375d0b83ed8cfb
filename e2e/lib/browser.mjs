// Launches Debian's chromium through playwright-core with a fresh profile, and keeps a screenshot of
// the page when a test fails. Every page is watched for Content-Security-Policy violations (the
// `securitypolicyviolation` event and the console's "Refused to …" lines): a test with any fails.
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

// Runs in every document before its own scripts: records CSP violations on window and reports
// them to the test through the exposed binding (which survives navigations; window does not).
const CSP_WATCH = `(() => {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    const v = {
      directive: e.effectiveDirective || e.violatedDirective,
      blocked: e.blockedURI,
      source: e.sourceFile ? e.sourceFile + ':' + e.lineNumber : '',
      sample: e.sample,
      page: location.pathname,
    };
    window.__cspViolations.push(v);
    if (typeof window.__reportCspViolation === 'function') window.__reportCspViolation(v);
  }, true);
})();`;

const violationsByPage = new WeakMap();

/** The CSP violations seen on `page` so far (events and console lines). */
export function cspViolations(page) {
  return violationsByPage.get(page) ?? [];
}

/** Forgets the violations seen so far, e.g. after one a test provoked on purpose. */
export function clearCspViolations(page) {
  violationsByPage.get(page)?.splice(0);
}

/** Fails when any CSP violation was seen on `page`; call it after a navigation to fail early. */
export async function assertNoCspViolations(page, where = '') {
  // The binding call is asynchronous: let a violation of the last moment arrive.
  await page.evaluate(() => new Promise((r) => setTimeout(r, 50))).catch(() => {});
  const seen = cspViolations(page);
  if (seen.length) {
    throw new Error(
      `Content-Security-Policy violations${where ? ` (${where})` : ''}:\n  ` +
        seen.map((v) => JSON.stringify(v)).join('\n  '),
    );
  }
}

async function watchCsp(context, page) {
  const seen = [];
  violationsByPage.set(page, seen);
  await page.exposeBinding('__reportCspViolation', (_source, v) => seen.push({ kind: 'event', ...v }));
  await context.addInitScript(CSP_WATCH);
  page.on('console', (msg) => {
    if (/Content[- ]Security[- ]Policy/i.test(msg.text())) seen.push({ kind: 'console', text: msg.text() });
  });
}

/**
 * Runs `body(page)` in a new browser with its own temporary profile. On failure a full-page
 * screenshot is written to e2e/test-results/<name>.png before the error is rethrown. After the body,
 * the test fails if the page reported any CSP violation.
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
  await watchCsp(context, page);
  try {
    await body(page);
    await assertNoCspViolations(page, `end of ${name}`);
  } catch (err) {
    await mkdir(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, `${name.replace(/[^a-z0-9_-]+/gi, '_')}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => {});
    if (consoleErrors.length) {
      console.error(`browser console errors (${name}):\n  ${consoleErrors.join('\n  ')}`);
    }
    const csp = cspViolations(page);
    if (csp.length) console.error(`CSP violations (${name}):\n  ${csp.map((v) => JSON.stringify(v)).join('\n  ')}`);
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
  await assertNoCspViolations(page, `at ${pathname}`);
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
  await assertNoCspViolations(page, `at ${pathname}`);
}
