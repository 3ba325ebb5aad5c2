#!/usr/bin/env node
// Parallel import in the browser against one pass, on the same build in one run: headless
// Chromium, the release build (dist/), about a million events. The one-pass baseline is the
// same page with the worker told it has one core (the benchmark serves the worker's entry
// script with navigator.hardwareConcurrency overridden first, so the engine worker starts no
// helper; DevTools' Emulation.setHardwareConcurrencyOverride does not reach workers); the
// script checks which way each run went (the import summary names the workers).
//
//   node bench/parallel-import.js [FILE.csv ...]
//
// Default files: target/bench/bpic2012x4.csv (the shared bpic2012 log four times over, case
// ids made distinct: 1,048,800 events, 113 MB; made when missing) and a generated log of
// 115,000 cases (`casemap generate`, about 1M events). Times, taken in Node, medians of
// CASEMAP_BENCH_RUNS runs (default 3) with the two ways alternating:
//   import: from the Import click (mapping confirmed) to the import summary shown;
//   to map: from setting the file in the page to the first activity box of the process map,
//           the Import click and the map tab's click included (the probe);
// and the engine worker's wasm memory after the import (its peak: a wasm memory only grows),
// with bytes per event.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { spawnSync } = require("node:child_process");
const { repo, median, start } = require("./browser");

const port = Number(process.env.CASEMAP_BENCH_PORT || 4631);
const RUNS = Number(process.env.CASEMAP_BENCH_RUNS || 3);
const cli = process.env.CASEMAP_CLI || path.join(repo, "target/release/casemap");
const benchDir = path.join(repo, "target/bench");

function bpic2012x4() {
  const file = path.join(benchDir, "bpic2012x4.csv");
  if (!fs.existsSync(file)) {
    const source = fs.readFileSync(path.join(repo, "../shared/data/bpic2012.csv"), "utf8").split("\n");
    const header = source[0];
    const rows = source.slice(1).filter((line) => line.length > 0);
    const out = fs.openSync(file, "w");
    fs.writeSync(out, `${header}\n`);
    for (let copy = 1; copy <= 4; copy += 1) {
      fs.writeSync(out, rows.map((row) => `r${copy}-${row}`).join("\n") + "\n");
    }
    fs.closeSync(out);
  }
  return file;
}

function generated() {
  const file = path.join(benchDir, "generated-115000.csv");
  if (!fs.existsSync(file)) {
    const made = spawnSync(cli, ["generate", "--cases", "115000", "--seed", "42", "-o", file], { stdio: "inherit" });
    if (made.status !== 0) throw new Error("casemap generate failed");
  }
  return file;
}

/** One import of `file` in a fresh browser: the times and the workers the page reports. */
async function run(file, cores) {
  const { browser, stop } = await start(port);
  try {
    return await runIn(browser, file, cores);
  } finally {
    await stop();
  }
}

async function runIn(browser, file, cores) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on("console", (message) => {
    if (message.type() === "warning" || message.type() === "error") problems.push(message.text());
  });
  if (cores) {
    // The worker's entry script, served with the core count it sees overridden first.
    const loader = fs.readFileSync(path.join(repo, "dist/worker_loader.js"), "utf8");
    await context.route(/worker_loader\.js$/, (route) =>
      route.fulfill({
        contentType: "text/javascript",
        body: `Object.defineProperty(WorkerNavigator.prototype, "hardwareConcurrency", { get: () => ${cores} });\n${loader}`,
      }),
    );
  }
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForSelector("main[data-worker=ready]");
  // Let the helpers start, as they would while a user picks a file.
  await page.waitForTimeout(500);
  const t0 = Date.now();
  await page.getByTestId("file-input").setInputFiles(file);
  await page.getByTestId("mapping-step").waitFor({ timeout: 120_000 });
  const t1 = Date.now();
  await page.getByTestId("import").click();
  await page.getByTestId("job-done").waitFor({ timeout: 300_000 });
  const t2 = Date.now();
  const parts = await page.getByTestId("fact-parts").count();
  const memory = Number(await page.getByTestId("job-done").getAttribute("data-worker-memory"));
  const events = Number((await page.getByTestId("fact-events").innerText()).replace(/\D/g, ""));
  await page.getByTestId("tab-map").click();
  await page.locator("[data-testid=map-svg] g.activity").first().waitFor({ timeout: 120_000 });
  const t3 = Date.now();
  await context.close();
  return { import: (t2 - t1) / 1000, toMap: (t3 - t0) / 1000, parallel: parts > 0, memory, events, problems };
}

async function main() {
  fs.mkdirSync(benchDir, { recursive: true });
  const files = process.argv.slice(2).length > 0 ? process.argv.slice(2) : [bpic2012x4(), generated()];
  {
    console.log("file                      MB     one pass: import  to map   parallel: import  to map   import ratio  to-map ratio   worker memory: one pass  parallel (bytes per event)");
    for (const file of files) {
      const times = { one: [], parallel: [] };
      for (let r = 0; r < RUNS; r += 1) {
        for (const [way, cores] of [["one", 1], ["parallel", 0]]) {
          const result = await run(file, cores);
          if (result.parallel !== (way === "parallel")) {
            throw new Error(`${way} run of ${file} went the other way: ${result.problems.join("; ") || "no message"}`);
          }
          times[way].push(result);
        }
      }
      const m = (way, key) => median(times[way].map((t) => t[key]));
      // The engine worker's wasm memory after the import (its peak), the same in every run.
      const mem = (runs) => `${(runs[0].memory / 1e6).toFixed(0).padStart(9)} MB (${(runs[0].memory / runs[0].events).toFixed(0)})`;
      const mb = fs.statSync(file).size / 1e6;
      console.log(
        `${path.basename(file).padEnd(24)} ${mb.toFixed(0).padStart(5)}   ${m("one", "import").toFixed(2).padStart(14)} s ${m("one", "toMap").toFixed(2).padStart(6)} s ${m("parallel", "import").toFixed(2).padStart(16)} s ${m("parallel", "toMap").toFixed(2).padStart(6)} s ${(m("one", "import") / m("parallel", "import")).toFixed(2).padStart(11)}x ${(m("one", "toMap") / m("parallel", "toMap")).toFixed(2).padStart(12)}x ${mem(times.one)} ${mem(times.parallel)}`,
      );
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
