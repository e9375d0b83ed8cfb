// Cloud optimization support (R6), issue 10's "Done when" part: a REGULAR company's representative
// is told which rank unlocks the service; once the company is SILVER and has a CSM, the CSM records
// a proposal in the staff bundle (a missing title named on its field), the representative sees the
// CSM and agrees after a confirmation, the CSM starts, completes and records a measured saving
// (180,000 → 120,000 yen a month), and the saving appears in the history chart (its aria-label and
// text) and in the table. axe-core on every new screen.
//
// Environment: PORTAL_URL, E2E_OPTIMIZATION_ADMIN_EMAIL + _PASSWORD (sets the company up through the
// API), E2E_OPTIMIZATION_CSM_EMAIL + _PASSWORD (a CSM with a temporary password), PORTAL_OUTBOX_DIR.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { expectAccessible } from '../lib/axe.mjs';
import { apiFirstSignIn, call } from '../lib/api.mjs';
import { BASE_URL, byTestId, expectPathAfterSubmit, waitForPath, waitForText, withPage } from '../lib/browser.mjs';
import { firstSignIn, signIn } from '../lib/flows.mjs';
import { waitForTemporaryPassword } from '../lib/outbox.mjs';
import { timeStep, totp } from '../lib/totp.mjs';

const ADMIN_EMAIL = process.env.E2E_OPTIMIZATION_ADMIN_EMAIL;
const ADMIN_PASSWORD = process.env.E2E_OPTIMIZATION_ADMIN_PASSWORD;
const CSM_EMAIL = process.env.E2E_OPTIMIZATION_CSM_EMAIL;
const CSM_PASSWORD = process.env.E2E_OPTIMIZATION_CSM_PASSWORD;
const CSM_NEW_PASSWORD = 'e2e-Kaizen-Staff-Passw0rd!';
const OUTBOX = process.env.PORTAL_OUTBOX_DIR;

function currentFiscalYear(now = new Date()) {
  const jst = new Date(now.getTime() + 9 * 3600 * 1000);
  return jst.getUTCMonth() >= 3 ? jst.getUTCFullYear() : jst.getUTCFullYear() - 1;
}

