// Issue 8, tried as a keyboard and screen-reader user would: only keyboard.press and keyboard.type
// (no clicks) for the sign-in journeys and the credential-reset dialog; the focus after every route
// change (the page's <h1>), after a failed submission (the error summary) and around the dialog; the
// document title in the page's language; the session-ended notice and the return to a deep link after
// signing in again; the not-found page and a customer on a staff page (no staff chrome); a wide
// table on a 390 px screen. axe-core checks every state on the way (lib/axe.mjs).
//
// Environment: PORTAL_URL, E2E_A11Y_ADMIN_EMAIL and E2E_A11Y_ADMIN_PASSWORD (an admin of its own with
// a temporary password: this test onboards a company whose representative it then drives, and resets
// that representative's credentials), PORTAL_OUTBOX_DIR.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { expectAccessible } from '../lib/axe.mjs';
import { BASE_URL, byTestId, waitForPath, waitForText, withPage } from '../lib/browser.mjs';
import { expectFocus, expectPageFocus, focused, tabTo } from '../lib/keyboard.mjs';
import { waitForTemporaryPassword } from '../lib/outbox.mjs';
import { timeStep, totp } from '../lib/totp.mjs';

const ADMIN_EMAIL = process.env.E2E_A11Y_ADMIN_EMAIL;
const ADMIN_PASSWORD = process.env.E2E_A11Y_ADMIN_PASSWORD;
const OUTBOX = process.env.PORTAL_OUTBOX_DIR;
const BRAND = 'cloudpack+ PORTAL';
const tid = (id) => `[data-testid="${id}"]`;

/** A 6-digit code that no step near now accepts. */
function wrongCode(secret) {
  const step = timeStep();
  const valid = new Set([step - 1, step, step + 1, step + 2].map((s) => totp(secret, s)));
  for (let n = 0; ; n++) {
    const c = String((654321 + n * 7919) % 1_000_000).padStart(6, '0');
    if (!valid.has(c)) return c;
  }
}

/** Signs in on /login with the keyboard only: Tab to the e-mail field, type, Tab, type, Enter. */
async function keyboardSignIn(page, email, password) {
  await waitForPath(page, '/login');
  await byTestId(page, 'login-email').waitFor();
  await tabTo(page, tid('login-email'));
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await expectFocus(page, tid('login-password'));
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
}

/**
 * First sign-in from /login with the keyboard only: temporary password, new password, TOTP
 * enrolment (a wrong code first: the error summary takes the focus), recovery codes. Checks the
 * focus and the title of every step and runs axe on each. Returns the TOTP secret and its step.
 */
async function keyboardFirstSignIn(page, email, temporary, newPassword, who) {
  await keyboardSignIn(page, email, temporary);

  await waitForPath(page, '/password');
  await expectPageFocus(page, /^パスワードを変更 \| cloudpack\+ PORTAL$/);
  await expectAccessible(page, `${who}: forced password change`);
  await tabTo(page, tid('current-password'));
  await page.keyboard.type(temporary);
  await tabTo(page, tid('new-password'));
  await page.keyboard.type(newPassword);
  await page.keyboard.press('Enter');

  await waitForPath(page, '/mfa/enroll');
  await byTestId(page, 'totp-secret').waitFor();
  await expectPageFocus(page, /^多要素認証の設定 \| /);
  const secret = (await byTestId(page, 'totp-secret').textContent()).trim();
  await tabTo(page, tid('totp-code'));
  await page.keyboard.type(wrongCode(secret));
  await page.keyboard.press('Enter');
  // A failed submission moves the focus to the error summary; the next Tab is the field again.
  await expectFocus(page, tid('error-message'), 'the error summary after a refused code');
  await expectAccessible(page, `${who}: MFA enrolment, wrong code`);
  await page.keyboard.press('Tab');
  await expectFocus(page, tid('totp-code'), 'the code field right after the error summary');
  assert.equal(await byTestId(page, 'totp-code').getAttribute('aria-invalid'), null, 'no field error for a wrong code');
  const step = timeStep();
  await page.keyboard.type(totp(secret, step));
  await page.keyboard.press('Enter');

  await byTestId(page, 'recovery-codes').waitFor();
  await expectFocus(page, 'main h1', 'the recovery codes heading');
  await tabTo(page, tid('recovery-continue'));
  await page.keyboard.press('Enter');
  return { secret, step };
}

