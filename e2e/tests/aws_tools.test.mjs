// AWS tools (R7.8, R7.9), issue 11's "Done when" part, against the AWS emulator (moto server plus
// the portal's additions, scripts/aws_emulator.py): a representative opens the tools page of a
// linked account from the navigation, sees the set-up (the portal's principal, the ExternalId, the
// policies), is told on the field that a role of another account will not do, registers the role
// and tests the connection (connected, as the assumed role), reads Trusted Advisor (the seeded idle
// load balancers check: a warning in cost optimizing and $123.45 a month), opens the check's flagged
// resources and sorts them by the savings column, and reads the estimated cost (last month's
// seeded $852.75 in the chart's aria-label and in the table, the month to date, the notice that
// these are estimates). Staff see the same read-only in the staff bundle; an admin takes Trusted
// Advisor out of the company's contract type and the representative is told so (then it is put
// back). axe-core on every new screen.
//
// Environment: PORTAL_URL, E2E_AWS_TOOLS_ADMIN_EMAIL + _PASSWORD (sets the company up through the
// API, then signs in to the staff bundle), E2E_AWS_EMULATOR_URL (the emulator the portal talks to,
// for seeding), PORTAL_OUTBOX_DIR.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { expectAccessible } from '../lib/axe.mjs';
import { apiFirstSignIn, call } from '../lib/api.mjs';
import { BASE_URL, byTestId, expectPathAfterSubmit, waitForPath, waitForText, withPage } from '../lib/browser.mjs';
import { firstSignIn, signIn } from '../lib/flows.mjs';
import { waitForTemporaryPassword } from '../lib/outbox.mjs';
import { timeStep, totp } from '../lib/totp.mjs';

const ADMIN_EMAIL = process.env.E2E_AWS_TOOLS_ADMIN_EMAIL;
const ADMIN_PASSWORD = process.env.E2E_AWS_TOOLS_ADMIN_PASSWORD;
const ADMIN_NEW_PASSWORD = 'e2e-Aws-Tools-Adm1n-Passw0rd!';
const EMULATOR = (process.env.E2E_AWS_EMULATOR_URL ?? '').replace(/\/$/, '');
const OUTBOX = process.env.PORTAL_OUTBOX_DIR;
/** "Idle Load Balancers", a cost-optimizing check of the emulator's (and AWS's) catalogue. */
const IDLE_LB = 'hjLMh88uM8';

