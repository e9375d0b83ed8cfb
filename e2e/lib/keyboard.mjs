// Driving the app as a keyboard user does: only keyboard.press and keyboard.type, and questions about
// where the focus is (reading the page is allowed; clicking is not).
import assert from 'node:assert/strict';

/** A short description of the focused element (tag, test id, id, text), for messages. */
export async function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return '(none)';
    const testid = el.getAttribute('data-testid');
    const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
    return `<${el.tagName.toLowerCase()}${testid ? ` data-testid="${testid}"` : ''}${el.id ? ` id="${el.id}"` : ''}> ${text}`;
  });
}

/** Whether the focused element matches the CSS `selector`. */
export async function focusIs(page, selector) {
  return page.evaluate((sel) => !!document.activeElement && document.activeElement.matches(sel), selector);
}

/** Waits until the focused element matches `selector` (the app moves the focus after rendering). */
export async function expectFocus(page, selector, why = '') {
  try {
    await page.waitForFunction((sel) => !!document.activeElement && document.activeElement.matches(sel), selector, {
      timeout: 5_000,
    });
  } catch {
    assert.fail(`expected the focus on ${selector}${why ? ` (${why})` : ''}, but it is on ${await focused(page)}`);
  }
}

/** Presses Tab (or Shift+Tab) until the focus is on `selector`; fails after `max` presses. */
export async function tabTo(page, selector, { max = 40, back = false } = {}) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    if (await focusIs(page, selector)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    seen.push(await focused(page));
  }
  if (await focusIs(page, selector)) return;
  assert.fail(`${max} × ${back ? 'Shift+Tab' : 'Tab'} never reached ${selector}; visited:\n  ${seen.join('\n  ')}`);
}

/** After a route change: the focus is on the page's <h1>, and the title names the page. */
export async function expectPageFocus(page, titleRe) {
  await expectFocus(page, 'main h1', 'the page heading after a route change');
  if (titleRe) {
    await page.waitForFunction(([s, f]) => new RegExp(s, f).test(document.title), [titleRe.source, titleRe.flags]);
  }
}
