// Steps shared by the journeys.
import assert from 'node:assert/strict';

import { byTestId, expectPathAfterSubmit, waitForPath } from './browser.mjs';
import { timeStep, totp } from './totp.mjs';

export async function signIn(page, email, password) {
  await waitForPath(page, '/login');
  await byTestId(page, 'login-email').fill(email);
  await byTestId(page, 'login-password').fill(password);
  await byTestId(page, 'login-submit').click();
}

/**
 * First sign-in with a temporary password up to the home page: new password, TOTP enrolment,
 * recovery codes. Returns the TOTP secret and the step of the code used.
 */
export async function firstSignIn(page, email, temporaryPassword, newPassword) {
  await signIn(page, email, temporaryPassword);
  await expectPathAfterSubmit(page, '/password');
  await byTestId(page, 'current-password').fill(temporaryPassword);
  await byTestId(page, 'new-password').fill(newPassword);
  await byTestId(page, 'password-submit').click();
  await expectPathAfterSubmit(page, '/mfa/enroll');
  await byTestId(page, 'totp-secret').waitFor();
  const secret = (await byTestId(page, 'totp-secret').textContent()).trim();
  assert.match(secret, /^[A-Z2-7]+=*$/i, 'the TOTP secret is base32');
  const step = timeStep();
  await byTestId(page, 'totp-code').fill(totp(secret, step));
  await byTestId(page, 'totp-submit').click();
  await byTestId(page, 'recovery-codes').waitFor();
  await byTestId(page, 'recovery-continue').click();
  await waitForPath(page, '/');
  return { secret, step };
}
