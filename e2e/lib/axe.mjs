// axe-core (npm) inside the browser tests: every page and state a test visits is checked against
// WCAG 2.1 A/AA and the best-practice heading and landmark rules, and a test fails on any violation
// with a readable list.
//
// Injection under the portal's Content-Security-Policy (`script-src 'self' 'wasm-unsafe-eval'`): an
// inline <script> (page.addScriptTag({content})) is refused by the policy, and a script served from
// another path is not ours either. The source is evaluated through the DevTools protocol instead
// (page.evaluate of the source text), which the page's CSP does not govern, so the server's policy
// stays as strict as it is and the CSP watcher (lib/browser.mjs) sees no violation.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');
let axeSource = null;

/** The WCAG 2.1 A/AA rule sets, plus these best-practice rules. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const AXE_EXTRA_RULES = ['page-has-heading-one', 'heading-order', 'landmark-one-main', 'region'];

/** Every axe run of this process, for the summary a test may print. */
export const axeRuns = [];

async function injectAxe(page) {
  const present = await page.evaluate(() => typeof window.axe === 'object').catch(() => false);
  if (present) return;
  axeSource ??= await readFile(AXE_PATH, 'utf8');
  await page.evaluate(axeSource);
}

/** The violations axe finds on `page` now, in a short form. */
export async function axeViolations(page) {
  await injectAxe(page);
  return page.evaluate(
    async ([tags, extra]) => {
      const rules = new Set(window.axe.getRules(tags).map((r) => r.ruleId));
      for (const r of extra) rules.add(r);
      const result = await window.axe.run(document, {
        runOnly: { type: 'rule', values: [...rules] },
        resultTypes: ['violations'],
      });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
      }));
    },
    [AXE_TAGS, AXE_EXTRA_RULES],
  );
}

/** Readable text of axe violations. */
export function formatViolations(violations) {
  return violations
    .map(
      (v) =>
        `- ${v.id} (${v.impact}): ${v.help}\n` +
        v.nodes.map((n) => `    ${n.target}\n      ${(n.summary ?? '').replace(/\n/g, '\n      ')}`).join('\n'),
    )
    .join('\n');
}

/**
 * Fails when axe finds any violation on `page` in its current state; `state` names it in the
 * message (e.g. "login: wrong password"). Waits for the SPA's loading indicators to go first.
 */
export async function expectAccessible(page, state) {
  // Loading views are transient: check the page that stays.
  await page
    .waitForFunction(() => !document.querySelector('#boot, [data-testid="session-restoring"], .loading'), null, {
      timeout: 10_000,
    })
    .catch(() => {});
  const violations = await axeViolations(page);
  axeRuns.push({ state, path: new URL(page.url()).pathname, violations: violations.length });
  assert.equal(
    violations.length,
    0,
    `axe-core found ${violations.length} violation(s) on ${page.url()} (${state}):\n${formatViolations(violations)}`,
  );
}