async function seed(path, body) {
  const resp = await fetch(`${EMULATOR}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!resp.ok) throw new Error(`emulator ${path}: ${resp.status} ${await resp.text()}`);
}

/** `YYYY-MM-DD` of the first of the month `back` months before this one (UTC, as the portal counts). */
function monthStart(now, back) {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
  return d.toISOString().slice(0, 10);
}

/** Cost Explorer's answer for the last 12 months and this month to date, by service. */
function costResults(now) {
  const tomorrow = new Date(now.getTime() + 24 * 3600 * 1000).toISOString().slice(0, 10);
  const group = (service, amount) => ({ Keys: [service], Metrics: { UnblendedCost: { Amount: amount, Unit: 'USD' } } });
  const months = [];
  for (let back = 12; back >= 0; back--) {
    const start = monthStart(now, back);
    const end = back === 0 ? tomorrow : monthStart(now, back - 1);
    let groups;
    if (back === 1) {
      groups = [group('Amazon Elastic Compute Cloud - Compute', '812.50'), group('Amazon Simple Storage Service', '40.25')];
    } else if (back === 0) {
      groups = [group('Amazon Elastic Compute Cloud - Compute', '300.00')];
    } else {
      groups = [group('Amazon Elastic Compute Cloud - Compute', `${500 + back * 10}.00`)];
    }
    months.push({ TimePeriod: { Start: start, End: end }, Total: {}, Groups: groups, Estimated: back === 0 });
  }
  return [{ ResultsByTime: months }];
}

function idleLoadBalancers(stamp) {
  return {
    checkId: IDLE_LB,
    timestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    status: 'warning',
    resourcesSummary: { resourcesProcessed: 5, resourcesFlagged: 2, resourcesIgnored: 0, resourcesSuppressed: 0 },
    categorySpecificSummary: { costOptimizing: { estimatedMonthlySavings: 123.45, estimatedPercentMonthlySavings: 12.0 } },
    flaggedResources: [
      {
        status: 'warning',
        region: 'ap-northeast-1',
        resourceId: `e2e-lb-big-${stamp}`,
        isSuppressed: false,
        metadata: ['ap-northeast-1', 'web-old', 'Low request count', '105.45'],
      },
      {
        status: 'warning',
        region: 'ap-northeast-1',
        resourceId: `e2e-lb-small-${stamp}`,
        isSuppressed: false,
        metadata: ['ap-northeast-1', 'batch-old', 'No active back-end instances', '18.00'],
      },
    ],
  };
}

/** 「2026年10月」, as the web app writes a month in Japanese. */
function monthJa(isoDay) {
  const [y, m] = isoDay.split('-').map(Number);
  return `${y}年${m}月`;
}

test('aws tools: the representative connects an account, reads Trusted Advisor and the estimated cost; staff see them', async () => {
  if (!ADMIN_EMAIL || !ADMIN_PASSWORD || !EMULATOR || !OUTBOX) {
    assert.fail('E2E_AWS_TOOLS_ADMIN_*, E2E_AWS_EMULATOR_URL and PORTAL_OUTBOX_DIR must be set');
  }
  const stamp = `${Date.now()}`;
  const account = stamp.slice(-12).padStart(12, '7');
  const roleArn = `arn:aws:iam::${account}:role/CloudpackPortalReadOnly`;
  const repEmail = `aws-rep-${stamp}@e2e.example.com`;
  const now = new Date();
  const lastMonth = monthStart(now, 1);

  // Set-up through the API: a company under a contract type that includes the tools, its linked
  // account, and what AWS will answer for that account.
  const admin = await apiFirstSignIn(ADMIN_EMAIL, ADMIN_PASSWORD, ADMIN_NEW_PASSWORD);
  const onboarded = await call(admin.token, 'POST', '/admin/companies', {
    code: `AWS-${stamp}`,
    name: `E2E AWS ツール株式会社 ${stamp}`,
    contract_types: ['billing_agency'],
    flags: { public_body: false, partner: false, via_third_party: false },
    representative_name: '代表 四郎',
    representative_email: repEmail,
  });
  const companyId = onboarded.company.id;
  const link = await call(admin.token, 'POST', `/admin/companies/${companyId}/aws-accounts`, {
    account_id: account,
    display_name: 'E2E 本番環境',
    root_held_by_us: true,
    under_maintenance: false,
  });
  await seed('/moto-api/portal/trusted-advisor', { account_id: account, results: [idleLoadBalancers(stamp)] });
  await seed('/moto-api/static/ce/cost-and-usage-results', { account_id: account, results: costResults(now) });
  const repTemporary = await waitForTemporaryPassword(OUTBOX, repEmail);
  const toolsPath = `/aws-accounts/${link.id}/tools`;

  await withPage('aws-tools-rep', async (rep) => {
    await rep.goto(`${BASE_URL}/`);
    await firstSignIn(rep, repEmail, repTemporary, 'e2e-Aws-Rep-Passw0rd!');

    // 1. The navigation leads to the only account's tools; the set-up names the portal's principal
    //    and the company's ExternalId.
    await byTestId(rep, 'nav-aws-tools').click();
    await waitForPath(rep, toolsPath);
    const setup = byTestId(rep, 'connection-setup');
    await setup.waitFor();
    assert.equal(await setup.getAttribute('data-configured'), 'true');
    assert.match((await byTestId(rep, 'external-id').textContent()).trim(), /^cpp-/);
    assert.match((await byTestId(rep, 'principal-arn').textContent()).trim(), /^arn:aws:/);
    assert.match(await byTestId(rep, 'trust-policy').textContent(), /sts:ExternalId/);
    assert.match(await byTestId(rep, 'permissions-policy').textContent(), /support:DescribeTrustedAdvisorCheckResult/);
    assert.equal((await byTestId(rep, 'account-id').textContent()).trim(), account);
    await byTestId(rep, 'ta-empty').waitFor();
    await byTestId(rep, 'cost-empty').waitFor();
    await byTestId(rep, 'cost-estimate-notice').waitFor();
    await expectAccessible(rep, 'aws tools (nothing read yet)');

    // 2. A role of another account is refused on its field; the right one connects.
    await byTestId(rep, 'role-arn').fill('arn:aws:iam::999988887777:role/CloudpackPortalReadOnly');
    await byTestId(rep, 'test-connection').click();
    await byTestId(rep, 'field-error-role_arn').waitFor();
    assert.equal(await byTestId(rep, 'role-arn').getAttribute('aria-invalid'), 'true');
    await expectAccessible(rep, 'aws tools: a role of another account');
    await byTestId(rep, 'role-arn').fill(roleArn);
    await byTestId(rep, 'test-connection').click();
    const result = byTestId(rep, 'connection-result');
    await result.waitFor();
    assert.equal(await result.getAttribute('data-ok'), 'true', await result.textContent());
    assert.match(await result.locator('[data-testid="identity-arn"]').textContent(), new RegExp(`:${account}:assumed-role/CloudpackPortalReadOnly/`));
    await waitForText(rep, 'registered-role', new RegExp(roleArn));
    await expectAccessible(rep, 'aws tools: connected');

    // 3. Trusted Advisor, read from AWS: the summary with the seeded savings.
    await byTestId(rep, 'ta-fetch').click();
    await rep.locator('[data-testid="ta-fetched-at"][data-fetched="true"]').waitFor();
    await waitForText(rep, 'ta-total-savings', /\$123\.45/);
    const costRow = rep.locator('[data-testid="ta-category"][data-category="cost_optimizing"]');
    assert.equal((await costRow.locator('[data-status="warning"]').textContent()).trim(), '1');
    assert.match(await costRow.locator('[data-testid="ta-category-savings"]').textContent(), /\$123\.45/);
    // The warnings alone; the idle load balancers check is one of them.
    await byTestId(rep, 'ta-filter-status').selectOption('warning');
    const check = rep.locator(`[data-testid="ta-check-row"][data-check-id="${IDLE_LB}"]`);
    await check.waitFor();
    assert.equal(await rep.locator('[data-testid="ta-check-row"]:not([data-status="warning"])').count(), 0);
    assert.equal((await check.locator('[data-testid="ta-check-flagged"]').textContent()).trim(), '2');
    await expectAccessible(rep, 'aws tools: trusted advisor read');

    // 4. The check's flagged resources, sorted by the savings column (the last one).
    await check.locator('[data-testid="ta-open-check"]').click();
    const panel = byTestId(rep, 'ta-check');
    await panel.waitFor();
    await rep.locator(`[data-testid="ta-resource"][data-resource-id="e2e-lb-big-${stamp}"]`).waitFor();
    const headers = panel.locator('thead th');
    const last = (await headers.count()) - 1;
    await byTestId(rep, `ta-sort-${last}`).click();
    assert.equal(await byTestId(rep, `ta-col-${last}`).getAttribute('aria-sort'), 'ascending');
    const ids = await panel.locator('[data-testid="ta-resource"]').evaluateAll((rows) => rows.map((r) => r.dataset.resourceId));
    assert.deepEqual(ids, [`e2e-lb-small-${stamp}`, `e2e-lb-big-${stamp}`], '18.00 before 105.45');
    await byTestId(rep, `ta-sort-${last}`).click();
    assert.equal(await byTestId(rep, `ta-col-${last}`).getAttribute('aria-sort'), 'descending');
    await expectAccessible(rep, 'aws tools: flagged resources');

    // 5. The estimated cost, read from Cost Explorer: the chart says last month's figure.
    await byTestId(rep, 'cost-fetch').click();
    const chart = byTestId(rep, 'cost-chart-svg');
    await chart.waitFor();
    assert.equal(await chart.getAttribute('role'), 'img');
    const label = await chart.getAttribute('aria-label');
    assert.ok(label.includes(`${monthJa(lastMonth)} $852.75`), label);
    assert.match(await chart.locator('title').textContent(), /\$852\.75/);
    const bar = rep.locator(`[data-testid="cost-bar"][data-month="${lastMonth.slice(0, 7)}"]`);
    assert.equal(await bar.getAttribute('data-value'), '852.75');
    const row = rep.locator(`[data-testid="cost-month"][data-month="${lastMonth.slice(0, 7)}"]`);
    assert.equal((await row.locator('[data-testid="cost-month-amount"]').textContent()).trim(), '$852.75');
    await waitForText(rep, 'cost-last-month', /\$852\.75/);
    await waitForText(rep, 'cost-month-to-date', /\$300\.00/);
    assert.equal(await byTestId(rep, 'cost-month').count(), 13);
    await byTestId(rep, 'cost-estimate-notice').waitFor();
    await expectAccessible(rep, 'aws tools: estimated cost read');

    // 6. Staff: the same account read-only in the staff bundle; an admin takes Trusted Advisor out of
    //    the company's contract type, and the representative is told so.
    await withPage('aws-tools-staff', async (staff) => {
      const staffPath = `/admin/companies/${companyId}/aws-accounts/${link.id}/tools`;
      await staff.goto(`${BASE_URL}${staffPath}`);
      await signIn(staff, ADMIN_EMAIL, ADMIN_NEW_PASSWORD);
      await expectPathAfterSubmit(staff, '/mfa/verify');
      await byTestId(staff, 'mfa-code').fill(totp(admin.secret, Math.max(timeStep(), admin.step + 1)));
      await byTestId(staff, 'mfa-submit').click();
      await waitForPath(staff, staffPath);
      await waitForText(staff, 'ta-total-savings', /\$123\.45/);
      await waitForText(staff, 'cost-last-month', /\$852\.75/);
      await waitForText(staff, 'registered-role', new RegExp(roleArn));
      assert.equal(await byTestId(staff, 'cost-fetch').count(), 0, 'staff do not read the cost for the customer');
      assert.equal(await byTestId(staff, 'role-form').count(), 0);
      await staff.locator(`[data-testid="ta-check-row"][data-check-id="${IDLE_LB}"] [data-testid="ta-open-check"]`).click();
      await staff.locator(`[data-testid="ta-resource"][data-resource-id="e2e-lb-small-${stamp}"]`).waitFor();
      await expectAccessible(staff, 'staff aws tools (read-only)');

      await byTestId(staff, 'nav-tool-settings').click();
      await waitForPath(staff, '/admin/tool-settings');
      const taForm = byTestId(staff, 'tool-form-trusted_advisor');
      await taForm.waitFor();
      await expectAccessible(staff, 'tool settings');
      const box = byTestId(staff, 'tool-trusted_advisor-billing_agency');
      assert.equal(await box.isChecked(), true);
      await box.uncheck();
      await taForm.locator('[data-testid="tool-save"]').click();
      await byTestId(staff, 'tool-saved').waitFor();
      try {
        await rep.reload();
        await byTestId(rep, 'ta-not-in-contract').waitFor();
        assert.equal(await byTestId(rep, 'ta-fetch').count(), 0);
        await byTestId(rep, 'cost-chart-svg').waitFor();
        await expectAccessible(rep, 'aws tools: trusted advisor not in the contract');
      } finally {
        // Put it back for whatever runs next on this server.
        const settings = await call(admin.token, 'GET', '/admin/tool-settings');
        const ta = settings.find((s) => s.tool === 'trusted_advisor');
        const types = [...new Set([...ta.contract_types, 'billing_agency'])];
        await call(admin.token, 'PUT', '/admin/tool-settings/trusted_advisor', { contract_types: types });
      }
    });
  });
});
