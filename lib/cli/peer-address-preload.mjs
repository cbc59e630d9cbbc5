// Preloaded into the `next start` process (node --import) before Next creates its HTTP server.
import { installPeerAddressHeader } from '../auth/peer-address.mjs';

installPeerAddressHeader();
