// The portal's JSON API from node, for setting up what a journey needs (companies, ranks, AWS
// accounts) as a staff user, without clicking through the staff screens that other tests cover.
import assert from 'node:assert/strict';

import { BASE_URL } from './browser.mjs';
import { timeStep, totp } from './totp.mjs';

export async function call(token, method, path, body) {
  const resp = await fetch(`${BASE_URL}/api/v1${path}`, {
    method,
    headers: {
      Accept: 'application/json, application/problem+json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await resp.text();
  const json = text ? JSON.parse(text) : null;
  if (!resp.ok) throw new Error(`${method} ${path}: ${resp.status} ${text}`);
  return json;
}

/**
 * First sign-in of a user with a temporary password, through the API: new password, TOTP
 * enrolment. Returns the access token, the TOTP secret and the time step of the code used.
 */
export async function apiFirstSignIn(email, temporaryPassword, newPassword) {
  let auth = await call(null, 'POST', '/auth/login', { email, password: temporaryPassword });
  assert.equal(auth.next, 'change_password');
  auth = await call(auth.access_token, 'POST', '/auth/password', {
    current_password: temporaryPassword,
    new_password: newPassword,
  });
  assert.equal(auth.next, 'enroll_mfa');
  const enrolment = await call(auth.access_token, 'POST', '/auth/mfa/enroll');
  const step = timeStep();
  const confirmed = await call(auth.access_token, 'POST', '/auth/mfa/enroll/confirm', {
    code: totp(enrolment.secret, step),
  });
  assert.equal(confirmed.session.next, 'full');
  return { token: confirmed.session.access_token, secret: enrolment.secret, step };
}
