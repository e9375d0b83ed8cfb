// Option services and applications (issue 9, R4): a GOLD representative applies for
// cost-consulting-lite on a linked AWS account (balance 15 → 10, one Idempotency-Key per
// submission); a second application cancelled while submitted gives its tickets back; web-vuln-lite
// with a window 10 business days out shows the lead-time error on the field, and once applied offers
// no cancel; staff accept in the staff bundle; a member sees the catalogue without any apply button.
// Every new page state is checked by axe-core; the pages are watched for CSP violations.
//
// Environment: PORTAL_URL, E2E_SERVICES_ADMIN_EMAIL + E2E_SERVICES_ADMIN_PASSWORD (a staff admin with
// a temporary password, set up through the API here), PORTAL_OUTBOX_DIR; optional
// DEMO_MEMBER_EMAIL + DEMO_MEMBER_PASSWORD (the demo company's member, first sign-in).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { expectAccessible } from '../lib/axe.mjs';
import { apiFirstSignIn, call } from '../lib/api.mjs';
import { BASE_URL, byTestId, expectPathAfterSubmit, waitForPath, waitForText, withPage } from '../lib/browser.mjs';
import { firstSignIn, signIn } from '../lib/flows.mjs';
import { waitForTemporaryPassword } from '../lib/outbox.mjs';
import { timeStep, totp } from '../lib/totp.mjs';

const ADMIN_EMAIL = process.env.E2E_SERVICES_ADMIN_EMAIL;
const ADMIN_PASSWORD = process.env.E2E_SERVICES_ADMIN_PASSWORD;
const OUTBOX = process.env.PORTAL_OUTBOX_DIR;
const MEMBER_EMAIL = process.env.DEMO_MEMBER_EMAIL;
const MEMBER_PASSWORD = process.env.DEMO_MEMBER_PASSWORD;
const ADMIN_NEW_PASSWORD = 'e2e-Services-Adm1n!';

function currentFiscalYear(now = new Date()) {
  const jst = new Date(now.getTime() + 9 * 3600 * 1000);
  return jst.getUTCMonth() >= 3 ? jst.getUTCFullYear() : jst.getUTCFullYear() - 1;
}

/** `YYYY-MM-DD` of the day `n` weekdays after today in Tokyo (holidays ignored: at most `n` business days). */
function weekdaysOut(n) {
  const d = new Date(Date.now() + 9 * 3600 * 1000);
  while (n > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) n -= 1;
  }
  return d.toISOString().slice(0, 10);
}

function addDays(iso, n) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

async function balanceOnServicesPage(page) {
  await byTestId(page, 'nav-services').click();
  await waitForPath(page, '/services');
  await byTestId(page, 'service-list').waitFor();
  return Number((await byTestId(page, 'services-balance').textContent()).trim());
}

/** Applies for cost-consulting-lite on the linked account; returns the application's path. */
async function applyCostConsulting(page, account) {
  await byTestId(page, 'apply-cost-consulting-lite').click();
  await waitForPath(page, '/services/cost-consulting-lite/apply');
  await byTestId(page, 'apply-form').waitFor();
  await byTestId(page, 'apply-account').selectOption(account);
  await byTestId(page, 'apply-submit').click();
  await page.waitForURL((u) => /^\/applications\/[0-9a-f-]{36}$/.test(u.pathname));
  await byTestId(page, 'application-detail').waitFor();
  return new URL(page.url()).pathname;
}

