// Inquiries about cloudpack+ (R7.7), issue 10's "Done when" part: a member opens an inquiry in the
// SPA (the form says which matters go to Backlog, cloudpack support or sales); staff find it in the
// inbox across companies (waiting for us, in service hours), assign themselves and answer in the
// staff bundle; the member sees the answer, unread marker first, and closes the inquiry after a
// confirmation (it says until when it can be reopened). axe-core on every new screen.
//
// Environment: PORTAL_URL, E2E_INQUIRIES_ADMIN_EMAIL + E2E_INQUIRIES_ADMIN_PASSWORD (a staff admin
// with a temporary password: onboards the company through the API, then answers in the browser),
// PORTAL_OUTBOX_DIR.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { expectAccessible } from '../lib/axe.mjs';
import { apiFirstSignIn, call } from '../lib/api.mjs';
import { BASE_URL, byTestId, expectPathAfterSubmit, waitForPath, waitForText, withPage } from '../lib/browser.mjs';
import { firstSignIn, signIn } from '../lib/flows.mjs';
import { waitForTemporaryPassword } from '../lib/outbox.mjs';
import { timeStep, totp } from '../lib/totp.mjs';

const ADMIN_EMAIL = process.env.E2E_INQUIRIES_ADMIN_EMAIL;
const ADMIN_PASSWORD = process.env.E2E_INQUIRIES_ADMIN_PASSWORD;
const ADMIN_NEW_PASSWORD = 'e2e-Inquiries-Adm1n-Pass!';
const OUTBOX = process.env.PORTAL_OUTBOX_DIR;

