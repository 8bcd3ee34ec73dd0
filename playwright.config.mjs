// End-to-end tests against the release build in dist/ (built by the test command).
import { defineConfig } from '@playwright/test';

const port = 4173;
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  // One worker: on this 2-core machine a second one gained 0.2 of 6.3 minutes and made
  // the suite's timing-sensitive steps race the browser for the CPU.
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    // The offline test allows the service worker; elsewhere it would hide page.route().
    serviceWorkers: 'block',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: [
    // Ralph, the LRS (scripts/test.sh sets its port, credentials and folders), and the
    // course built to report to it (tests/e2e/lrs.spec.mjs).
    ...(process.env.RALPH_PORT ? [{
      command: `target/ralph-venv/bin/python scripts/run-ralph.py ${process.env.RALPH_PORT}`,
      env: {
        RALPH_RUNSERVER_BACKEND: 'fs',
        RALPH_LRS_RESTRICT_BY_SCOPES: 'true',
        RALPH_LRS_RESTRICT_BY_AUTHORITY: 'true',
        RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH: process.env.RALPH_DATA_DIR,
        RALPH_RUNSERVER_CORS_ALLOW_ORIGINS: '["http://127.0.0.1:4192", "http://127.0.0.1:4193"]',
      },
      url: `http://127.0.0.1:${process.env.RALPH_PORT}/__heartbeat__`,
      reuseExistingServer: false,
      timeout: 60_000,
    }, {
      command: 'node scripts/serve-dist.mjs target/lrs-site 4192',
      url: 'http://127.0.0.1:4192/',
      reuseExistingServer: false,
      timeout: 30_000,
    }, {
      // The course built for that one LRS (--lrs-endpoint, the write-only credential).
      command: 'node scripts/serve-dist.mjs target/lrs-site-one 4193',
      url: 'http://127.0.0.1:4193/',
      reuseExistingServer: false,
      timeout: 30_000,
    }] : []),
    {
      command: `node scripts/serve-dist.mjs dist ${port}`,
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      // The test LMS page framing the unpacked SCORM package (laid out by scripts/scorm.sh).
      command: 'node scripts/serve-dist.mjs target/scorm-site 4175',
      url: 'http://127.0.0.1:4175/index.html',
      reuseExistingServer: false,
      timeout: 30_000,
    },
    // The second test course (tests/courses/small), built by the test command.
    {
      command: 'node scripts/serve-dist.mjs target/small-site 4178',
      url: 'http://127.0.0.1:4178/',
      reuseExistingServer: false,
      timeout: 30_000,
    },
    // The Arabic test course (tests/courses/small-ar), right to left.
    {
      command: 'node scripts/serve-dist.mjs target/small-ar-site 4181',
      url: 'http://127.0.0.1:4181/',
      reuseExistingServer: false,
      timeout: 30_000,
    },
    // The same two, with `.wasm` served as application/octet-stream, as a server with no entry
    // for the extension does (tests/e2e/wasm-type.spec.mjs).
    {
      command: `node scripts/serve-dist.mjs dist 4176`,
      env: { WASM_TYPE: 'application/octet-stream' },
      url: 'http://127.0.0.1:4176/',
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: 'node scripts/serve-dist.mjs target/scorm-site 4177',
      env: { WASM_TYPE: 'application/octet-stream' },
      url: 'http://127.0.0.1:4177/index.html',
      reuseExistingServer: false,
      timeout: 30_000,
    },
  ],
});
