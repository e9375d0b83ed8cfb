// Company journey (R1.4, R7.2, R2.4, R7.6): a CSM onboards a company — first refused with every
// ineligibility reason, then accepted; the representative signs in with the mailed temporary password
// and sees REGULAR with no tickets; the CSM finds the rank override reserved to admins, and an admin
// overrides the rank to GOLD for the current fiscal year (confirmed); the representative then sees
// GOLD, 15 tickets and the grant in the ticket history.
//
// Environment: PORTAL_URL, DEMO_CSM_EMAIL, DEMO_CSM_PASSWORD, E2E_ADMIN_EMAIL, E2E_ADMIN_PASSWORD
// (staff accounts with a temporary password; the demo admin is left to staff.test.mjs),
// PORTAL_OUTBOX_DIR (where the server writes e-mails).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { BASE_URL, byTestId, waitForPath, waitForText, withPage } from '../lib/browser.mjs';
import { expectAccessible } from '../lib/axe.mjs';
import { firstSignIn } from '../lib/flows.mjs';
import { waitForTemporaryPassword } from '../lib/outbox.mjs';

const CSM_EMAIL = process.env.DEMO_CSM_EMAIL;
const CSM_PASSWORD = process.env.DEMO_CSM_PASSWORD;
const ADMIN_EMAIL = process.env.E2E_ADMIN_EMAIL;
const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD;
const OUTBOX = process.env.PORTAL_OUTBOX_DIR;

/** The fiscal year under way in Tokyo: April–March, named by the year it starts in. */
function currentFiscalYear(now = new Date()) {
  const jst = new Date(now.getTime() + 9 * 3600 * 1000);
  return jst.getUTCMonth() >= 3 ? jst.getUTCFullYear() : jst.getUTCFullYear() - 1;
}

async function fillOnboarding(page, { code, name, contracts, flags, repName, repEmail }) {
  await byTestId(page, 'onboard-code').fill(code);
  await byTestId(page, 'onboard-name').fill(name);
  for (const c of ['billing_agency', 'billing_agency_adv', 'flat_rate', 'dedicated_connection', 'cdn_only']) {
    await byTestId(page, `onboard-contract-${c}`).setChecked(contracts.includes(c));
  }
  for (const f of ['public_body', 'partner', 'via_third_party']) {
    await byTestId(page, `onboard-flag-${f}`).setChecked(flags.includes(f));
  }
  await byTestId(page, 'onboard-rep-name').fill(repName);
  await byTestId(page, 'onboard-rep-email').fill(repEmail);
  await byTestId(page, 'onboard-submit').click();
}

