import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export default defineConfig({
  root,
  resolve: {
    alias: {
      '@': root,
      // `server-only` throws outside React's server condition; the tests are the server here.
      'server-only': path.join(root, 'tests/support/server-only.ts'),
    },
  },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    // Seeds the demo once per run; suites copy it.
    globalSetup: ['tests/support/global-setup.ts'],
    environment: 'node',
    testTimeout: 120_000,
    // Generous: a seeded PGlite database takes seconds alone, far longer on a loaded shared machine.
    hookTimeout: 300_000,
    // Two cores: PGlite instances are heavy, keep files from all starting at once.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
