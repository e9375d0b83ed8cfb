// Staff journey: the demo admin signs in for the first time, opens the user list, searches, and
// resets a customer user's credentials, finds sign-ins and the reset in the audit log (with the client's
// address and browser); the user's next sign-in is forced to change the password.
//
// Environment: PORTAL_URL, DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD; DEMO_REP_EMAIL (that user is left
// alone, since the representative's journey may run at the same time, as are the *@e2e.example.com
// representatives that company.test.mjs onboards).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { BASE_URL, byTestId, expectPathAfterSubmit, waitForPath, waitForText, withPage } from '../lib/browser.mjs';
import { expectAccessible } from '../lib/axe.mjs';
import { firstSignIn, signIn } from '../lib/flows.mjs';

const ADMIN_EMAIL = process.env.DEMO_ADMIN_EMAIL;
const ADMIN_PASSWORD = process.env.DEMO_ADMIN_PASSWORD;
const REP_EMAIL = process.env.DEMO_REP_EMAIL ?? '';

test('staff: user list, search, credential reset with confirmation', async (t) => {
  if (!ADMIN_EMAIL || !ADMIN_PASSWORD) {
    t.skip('DEMO_ADMIN_EMAIL and DEMO_ADMIN_PASSWORD are not set');
    return;
  }
  await withPage('staff-reset', async (page) => {
    await page.goto(`${BASE_URL}/`);
    await firstSignIn(page, ADMIN_EMAIL, ADMIN_PASSWORD, 'e2e-Staff-Passw0rd!');

    // Staff have no company: home says so and offers the user list.
    await waitForText(page, 'home-company', /スタッフ|Staff/);
    await byTestId(page, 'sign-in-row').first().waitFor();
    await expectAccessible(page, 'home (admin)');
    await byTestId(page, 'admin-users-link').click();
    await waitForPath(page, '/admin/users');
    await byTestId(page, 'users-table').waitFor();
    await expectAccessible(page, 'user list');

    // A search without hits shows the empty state; clearing it brings the list back.
    await byTestId(page, 'user-search').fill('no-such-user-e2e-zzz');
    await byTestId(page, 'user-search-submit').click();
    await byTestId(page, 'users-empty').waitFor();
    await expectAccessible(page, 'user list: no match');
    await byTestId(page, 'user-search').fill('');
    await byTestId(page, 'user-search-submit').click();
    await byTestId(page, 'users-table').waitFor();

    // Pick a customer user other than the representative (whose journey may be running).
    const rows = byTestId(page, 'user-row').filter({ has: byTestId(page, 'reset-credentials') });
    const candidates = await rows.count();
    let row = null;
    let email = '';
    for (let i = 0; i < candidates; i++) {
      const text = (await rows.nth(i).locator('td').nth(1).textContent()).trim();
      // Users of companies onboarded by other journeys (company.test.mjs) are theirs too.
      if (text && text !== REP_EMAIL && !text.endsWith('@e2e.example.com')) {
        row = rows.nth(i);
        email = text;
        break;
      }
    }
    assert.ok(row, 'a customer user other than the representative is listed');
    t.diagnostic(`resetting ${email}`);

    // Cancel first: the dialog closes and nothing happens.
    await row.locator('[data-testid="reset-credentials"]').click();
    await byTestId(page, 'confirm-dialog').waitFor();
    await expectAccessible(page, 'credential reset: confirmation dialog');
    await byTestId(page, 'confirm-cancel').click();
    await byTestId(page, 'confirm-dialog').waitFor({ state: 'detached' });

    // Confirm: the temporary password is shown once.
    await row.locator('[data-testid="reset-credentials"]').click();
    await byTestId(page, 'confirm-ok').click();
    await byTestId(page, 'temporary-password').waitFor();
    const temporary = (await byTestId(page, 'temporary-password').textContent()).trim();
    assert.ok(temporary.length >= 8, 'a temporary password is shown');
    await expectAccessible(page, 'credential reset: temporary password');
    await byTestId(page, 'temporary-password-close').click();
    await byTestId(page, 'temporary-password').waitFor({ state: 'detached' });

    // Security events are audited with the client's address and browser, and staff filter by them
    // (issue 7); the filter names each action in the page's language.
    await byTestId(page, 'nav-audit').click();
    await waitForPath(page, '/admin/audit');
    const filter = byTestId(page, 'audit-action');
    assert.match(await filter.locator('option[value="auth.sign_in_failed"]').textContent(), /ログイン失敗/);
    await filter.selectOption('auth.sign_in');
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid="audit-row"]')];
      return rows.length > 0 && rows.every((r) => r.dataset.action === 'auth.sign_in');
    });
    const signIns = page.locator('[data-testid="audit-row"][data-action="auth.sign_in"]');
    assert.match(await signIns.first().locator('[data-testid="audit-client-address"]').textContent(), /127\.0\.0\.1|::1/);
    assert.match(await signIns.first().locator('[data-testid="audit-user-agent"]').textContent(), /Chrom/);
    await filter.selectOption('user.reset_credentials');
    await page.locator('[data-testid="audit-row"][data-action="user.reset_credentials"]').first().waitFor();
    await expectAccessible(page, 'audit log filtered');

    // The user's next sign-in must replace the temporary password.
    await page.goto(`${BASE_URL}/`);
    await byTestId(page, 'logout').click();
    await signIn(page, email, temporary);
    await expectPathAfterSubmit(page, '/password');
  });
});
