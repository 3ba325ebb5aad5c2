#!/usr/bin/env node
// Comparison in the browser: the time from a click on Compare (before/after a date) to the
// comparison's figures shown and its difference map drawn (worker, messages and page; timed
// inside the page), on a generated log of about 1M events split into two halves, against the
// native engine's time for the same work (the session's compare + difference map, from the
// compare_profile example) and, as the baseline of the same run, the time the page takes to
// draw the whole log's process map after a slider step. The date alternates between two weeks,
// so every run compares a pair of segments the worker has not seen. Medians of
// CASEMAP_BENCH_RUNS (default 5) runs.
//
//   node bench/comparison-browser.js   (after scripts/build.sh and cargo build --release -p casemap-cli)
"use strict";

const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { spawnSync } = require("node:child_process");
const { repo, median, start, openLog, mapStep } = require("./browser");

const cli = process.env.CASEMAP_CLI || path.join(repo, "target/release/casemap");
const port = Number(process.env.CASEMAP_BENCH_PORT || 4623);
const RUNS = Number(process.env.CASEMAP_BENCH_RUNS || 5);

/** Sets the date, clicks Compare and waits until the figures and a new difference map show. */
const compareAt = (page, date) =>
  page.evaluate(
    (date) =>
      new Promise((resolve) => {
        const old = document.querySelector("[data-testid=diff-map] svg");
        const input = document.querySelector("[data-testid=compare-date]");
        input.value = date;
        input.dispatchEvent(new Event("change", { bubbles: true }));
        const done = () => {
          const svg = document.querySelector("[data-testid=diff-map] svg");
          const a = document.querySelector("[data-testid=compare-a]");
          return svg && svg !== old && svg.querySelector("g.edge") && a && a.textContent.includes(date) && document.querySelector("[data-testid=compare-kpis]");
        };
        const t0 = performance.now();
        const observer = new MutationObserver(() => {
          if (!done()) return;
          observer.disconnect();
          requestAnimationFrame(() => resolve(performance.now() - t0));
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
        document.querySelector("[data-testid=compare-run]").click();
      }),
    date,
  );

/** The native session's median for the same work (the example prints it). */
function native(file, date) {
  const out = spawnSync("cargo", ["run", "--quiet", "--release", "-p", "casemap-engine", "--example", "compare_profile", "--", file, date], {
    cwd: repo,
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  if (out.status !== 0) throw new Error(out.stderr);
  const line = out.stdout.split("\n").find((l) => l.startsWith("session: compare + difference map"));
  return Number(/([\d.]+) ms/.exec(line)[1]);
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "casemap-bench-"));
  const file = path.join(dir, "generated-115000.csv");
  spawnSync(cli, ["generate", "--cases", "115000", "--seed", "42", "-o", file]);
  const suggested = JSON.parse(spawnSync(cli, ["compare", file, "--suggest", "--json"], { encoding: "utf8", maxBuffer: 1 << 26 }).stdout);
  const { browser, stop } = await start(port);
  try {
    const { page, events } = await openLog(browser, port, file);
    page.on("crash", () => console.error("the page crashed"));
    page.on("console", (m) => m.type() === "error" && console.error("console:", m.text()));
    // The baseline: a slider step of the whole log's map.
    await page.getByTestId("tab-map").click();
    await page.locator("[data-testid=map-svg] g.edge").first().waitFor({ timeout: 120_000 });
    const maps = [];
    for (let run = 0; run < RUNS; run++) {
      await page.waitForTimeout(200);
      maps.push((await mapStep(page, "map-paths", run % 2 === 0 ? 100 : 10 + run)) * 1000);
    }
    await page.getByTestId("tab-compare").click();
    await page.getByTestId("compare-date").waitFor();
    // The halves: the suggested week (the generated log's change), and the week after it.
    const first = suggested ? suggested.week_start : "2025-04-14";
    const second = new Date(Date.parse(`${first}T00:00:00Z`) + 7 * 86400e3).toISOString().slice(0, 10);
    const times = [];
    for (let run = 0; run < RUNS + 1; run++) {
      await page.waitForTimeout(200);
      const t = await compareAt(page, run % 2 === 0 ? first : second);
      if (run > 0) times.push(t); // the first run also finds the change point's facts
    }
    await page.close();
    const nativeMs = native(file, first);
    const browserMs = median(times);
    const mapMs = median(maps);
    console.log(`log: generated, ${events} events; halves before/after ${first} and ${second}`);
    console.log(`browser: click to figures and difference map  ${browserMs.toFixed(0)} ms   runs: ${times.map((t) => t.toFixed(0)).join(", ")} ms`);
    console.log(`browser: a slider step of the whole map (baseline) ${mapMs.toFixed(0)} ms   runs: ${maps.map((t) => t.toFixed(0)).join(", ")} ms`);
    console.log(`native:  compare + difference map (session)   ${nativeMs.toFixed(0)} ms`);
    console.log(`ratios:  browser/native ${(browserMs / nativeMs).toFixed(1)}x, browser/baseline ${(browserMs / mapMs).toFixed(1)}x`);
  } finally {
    await stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