test('services: apply, cancel with refund, web-vuln-lite lead time, staff accept, member', async (t) => {
  if (!ADMIN_EMAIL || !ADMIN_PASSWORD || !OUTBOX) {
    assert.fail('E2E_SERVICES_ADMIN_EMAIL, E2E_SERVICES_ADMIN_PASSWORD and PORTAL_OUTBOX_DIR must be set');
  }
  const stamp = `${Date.now()}`;
  const companyName = `E2E サービス株式会社 ${stamp}`;
  const repEmail = `svc-rep-${stamp}@e2e.example.com`;
  const account = `${stamp}`.slice(-12).padStart(12, '7');

  // Set-up through the API as an admin: a GOLD company (15 tickets) with one linked AWS account.
  const admin = await apiFirstSignIn(ADMIN_EMAIL, ADMIN_PASSWORD, ADMIN_NEW_PASSWORD);
  const onboarded = await call(admin.token, 'POST', '/admin/companies', {
    code: `SVC-${stamp}`,
    name: companyName,
    contract_types: ['billing_agency'],
    flags: { public_body: false, partner: false, via_third_party: false },
    representative_name: '代表 花子',
    representative_email: repEmail,
  });
  const companyId = onboarded.company.id;
  await call(admin.token, 'POST', `/admin/companies/${companyId}/rank-override`, {
    fiscal_year: currentFiscalYear(),
    rank: 'GOLD',
    reason: 'e2e: オプションサービスの確認',
  });
  await call(admin.token, 'POST', `/admin/companies/${companyId}/aws-accounts`, {
    account_id: account,
    display_name: 'e2e 本番',
    root_held_by_us: true,
  });
  const temporary = await waitForTemporaryPassword(OUTBOX, repEmail);

  await withPage('services-rep', async (rep) => {
    const keys = [];
    rep.on('request', (req) => {
      if (req.method() === 'POST' && new URL(req.url()).pathname === '/api/v1/company/applications') {
        keys.push(req.headers()['idempotency-key']);
      }
    });
    await rep.goto(`${BASE_URL}/`);
    await firstSignIn(rep, repEmail, temporary, 'e2e-Svc-Rep-Passw0rd!');

    // 1. The catalogue: the balance, apply buttons, and a reason instead of a dead button.
    assert.equal(await balanceOnServicesPage(rep), 15);
    await expectAccessible(rep, 'services: catalogue (GOLD representative)');
    await byTestId(rep, 'apply-cost-consulting-lite').waitFor();
    assert.equal(await byTestId(rep, 'only-representatives').count(), 0);

    // 2. cost-consulting-lite on the linked account: 15 → 10.
    await byTestId(rep, 'apply-cost-consulting-lite').click();
    await waitForPath(rep, '/services/cost-consulting-lite/apply');
    await waitForText(rep, 'apply-cost', /5.*10/);
    await expectAccessible(rep, 'apply form (per-account service)');
    await rep.goBack();
    await waitForPath(rep, '/services');
    const first = await applyCostConsulting(rep, account);
    await waitForText(rep, 'application-state', /申込済み/);
    await byTestId(rep, 'timeline-row').first().waitFor();
    await byTestId(rep, 'cancel-application').waitFor();
    await expectAccessible(rep, 'application detail (submitted)');
    assert.equal(await balanceOnServicesPage(rep), 10);
    assert.equal(keys.length, 1);
    assert.match(keys[0] ?? '', /^[0-9a-f-]{36}$/, 'the submission carried an Idempotency-Key');

    // 3. A second application, cancelled while submitted, gives its 5 tickets back.
    await applyCostConsulting(rep, account);
    assert.notEqual(keys[1], keys[0], 'a new submission has a new key');
    await byTestId(rep, 'cancel-application').click();
    await byTestId(rep, 'confirm-dialog').waitFor();
    await expectAccessible(rep, 'cancel: confirmation dialog');
    await byTestId(rep, 'confirm-ok').click();
    await waitForText(rep, 'cancel-done', /10/);
    await waitForText(rep, 'application-state', /取り消し/);
    assert.equal(await byTestId(rep, 'cancel-application').count(), 0);
    await expectAccessible(rep, 'application detail (cancelled)');
    assert.equal(await balanceOnServicesPage(rep), 10);

    // The list: newest first, states in words.
    await byTestId(rep, 'nav-applications').click();
    await waitForPath(rep, '/applications');
    await byTestId(rep, 'applications-table').waitFor();
    const states = await byTestId(rep, 'application-row').evaluateAll((rows) => rows.map((r) => r.dataset.state));
    assert.deepEqual(states, ['cancelled', 'submitted']);
    await expectAccessible(rep, 'applications list');

    // 4. web-vuln-lite: the notices; a window 10 business days out is refused on the field.
    await balanceOnServicesPage(rep);
    await byTestId(rep, 'apply-web-vuln-lite').click();
    await waitForPath(rep, '/services/web-vuln-lite/apply');
    await byTestId(rep, 'notice-no-cancel').waitFor();
    await byTestId(rep, 'notice-lead').waitFor();
    await byTestId(rep, 'notice-stats').waitFor();
    await expectAccessible(rep, 'apply form (web-vuln-lite)');
    const tooSoon = weekdaysOut(10);
    await byTestId(rep, 'apply-target').fill('https://shop.example.com');
    await byTestId(rep, 'apply-actions').fill('5');
    await byTestId(rep, 'apply-window-start').fill(tooSoon);
    await byTestId(rep, 'apply-window-end').fill(addDays(tooSoon, 7));
    await byTestId(rep, 'apply-pre-work').fill('テスト用アカウントを 2 つ用意します');
    await byTestId(rep, 'apply-submit').click();
    const fieldError = byTestId(rep, 'field-error-hearing_sheet.window_start');
    await fieldError.waitFor();
    const said = await fieldError.textContent();
    assert.match(said, /20 営業日以降/);
    assert.equal(await byTestId(rep, 'apply-window-start').getAttribute('aria-invalid'), 'true');
    await expectAccessible(rep, 'apply form: lead time too short');
    // The earliest day the server named is accepted.
    const earliest = said.match(/(\d{4}-\d{2}-\d{2}) 以降/)?.[1];
    assert.ok(earliest && earliest > tooSoon, `${earliest} is after ${tooSoon}`);
    await byTestId(rep, 'apply-window-start').fill(earliest);
    await byTestId(rep, 'apply-window-end').fill(addDays(earliest, 7));
    await byTestId(rep, 'apply-submit').click();
    await rep.waitForURL((u) => /^\/applications\/[0-9a-f-]{36}$/.test(u.pathname));
    await byTestId(rep, 'hearing-sheet').waitFor();
    await byTestId(rep, 'not-cancellable').waitFor();
    assert.equal(await byTestId(rep, 'cancel-application').count(), 0, 'web-vuln-lite offers no cancel');
    await expectAccessible(rep, 'application detail (web-vuln-lite)');
    assert.equal(keys.length, 4, 'four submissions');
    assert.equal(new Set(keys).size, 4, 'one key per submission');

    // 5. Staff accept the first application, in the staff bundle.
    await withPage('services-staff', async (staff) => {
      await staff.goto(`${BASE_URL}/`);
      await signIn(staff, ADMIN_EMAIL, ADMIN_NEW_PASSWORD);
      await expectPathAfterSubmit(staff, '/mfa/verify');
      const step = Math.max(timeStep(), admin.step + 1);
      await byTestId(staff, 'mfa-code').fill(totp(admin.secret, step));
      await byTestId(staff, 'mfa-submit').click();
      await waitForPath(staff, '/');
      await byTestId(staff, 'nav-queue').click();
      await waitForPath(staff, '/admin/applications');
      await byTestId(staff, 'applications-table').waitFor();
      assert.ok(
        await staff.evaluate(() => [...document.scripts].some((s) => s.src.includes('portal_staff')) ||
          performance.getEntriesByType('resource').some((r) => r.name.includes('portal_staff'))),
        'the staff bundle serves the queue',
      );
      await expectAccessible(staff, 'staff: application queue');
      await byTestId(staff, 'queue-service').selectOption('cost-consulting-lite');
      await staff.waitForFunction(() => {
        const rows = [...document.querySelectorAll('[data-testid="application-row"]')];
        return rows.length > 0 && rows.every((r) => r.dataset.service === 'cost-consulting-lite');
      });
      const row = staff.locator('[data-testid="application-row"]', { hasText: companyName });
      await row.first().waitFor();
      assert.equal(await row.count(), 1, 'the cancelled one is not in the queue');
      await row.first().locator('[data-testid="application-link"]').click();
      await staff.waitForURL((u) => u.pathname === `/admin${first}`);
      await byTestId(staff, 'act-accept').waitFor();
      await byTestId(staff, 'act-reject').waitFor();
      await expectAccessible(staff, 'staff: application detail (submitted)');
      await byTestId(staff, 'act-reject').click();
      await byTestId(staff, 'reject-dialog').waitFor();
      await expectAccessible(staff, 'staff: reject dialog');
      await staff.keyboard.press('Escape');
      await byTestId(staff, 'reject-dialog').waitFor({ state: 'detached' });
      await byTestId(staff, 'action-note').fill('e2e: 受付しました');
      await byTestId(staff, 'act-accept').click();
      await waitForText(staff, 'transition-outcome', /受付済み/);
      await waitForText(staff, 'application-state', /受付済み/);
      await byTestId(staff, 'act-schedule').waitFor();
      await expectAccessible(staff, 'staff: application detail (accepted)');
    });

    // The customer sees the acceptance on the timeline, and no cancel any more.
    await rep.goto(`${BASE_URL}${first}`);
    await waitForText(rep, 'application-state', /受付済み/);
    assert.match(await byTestId(rep, 'timeline').textContent(), /e2e: 受付しました/);
    assert.equal(await byTestId(rep, 'cancel-application').count(), 0);
  });

  // 6. A member sees the catalogue, told that only the representative applies, and no apply button.
  if (!MEMBER_EMAIL || !MEMBER_PASSWORD) {
    t.diagnostic('DEMO_MEMBER_EMAIL/DEMO_MEMBER_PASSWORD not set: member part skipped');
    return;
  }
  await withPage('services-member', async (member) => {
    await member.goto(`${BASE_URL}/`);
    await firstSignIn(member, MEMBER_EMAIL, MEMBER_PASSWORD, 'e2e-Catalogue-Reader-9!');
    await byTestId(member, 'nav-services').click();
    await waitForPath(member, '/services');
    await byTestId(member, 'service-list').waitFor();
    await byTestId(member, 'only-representatives').waitFor();
    assert.equal(await member.locator('[data-testid^="apply-"]').count(), 0, 'no apply button for a member');
    await expectAccessible(member, 'services: catalogue (member)');
    await member.goto(`${BASE_URL}/services/cost-consulting-lite/apply`);
    await byTestId(member, 'only-representatives').waitFor();
    assert.equal(await byTestId(member, 'apply-form').count(), 0);
    await expectAccessible(member, 'apply page (member)');
  });
});