test('company: onboarding, first sign-in of the representative, rank override', async (t) => {
  if (!CSM_EMAIL || !CSM_PASSWORD || !ADMIN_EMAIL || !ADMIN_PASSWORD || !OUTBOX) {
    assert.fail('DEMO_CSM_EMAIL, DEMO_CSM_PASSWORD, E2E_ADMIN_EMAIL, E2E_ADMIN_PASSWORD and PORTAL_OUTBOX_DIR must be set');
  }
  const stamp = `${Date.now()}`;
  const code = `E2E-${stamp}`;
  const companyName = `E2E 株式会社 ${stamp}`;
  const repEmail = `rep-${stamp}@e2e.example.com`;
  const fiscalYear = currentFiscalYear();

  await withPage('company-csm', async (csm) => {
    await csm.goto(`${BASE_URL}/`);
    await firstSignIn(csm, CSM_EMAIL, CSM_PASSWORD, 'e2e-Csm-Passw0rd!');

    await byTestId(csm, 'nav-admin-companies').click();
    await waitForPath(csm, '/admin/companies');
    await byTestId(csm, 'companies-table').waitFor();
    await expectAccessible(csm, 'company list');
    await byTestId(csm, 'companies-onboard').click();
    await waitForPath(csm, '/admin/companies/new');
    await expectAccessible(csm, 'onboarding form');

    // R1.1 + R1.2: a dedicated-connection-only public body is refused, and both rules are named.
    await fillOnboarding(csm, {
      code,
      name: companyName,
      contracts: ['dedicated_connection'],
      flags: ['public_body'],
      repName: '代表 太郎',
      repEmail,
    });
    await byTestId(csm, 'ineligible-reasons').waitFor();
    const reasons = byTestId(csm, 'ineligible-reason');
    const codes = await reasons.evaluateAll((els) => els.map((el) => el.dataset.code));
    assert.deepEqual(codes.sort(), ['no_qualifying_contract', 'public_body']);
    const text = await byTestId(csm, 'ineligible-reasons').textContent();
    assert.match(text, /対象の契約.*（R1\.1）/);
    assert.match(text, /公的機関はご利用いただけません（R1\.2）/);
    await expectAccessible(csm, 'onboarding: ineligible');

    // A billing-agency customer is accepted.
    await fillOnboarding(csm, {
      code,
      name: companyName,
      contracts: ['billing_agency'],
      flags: [],
      repName: '代表 太郎',
      repEmail,
    });
    await waitForText(csm, 'onboard-result', new RegExp(code));
    await expectAccessible(csm, 'onboarding: done');

    // R7.2: the temporary password arrives by e-mail.
    const temporary = await waitForTemporaryPassword(OUTBOX, repEmail);
    t.diagnostic(`representative ${repEmail} received a temporary password`);

    await withPage('company-rep', async (rep) => {
      await rep.goto(`${BASE_URL}/`);
      await firstSignIn(rep, repEmail, temporary, 'e2e-Rep-Passw0rd!');
      await byTestId(rep, 'nav-company').click();
      await waitForPath(rep, '/company');
      await waitForText(rep, 'company-name', new RegExp(stamp));
      await waitForText(rep, 'company-rank', /^REGULAR$/);
      await waitForText(rep, 'company-tickets', /^0$/);
      await byTestId(rep, 'aws-accounts-empty').waitFor();
      await expectAccessible(rep, 'company page (new representative)');

      // Rank overrides are an admin's (issue 6 §5): the CSM sees why the form is missing.
      await byTestId(csm, 'onboard-open-company').click();
      await byTestId(csm, 'company-detail').waitFor();
      await waitForText(csm, 'company-rank', /^REGULAR$/);
      await byTestId(csm, 'admin-only-note').waitFor();
      assert.equal(await byTestId(csm, 'override-rank').count(), 0);
      await expectAccessible(csm, 'company detail (CSM)');
      const detailUrl = csm.url();

      // R2.4: an admin overrides the rank for the current fiscal year, with a reason, after confirming.
      await withPage('company-admin', async (admin) => {
        await admin.goto(`${BASE_URL}/`);
        await firstSignIn(admin, ADMIN_EMAIL, ADMIN_PASSWORD, 'Second-Key-Passw0rd!7');
        await admin.goto(detailUrl);
        await byTestId(admin, 'company-detail').waitFor();
        await byTestId(admin, 'override-rank').waitFor();
        await expectAccessible(admin, 'company detail (admin)');
        assert.equal(await byTestId(admin, 'override-fy').inputValue(), String(fiscalYear));
        await byTestId(admin, 'override-rank').selectOption('GOLD');
        await byTestId(admin, 'override-reason').fill('e2e: 契約更新に伴う特別対応');
        await byTestId(admin, 'override-submit').click();
        await byTestId(admin, 'confirm-dialog').waitFor();
        assert.match(await byTestId(admin, 'confirm-dialog').textContent(), /GOLD/);
        await expectAccessible(admin, 'rank override: confirmation dialog');
        await byTestId(admin, 'confirm-ok').click();
        await byTestId(admin, 'override-done').waitFor();
        await waitForText(admin, 'company-rank', /^GOLD$/);
      });

      // The representative sees the new rank and the granted tickets.
      await rep.reload();
      await waitForText(rep, 'company-rank', /^GOLD$/);
      await waitForText(rep, 'company-tickets', /^15$/);
      await byTestId(rep, 'nav-tickets').click();
      await waitForPath(rep, '/company/tickets');
      const grant = rep.locator('[data-testid="ticket-row"][data-kind="grant"]');
      await grant.first().waitFor();
      assert.match(await grant.first().textContent(), /\+15/);
      await expectAccessible(rep, 'ticket history');
    });
  });
});
