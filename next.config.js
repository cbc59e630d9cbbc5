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
        ],
      },
    ];
  },
};

module.exports = nextConfig;
