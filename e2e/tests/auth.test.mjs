// Sign-in journey of a customer representative against a running portal:
// temporary password → forced change → TOTP enrolment → home → sign-out → sign-in with TOTP.
// On the way: no token in Web Storage, the refresh token only in an HttpOnly cookie, a reload keeps
// the session (through that cookie), and expired access tokens are refreshed once for all callers.
//
// Environment: PORTAL_URL, DEMO_REP_EMAIL, DEMO_REP_PASSWORD (the seeded temporary password).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { BASE_URL, byTestId, expectPathAfterSubmit, waitForPath, waitForText, withPage } from '../lib/browser.mjs';
import { expectAccessible } from '../lib/axe.mjs';
import { signIn } from '../lib/flows.mjs';
import { expectNoTokenInStorage, refreshCookies, watchAuthResponses } from '../lib/session.mjs';
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
    const auth = watchAuthResponses(page);
    // 1. A signed-out visitor of / lands on the sign-in page.
    await page.goto(`${BASE_URL}/`);
    await waitForPath(page, '/login');
    await expectAccessible(page, 'sign-in page');

    // 2. The temporary password only allows a password change.
    await signIn(page, EMAIL, TEMP_PASSWORD);
    await expectPathAfterSubmit(page, '/password');
    await expectAccessible(page, 'forced password change');
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
    await expectAccessible(page, 'MFA enrolment: wrong code');

    // … the right one is accepted and the recovery codes are shown once.
    const enrolStep = timeStep();
    const enrolCode = totp(secret, enrolStep);
    await byTestId(page, 'totp-code').fill(enrolCode);
    await byTestId(page, 'totp-submit').click();
    await byTestId(page, 'recovery-codes').waitFor();
    const recoveryCodes = await byTestId(page, 'recovery-code').allTextContents();
    assert.ok(recoveryCodes.length > 0, 'recovery codes are listed');
    await expectAccessible(page, 'recovery codes');
    await byTestId(page, 'recovery-continue').click();

    // 4. Home says who we are and which company we belong to.
    await waitForPath(page, '/');
    await waitForText(page, 'home-name', /\S/);
    await waitForText(page, 'home-company', /\S/);
    const company = (await byTestId(page, 'home-company').textContent()).trim();
    assert.doesNotMatch(company, /^(スタッフ|Staff)$/, 'a representative belongs to a company');
    if (process.env.DEMO_COMPANY_NAME) assert.ok(company.includes(process.env.DEMO_COMPANY_NAME), company);
    await byTestId(page, 'sign-in-row').first().waitFor();
    await expectAccessible(page, 'home (representative)');

    // 4a. Tokens stay out of reach of scripts: the access token only in memory, the refresh token
    //     only in an HttpOnly, SameSite=Strict cookie scoped to the refresh and logout paths.
    await expectNoTokenInStorage(page, auth);

    // 4b. A reload restores the session through the cookie, on the same page, without passing by
    //     the sign-in page.
    await byTestId(page, 'nav-company').click();
    await waitForPath(page, '/company');
    await byTestId(page, 'company-overview').waitFor();
    await expectAccessible(page, 'company page (representative)');
    const paths = [];
    const onNavigated = (frame) => {
      if (frame === page.mainFrame()) paths.push(new URL(frame.url()).pathname);
    };
    page.on('framenavigated', onNavigated);
    await page.reload();
    await byTestId(page, 'company-overview').waitFor();
    await waitForPath(page, '/company');
    page.off('framenavigated', onNavigated);
    assert.ok(!paths.includes('/login'), `the reload passed by the sign-in page: ${paths.join(' → ')}`);
    await expectNoTokenInStorage(page, auth);

    // 4c. Access tokens that expire under several calls at once: one refresh (cookie) serves them
    //     all and the calls are retried. The server is made to answer token_expired to the first two
    //     /me calls after a reload (the navigation's and the home page's, sent together).
    await byTestId(page, 'nav-home').click();
    await waitForPath(page, '/');
    let expired = 0;
    await page.route('**/api/v1/me', async (route) => {
      if (expired < 2) {
        expired += 1;
        await route.fulfill({
          status: 401,
          contentType: 'application/problem+json',
          body: JSON.stringify({
            type: 'urn:cloudpack-portal:problem:token_expired',
            title: 'Token expired',
            status: 401,
            code: 'token_expired',
          }),
        });
      } else {
        await route.continue();
      }
    });
    const [refreshesBefore, refusedBefore] = [auth.refreshes, auth.failedRefreshes];
    await page.reload();
    await waitForText(page, 'home-name', /\S/);
    await byTestId(page, 'nav-company').waitFor();
    await page.unroute('**/api/v1/me');
    assert.equal(expired, 2, 'both /me calls were answered token_expired');
    // One refresh restores the session at the reload, one more serves both expired calls.
    assert.equal(auth.refreshes - refreshesBefore, 2, 'one refresh for the reload, one for the expired calls');
    assert.equal(auth.failedRefreshes - refusedBefore, 0, 'no refresh was refused (a second use of a cookie would be)');

    // 4d. Two tabs that start at the same moment (a restored browser session) each restore the
    //     session; their refreshes take turns, so the second sends the cookie the first one got
    //     rather than spending the same one twice (which the server treats as theft).
    const second = await page.context().newPage();
    try {
      await Promise.all([page.reload(), second.goto(`${BASE_URL}/company`)]);
      await Promise.all([
        waitForText(page, 'home-name', /\S/),
        second.locator('[data-testid="company-overview"]').waitFor(),
      ]);
    } finally {
      await second.close();
    }
    assert.equal(auth.failedRefreshes - refusedBefore, 0, 'no refresh was refused in either tab');
    await page.reload();
    await waitForText(page, 'home-name', /\S/);

    // 5. Sign-out returns to the sign-in page and ends the cookie's session: a reload stays out.
    await byTestId(page, 'logout').click();
    await waitForPath(page, '/login');
    await byTestId(page, 'login-submit').waitFor();
    assert.deepEqual(await refreshCookies(page), [], 'sign-out clears the refresh cookie');
    await page.reload();
    await waitForPath(page, '/login');
    await byTestId(page, 'login-submit').waitFor();

    // 6. Sign in again: new password, then a TOTP code. A code already used is refused (replay
    //    rule); when we are still in the enrolment's time step, prove that, then use the next
    //    step's code, which the server accepts (±1 step), so the test never has to sleep.
    await signIn(page, EMAIL, NEW_PASSWORD);
    await expectPathAfterSubmit(page, '/mfa/verify');
    await expectAccessible(page, 'MFA verification');
    let step = timeStep();
    if (totp(secret, step) === enrolCode) {
      await byTestId(page, 'mfa-code').fill(enrolCode);
      await byTestId(page, 'mfa-submit').click();
      await byTestId(page, 'error-message').waitFor();
      const replayMsg = (await byTestId(page, 'error-message').textContent()).trim();
      assert.notEqual(replayMsg, '');
      t.diagnostic(`replayed code refused: ${replayMsg}`);
      await expectAccessible(page, 'MFA verification: replayed code');
      step = Math.max(step, enrolStep) + 1;
    }
    await byTestId(page, 'mfa-code').fill(totp(secret, step));
    await byTestId(page, 'mfa-submit').click();
    // (Not expectPathAfterSubmit: the replay's error banner may still be on screen at this point.)
    await waitForPath(page, '/');
    await waitForText(page, 'home-name', /\S/);

    // 7. The home page lists this browser's recent sign-ins, newest first.
    await byTestId(page, 'sign-in-row').first().waitFor();
    const rows = await byTestId(page, 'sign-in-row').allTextContents();
    assert.ok(rows.length >= 1, 'this sign-in is listed');
    assert.match(rows[0], /127\.0\.0\.1|::1/, 'the client address is shown');
    assert.match(rows[0], /Chrom/i, 'the browser is named');
    await expectNoTokenInStorage(page, auth);
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
    await expectAccessible(page, 'sign-in page in English');

    // The choice survives a reload (localStorage).
    await page.reload();
    await waitForText(page, 'login-submit', /^\s*Sign in\s*$/);

    await byTestId(page, 'lang-switch').click();
    await waitForText(page, 'login-submit', /ログイン/);
  });
});

test('an expired temporary password is explained on the sign-in page', async () => {
  await withPage('temporary-password-expired', async (page) => {
    // The server's answer (a 401 with its code) is played back: expiring a real one needs 72 hours.
    await page.route('**/api/v1/auth/login', (route) =>
      route.fulfill({
        status: 401,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: 'urn:cloudpack-portal:problem:temporary_password_expired',
          title: 'Temporary password expired',
          status: 401,
          code: 'temporary_password_expired',
        }),
      }),
    );
    await page.goto(`${BASE_URL}/login`);
    await signIn(page, 'someone@example.com', 'Temp-Passw0rd-1234');
    await waitForText(page, 'error-message', /仮パスワードの有効期限が切れています/);
    await waitForPath(page, '/login');
    assert.equal(await byTestId(page, 'login-password').inputValue(), '', 'the password field is cleared');
    await expectAccessible(page, 'sign-in page: temporary password expired');
    await byTestId(page, 'lang-switch').click();
    await waitForText(page, 'error-message', /temporary password has expired/i);
  });
});
