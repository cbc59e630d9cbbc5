import { defineConfig } from 'drizzle-kit';

// Generation only: migrations are applied by the server at start-up (db/migrate.ts), never by the CLI.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
  casing: 'snake_case',
});
