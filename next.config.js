/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native or filesystem-bound packages must stay outside the bundle (see shared NOTES: PGlite).
  serverExternalPackages: ['@electric-sql/pglite', '@node-rs/argon2', 'postgres'],
  poweredByHeader: false,
  // forbidden() answers 403 from the data layer's page guard.
  experimental: {
    authInterrupts: true,
    // Programme documents may be up to 10 MB (checked again by content in the data layer).
    serverActions: { bodySizeLimit: '11mb' },
  },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
          // Keep in step with PERMISSIONS_POLICY in lib/auth/csp.ts. The nonce CSP is set per request in proxy.ts.
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), browsing-topics=()' },
          { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
