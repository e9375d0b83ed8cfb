// Option services and applications (issue 9, R4, R5): a GOLD representative applies for
// cost-consulting-lite on a linked AWS account (balance 15 → 10, one Idempotency-Key per
// submission); a second application cancelled while submitted gives its tickets back; web-vuln-lite
// with a window 10 business days out shows the lead-time error on the field, and once applied offers
// no cancel; staff accept in the staff bundle, assign a CSM and propose meeting times (one outside
// service hours refused on its field); the customer picks one and writes in the thread; staff start,
// upload the report file (refused types and sizes said on the file field), deliver the report and
// complete; the customer sees it unread, downloads the file (same bytes); staff add a training and
// open the catalogue; a member sees the catalogue without any apply button. Trainings: a PLATINUM
// company books two free trainings, the third is offered and booked with tickets, one it cannot
// afford says what is missing, a free booking is cancelled; its account-diagnosis checklist is
// ticked by staff and read by the customer.
// Every new page state is checked by axe-core; the pages are watched for CSP violations.
//
// Environment: PORTAL_URL, E2E_SERVICES_ADMIN_EMAIL + E2E_SERVICES_ADMIN_PASSWORD (a staff admin with
// a temporary password, set up through the API here), PORTAL_OUTBOX_DIR; optional
// DEMO_MEMBER_EMAIL + DEMO_MEMBER_PASSWORD (the demo company's member, first sign-in).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
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

/**
 * `YYYY-MM-DD` of the day `n` weekdays out in Tokyo that is a business day as far as this test can
 * tell (the year-end closure Dec 29 – Jan 3 is skipped; Japanese holidays are not known here).
 */
function businessDayOut(n) {
  let day = weekdaysOut(n);
  while (/-(12-(29|30|31)|01-0[1-3])$/.test(day)) day = addDays(day, 1);
  return day;
}

/** A day `n` days out, kept inside the fiscal year under way (trainings belong to one). */
function trainingDay(n) {
  const fyEnd = `${currentFiscalYear() + 1}-03-30`;
  const day = addDays(new Date(Date.now() + 9 * 3600 * 1000).toISOString().slice(0, 10), n);
  return day < fyEnd ? day : fyEnd;
}

