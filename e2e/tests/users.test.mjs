// Company users (R7.4) and API tokens for integrators (issue 10), the "Done when" parts: a
// representative adds a member (the form names the field of an address already in use), who signs in
// with the mailed temporary password and enrols MFA; the member sees the list without any action and
// the API refuses their POST with 403; the representative, alone, cannot make themself a member (the
// 409 last_representative is shown in the dialog); a read token created in the browser reads
// /api/v1/company from node and is refused on a write (403), and once revoked is refused at all; the
// representative disables the member, whose session ends at once, then deletes them. axe-core on
// every new screen and dialog.
//
// Environment: PORTAL_URL, E2E_USERS_ADMIN_EMAIL + E2E_USERS_ADMIN_PASSWORD (a staff admin with a
// temporary password, signed in here through the API to onboard the company), PORTAL_OUTBOX_DIR.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { expectAccessible } from '../lib/axe.mjs';
import { apiFirstSignIn, call } from '../lib/api.mjs';
import { BASE_URL, byTestId, waitForPath, waitForText, withPage } from '../lib/browser.mjs';
import { firstSignIn } from '../lib/flows.mjs';
import { waitForTemporaryPassword } from '../lib/outbox.mjs';

const ADMIN_EMAIL = process.env.E2E_USERS_ADMIN_EMAIL;
const ADMIN_PASSWORD = process.env.E2E_USERS_ADMIN_PASSWORD;
const OUTBOX = process.env.PORTAL_OUTBOX_DIR;

