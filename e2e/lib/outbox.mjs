// Reads the e-mails the portal writes to PORTAL_OUTBOX_DIR (one `<uuid>.eml` per message; the body
// is base64 text/plain UTF-8), so a journey can pick up a temporary password sent by mail.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/** Splits a raw message into unfolded headers (lower-case names) and the decoded text body. */
export function parseEml(raw) {
  const text = raw.replace(/\r\n/g, '\n');
  const split = text.indexOf('\n\n');
  const head = split < 0 ? text : text.slice(0, split);
  const rawBody = split < 0 ? '' : text.slice(split + 2);
  const headers = {};
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const encoding = (headers['content-transfer-encoding'] ?? '').toLowerCase();
  const body = encoding === 'base64' ? Buffer.from(rawBody.replace(/\s+/g, ''), 'base64').toString('utf8') : rawBody;
  return { headers, body };
}

/**
 * Polls `dir` until a message addressed to `email` holds a line 「仮パスワード: …」, and returns the
 * password. Fails after `timeoutMs` with what it saw.
 */
export async function waitForTemporaryPassword(dir, email, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  const wanted = email.toLowerCase();
  let seen = 0;
  for (;;) {
    const names = await readdir(dir).catch(() => []);
    seen = names.length;
    for (const name of names.filter((n) => n.endsWith('.eml'))) {
      const { headers, body } = parseEml(await readFile(path.join(dir, name), 'utf8'));
      if (!(headers.to ?? '').toLowerCase().includes(wanted)) continue;
      const match = body.match(/仮パスワード\s*[:：]\s*(\S+)/);
      if (match) return match[1];
    }
    if (Date.now() > deadline) {
      throw new Error(`no e-mail with a temporary password for ${email} in ${dir} (${seen} files)`);
    }
    await delay(200);
  }
}
