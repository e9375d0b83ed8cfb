// Issue 8: the first page (the sign-in page, cold cache) transfers at most 300 KB, counted in the
// browser as bytes on the wire (Chrome DevTools Protocol `encodedDataLength`: headers and the
// compressed body of every response, the start-up API call included). It is the sign-in bundle
// (signin.html): it never loads the customers' screens nor the staff's.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { BASE_URL, byTestId, withPage } from '../lib/browser.mjs';

const BUDGET_BYTES = 300_000;

test('the sign-in page transfers at most 300 KB from a cold cache and neither the customers\' nor the staff screens', async () => {
  await withPage('first-page-weight', async (page) => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const urls = new Map();
    const bytes = new Map();
    cdp.on('Network.responseReceived', (e) => urls.set(e.requestId, e.response.url));
    cdp.on('Network.loadingFinished', (e) => bytes.set(e.requestId, e.encodedDataLength));

    await page.goto(`${BASE_URL}/login`);
    await byTestId(page, 'login-submit').waitFor();
    await page.waitForLoadState('networkidle');

    const rows = [...bytes].map(([id, n]) => [new URL(urls.get(id) ?? 'about:blank').pathname, n]);
    const total = rows.reduce((sum, [, n]) => sum + n, 0);
    console.log(
      `first page: ${total} bytes on the wire (budget ${BUDGET_BYTES})\n` +
        rows.map(([p, n]) => `  ${String(n).padStart(8)}  ${p}`).join('\n'),
    );
    assert.ok(rows.some(([p]) => p.endsWith('.wasm')), 'the web app was loaded');
    assert.ok(total <= BUDGET_BYTES, `first page ${total} bytes > ${BUDGET_BYTES}`);
    assert.ok(rows.some(([p]) => p.includes('portal_signin')), 'the sign-in bundle was loaded');
    assert.ok(!rows.some(([p]) => p.includes('portal_staff')), 'the staff bundle was not loaded');
    assert.ok(!rows.some(([p]) => p.includes('portal_frontend')), "the customers' bundle was not loaded");
    await cdp.detach();
  });
});
