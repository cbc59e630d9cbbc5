// Loaded by the launcher (lib/cli/start.mjs) before `next start` creates its HTTP server.
// Next 16 gives route handlers no socket address: it copies the socket address into
// X-Forwarded-For only when the client sent none, so a forged header hides it. This hook stamps
// every request with the socket address and a per-process secret, so the app can tell the real
// peer from a header a client wrote (lib/auth/client-ip.ts).
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';

export const PEER_HEADER = 'x-portal-peer';
export const PEER_SECRET_KEY = Symbol.for('portal.peerSecret');

export function installPeerAddressHeader() {
  if (globalThis[PEER_SECRET_KEY]) return;
  const secret = randomBytes(24).toString('base64url');
  globalThis[PEER_SECRET_KEY] = secret;
  for (const mod of [http, https]) {
    const createServer = mod.createServer;
    mod.createServer = function createServerWithPeer(...args) {
      const server = createServer.apply(this, args);
      // Runs before Next's listener and overwrites whatever a client sent under this name.
      server.prependListener('request', (req) => {
        req.headers[PEER_HEADER] = `${secret} ${req.socket?.remoteAddress ?? 'unknown'}`;
      });
      return server;
    };
  }
}
