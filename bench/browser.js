// What the browser benchmarks share: the release build served on a free port by the repo's
// static server, and Debian's headless Chromium started as the e2e tests start it.
"use strict";

const path = require("node:path");
const { spawn } = require("node:child_process");

const repo = path.resolve(__dirname, "..");
const { chromium } = require(path.join(repo, "tests/e2e/node_modules/playwright-core"));

/** The median of a list of numbers. */
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Serves dist/ on `port` and starts Chromium; `stop()` ends both. */
async function start(port) {
  const server = spawn("node", [path.join(repo, "scripts/static-server.js"), "--root", path.join(repo, "dist"), "--port", String(port)], {
    stdio: "ignore",
  });
  await new Promise((resolve) => setTimeout(resolve, 500));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const stop = async () => {
    await browser.close();
    server.kill();
  };
  return { browser, stop };
}

/** Opens the app on `port` in a new page, imports `file` with the guessed mapping and waits
 * until it is loaded; returns the page and the events it read (as the page writes them). */
async function openLog(browser, port, file) {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForSelector("main[data-worker=ready]");
  await page.getByTestId("file-input").setInputFiles(file);
  await page.getByTestId("mapping-step").waitFor({ timeout: 120_000 });
  await page.getByTestId("import").click();
  await page.getByTestId("job-done").waitFor({ timeout: 300_000 });
  const events = (await page.getByTestId("fact-events").locator("dd").textContent()).trim();
  return { page, events };
}

/**
 * A slider step, timed inside the page: from the input event to the map's SVG having changed
 * and the next animation frame (when the browser paints it).
 */
const mapStep = (page, testid, value) =>
  page.evaluate(
    ({ testid, value }) =>
      new Promise((resolve) => {
        const svg = document.querySelector("[data-testid=map-svg]");
        const input = document.querySelector(`[data-testid=${testid}]`);
        const t0 = performance.now();
        const observer = new MutationObserver(() => {
          observer.disconnect();
          requestAnimationFrame(() => resolve((performance.now() - t0) / 1000));
        });
        observer.observe(svg, { subtree: true, childList: true, characterData: true, attributes: true });
        input.value = String(value);
        input.dispatchEvent(new Event("input", { bubbles: true }));
      }),
    { testid, value },
  );

module.exports = { repo, median, start, openLog, mapStep };