const REPORT_PDF = Buffer.from('%PDF-1.4\n% e2e report\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const TRAINING_PREFIX = 'e2e 研修';

function addDays(iso, n) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

let adminSession = null;
/** The TOTP time step of the admin's last browser sign-in: a code is accepted once. */
let lastStaffStep = 0;

/** A time step after the last one used and no more than one ahead of the clock (waits if need be). */
async function freshStep() {
  const step = Math.max(timeStep(), lastStaffStep + 1);
  while (timeStep() < step - 1) await new Promise((r) => setTimeout(r, 1000));
  lastStaffStep = step;
  return step;
}

/** The staff admin of these journeys, signed in once through the API (its first sign-in). */
function signedInAdmin() {
  adminSession ??= apiFirstSignIn(ADMIN_EMAIL, ADMIN_PASSWORD, ADMIN_NEW_PASSWORD);
  return adminSession;
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
  const admin = await signedInAdmin();
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

    // 5. Staff accept the first application, in the staff bundle; then the rest of its life: meeting
    //    times (one outside service hours refused on its field), the customer picks one, staff start,
    //    upload the report file into the thread (refused types and sizes said on the field), deliver
    //    the report and complete; the customer downloads the file.
    await withPage('services-staff', async (staff) => {
      await staff.goto(`${BASE_URL}/`);
      await signIn(staff, ADMIN_EMAIL, ADMIN_NEW_PASSWORD);
      await expectPathAfterSubmit(staff, '/mfa/verify');
      const step = Math.max(timeStep(), admin.step + 1);
      lastStaffStep = step;
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
      await byTestId(staff, 'thread-section').waitFor();
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
      assert.match(await byTestId(staff, 'report-channel-name').textContent(), /ポータル/);

      // Meeting times: 20:00 JST is outside service hours, said on the field.
      await byTestId(staff, 'propose-form').waitFor();
      await expectAccessible(staff, 'staff: application detail (accepted, propose times)');
      const [day1, day2] = [businessDayOut(3), businessDayOut(4)];
      await byTestId(staff, 'slot-start-0').fill(`${day1}T20:00`);
      await byTestId(staff, 'propose-submit').click();
      await waitForText(staff, 'field-error-slots[0]', /営業時間外/);
      assert.equal(await byTestId(staff, 'slot-start-0').getAttribute('aria-invalid'), 'true');
      await expectAccessible(staff, 'staff: a time outside service hours');
      await byTestId(staff, 'slot-start-0').fill(`${day1}T10:00`);
      await byTestId(staff, 'slot-add').click();
      await byTestId(staff, 'slot-start-1').fill(`${day2}T14:30`);
      await byTestId(staff, 'slot-duration-1').selectOption('90');
      await byTestId(staff, 'propose-submit').click();
      await waitForText(staff, 'work-notice', /提案しました/);
      assert.deepEqual(await byTestId(staff, 'slot-time').allTextContents(), [
        `${day1} 10:00〜11:00`,
        `${day2} 14:30〜16:00`,
      ]);
      // The CSM (the demo company's CSM, from the staff users), then the queue filtered by them.
      await staff.waitForFunction(() => document.querySelectorAll('[data-testid="assign-csm"] option').length > 1);
      const csmId = await byTestId(staff, 'assign-csm').locator('option').nth(1).getAttribute('value');
      await byTestId(staff, 'assign-csm').selectOption(csmId);
      await byTestId(staff, 'assign-submit').click();
      await waitForText(staff, 'work-notice', /担当 CSM/);
      assert.match(await byTestId(staff, 'assigned-csm').textContent(), /@/);

      // The customer picks the second time (after a confirmation) and writes a message.
      await rep.goto(`${BASE_URL}${first}`);
      await waitForText(rep, 'application-state', /受付済み/);
      assert.match(await byTestId(rep, 'timeline').textContent(), /e2e: 受付しました/);
      assert.equal(await byTestId(rep, 'cancel-application').count(), 0);
      await byTestId(rep, 'slots').waitFor();
      assert.equal(await byTestId(rep, 'slot-pick').count(), 2);
      await expectAccessible(rep, 'application detail: proposed times');
      await byTestId(rep, 'slot-pick').nth(1).click();
      await byTestId(rep, 'confirm-dialog').waitFor();
      assert.match(await byTestId(rep, 'confirm-dialog').textContent(), new RegExp(`${day2} 14:30〜16:00`));
      await expectAccessible(rep, 'pick a time: confirmation');
      await byTestId(rep, 'confirm-ok').click();
      await waitForText(rep, 'scheduled-at', new RegExp(`${day2} 14:30〜16:00`));
      await waitForText(rep, 'application-state', /日程確定/);
      assert.equal(await byTestId(rep, 'slot-pick').count(), 0);
      await byTestId(rep, 'thread-empty').waitFor();
      await byTestId(rep, 'message-input').fill('日程の確定ありがとうございます。当日よろしくお願いします。');
      await byTestId(rep, 'message-submit').click();
      await byTestId(rep, 'message-sent').waitFor();
      await waitForText(rep, 'message-body', /当日よろしく/);
      await expectAccessible(rep, 'application detail (scheduled, with a message)');

      // Staff: the message is unread until opened; start the work.
      await staff.reload();
      await waitForText(staff, 'application-state', /日程確定/);
      await waitForText(staff, 'thread-unread', /1/);
      await waitForText(staff, 'message-body', /当日よろしく/);
      await byTestId(staff, 'act-start').click();
      await waitForText(staff, 'application-state', /実施中/);
      await byTestId(staff, 'report-form').waitFor();

      // The report file into the thread: a refused type, bytes that are not a PDF, and 10 MiB + 1 are
      // each said on the file field; then the report itself.
      const file = byTestId(staff, 'attach-file');
      await file.setInputFiles({ name: 'page.html', mimeType: 'text/html', buffer: Buffer.from('<p>x</p>') });
      await byTestId(staff, 'attach-submit').click();
      await waitForText(staff, 'field-error-file', /この種類のファイルは添付できません/);
      await expectAccessible(staff, 'staff: upload refused (type)');
      await file.setInputFiles({ name: 'fake.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf') });
      await byTestId(staff, 'attach-submit').click();
      await waitForText(staff, 'field-error-file', /一致しません/);
      await file.setInputFiles({
        name: 'big.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.alloc(10 * 1024 * 1024 + 1, 0x25),
      });
      await byTestId(staff, 'attach-submit').click();
      await waitForText(staff, 'field-error-file', /10 MiB/);
      await file.setInputFiles({ name: '作業報告書.pdf', mimeType: 'application/pdf', buffer: REPORT_PDF });
      await byTestId(staff, 'attach-submit').click();
      await waitForText(staff, 'attach-done', /作業報告書\.pdf/);
      await staff.locator('[data-testid="attachment"][data-file="作業報告書.pdf"]').waitFor();
      await byTestId(staff, 'report-content').fill('コスト最適化の提案を添付の報告書にまとめました。');
      await byTestId(staff, 'report-submit').click();
      await waitForText(staff, 'work-notice', /報告を送信しました/);
      await waitForText(staff, 'application-state', /報告済み/);
      await expectAccessible(staff, 'staff: application detail (reported)');
      await byTestId(staff, 'act-complete').click();
      await waitForText(staff, 'application-state', /完了/);
      await byTestId(staff, 'no-actions').waitFor();

      // Staff screens of trainings and the catalogue: add a training (the customer test books it).
      await byTestId(staff, 'nav-admin-trainings').click();
      await waitForPath(staff, '/admin/trainings');
      await byTestId(staff, 'training-form').waitFor();
      await expectAccessible(staff, 'staff: training menu');
      await byTestId(staff, 'training-submit').click();
      await byTestId(staff, 'error-message').waitFor();
      await byTestId(staff, 'training-title-ja').fill(`${TRAINING_PREFIX} ${stamp} ハンズオン`);
      await byTestId(staff, 'training-title-en').fill(`${TRAINING_PREFIX} ${stamp} hands-on`);
      await byTestId(staff, 'training-format').selectOption('hands_on');
      await byTestId(staff, 'training-starts').fill(`${trainingDay(20)}T13:00`);
      await byTestId(staff, 'training-duration').fill('180');
      await byTestId(staff, 'training-seats').fill('5');
      await byTestId(staff, 'training-cost').fill('3');
      await byTestId(staff, 'training-submit').click();
      await waitForText(staff, 'training-created', /ハンズオン/);
      await staff.locator('[data-testid="training-row"]', { hasText: `${stamp} ハンズオン` }).waitFor();
      await expectAccessible(staff, 'staff: training added');
      await byTestId(staff, 'nav-admin-services').click();
      await waitForPath(staff, '/admin/services');
      await byTestId(staff, 'catalogue-table').waitFor();
      await expectAccessible(staff, 'staff: service catalogue');
      // Ending asks first; cancelled here, so the catalogue stays as it is for the other tests.
      await byTestId(staff, 'status-web-vuln-lite').selectOption('ended');
      await byTestId(staff, 'save-web-vuln-lite').click();
      await byTestId(staff, 'confirm-dialog').waitFor();
      await expectAccessible(staff, 'staff: end a service (confirmation)');
      await byTestId(staff, 'confirm-cancel').click();
      await byTestId(staff, 'confirm-dialog').waitFor({ state: 'detached' });
      await byTestId(staff, 'status-web-vuln-lite').selectOption('active');
      await byTestId(staff, 'save-web-vuln-lite').click();
      await waitForText(staff, 'service-saved', /更新しました/);
    });

    // The customer: the report is unread in the list, read once opened; the file downloads as sent.
    await byTestId(rep, 'nav-applications').click();
    await waitForPath(rep, '/applications');
    const firstRow = rep.locator(`[data-testid="application-row"]:has(a[href="${first}"])`);
    await firstRow.waitFor();
    assert.ok(Number(await firstRow.locator('[data-testid="application-unread"]').getAttribute('data-unread')) >= 2);
    await expectAccessible(rep, 'applications list (unread messages)');
    await firstRow.locator('[data-testid="application-link"]').click();
    await waitForPath(rep, first);
    await waitForText(rep, 'application-state', /完了/);
    await byTestId(rep, 'thread-unread').waitFor();
    const attachment = rep.locator('[data-testid="attachment"][data-file="作業報告書.pdf"]');
    await attachment.waitFor();
    const [download] = await Promise.all([
      rep.waitForEvent('download'),
      attachment.locator('[data-testid="attachment-download"]').click(),
    ]);
    assert.equal(download.suggestedFilename(), '作業報告書.pdf');
    const saved = await readFile(await download.path());
    assert.deepEqual(saved, REPORT_PDF, 'the downloaded bytes are the uploaded report');
    await expectAccessible(rep, 'application detail (completed, report)');
    await byTestId(rep, 'nav-applications').click();
    await firstRow.waitFor();
    assert.equal(await firstRow.locator('[data-testid="application-unread"]').getAttribute('data-unread'), '0');
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

// 7. Trainings (R5): a PLATINUM company books two free trainings; the third is offered with tickets
//    (booked after a confirmation naming the cost), one it cannot afford says what is missing, and a
//    free booking is cancelled before its date (the free count comes back).
test('trainings: two free bookings, then tickets, what is missing, cancel; the diagnosis checklist', async () => {
  if (!ADMIN_EMAIL || !ADMIN_PASSWORD || !OUTBOX) {
    assert.fail('E2E_SERVICES_ADMIN_EMAIL, E2E_SERVICES_ADMIN_PASSWORD and PORTAL_OUTBOX_DIR must be set');
  }
  const stamp = `${Date.now()}`;
  const repEmail = `trn-rep-${stamp}@e2e.example.com`;
  const admin = await signedInAdmin();
  const onboarded = await call(admin.token, 'POST', '/admin/companies', {
    code: `TRN-${stamp}`,
    name: `E2E トレーニング株式会社 ${stamp}`,
    contract_types: ['billing_agency'],
    flags: { public_body: false, partner: false, via_third_party: false },
    representative_name: '代表 太郎',
    representative_email: repEmail,
  });
  await call(admin.token, 'POST', `/admin/companies/${onboarded.company.id}/rank-override`, {
    fiscal_year: currentFiscalYear(),
    rank: 'PLATINUM',
    reason: 'e2e: トレーニングの確認',
  });
  const account = `${stamp}`.slice(-12).padStart(12, '8');
  await call(admin.token, 'POST', `/admin/companies/${onboarded.company.id}/aws-accounts`, {
    account_id: account,
    display_name: 'e2e 診断用',
    root_held_by_us: true,
  });
  const titles = ['AWS 入門', 'セキュリティ基礎', 'コスト最適化', '大規模設計'].map((t) => `${t} ${stamp}`);
  for (const [i, title] of titles.entries()) {
    await call(admin.token, 'POST', '/admin/trainings', {
      fiscal_year: currentFiscalYear(),
      title_ja: title,
      title_en: `${title} (en)`,
      format: i === 1 ? 'hands_on' : 'seminar',
      starts_at: `${trainingDay(10 + i)}T05:00:00Z`,
      duration_minutes: 120,
      seat_limit: i === 1 ? 10 : null,
      ticket_cost: i === 3 ? 40 : 3,
    });
  }
  const temporary = await waitForTemporaryPassword(OUTBOX, repEmail);
  const rowOf = (page, title) => page.locator('[data-testid="training-row"]', { hasText: title });

  await withPage('trainings-rep', async (rep) => {
    await rep.goto(`${BASE_URL}/`);
    await firstSignIn(rep, repEmail, temporary, 'e2e-Trn-Rep-Passw0rd!');
    await byTestId(rep, 'nav-trainings').click();
    await waitForPath(rep, '/trainings');
    await byTestId(rep, 'trainings-table').waitFor();
    assert.equal(await byTestId(rep, 'free-left').getAttribute('data-n'), '2');
    await waitForText(rep, 'trainings-balance', /30/);
    await expectAccessible(rep, 'trainings (PLATINUM, two free left)');
    assert.equal(await rowOf(rep, titles[1]).locator('[data-testid="training-seats"]').textContent(), '10 席');

    for (const [i, title] of titles.slice(0, 2).entries()) {
      await rowOf(rep, title).locator('[data-testid="book-free"]').click();
      await waitForText(rep, 'trainings-notice', new RegExp(title));
      await rep.waitForFunction(
        (n) => document.querySelector('[data-testid="free-left"]')?.dataset.n === String(n),
        1 - i,
      );
      assert.equal(await rowOf(rep, title).getAttribute('data-offer'), 'booked-free');
    }
    assert.equal(await rowOf(rep, titles[1]).locator('[data-testid="training-seats"]').textContent(), '9 席');

    // The third: offered through tickets (aws-training), with its cost.
    const third = rowOf(rep, titles[2]);
    assert.equal(await third.getAttribute('data-offer'), 'tickets');
    assert.match(await third.locator('[data-testid="via-tickets"]').textContent(), /チケット 3 枚/);
    // The fourth costs 40 tickets, more than the company holds: what is missing, and no button.
    assert.equal(await rowOf(rep, titles[3]).getAttribute('data-offer'), 'short');
    await expectAccessible(rep, 'trainings (free ones used, tickets offered)');
    await third.locator('[data-testid="book-tickets"]').click();
    await byTestId(rep, 'confirm-dialog').waitFor();
    assert.match(await byTestId(rep, 'confirm-dialog').textContent(), /3 枚.*残高は 27 枚/);
    await expectAccessible(rep, 'trainings: book with tickets (confirmation)');
    await byTestId(rep, 'confirm-ok').click();
    await rep.waitForFunction(
      (t) => [...document.querySelectorAll('[data-testid="training-row"]')]
        .some((r) => r.textContent.includes(t) && r.dataset.offer === 'booked-tickets'),
      titles[2],
    );
    await waitForText(rep, 'trainings-balance', /27/);
    await third.locator('[data-testid="training-application"]').waitFor();
    await rowOf(rep, titles[3]).locator('[data-testid="tickets-short"]').waitFor();
    assert.match(await rowOf(rep, titles[3]).textContent(), /13 枚不足/);
    assert.equal(await rowOf(rep, titles[3]).locator('[data-testid="book-tickets"]').count(), 0);

    // Cancel a free booking before its date: the free count comes back.
    await rowOf(rep, titles[0]).locator('[data-testid="cancel-booking"]').click();
    await byTestId(rep, 'confirm-dialog').waitFor();
    await expectAccessible(rep, 'trainings: cancel a booking (confirmation)');
    await byTestId(rep, 'confirm-ok').click();
    await waitForText(rep, 'trainings-notice', /取り消しました/);
    await rep.waitForFunction(() => document.querySelector('[data-testid="free-left"]')?.dataset.n === '1');
    assert.equal(await rowOf(rep, titles[0]).getAttribute('data-offer'), 'free');
    await expectAccessible(rep, 'trainings (a free booking cancelled)');

    // The ticket booking is an aws-training application.
    await third.locator('[data-testid="training-application"]').click();
    await rep.waitForURL((u) => /^\/applications\/[0-9a-f-]{36}$/.test(u.pathname));
    await waitForText(rep, 'application-cost', /3/);

    // account-diagnosis: its checklist, ticked by staff, read by the customer.
    await byTestId(rep, 'nav-services').click();
    await waitForPath(rep, '/services');
    const diagnosis = await (async () => {
      await byTestId(rep, 'apply-account-diagnosis').click();
      await waitForPath(rep, '/services/account-diagnosis/apply');
      await byTestId(rep, 'notice-diagnosis').waitFor();
      await byTestId(rep, 'apply-account').selectOption(account);
      await byTestId(rep, 'apply-submit').click();
      await rep.waitForURL((u) => /^\/applications\/[0-9a-f-]{36}$/.test(u.pathname));
      return new URL(rep.url()).pathname;
    })();
    await byTestId(rep, 'checklist').waitFor();
    assert.deepEqual(
      await byTestId(rep, 'checklist-item').evaluateAll((items) => items.map((i) => i.dataset.done)),
      ['false', 'false', 'false', 'false'],
    );
    await expectAccessible(rep, 'application detail (account-diagnosis checklist)');

    await withPage('trainings-staff', async (staff) => {
      await staff.goto(`${BASE_URL}/`);
      await signIn(staff, ADMIN_EMAIL, ADMIN_NEW_PASSWORD);
      await expectPathAfterSubmit(staff, '/mfa/verify');
      await byTestId(staff, 'mfa-code').fill(totp(admin.secret, await freshStep()));
      await byTestId(staff, 'mfa-submit').click();
      await waitForPath(staff, '/');
      // The queue filters by service; the application opens from it.
      await byTestId(staff, 'nav-queue').click();
      await waitForPath(staff, '/admin/applications');
      await byTestId(staff, 'applications-table').waitFor();
      await byTestId(staff, 'queue-service').selectOption('account-diagnosis');
      await staff.locator(`[data-testid="application-row"] a[href="/admin${diagnosis}"]`).click();
      await waitForPath(staff, `/admin${diagnosis}`);
      await byTestId(staff, 'checklist-editor').waitFor();
      await expectAccessible(staff, 'staff: account-diagnosis checklist');
      await byTestId(staff, 'checklist-diagnosis_role_created').check();
      await waitForText(staff, 'work-notice', /チェックリスト/);
      assert.equal(await byTestId(staff, 'checklist-diagnosis_role_created').isChecked(), true);

      // The catalogue (R4.1): an admin pauses security-consulting at a new cost; the customer's
      // catalogue says it is paused; then it is put back as it was.
      await byTestId(staff, 'nav-admin-services').click();
      await waitForPath(staff, '/admin/services');
      await byTestId(staff, 'catalogue-table').waitFor();
      const cost = byTestId(staff, 'cost-security-consulting');
      const before = await cost.inputValue();
      await cost.fill('12');
      await byTestId(staff, 'status-security-consulting').selectOption('paused');
      await byTestId(staff, 'save-security-consulting').click();
      await waitForText(staff, 'service-saved', /更新しました/);
      await rep.goto(`${BASE_URL}/services`);
      await waitForText(rep, 'unavailable-security-consulting', /一時停止/);
      const card = rep.locator('[data-testid="service"][data-code="security-consulting"]');
      assert.match(await card.locator('[data-testid="service-cost"]').textContent(), /12/);
      assert.equal(await byTestId(rep, 'apply-security-consulting').count(), 0);
      await cost.fill(before);
      await byTestId(staff, 'status-security-consulting').selectOption('active');
      await byTestId(staff, 'save-security-consulting').click();
      await waitForText(staff, 'service-saved', /更新しました/);
      await rep.reload();
      await byTestId(rep, 'apply-security-consulting').waitFor();
    });
    await rep.goto(`${BASE_URL}${diagnosis}`);
    await byTestId(rep, 'checklist').waitFor();
    const ticked = rep.locator('[data-testid="checklist-item"][data-item="diagnosis_role_created"]');
    assert.equal(await ticked.getAttribute('data-done'), 'true');
    assert.match(await ticked.textContent(), new RegExp(ADMIN_EMAIL.replace(/[.+]/g, '\\$&')));

    // The same screens in English.
    await byTestId(rep, 'lang-switch').click();
    await waitForText(rep, 'report-channel-name', /portal/);
    assert.match(await ticked.textContent(), /Diagnosis IAM role created/);
    await expectAccessible(rep, 'application detail in English');
    await byTestId(rep, 'nav-trainings').click();
    await waitForPath(rep, '/trainings');
    await waitForText(rep, 'free-left', /1/);
    assert.match(await rowOf(rep, titles[1]).textContent(), /Booked \(free\)/);
    assert.match(await rowOf(rep, titles[2]).textContent(), /Booked \(tickets\)/);
    assert.match(await rowOf(rep, titles[3]).textContent(), /Book free/, 'a free training is back');
    await expectAccessible(rep, 'trainings in English');
  });
});
