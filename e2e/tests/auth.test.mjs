// Sign-in journey of a customer representative against a running portal:
// temporary password → forced change → TOTP enrolment → home → sign-out → sign-in with TOTP.
//
// Environment: PORTAL_URL, DEMO_REP_EMAIL, DEMO_REP_PASSWORD (the seeded temporary password).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { BASE_URL, byTestId, expectPathAfterSubmit, waitForPath, waitForText, withPage } from '../lib/browser.mjs';
import { signIn } from '../lib/flows.mjs';
import { timeStep, totp } from '../lib/totp.mjs';

const EMAIL = process.env.DEMO_REP_EMAIL;
const TEMP_PASSWORD = process.env.DEMO_REP_PASSWORD;
const NEW_PASSWORD = process.env.E2E_NEW_PASSWORD ?? 'e2e-New-Passw0rd!';

/** A 6-digit string that is not the code of any step the server would accept around `step`. */
function wrongCode(secret, step) {
  const valid = new Set([step - 1, step, step + 1, step + 2].map((s) => totp(secret, s)));
  for (let n = 0; ; n++) {
    const candidate = String((123456 + n * 7919) % 1_000_000).padStart(6, '0');
    if (!valid.has(candidate)) return candidate;
  }
}

test('representative: first sign-in, password change, TOTP enrolment, sign-out, TOTP sign-in', async (t) => {
  // Not a skip: a test script that forgot the variables must not pass silently.
  assert.ok(EMAIL && TEMP_PASSWORD, 'DEMO_REP_EMAIL and DEMO_REP_PASSWORD must be set (see e2e/README.md)');
  await withPage('representative-journey', async (page) => {
    // 1. A signed-out visitor of / lands on the sign-in page.
    await page.goto(`${BASE_URL}/`);
    await waitForPath(page, '/login');

    // 2. The temporary password only allows a password change.
    await signIn(page, EMAIL, TEMP_PASSWORD);
    await expectPathAfterSubmit(page, '/password');
    await byTestId(page, 'current-password').fill(TEMP_PASSWORD);
    await byTestId(page, 'new-password').fill(NEW_PASSWORD);
    await byTestId(page, 'password-submit').click();

    // 3. MFA enrolment: read the secret like a user typing it into an authenticator app.
    await expectPathAfterSubmit(page, '/mfa/enroll');
    const secretEl = byTestId(page, 'totp-secret');
    await secretEl.waitFor();
    const secret = (await secretEl.textContent()).trim();
    assert.match(secret, /^[A-Z2-7]+=*$/i, 'the TOTP secret is base32');

    // A wrong code is refused with a visible message …
    await byTestId(page, 'totp-code').fill(wrongCode(secret, timeStep()));
    await byTestId(page, 'totp-submit').click();
    await byTestId(page, 'error-message').waitFor();
    const wrongMsg = (await byTestId(page, 'error-message').textContent()).trim();
    assert.notEqual(wrongMsg, '');
    t.diagnostic(`wrong enrolment code refused: ${wrongMsg}`);

    // … the right one is accepted and the recovery codes are shown once.
    const enrolStep = timeStep();
    const enrolCode = totp(secret, enrolStep);
    await byTestId(page, 'totp-code').fill(enrolCode);
    await byTestId(page, 'totp-submit').click();
    await byTestId(page, 'recovery-codes').waitFor();
    const recoveryCodes = await byTestId(page, 'recovery-code').allTextContents();
    assert.ok(recoveryCodes.length > 0, 'recovery codes are listed');
    await byTestId(page, 'recovery-continue').click();

    // 4. Home says who we are and which company we belong to.
    await waitForPath(page, '/');
    await waitForText(page, 'home-name', /\S/);
    await waitForText(page, 'home-company', /\S/);
    const company = (await byTestId(page, 'home-company').textContent()).trim();
    assert.doesNotMatch(company, /^(スタッフ|Staff)$/, 'a representative belongs to a company');
    if (process.env.DEMO_COMPANY_NAME) assert.ok(company.includes(process.env.DEMO_COMPANY_NAME), company);

    // 5. Sign-out returns to the sign-in page.
    await byTestId(page, 'logout').click();
    await waitForPath(page, '/login');
    await byTestId(page, 'login-submit').waitFor();

    // 6. Sign in again: new password, then a TOTP code. A code already used is refused (replay
    //    rule); when we are still in the enrolment's time step, prove that, then use the next
    //    step's code, which the server accepts (±1 step), so the test never has to sleep.
    await signIn(page, EMAIL, NEW_PASSWORD);
    await expectPathAfterSubmit(page, '/mfa/verify');
    let step = timeStep();
    if (totp(secret, step) === enrolCode) {
      await byTestId(page, 'mfa-code').fill(enrolCode);
      await byTestId(page, 'mfa-submit').click();
      await byTestId(page, 'error-message').waitFor();
      const replayMsg = (await byTestId(page, 'error-message').textContent()).trim();
      assert.notEqual(replayMsg, '');
      t.diagnostic(`replayed code refused: ${replayMsg}`);
      step = Math.max(step, enrolStep) + 1;
    }
    await byTestId(page, 'mfa-code').fill(totp(secret, step));
    await byTestId(page, 'mfa-submit').click();
    // (Not expectPathAfterSubmit: the replay's error banner may still be on screen at this point.)
    await waitForPath(page, '/');
    await waitForText(page, 'home-name', /\S/);
  });
});

test('language switch shows English and is remembered', async () => {
  await withPage('language-switch', async (page) => {
    await page.goto(`${BASE_URL}/login`);
    await waitForText(page, 'login-submit', /ログイン/);
    assert.equal(await page.getAttribute('html', 'lang'), 'ja');

    await byTestId(page, 'lang-switch').click();
    await waitForText(page, 'login-submit', /^\s*Sign in\s*$/);
    assert.match(await page.locator('h1').textContent(), /Sign in/);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');

    // The choice survives a reload (localStorage).
    await page.reload();
    await waitForText(page, 'login-submit', /^\s*Sign in\s*$/);

    await byTestId(page, 'lang-switch').click();
    await waitForText(page, 'login-submit', /ログイン/);
  });
});