test('inquiries: a member asks, staff answer, the member reads the answer and closes it', async () => {
  if (!ADMIN_EMAIL || !ADMIN_PASSWORD || !OUTBOX) {
    assert.fail('E2E_INQUIRIES_ADMIN_EMAIL, E2E_INQUIRIES_ADMIN_PASSWORD and PORTAL_OUTBOX_DIR must be set');
  }
  const stamp = `${Date.now()}`;
  const companyName = `E2E 問い合わせ株式会社 ${stamp}`;
  const repEmail = `inq-rep-${stamp}@e2e.example.com`;
  const memberEmail = `inq-member-${stamp}@e2e.example.com`;
  const subject = `チケット残高の確認 ${stamp}`;

  // Set-up through the API: a company, its representative (first sign-in), who adds a member.
  const admin = await apiFirstSignIn(ADMIN_EMAIL, ADMIN_PASSWORD, ADMIN_NEW_PASSWORD);
  await call(admin.token, 'POST', '/admin/companies', {
    code: `INQ-${stamp}`,
    name: companyName,
    contract_types: ['billing_agency'],
    flags: { public_body: false, partner: false, via_third_party: false },
    representative_name: '代表 一郎',
    representative_email: repEmail,
  });
  const rep = await apiFirstSignIn(repEmail, await waitForTemporaryPassword(OUTBOX, repEmail), 'e2e-Inq-Rep-Passw0rd!');
  await call(rep.token, 'POST', '/company/users', { email: memberEmail, display_name: 'メンバー 花子', role: 'member' });
  const memberTemporary = await waitForTemporaryPassword(OUTBOX, memberEmail);

  await withPage('inquiries-member', async (member) => {
    await member.goto(`${BASE_URL}/`);
    await firstSignIn(member, memberEmail, memberTemporary, 'e2e-Inq-Member-Passw0rd!');

    // 1. The list, empty; the form with what goes elsewhere; a missing subject named on its field.
    await byTestId(member, 'nav-inquiries').click();
    await waitForPath(member, '/inquiries');
    await byTestId(member, 'inquiries-empty').waitFor();
    await expectAccessible(member, 'inquiries (none yet)');
    await byTestId(member, 'new-inquiry').click();
    await waitForPath(member, '/inquiries/new');
    await waitForText(member, 'inquiry-scope', /Backlog.*cloudpack サポート.*営業/s);
    await expectAccessible(member, 'new inquiry');
    await byTestId(member, 'inquiry-body').fill('今年度のチケット残高と有効期限を教えてください。');
    await byTestId(member, 'inquiry-submit').click();
    await waitForText(member, 'error-message', /件名/);
    assert.equal(await byTestId(member, 'inquiry-subject').getAttribute('aria-invalid'), 'true');
    await expectAccessible(member, 'new inquiry: subject missing');
    await byTestId(member, 'inquiry-category').selectOption('tickets');
    await byTestId(member, 'inquiry-subject').fill(subject);
    await byTestId(member, 'inquiry-files').setInputFiles({
      name: 'balance.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('fiscal_year,balance\n2026,12\n'),
    });
    await byTestId(member, 'inquiry-submit').click();
    await member.waitForURL((u) => /^\/inquiries\/[0-9a-f-]{36}$/.test(u.pathname));
    await waitForText(member, 'inquiry-notice', /受け付けました/);
    await byTestId(member, 'thread').waitFor();
    assert.equal(await byTestId(member, 'message').count(), 2, 'the question and the file');
    await member.locator('[data-testid="attachment"][data-file="balance.csv"]').waitFor();
    assert.equal(await byTestId(member, 'inquiry-files-failed').count(), 0);
    assert.equal(await byTestId(member, 'inquiry-state').getAttribute('data-state'), 'open');
    await expectAccessible(member, 'inquiry detail (waiting for us)');

    // 2. Staff, in the staff bundle: the inbox shows it waiting for us; assign, answer.
    await withPage('inquiries-staff', async (staff) => {
      await staff.goto(`${BASE_URL}/`);
      await signIn(staff, ADMIN_EMAIL, ADMIN_NEW_PASSWORD);
      await expectPathAfterSubmit(staff, '/mfa/verify');
      const step = Math.max(timeStep(), admin.step + 1);
      while (timeStep() < step - 1) await new Promise((r) => setTimeout(r, 1000));
      await byTestId(staff, 'mfa-code').fill(totp(admin.secret, step));
      await byTestId(staff, 'mfa-submit').click();
      await waitForPath(staff, '/');
      await byTestId(staff, 'nav-inquiries').click();
      await waitForPath(staff, '/admin/inquiries');
      await byTestId(staff, 'inbox-table').waitFor();
      await byTestId(staff, 'inbox-search').fill(stamp);
      const row = staff.locator(`[data-testid="inbox-row"][data-subject="${subject}"]`);
      await row.waitFor();
      await staff.waitForFunction(() => document.querySelectorAll('[data-testid="inbox-row"]').length === 1);
      assert.equal(await row.getAttribute('data-state'), 'open');
      assert.notEqual((await row.locator('[data-testid="inbox-waiting-since"]').textContent()).trim(), '—');
      assert.match(await row.locator('[data-testid="inbox-waiting"]').textContent(), /\d+ 時間 \d+ 分/);
      await expectAccessible(staff, 'staff: inquiry inbox');
      await row.locator('[data-testid="inbox-link"]').click();
      await byTestId(staff, 'inquiry-detail').waitFor();
      await waitForText(staff, 'inquiry-company', new RegExp(companyName));
      await waitForText(staff, 'inquiry-waiting', /回答待ち/);
      await byTestId(staff, 'thread').waitFor();
      await expectAccessible(staff, 'staff: inquiry detail');
      const me = await call(admin.token, 'GET', '/me');
      await staff.waitForFunction(
        (id) => [...document.querySelectorAll('[data-testid="assign-select"] option')].some((o) => o.value === id),
        me.id,
      );
      await byTestId(staff, 'assign-select').selectOption(me.id);
      await byTestId(staff, 'assign-submit').click();
      await waitForText(staff, 'inquiry-notice', /担当者を変更/);
      await byTestId(staff, 'message-input').fill('今年度の残高は 12 枚、有効期限は 2027-03-31 です。');
      await byTestId(staff, 'message-submit').click();
      await byTestId(staff, 'message-sent').waitFor();
      await staff.locator('[data-testid="inquiry-state"][data-state="answered"]').waitFor();
      assert.equal(await byTestId(staff, 'message').count(), 3);
    });

    // 3. The member: the list marks the answer unread, then the thread shows it.
    await byTestId(member, 'nav-inquiries').click();
    await waitForPath(member, '/inquiries');
    const row = member.locator(`[data-testid="inquiry-row"][data-subject="${subject}"]`);
    await row.waitFor();
    assert.equal(await row.getAttribute('data-state'), 'answered');
    assert.equal(await row.locator('[data-testid="inquiry-unread"]').getAttribute('data-unread'), '1');
    await expectAccessible(member, 'inquiries (one answered, unread)');
    await row.locator('[data-testid="inquiry-link"]').click();
    await waitForText(member, 'thread-unread', /未読 1 件/);
    await member.locator('[data-testid="message"][data-from="staff"]').waitFor();
    await waitForText(member, 'thread', /12 枚/);

    // 4. Close after the confirmation, which says until when it can be reopened.
    await byTestId(member, 'close-inquiry').click();
    await byTestId(member, 'confirm-dialog').waitFor();
    await waitForText(member, 'confirm-dialog', /\d{4}-\d{2}-\d{2} \d{2}:\d{2} までは再開できます/);
    await expectAccessible(member, 'close inquiry confirmation');
    await byTestId(member, 'confirm-ok').click();
    await waitForText(member, 'inquiry-notice', /クローズしました/);
    assert.equal(await byTestId(member, 'confirm-dialog').count(), 0);
    await member.locator('[data-testid="inquiry-state"][data-state="closed"]').waitFor();
    await waitForText(member, 'inquiry-closed', /までは再開できます/);
    assert.equal(await byTestId(member, 'message-form').count(), 0, 'a closed inquiry takes no replies');
    await byTestId(member, 'reopen-inquiry').waitFor();
    await expectAccessible(member, 'inquiry detail (closed)');

    // The list says so too; no unread left.
    await byTestId(member, 'nav-inquiries').click();
    await row.waitFor();
    assert.equal(await row.getAttribute('data-state'), 'closed');
    assert.equal(await row.locator('[data-testid="inquiry-unread"]').getAttribute('data-unread'), '0');
  });
});
