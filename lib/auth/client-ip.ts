import { timingSafeEqual } from 'node:crypto';

/** Set by lib/auth/peer-address.mjs (same names there). */
export const PEER_HEADER = 'x-portal-peer';
const PEER_SECRET_KEY = Symbol.for('portal.peerSecret');

/** The one bucket for requests whose socket address cannot be verified (server not started by the launcher). */
export const UNVERIFIED_ADDRESS = 'unverified';

type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined | null;

function header(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const v = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/** TRUST_PROXY: how many reverse proxies in front of the app append to X-Forwarded-For (default 0: none). */
export function trustedProxyCount(value: string | undefined = process.env.TRUST_PROXY): number {
  const n = Number(value ?? '0');
  return Number.isInteger(n) && n >= 0 && n <= 20 ? n : 0;
}

const normalise = (address: string) => address.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '').toLowerCase();

function verifiedPeer(headers: HeaderSource, secret: string | undefined): string | null {
  const value = header(headers, PEER_HEADER);
  if (!secret || !value) return null;
  const space = value.indexOf(' ');
  if (space < 0) return null;
  const given = Buffer.from(value.slice(0, space));
  const expected = Buffer.from(secret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return value.slice(space + 1);
}

/**
 * The client's address for throttling and the security log. The socket address is the truth;
 * X-Forwarded-For entries count only as far as TRUST_PROXY proxies vouch for them (each proxy
 * appends the address it saw, so the entry `trustProxy` places left of the socket is the client
 * as the outermost trusted proxy saw it). Without a verified socket address every request shares
 * one bucket rather than trusting a header the client wrote.
 */
export function clientAddress(
  headers: HeaderSource,
  opts: { trustProxy?: number; secret?: string } = {},
): string {
  const secret = opts.secret ?? (globalThis as Record<symbol, string | undefined>)[PEER_SECRET_KEY];
  const peer = verifiedPeer(headers, secret);
  if (peer === null) return UNVERIFIED_ADDRESS;
  const trustProxy = opts.trustProxy ?? trustedProxyCount();
  const forwarded = (header(headers, 'x-forwarded-for') ?? '').split(',').map((p) => p.trim()).filter(Boolean);
  const chain = [...forwarded, peer];
  const picked = chain[Math.max(0, chain.length - 1 - trustProxy)]!;
  return normalise(picked).slice(0, 64) || UNVERIFIED_ADDRESS;
}
