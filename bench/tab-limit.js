#!/usr/bin/env node
// The biggest file a tab is meant to open: a generated service history of about 7 GB (about
// 50 million events, the aim), imported in headless Chromium from the release build
// (dist/) with the guessed mapping. Prints what the mapping step said about its size, the
// progress the page showed (how many distinct readings, and the last one before the end), the
// import's time, the engine worker's wasm memory after it (its peak) with bytes per event, and
// the time to the first box of the map. One run: it takes minutes.
//
//   node bench/tab-limit.js [FILE.csv]
//
// Default file: target/bench/history-7gb.csv (`casemap generate --cases 5700000 --seed 7`,
// made when missing; about 7 GB of disk).
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { spawnSync } = require("node:child_process");
const { repo, start } = require("./browser");

const port = Number(process.env.CASEMAP_BENCH_PORT || 4632);
const cli = process.env.CASEMAP_CLI || path.join(repo, "target/release/casemap");

function history() {
  const file = path.join(repo, "target/bench/history-7gb.csv");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const made = spawnSync(cli, ["generate", "--cases", "5700000", "--seed", "7", "-o", file], { stdio: "inherit" });
    if (made.status !== 0) throw new Error("casemap generate failed");
  }
  return file;
}

async function main() {
  const file = process.argv[2] || history();
  const { browser, stop } = await start(port);
  try {
    const page = await browser.newPage();
    const problems = [];
    page.on("console", (message) => {
      if (message.type() === "warning" || message.type() === "error") problems.push(message.text());
    });
    page.on("crash", () => problems.push("the page crashed"));
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForSelector("main[data-worker=ready]");
    const t0 = Date.now();
    await page.getByTestId("file-input").setInputFiles(file);
    await page.getByTestId("mapping-step").waitFor({ timeout: 300_000 });
    const notice = page.locator("[data-testid^=size-]").first();
    const said = (await notice.count()) > 0 ? `${await notice.getAttribute("data-testid")}: ${(await notice.innerText()).split("\n")[0]}` : "nothing";
    console.log(`${path.basename(file)}: ${(fs.statSync(file).size / 1e9).toFixed(2)} GB; the mapping step said ${said}`);
    const t1 = Date.now();
    await page.getByTestId("import").click();
    // Progress, read every second until the import ends.
    const readings = new Set();
    let last = "";
    for (;;) {
      if ((await page.getByTestId("job-done").count()) > 0 || (await page.getByTestId("job-failed").count()) > 0) break;
      const bytes = page.getByTestId("progress-bytes");
      if ((await bytes.count()) > 0) {
        last = `${await bytes.innerText()} / ${await page.getByTestId("progress-rows").innerText()}`;
        readings.add(last);
      }
      if (Date.now() - t1 > 1_800_000) throw new Error("the import took more than 30 minutes");
      await page.waitForTimeout(1000);
    }
    const t2 = Date.now();
    if ((await page.getByTestId("job-failed").count()) > 0) {
      throw new Error(`the import failed: ${await page.getByTestId("job-failed").innerText()}`);
    }
    const memory = Number(await page.getByTestId("job-done").getAttribute("data-worker-memory"));
    const events = Number((await page.getByTestId("fact-events").innerText()).replace(/\D/g, ""));
    console.log(`progress: ${readings.size} readings, the last "${last}"`);
    console.log(`import: ${((t2 - t1) / 1000).toFixed(1)} s; ${events.toLocaleString("en")} events; worker memory ${(memory / 1e6).toFixed(0)} MB (${(memory / events).toFixed(1)} bytes per event)`);
    await page.getByTestId("tab-map").click();
    await page.locator("[data-testid=map-svg] g.activity").first().waitFor({ timeout: 600_000 });
    const t3 = Date.now();
    console.log(`to the map: ${((t3 - t0) / 1000).toFixed(1)} s from setting the file (map after the import: ${((t3 - t2) / 1000).toFixed(1)} s)`);
    if (problems.length > 0) console.log(`problems: ${problems.join("; ")}`);
  } finally {
    await stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
