import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, newNonce, PERMISSIONS_POLICY } from '@/lib/auth/csp';
import { isSameOriginRequest } from '@/lib/auth/same-origin';

const require = createRequire(import.meta.url);

describe('security headers', () => {
  it('allows scripts only with the response nonce, and no framing', () => {
    const nonce = newNonce();
    expect(nonce).not.toBe(newNonce());
    const csp = contentSecurityPolicy(nonce);
    expect(csp).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(contentSecurityPolicy(nonce, { https: true })).toContain('upgrade-insecure-requests');
  });

  it('sends the same Permissions-Policy from next.config.js as the module declares', async () => {
    const config = require('../../next.config.js');
    const [{ headers }] = await config.headers();
    expect(headers).toContainEqual({ key: 'Permissions-Policy', value: PERMISSIONS_POLICY });
  });
});

describe('same-origin check for state-changing requests', () => {
  const h = (o: Record<string, string>) => new Headers(o);
  it('accepts the portal itself and requests without browser origin headers', () => {
    expect(isSameOriginRequest(h({ host: 'localhost:3000', origin: 'http://localhost:3000' }))).toBe(true);
    expect(isSameOriginRequest(h({ host: 'localhost:3000' }))).toBe(true);
    expect(isSameOriginRequest(h({ host: 'internal:3000', origin: 'https://funds.example.gov.cn' }), 'https://funds.example.gov.cn')).toBe(true);
    expect(isSameOriginRequest(h({ host: 'localhost:3000', origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' }))).toBe(true);
  });
  it('refuses another site, a null origin, or a browser saying cross-site', () => {
    expect(isSameOriginRequest(h({ host: 'localhost:3000', origin: 'https://evil.example' }))).toBe(false);
    expect(isSameOriginRequest(h({ host: 'localhost:3000', origin: 'null' }))).toBe(false);
    expect(isSameOriginRequest(h({ host: 'localhost:3000', origin: 'http://localhost:3001' }))).toBe(false);
    expect(isSameOriginRequest(h({ host: 'localhost:3000', 'sec-fetch-site': 'cross-site' }))).toBe(false);
    expect(isSameOriginRequest(h({ host: 'localhost:3000', 'sec-fetch-site': 'same-site', origin: 'http://localhost:3000' }))).toBe(false);
  });
});
