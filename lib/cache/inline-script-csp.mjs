// A stored page is served to many readers, so the one-use nonce its policy names would become a
// value anyone can read and reuse. The stored copy's policy allows instead exactly the inline
// scripts the page holds, by their SHA-256, and scripts from the portal's own origin.
import { createHash } from 'node:crypto';

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const EXECUTABLE_TYPE = /^\s*$|^\s*(text|application)\/(javascript|ecmascript)\s*$|^\s*module\s*$/i;

function typeOf(attributes) {
  const m = /\btype\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(attributes);
  return m ? (m[2] ?? m[3] ?? m[4] ?? '') : '';
}

/** The base64 SHA-256 sources of every inline script a browser would run, in document order, once each. */
export function inlineScriptHashes(html) {
  const hashes = new Set();
  for (const m of html.matchAll(SCRIPT)) {
    const [, attributes, body] = m;
    if (/\bsrc\s*=/i.test(attributes) || !EXECUTABLE_TYPE.test(typeOf(attributes))) continue;
    hashes.add(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
  }
  return [...hashes];
}

/** The policy with its script-src replaced: own origin plus the page's inline-script hashes, no nonce. */
export function hashInlineScripts(policy, html) {
  const hashes = inlineScriptHashes(html);
  const dev = /'unsafe-eval'/.test(policy) ? " 'unsafe-eval'" : '';
  return policy
    .split(';')
    .map((d) => (d.trim().startsWith('script-src ') ? `script-src 'self'${hashes.length ? ` ${hashes.join(' ')}` : ''}${dev}` : d.trim()))
    .join('; ');
}