test('optimization: the CSM proposes for a SILVER company, the representative agrees, the measured saving is charted', async () => {
  if (!ADMIN_EMAIL || !ADMIN_PASSWORD || !CSM_EMAIL || !CSM_PASSWORD || !OUTBOX) {
    assert.fail('E2E_OPTIMIZATION_ADMIN_*, E2E_OPTIMIZATION_CSM_* and PORTAL_OUTBOX_DIR must be set');
  }
  const stamp = `${Date.now()}`;
  const repEmail = `opt-rep-${stamp}@e2e.example.com`;
  const title = `未使用 EBS ボリュームの削除 ${stamp}`;
  const fy = currentFiscalYear();

  // Set-up through the API: a company (REGULAR at first) and its representative; the CSM's first sign-in.
  const admin = await apiFirstSignIn(ADMIN_EMAIL, ADMIN_PASSWORD, 'e2e-Kaizen-Adm1n-Passw0rd!');
  const csm = await apiFirstSignIn(CSM_EMAIL, CSM_PASSWORD, CSM_NEW_PASSWORD);
  const onboarded = await call(admin.token, 'POST', '/admin/companies', {
    code: `OPT-${stamp}`,
    name: `E2E 最適化株式会社 ${stamp}`,
    contract_types: ['billing_agency'],
    flags: { public_body: false, partner: false, via_third_party: false },
    representative_name: '代表 三郎',
    representative_email: repEmail,
  });
  const companyId = onboarded.company.id;
  const users = await call(admin.token, 'GET', `/admin/users?q=${encodeURIComponent(CSM_EMAIL)}`);
  const csmId = users.items.find((u) => u.email === CSM_EMAIL).id;
  const repTemporary = await waitForTemporaryPassword(OUTBOX, repEmail);

  await withPage('optimization-rep', async (rep) => {
    await rep.goto(`${BASE_URL}/`);
    await firstSignIn(rep, repEmail, repTemporary, 'e2e-Opt-Rep-Passw0rd!');

    // 1. Below SILVER: what the service is and which rank unlocks it.
    await byTestId(rep, 'nav-optimization').click();
    await waitForPath(rep, '/optimization');
    await byTestId(rep, 'optimization-locked').waitFor();
    assert.equal(await byTestId(rep, 'optimization-locked').getAttribute('data-unlocks-at'), 'SILVER');
    await waitForText(rep, 'optimization-locked', /SILVER/);
    await expectAccessible(rep, 'optimization (REGULAR: locked)');

    // The company becomes SILVER and gets its (shared) CSM.
    await call(admin.token, 'POST', `/admin/companies/${companyId}/rank-override`, {
      fiscal_year: fy,
      rank: 'SILVER',
      reason: 'e2e: クラウド最適化支援の確認',
    });
    await call(admin.token, 'PUT', `/admin/companies/${companyId}/csm`, { csm_id: csmId });

    await withPage('optimization-csm', async (staff) => {
      // 2. The CSM records a proposal in the staff bundle.
      await staff.goto(`${BASE_URL}/admin/companies/${companyId}/optimization`);
      await signIn(staff, CSM_EMAIL, CSM_NEW_PASSWORD);
      await expectPathAfterSubmit(staff, '/mfa/verify');
      const step = Math.max(timeStep(), csm.step + 1);
      await byTestId(staff, 'mfa-code').fill(totp(csm.secret, step));
      await byTestId(staff, 'mfa-submit').click();
      await waitForPath(staff, `/admin/companies/${companyId}/optimization`);
      await byTestId(staff, 'new-proposal-form').waitFor();
      await byTestId(staff, 'proposals-empty').waitFor();
      await expectAccessible(staff, 'staff optimization (no proposal)');
      await byTestId(staff, 'record-proposal').click();
      await waitForText(staff, 'error-message', /.+/);
      await byTestId(staff, 'field-error-title').waitFor();
      assert.equal(await byTestId(staff, 'proposal-title').getAttribute('aria-invalid'), 'true');
      await byTestId(staff, 'proposal-title').fill(title);
      await byTestId(staff, 'proposal-category').selectOption('cost');
      await byTestId(staff, 'proposal-findings').fill('アタッチされていない EBS ボリュームが 12 個あります。');
      await byTestId(staff, 'proposal-effect').fill('月額 60,000 円程度の削減');
      await byTestId(staff, 'proposal-saving-input').fill('60000');
      await byTestId(staff, 'proposal-effort').fill('0.5 人日');
      await byTestId(staff, 'proposal-priority-select').selectOption('high');
      await byTestId(staff, 'proposal-work-order-select').selectOption('maintenance_contract');
      await byTestId(staff, 'record-proposal').click();
      await byTestId(staff, 'proposal-recorded').waitFor();
      const staffCard = staff.locator(`[data-testid="proposal"][data-title="${title}"]`);
      await staffCard.waitFor();
      assert.equal(await staffCard.getAttribute('data-status'), 'proposed');
      await expectAccessible(staff, 'staff optimization (proposal recorded)');

      // 3. The representative sees the CSM and the proposal and agrees after a confirmation.
      await rep.reload();
      await byTestId(rep, 'optimization-csm').waitFor();
      await waitForText(rep, 'csm-email', new RegExp(CSM_EMAIL.replace(/[.+]/g, '\\$&')));
      const card = rep.locator(`[data-testid="proposal"][data-title="${title}"]`);
      await card.waitFor();
      await waitForText(rep, 'proposal-work-order', /保守契約の範囲内/);
      await byTestId(rep, 'savings-empty').waitFor();
      await expectAccessible(rep, 'optimization (SILVER: a proposal)');
      await card.locator('[data-testid="agree-proposal"]').click();
      await byTestId(rep, 'confirm-dialog').waitFor();
      await expectAccessible(rep, 'optimization: agree confirmation');
      await byTestId(rep, 'confirm-ok').click();
      await rep.locator(`[data-testid="proposal"][data-title="${title}"][data-status="agreed"]`).waitFor();

      // 4. The CSM starts, completes and records the measured saving.
      await staff.reload();
      await staffCard.locator('[data-testid="start-proposal"]').click();
      await staff.locator(`[data-testid="proposal"][data-title="${title}"][data-status="in_progress"]`).waitFor();
      await staffCard.locator('[data-testid="complete-proposal"]').click();
      await staff.locator(`[data-testid="proposal"][data-title="${title}"][data-status="done"]`).waitFor();
      await staffCard.locator('[data-testid="measure-baseline"]').fill('180000');
      await staffCard.locator('[data-testid="measure-result"]').fill('120000');
      await staffCard.locator('[data-testid="measure-unit"]').selectOption('yen_per_month');
      await staffCard.locator('[data-testid="measure-note"]').fill('翌月の請求で確認');
      await staffCard.locator('[data-testid="save-measurement"]').click();
      await staffCard.locator('[data-testid="proposal-saving"]').waitFor();
      assert.equal((await staffCard.locator('[data-testid="proposal-saving"]').textContent()).trim(), '¥60,000');
      await byTestId(staff, 'savings-chart').waitFor();
      await expectAccessible(staff, 'staff optimization (measured)');
    });

    // 5. The saving is in the representative's chart and table.
    await rep.reload();
    const chart = rep.locator('[data-testid="savings-chart-svg"]');
    await chart.waitFor();
    assert.equal(await chart.getAttribute('role'), 'img');
    const label = await chart.getAttribute('aria-label');
    assert.match(label, new RegExp(`${fy}年度 ¥60,000`));
    const bar = rep.locator(`[data-testid="savings-bar"][data-year="${fy}"]`);
    assert.equal(await bar.getAttribute('data-value'), '60000');
    assert.match(await bar.textContent(), /¥60,000/);
    assert.match(await chart.locator('title').textContent(), /¥60,000/);
    const row = rep.locator(`[data-testid="savings-row"][data-year="${fy}"]`);
    assert.equal((await row.locator('[data-testid="savings-amount"]').textContent()).trim(), '¥60,000');
    assert.equal((await byTestId(rep, 'savings-total').textContent()).trim(), '¥60,000');
    assert.equal(
      await rep.locator('[data-testid="status-counts"] [data-status="done"]').getAttribute('data-count'),
      '1',
    );
    await waitForText(rep, 'proposal-measurement', /180000.*120000/s);
    await expectAccessible(rep, 'optimization (history with a measured saving)');
  });
});
