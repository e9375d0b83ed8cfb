// Where the SPA keeps its session: checks that no token is readable by a script.
import assert from 'node:assert/strict';

// `__Secure-portal_refresh` when the portal runs on https.
const REFRESH_COOKIE = 'portal_refresh';
const isRefreshCookie = (c) => c.name === REFRESH_COOKIE || c.name === `__Secure-${REFRESH_COOKIE}`;

/**
 * Records, from now on, the tokens that `/api/v1/auth/*` answers hand to the page, and counts the
 * refresh calls. Returns a live object: `{ accessTokens, bodyRefreshTokens, refreshes, failedRefreshes }`.
 */
export function watchAuthResponses(page) {
  const seen = { accessTokens: new Set(), bodyRefreshTokens: [], refreshes: 0, failedRefreshes: 0 };
  page.on('response', async (resp) => {
    const url = new URL(resp.url());
    if (!url.pathname.startsWith('/api/v1/auth/')) return;
    if (url.pathname === '/api/v1/auth/refresh' && resp.request().method() === 'POST') {
      if (resp.ok()) seen.refreshes += 1;
      else seen.failedRefreshes += 1;
    }
    if (!resp.ok()) return;
    const body = await resp.json().catch(() => null);
    if (!body || typeof body !== 'object') return;
    const session = body.session ?? body; // enrolment confirm wraps the session
    if (typeof session.access_token === 'string') seen.accessTokens.add(session.access_token);
    if (session.refresh_token != null) seen.bodyRefreshTokens.push(session.refresh_token);
  });
  return seen;
}

/**
 * No token in sessionStorage or localStorage (by name or by value), none in `document.cookie`, no
 * refresh token in any JSON body the page received, and the refresh cookie HttpOnly, SameSite=Strict
 * and scoped to the refresh and logout paths.
 */
/** The refresh cookies the browser holds (normally two: one for each path). */
export async function refreshCookies(page) {
  return (await page.context().cookies()).filter(isRefreshCookie);
}

export async function expectNoTokenInStorage(page, auth) {
  assert.ok(auth.accessTokens.size > 0, 'the page received access tokens');
  const seen = await page.evaluate(() => {
    const dump = (s) => Array.from({ length: s.length }, (_, i) => [s.key(i), s.getItem(s.key(i))]);
    return { session: dump(sessionStorage), local: dump(localStorage), cookie: document.cookie };
  });
  for (const [where, entries] of [['sessionStorage', seen.session], ['localStorage', seen.local]]) {
    for (const [key, value] of entries) {
      assert.doesNotMatch(key, /token|refresh|access|jwt|session/i, `${where} holds ${key}`);
      for (const token of auth.accessTokens) {
        assert.ok(!String(value).includes(token), `${where}.${key} holds an access token`);
      }
      assert.ok(!/^ey[\w-]+\.[\w-]+\./.test(String(value)), `${where}.${key} holds a JWT`);
    }
  }
  assert.deepEqual(seen.session, [], 'sessionStorage is empty');
  assert.ok(!seen.cookie.includes(REFRESH_COOKIE), `document.cookie shows the refresh cookie: ${seen.cookie}`);
  assert.deepEqual(auth.bodyRefreshTokens, [], 'no refresh token in a response body (cookie transport)');

  const cookies = await refreshCookies(page);
  assert.ok(cookies.length > 0, 'the refresh cookie is set');
  for (const c of cookies) {
    assert.equal(c.httpOnly, true, `${c.path}: HttpOnly`);
    assert.equal(c.sameSite, 'Strict', `${c.path}: SameSite=Strict`);
  }
  assert.deepEqual(
    cookies.map((c) => c.path).sort(),
    ['/api/v1/auth/logout', '/api/v1/auth/refresh'],
    'the cookie is scoped to the refresh and logout paths',
  );
}
