// Playwright end-to-end tests of the release build, in Debian's headless Chromium (no browser
// download). The app is served by scripts/static-server.js from dist/ under the sub-path
// /tools/casemap/, as a static host would serve it.
"use strict";

const path = require("node:path");
const { defineConfig } = require("@playwright/test");

const repo = path.resolve(__dirname, "../..");
const port = Number(process.env.CASEMAP_E2E_PORT || 4517);
const base = "/tools/casemap/";

module.exports = defineConfig({
  testDir: ".",
  testMatch: "*.spec.js",
  outputDir: path.join(repo, "target/e2e/results"),
  timeout: 60_000,
  expect: { timeout: 15_000 },
  workers: 2,
  reporter: [["list"], ["json", { outputFile: path.join(repo, "target/e2e/report.json") }]],
  use: {
    baseURL: `http://127.0.0.1:${port}${base}`,
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
      // Without the background-networking flags Chromium tries to reach Google's hosts,
      // which would pollute the request log and fail on a closed network.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: `node ${path.join(repo, "scripts/static-server.js")} --root ${path.join(repo, "dist")} --base ${base} --port ${port}`,
    url: `http://127.0.0.1:${port}${base}`,
    reuseExistingServer: false,
    stdout: "ignore",
  },
});