/** A request from node with `Authorization: Bearer <credential>`, as an integrator's script sends it. */
async function raw(credential, method, path, body) {
  const resp = await fetch(`${BASE_URL}/api/v1${path}`, {
    method,
    headers: {
      Accept: 'application/json',
      Authorization: `Bearer ${credential}`,
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await resp.text();
  return { status: resp.status, json: text ? JSON.parse(text) : null };
}

/** The row of the users table for `email`. */
function userRow(page, email) {
  return page.locator(`[data-testid="company-user-row"][data-email="${email}"]`);
}

test('company users and API tokens: add a member, last representative, read token, disable', async () => {
  if (!ADMIN_EMAIL || !ADMIN_PASSWORD || !OUTBOX) {
    assert.fail('E2E_USERS_ADMIN_EMAIL, E2E_USERS_ADMIN_PASSWORD and PORTAL_OUTBOX_DIR must be set');
  }
  const stamp = `${Date.now()}`;
  const companyName = `E2E ユーザー株式会社 ${stamp}`;
  const repEmail = `users-rep-${stamp}@e2e.example.com`;
  const memberEmail = `users-member-${stamp}@e2e.example.com`;

  // Set-up through the API as an admin: a company with its one representative.
  const admin = await apiFirstSignIn(ADMIN_EMAIL, ADMIN_PASSWORD, 'e2e-Users-Adm1n-Pass!');
  await call(admin.token, 'POST', '/admin/companies', {
    code: `USR-${stamp}`,
    name: companyName,
    contract_types: ['billing_agency'],
    flags: { public_body: false, partner: false, via_third_party: false },
    representative_name: '代表 一郎',
    representative_email: repEmail,
  });
  const repTemporary = await waitForTemporaryPassword(OUTBOX, repEmail);

  await withPage('users-rep', async (rep) => {
    await rep.goto(`${BASE_URL}/`);
    await firstSignIn(rep, repEmail, repTemporary, 'e2e-Users-Rep-Passw0rd!');

    // 1. The list: the representative alone, marked as "you", with the actions.
    await byTestId(rep, 'nav-users').click();
    await waitForPath(rep, '/company/users');
    await byTestId(rep, 'company-users-table').waitFor();
    await userRow(rep, repEmail).locator('[data-testid="user-is-you"]').waitFor();
    assert.equal(await byTestId(rep, 'company-user-row').count(), 1);
    await expectAccessible(rep, 'company users (representative)');
    // In English too.
    await byTestId(rep, 'lang-switch').click();
    await waitForText(rep, 'company-users', /Your company's users/);
    await expectAccessible(rep, 'company users (representative, English)');
    await byTestId(rep, 'lang-switch').click();
    await waitForText(rep, 'company-users', /会社のユーザー/);

    // 2. Add a member: the dialog, then the notice that the temporary password was mailed.
    await byTestId(rep, 'add-user').click();
    await byTestId(rep, 'add-user-dialog').waitFor();
    await expectAccessible(rep, 'add user dialog');
    await byTestId(rep, 'new-user-name').fill('メンバー 花子');
    await byTestId(rep, 'new-user-email').fill(memberEmail);
    await byTestId(rep, 'new-user-role').selectOption('member');
    await byTestId(rep, 'add-user-submit').click();
    await waitForText(rep, 'users-notice', /仮パスワード.*メール/);
    assert.equal(await byTestId(rep, 'add-user-dialog').count(), 0);
    await userRow(rep, memberEmail).waitFor();
    assert.equal(await userRow(rep, memberEmail).getAttribute('data-state'), 'pending');
    assert.match(await userRow(rep, memberEmail).locator('[data-testid="user-role"]').textContent(), /メンバー/);

    // The same address again: the e-mail field says it is taken.
    await byTestId(rep, 'add-user').click();
    await byTestId(rep, 'new-user-name').fill('二重 登録');
    await byTestId(rep, 'new-user-email').fill(memberEmail.toUpperCase());
    await byTestId(rep, 'add-user-submit').click();
    await waitForText(rep, 'field-error-email', /既に登録/);
    assert.equal(await byTestId(rep, 'new-user-email').getAttribute('aria-invalid'), 'true');
    await expectAccessible(rep, 'add user dialog: e-mail taken');
    await byTestId(rep, 'add-user-cancel').click();
    assert.equal(await byTestId(rep, 'add-user-dialog').count(), 0);

    // 3. The last representative cannot make themself a member: the 409 is shown in the dialog.
    await userRow(rep, repEmail).locator('[data-testid="user-edit"]').click();
    await byTestId(rep, 'edit-user-dialog').waitFor();
    await byTestId(rep, 'edit-user-role').selectOption('member');
    await byTestId(rep, 'demote-self-warning').waitFor();
    await byTestId(rep, 'edit-user-submit').click();
    await waitForText(rep, 'error-message', /最後の代表者/);
    await expectAccessible(rep, 'edit user dialog: last representative');
    await rep.keyboard.press('Escape');
    assert.equal(await byTestId(rep, 'edit-user-dialog').count(), 0);
    assert.match(await userRow(rep, repEmail).locator('[data-testid="user-role"]').textContent(), /代表担当者/);

    // 4. The new member's first sign-in from the mailed temporary password, MFA enrolment; the list
    // without actions; the API refuses the member's POST.
    const memberTemporary = await waitForTemporaryPassword(OUTBOX, memberEmail);
    let memberAccess = null;
    await withPage('users-member', async (member) => {
      member.on('request', (req) => {
        const auth = req.headers().authorization;
        if (auth && new URL(req.url()).pathname === '/api/v1/company/users') memberAccess = auth.slice('Bearer '.length);
      });
      await member.goto(`${BASE_URL}/`);
      await firstSignIn(member, memberEmail, memberTemporary, 'e2e-Users-Member-Passw0rd!');
      await byTestId(member, 'nav-users').click();
      await waitForPath(member, '/company/users');
      await userRow(member, memberEmail).waitFor();
      await byTestId(member, 'only-representatives-users').waitFor();
      assert.equal(await byTestId(member, 'add-user').count(), 0, 'a member has no add button');
      assert.equal(await byTestId(member, 'user-edit').count(), 0);
      assert.equal(await byTestId(member, 'user-disable').count(), 0);
      assert.equal(await byTestId(member, 'user-delete').count(), 0);
      await expectAccessible(member, 'company users (member)');
    });
    assert.ok(memberAccess, 'the member page sent its access token');
    const refused = await raw(memberAccess, 'POST', '/company/users', {
      email: `users-other-${stamp}@e2e.example.com`,
      display_name: '追加 できない',
      role: 'member',
    });
    assert.equal(refused.status, 403, JSON.stringify(refused.json));
    assert.equal((await raw(memberAccess, 'GET', '/company/users')).status, 200);

    // The representative's list now shows the member as active.
    await rep.reload();
    await userRow(rep, memberEmail).waitFor();
    assert.equal(await userRow(rep, memberEmail).getAttribute('data-state'), 'active');

    // 5. A read token: the form refuses more than 365 days on its field; the secret is shown once.
    await byTestId(rep, 'nav-api-tokens').click();
    await waitForPath(rep, '/me/api-tokens');
    await byTestId(rep, 'tokens-empty').waitFor();
    await waitForText(rep, 'tokens-intro', /Authorization: Bearer cpp_/);
    await expectAccessible(rep, 'API tokens (none yet)');
    await byTestId(rep, 'token-name').fill('e2e 請求データ連携');
    await byTestId(rep, 'token-scope').selectOption('read');
    await byTestId(rep, 'token-days').fill('400');
    await byTestId(rep, 'create-token-submit').click();
    await waitForText(rep, 'field-error-expires_in_days', /365/);
    await expectAccessible(rep, 'API tokens: days out of range');
    await byTestId(rep, 'token-days').fill('30');
    await byTestId(rep, 'create-token-submit').click();
    await byTestId(rep, 'token-secret-dialog').waitFor();
    await waitForText(rep, 'secret-once', /二度と/);
    const secret = await byTestId(rep, 'token-secret').inputValue();
    assert.match(secret, /^cpp_\S{20,}$/);
    await expectAccessible(rep, 'API tokens: the secret, once');
    await byTestId(rep, 'secret-close').click();
    assert.equal(await byTestId(rep, 'token-secret-dialog').count(), 0);
    const row = rep.locator('[data-testid="token-row"][data-name="e2e 請求データ連携"]');
    await row.waitFor();
    assert.equal(await row.getAttribute('data-scope'), 'read');
    assert.ok(!(await rep.content()).includes(secret), 'the secret is not on the page after closing');

    // From node, as an integrator: the token reads the company and is refused on a write.
    const read = await raw(secret, 'GET', '/company');
    assert.equal(read.status, 200, JSON.stringify(read.json));
    assert.equal(read.json.name, companyName);
    const write = await raw(secret, 'POST', '/company/users', {
      email: `users-token-${stamp}@e2e.example.com`,
      display_name: 'トークン 経由',
      role: 'member',
    });
    assert.equal(write.status, 403, JSON.stringify(write.json));

    // Its last use is listed; revoking it (after the confirmation) ends it.
    await rep.reload();
    await row.waitFor();
    assert.doesNotMatch(await row.locator('[data-testid="token-last-used"]').textContent(), /未使用/);
    await row.locator('[data-testid="revoke-token"]').click();
    await byTestId(rep, 'confirm-dialog').waitFor();
    await expectAccessible(rep, 'API tokens: revoke confirmation');
    await byTestId(rep, 'confirm-ok').click();
    await byTestId(rep, 'tokens-empty').waitFor();
    await waitForText(rep, 'tokens-notice', /無効にしました/);
    assert.equal((await raw(secret, 'GET', '/company')).status, 401);

    // 6. Disabling the member says it ends their sessions and tokens, and does: their access token is refused.
    await byTestId(rep, 'nav-users').click();
    await waitForPath(rep, '/company/users');
    await userRow(rep, memberEmail).locator('[data-testid="user-disable"]').click();
    await byTestId(rep, 'confirm-dialog').waitFor();
    await waitForText(rep, 'confirm-dialog', /セッションと API トークン/);
    await expectAccessible(rep, 'disable user: confirmation');
    await byTestId(rep, 'confirm-ok').click();
    await waitForText(rep, 'users-notice', /無効にしました/);
    await rep.waitForFunction(
      (email) => document.querySelector(`[data-testid="company-user-row"][data-email="${email}"]`)?.dataset.state === 'disabled',
      memberEmail,
    );
    assert.equal((await raw(memberAccess, 'GET', '/company')).status, 401);
    await expectAccessible(rep, 'company users: a disabled member');

    // 7. Deleting the member, after its confirmation.
    await userRow(rep, memberEmail).locator('[data-testid="user-delete"]').click();
    await waitForText(rep, 'confirm-dialog', /元に戻せません/);
    await byTestId(rep, 'confirm-ok').click();
    await waitForText(rep, 'users-notice', /削除しました/);
    await rep.waitForFunction(
      (email) => !document.querySelector(`[data-testid="company-user-row"][data-email="${email}"]`),
      memberEmail,
    );
    assert.equal(await byTestId(rep, 'company-user-row').count(), 1);
  });
});
