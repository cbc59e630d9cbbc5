// Preloaded into the `next start` process (node --import) before Next creates its HTTP server.
import http from 'node:http';
import { installPeerAddressHeader } from '../auth/peer-address.mjs';
import { installResponseCache } from '../cache/response-cache.mjs';

installPeerAddressHeader();
// Installed second, so it wraps Next's listener after the peer stamp runs (a prepended listener).
installResponseCache(http);
