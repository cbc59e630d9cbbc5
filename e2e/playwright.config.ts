import path from 'node:path';
import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3210);
// Far from E2E_PORT: on a shared machine the ports next to it are other people's servers.
const CRAWL_PORT = Number(process.env.E2E_CRAWL_PORT ?? PORT + 1000);
const root = path.resolve(__dirname, '..');

/*
 * Two servers, each with its own fresh embedded database, and a worker for each. The journeys
 * write (publish, withhold, disable an account, …) and read what earlier journeys wrote, so they
 * run one at a time on theirs. The crawls only read: the phone and accessibility crawls and the
 * build checks run beside the journeys on a server no journey touches, so no write can race them.
 */
const CRAWLS = /\/(phone|accessibility|client-bundle)\.spec\.ts$/;

const server = (port: number, dataDir: string) => ({
  command: 'node e2e/setup/serve.mjs',
  cwd: root,
  url: `http://localhost:${port}/api/health`,
  timeout: 180_000,
  reuseExistingServer: false,
  stdout: 'pipe' as const,
  // Response-cache copies outlive the longest journey on a loaded machine, so a test that a change leaves unrelated copies alone cannot pass or fail by their age.
  env: { PORT: String(port), DATA_DIR: path.join(root, dataDir), NEXT_TELEMETRY_DISABLED: '1', DATABASE_URL: '', RESPONSE_CACHE_TTL_S: '3600' },
});

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts/,
  outputDir: path.join(root, 'test-results'),
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  // Two servers and two browsers share the machine: a page can take longer than the default 5 s to settle.
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    locale: 'zh-CN',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [
    { name: 'journeys', testIgnore: CRAWLS, workers: 1, use: { baseURL: `http://localhost:${PORT}` } },
    { name: 'crawls', testMatch: CRAWLS, workers: 1, use: { baseURL: `http://localhost:${CRAWL_PORT}` } },
  ],
  webServer: [server(PORT, '.data/e2e'), server(CRAWL_PORT, '.data/e2e-crawls')],
});
