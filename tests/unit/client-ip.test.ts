import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { clientAddress, PEER_HEADER, trustedProxyCount, UNVERIFIED_ADDRESS } from '@/lib/auth/client-ip';
// @ts-expect-error -- plain ESM module loaded by the launcher
import { installPeerAddressHeader, PEER_HEADER as HOOK_HEADER, PEER_SECRET_KEY } from '@/lib/auth/peer-address.mjs';

const SECRET = 'process-secret-0123456789';
const stamped = (peer: string, extra: Record<string, string> = {}) => ({ [PEER_HEADER]: `${SECRET} ${peer}`, ...extra });

describe('client address for throttling', () => {
  it('is the socket address whatever X-Forwarded-For the client writes, with no proxy trusted', () => {
    for (const forged of ['1.1.1.1', '1.1.1.1, 10.0.0.5', '10.9.9.9', ' ', 'unknown']) {
      expect(clientAddress(stamped('203.0.113.9', { 'x-forwarded-for': forged }), { secret: SECRET, trustProxy: 0 })).toBe('203.0.113.9');
    }
    expect(clientAddress(stamped('::ffff:127.0.0.1'), { secret: SECRET, trustProxy: 0 })).toBe('127.0.0.1');
  });

  it('takes the entry appended by the outermost trusted proxy when TRUST_PROXY names them', () => {
    const headers = stamped('10.0.0.2', { 'x-forwarded-for': '6.6.6.6, 198.51.100.7' });
    expect(clientAddress(headers, { secret: SECRET, trustProxy: 1 })).toBe('198.51.100.7');
    expect(clientAddress(stamped('10.0.0.2', { 'x-forwarded-for': '6.6.6.6, 198.51.100.7, 10.0.0.1' }), { secret: SECRET, trustProxy: 2 })).toBe('198.51.100.7');
    // More proxies trusted than entries present: the leftmost, never something beyond the chain.
    expect(clientAddress(stamped('10.0.0.2'), { secret: SECRET, trustProxy: 3 })).toBe('10.0.0.2');
    expect(clientAddress(new Headers(headers), { secret: SECRET, trustProxy: 1 })).toBe('198.51.100.7');
  });

  it('refuses a peer header the client wrote itself, and every unverifiable request shares one bucket', () => {
    expect(clientAddress({ [PEER_HEADER]: 'guess 5.5.5.5', 'x-forwarded-for': '5.5.5.5' }, { secret: SECRET })).toBe(UNVERIFIED_ADDRESS);
    expect(clientAddress({ 'x-forwarded-for': '5.5.5.5' }, { secret: SECRET })).toBe(UNVERIFIED_ADDRESS);
    expect(clientAddress({ [PEER_HEADER]: `${SECRET} 5.5.5.5` }, { secret: undefined })).toBe(UNVERIFIED_ADDRESS);
  });

  it('reads TRUST_PROXY as a small count, anything else as none', () => {
    expect(trustedProxyCount(undefined)).toBe(0);
    expect(trustedProxyCount('2')).toBe(2);
    for (const bad of ['-1', 'true', '1.5', '99', '']) expect(trustedProxyCount(bad)).toBe(0);
  });

  it('gets the real socket address from the launcher hook even when the client forges both headers', async () => {
    expect(HOOK_HEADER).toBe(PEER_HEADER);
    installPeerAddressHeader();
    expect(typeof (globalThis as Record<symbol, unknown>)[PEER_SECRET_KEY]).toBe('string');
    let seen = '';
    const server = http.createServer((req, res) => {
      seen = clientAddress(req.headers as Record<string, string>, { trustProxy: 0 });
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as AddressInfo;
      await fetch(`http://127.0.0.1:${port}/`, { headers: { 'x-forwarded-for': '9.9.9.9', [PEER_HEADER]: 'forged 9.9.9.9' } });
      expect(seen).toBe('127.0.0.1');
    } finally {
      server.close();
    }
  });
});