test('keyboard only: a representative signs in, an admin resets them through the dialog; session end and deep links', async (t) => {
  if (!ADMIN_EMAIL || !ADMIN_PASSWORD || !OUTBOX) {
    assert.fail('E2E_A11Y_ADMIN_EMAIL, E2E_A11Y_ADMIN_PASSWORD and PORTAL_OUTBOX_DIR must be set (see e2e/README.md)');
  }
  const stamp = `${Date.now()}`;
  const code = `A11Y-${stamp}`;
  const repEmail = `a11y-rep-${stamp}@e2e.example.com`;
  // (A password may not contain the e-mail address.)
  const REP_PASSWORD = 'Keyboard-Rep-Passw0rd!1';

  await withPage('a11y-admin', async (admin) => {
    // The admin's first sign-in, keyboard only.
    await admin.goto(`${BASE_URL}/`);
    await waitForPath(admin, '/login');
    await expectAccessible(admin, 'sign-in page');
    await keyboardFirstSignIn(admin, ADMIN_EMAIL, ADMIN_PASSWORD, 'Keyboard-Admin-Passw0rd!', 'admin');
    await waitForPath(admin, '/');
    await expectPageFocus(admin, /^ホーム \| cloudpack\+ PORTAL$/);

    // A company for the representative (clicks are fine here: this part is not the keyboard test).
    await admin.goto(`${BASE_URL}/admin/companies/new`);
    await byTestId(admin, 'onboard-code').waitFor();
    // A failed submission: the summary takes the focus, the invalid fields say so and name their errors.
    await byTestId(admin, 'onboard-submit').click();
    await expectFocus(admin, tid('error-message'), 'the error summary of the refused onboarding');
    const codeField = byTestId(admin, 'onboard-code');
    await admin.waitForFunction(() => document.querySelector('[data-testid="onboard-code"]').getAttribute('aria-invalid') === 'true');
    const describedBy = (await codeField.getAttribute('aria-describedby')).split(' ');
    const described = await admin.evaluate(
      (ids) => ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' | '),
      describedBy,
    );
    assert.ok(describedBy.length === 2, `the code field is described by its hint and its error: ${describedBy}`);
    assert.match(described, /\S \| \S/, `hint and error texts: ${described}`);
    const inLabel = await admin.evaluate(() =>
      [...document.querySelectorAll('label')].some((l) => l.querySelector('.field-errors')),
    );
    assert.equal(inLabel, false, 'no error list inside a <label>');
    await expectAccessible(admin, 'onboarding: invalid fields');
    await byTestId(admin, 'onboard-code').fill(code);
    await byTestId(admin, 'onboard-name').fill(`A11Y 株式会社 ${stamp}`);
    await byTestId(admin, 'onboard-contract-billing_agency').setChecked(true);
    await byTestId(admin, 'onboard-rep-name').fill('鍵盤 花子');
    await byTestId(admin, 'onboard-rep-email').fill(repEmail);
    await byTestId(admin, 'onboard-submit').click();
    await waitForText(admin, 'onboard-result', new RegExp(code));
    const temporary = await waitForTemporaryPassword(OUTBOX, repEmail);

    await withPage('a11y-representative', async (rep) => {
      // 1. The representative's first sign-in and the company page, keyboard only.
      await rep.goto(`${BASE_URL}/login`);
      const first = await keyboardFirstSignIn(rep, repEmail, temporary, REP_PASSWORD, 'representative');
      await waitForPath(rep, '/');
      await expectPageFocus(rep, /^ホーム \| /);
      await tabTo(rep, tid('nav-company'));
      await rep.keyboard.press('Enter');
      await waitForPath(rep, '/company');
      await byTestId(rep, 'company-overview').waitFor();
      await expectPageFocus(rep, /^会社情報 \| cloudpack\+ PORTAL$/);
      await expectAccessible(rep, 'company page (keyboard representative)');

      // The title follows the language.
      await tabTo(rep, tid('lang-switch'), { back: true });
      await rep.keyboard.press('Enter');
      await rep.waitForFunction(() => document.title === 'Company | cloudpack+ PORTAL');
      await rep.keyboard.press('Enter');
      await rep.waitForFunction(() => document.title === '会社情報 | cloudpack+ PORTAL');

      // 2. The skip link is the first Tab stop of a page and moves the focus to the content.
      await rep.goto(`${BASE_URL}/company/tickets?page=2`);
      await byTestId(rep, 'tickets-csv').waitFor();
      await rep.keyboard.press('Tab');
      await expectFocus(rep, tid('skip-link'), 'the first Tab stop');
      await rep.keyboard.press('Enter');
      await expectFocus(rep, 'main', 'the skip link target');
      await expectAccessible(rep, 'ticket history (keyboard representative)');

      // 3. The session ends under the page: the API answers token_expired and the silent refresh
      //    is refused. The sign-in page says so (a notice, not an error) and, after signing in,
      //    returns to the page that was open, query included.
      const expired = (code) => ({
        status: 401,
        contentType: 'application/problem+json',
        body: JSON.stringify({ type: `urn:cloudpack-portal:problem:${code}`, title: code, status: 401, code }),
      });
      await rep.route('**/api/v1/company/tickets.csv*', (route) => route.fulfill(expired('token_expired')));
      await rep.route('**/api/v1/auth/refresh', (route) => route.fulfill(expired('session_expired')));
      await tabTo(rep, tid('tickets-csv'));
      await rep.keyboard.press('Enter');
      await waitForPath(rep, '/login');
      assert.equal(new URL(rep.url()).searchParams.get('next'), '/company/tickets?page=2');
      await waitForText(rep, 'session-ended', /セッション/);
      assert.equal(await byTestId(rep, 'session-ended').getAttribute('role'), 'status', 'a notice, not an alert');
      assert.equal(await byTestId(rep, 'error-message').count(), 0, 'no error banner');
      await expectAccessible(rep, 'sign-in page: session ended');
      await rep.unroute('**/api/v1/company/tickets.csv*');
      await rep.unroute('**/api/v1/auth/refresh');
      await keyboardSignIn(rep, repEmail, REP_PASSWORD);
      await waitForPath(rep, '/mfa/verify');
      await expectPageFocus(rep, /^認証コードの入力 \| /);
      await tabTo(rep, tid('mfa-code'));
      await rep.keyboard.type(totp(first.secret, Math.max(timeStep(), first.step) + 1));
      await rep.keyboard.press('Enter');
      await rep.waitForURL((u) => u.pathname === '/company/tickets' && u.search === '?page=2');
      await expectPageFocus(rep, /^チケット履歴 \| /);

      // 4. A customer on a staff page sees no staff chrome, only a page that says so, with a way home.
      await rep.goto(`${BASE_URL}/admin/users`);
      await byTestId(rep, 'back-home').waitFor();
      assert.equal(await rep.locator('main h1').count(), 1);
      for (const chrome of ['users-table', 'user-search', 'page-prev', 'page-next']) {
        assert.equal(await byTestId(rep, chrome).count(), 0, `no ${chrome} for a customer`);
      }
      assert.doesNotMatch(await rep.title(), /ユーザー管理/, 'the title does not name the staff page');
      await expectAccessible(rep, 'customer on a staff page');

      // 5. The admin resets the representative's credentials through the dialog, keyboard only.
      await admin.goto(`${BASE_URL}/admin/users`);
      await byTestId(admin, 'user-search').waitFor();
      await tabTo(admin, tid('user-search'));
      await admin.keyboard.type(repEmail);
      await admin.keyboard.press('Enter');
      await admin.waitForFunction(
        (email) => {
          const rows = [...document.querySelectorAll('[data-testid="user-row"]')];
          return rows.length === 1 && rows[0].textContent.includes(email);
        },
        repEmail,
      );
      await tabTo(admin, tid('reset-credentials'));
      const opener = await admin.evaluate(() => document.activeElement.id);
      assert.match(opener, /^reset-/);
      await admin.keyboard.press('Enter');
      await byTestId(admin, 'confirm-dialog').waitFor();
      await expectFocus(admin, `${tid('confirm-dialog')} ${tid('confirm-cancel')}`, 'Cancel, the safe choice, first');
      const dialog = byTestId(admin, 'confirm-dialog');
      assert.equal(await dialog.getAttribute('role'), 'dialog');
      assert.equal(await dialog.getAttribute('aria-modal'), 'true');
      const name = await admin.evaluate(() => {
        const d = document.querySelector('[data-testid="confirm-dialog"]');
        return document.getElementById(d.getAttribute('aria-labelledby'))?.textContent;
      });
      assert.equal(name, '認証情報のリセット', 'the dialog is named by its heading');
      await expectAccessible(admin, 'reset dialog (keyboard)');
      // Tab and Shift+Tab stay inside.
      for (const key of ['Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
        await admin.keyboard.press(key);
        const inside = await admin.evaluate(() => !!document.activeElement.closest('[role="dialog"]'));
        assert.ok(inside, `after ${key} the focus left the dialog: ${await focused(admin)}`);
      }
      // Escape cancels and gives the focus back to the button that opened the dialog.
      await admin.keyboard.press('Escape');
      await byTestId(admin, 'confirm-dialog').waitFor({ state: 'detached' });
      await expectFocus(admin, `#${opener}`, 'the opener after Escape');
      // Again, and confirm with the keyboard.
      await admin.keyboard.press('Enter');
      await byTestId(admin, 'confirm-dialog').waitFor();
      await expectFocus(admin, tid('confirm-cancel'));
      await admin.keyboard.press('Tab');
      await expectFocus(admin, tid('confirm-ok'));
      await admin.keyboard.press('Enter');
      await byTestId(admin, 'temporary-password').waitFor();
      await expectFocus(admin, `${tid('temporary-password-dialog')} *`, 'the focus moves into the next dialog');
      await expectAccessible(admin, 'temporary password dialog (keyboard)');
      const newTemporary = (await byTestId(admin, 'temporary-password').textContent()).trim();
      await tabTo(admin, tid('temporary-password-close'));
      await admin.keyboard.press('Enter');
      await byTestId(admin, 'temporary-password-dialog').waitFor({ state: 'detached' });
      // The list reloaded after the reset; the focus is on that user's button again.
      await expectFocus(admin, `#${opener}`, 'the opener after the reset');
      t.diagnostic(`reset ${repEmail} through the dialog, keyboard only`);

      // The import's error table on a 390 px screen scrolls inside its own focusable region; the
      // page itself does not scroll sideways.
      await admin.goto(`${BASE_URL}/admin/transactions`);
      await byTestId(admin, 'import-text').fill(
        'company_code,year_month,amount_yen\n' +
          `NO-SUCH-COMPANY-${'X'.repeat(60)},2025-13,not-a-number\n` +
          `${code},2025-04,-5\n`,
      );
      await byTestId(admin, 'import-submit').click();
      await byTestId(admin, 'import-errors').waitFor();
      await expectFocus(admin, tid('error-message'), 'the error summary of a refused import');
      await admin.setViewportSize({ width: 390, height: 800 });
      const widths = await admin.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        view: document.documentElement.clientWidth,
      }));
      assert.ok(widths.page <= widths.view, `the page scrolls sideways on a 390 px screen: ${JSON.stringify(widths)}`);
      const region = admin.locator('[data-testid="import-errors"] .table-scroll');
      assert.equal(await region.getAttribute('role'), 'region');
      assert.equal(await region.getAttribute('tabindex'), '0');
      assert.ok((await region.getAttribute('aria-label'))?.length > 0, 'the scrolling region is named');
      await expectAccessible(admin, 'import errors on a 390 px screen');
      await admin.setViewportSize({ width: 1200, height: 800 });

      // 6. A deep link opened while signed out (the reset ended the session) comes back after the
      //    whole first sign-in.
      await rep.goto(`${BASE_URL}/company/tickets?page=2`);
      await waitForPath(rep, '/login');
      assert.equal(new URL(rep.url()).searchParams.get('next'), '/company/tickets?page=2');
      await keyboardFirstSignIn(rep, repEmail, newTemporary, 'Keyboard-Rep-Passw0rd!2', 'representative after reset');
      await rep.waitForURL((u) => u.pathname === '/company/tickets' && u.search === '?page=2');
      await expectPageFocus(rep, /^チケット履歴 \| /);
    });
  });
});

test('not-found page: a heading, a title and a way home', async () => {
  await withPage('a11y-not-found', async (page) => {
    await page.goto(`${BASE_URL}/no-such-page`);
    await byTestId(page, 'not-found').waitFor();
    assert.equal(await page.locator('main h1').count(), 1);
    await page.waitForFunction(() => document.title === 'ページが見つかりません | cloudpack+ PORTAL');
    assert.equal(await byTestId(page, 'back-home').getAttribute('href'), '/');
    await expectAccessible(page, 'not-found page');
  });
});
