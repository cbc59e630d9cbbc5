import path from 'node:path';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import drizzle from 'eslint-plugin-drizzle';

const root = path.resolve(import.meta.dirname, '..');

/**
 * Dependencies point inward: pages and components → actions → data layer → database, and the
 * domain (pure logic and the shared vocabulary) below all of them. `import/no-restricted-paths`
 * compares resolved files, so an alias (`@/db`) and a relative path (`../../db`) are caught alike.
 */
const NO_DATABASE = 'Only lib/dal, db, the composition root and tests use the database: call a lib/dal function, and take codes and their types from lib/domain/vocabulary.';
const boundaries = [
  {
    target: ['./app', './components', './proxy.ts', './lib/actions', './lib/api', './lib/audit', './lib/auth', './lib/domain', './lib/errors.ts', './lib/i18n', './lib/import', './lib/schemas', './lib/table'],
    from: './db',
    message: NO_DATABASE,
  },
  {
    target: './lib/domain',
    from: ['./lib/dal', './lib/actions', './lib/auth', './lib/api', './app', './components'],
    message: 'The domain is pure: it imports only the domain (and plain libraries such as zod).',
  },
  {
    target: './lib/auth',
    from: './lib/dal',
    message: 'lib/auth (permissions, hashing, request facts) sits below the data layer: the data layer uses it, never the reverse.',
  },
  {
    target: './components',
    from: './app',
    message: 'components/ holds what several routes share: a component used by one route lives in that route\'s _components/ folder, and shared ones import no route (tests/unit/components-beside-routes.test.ts).',
  },
  {
    // Transaction helpers that do not authorize: only the data layer itself (and tests) may call them.
    target: ['./app', './components', './proxy.ts', './db', './e2e', ...['actions', 'api', 'audit', 'auth', 'domain', 'errors.ts', 'i18n', 'import', 'schemas', 'table', 'cli'].map((p) => `./lib/${p}`)],
    from: './lib/dal/internal',
    message: 'lib/dal/internal does not authorize: call an exported lib/dal function that takes the caller\'s context.',
  },
];

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: ['.next/**', 'node_modules/**', 'data/**', '.data/**', 'db/migrations/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'] },
  {
    // Never parse installed packages while following imports (no-cycle): slow, and some are not parseable.
    settings: { 'import/ignore': ['node_modules'] },
    rules: {
      'import/no-cycle': ['error', { ignoreExternal: true }],
      'import/no-restricted-paths': ['error', { basePath: root, zones: boundaries }],
    },
  },
  {
    files: ['lib/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['next', 'next/*', 'next-auth', 'next-auth/*', 'react', 'react-dom', 'server-only', 'drizzle-orm', 'drizzle-orm/*', 'postgres', '@electric-sql/*'],
              message: 'The domain is pure and runs in the browser too: no framework, no database driver.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.{ts,tsx,mts}'],
    plugins: { drizzle },
    rules: {
      // How this code names a Drizzle handle: `db` (also `t.db` in tests, `ctx.db`) and `tx` inside a transaction.
      'drizzle/enforce-delete-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
      'drizzle/enforce-update-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
    },
  },
];

export default config;
