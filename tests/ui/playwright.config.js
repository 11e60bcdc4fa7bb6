// Browser tests of the desk: the real `marsad` binary on a store ingested from
// ../shared/corpus/seeds (and tests/desk/xss.jsonl), driven in Debian's chromium; and,
// when MARSAD_UI_SCALE_DB names one, a second server on a store of a few thousand
// SaudiNewsNet articles (scale.spec.js: every page, a time budget, the labels).
// .ci/run builds the binary, ingests the stores and runs `npx playwright test` here.
const { defineConfig } = require('@playwright/test');
const path = require('path');

const root = path.resolve(__dirname, '../..');
const port = Number(process.env.MARSAD_UI_PORT || 18765);
const bin = process.env.MARSAD_BIN || path.join(root, 'target/release/marsad');
const db = process.env.MARSAD_UI_DB || path.join(root, 'target/ui/desk.db');
const scaleDb = process.env.MARSAD_UI_SCALE_DB;
const scalePort = port + 1;
const server = (file, p) => ({
  command: `"${bin}" serve --db "${file}" --addr 127.0.0.1:${p}`,
  // Up when its caches are warm: the stories list is built from them.
  url: `http://127.0.0.1:${p}/api/stories?limit=1`,
  reuseExistingServer: false,
  timeout: 60_000,
  stdout: 'pipe',
  stderr: 'pipe',
});

module.exports = defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.js/,
  timeout: 60_000,
  retries: 0,
  workers: 1,
  reporter: [['list']],
  outputDir: path.join(root, 'target/ui/results'),
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-dev-shm-usage'],
    },
    viewport: { width: 1280, height: 900 },
    locale: 'ar',
  },
  webServer: scaleDb ? [server(db, port), server(scaleDb, scalePort)] : [server(db, port)],
});
