#!/usr/bin/env node
// Import in the browser: the time from setting a file in the page to the mapping step, and
// from the Import click to the summary, for generated logs of about 100,000 and 1,000,000
// events, in headless Chromium against the release build (dist/). Then, timed inside the
// page: the map tab opened a second after the import (a user reading the overview); a first
// step of the activity slider right after the map shows (the worker computes it from the
// distinct activity sequences, possibly behind one graph it prepares in idle time); a second
// later, a drag over ten positions (graphs prepared in idle time: the median and the slowest
// step); one step of the path slider; a filter change (channel = Email added, then removed)
// from the click to the redrawn map; the variants tab from the click to its rows. Three runs
// each; medians. Then logs with hundreds of activities: the first map, and activity slider
// steps by one and by jumps (see manyActivities).
//
//   node bench/import-browser.js            (after scripts/build.sh and a release CLI build)
//
// The logs are made by `casemap generate` (target/release/casemap); the page is served by
// scripts/static-server.js on a free port.
"use strict";

const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { spawnSync } = require("node:child_process");
const { repo, median, start, mapStep } = require("./browser");

const cli = process.env.CASEMAP_CLI || path.join(repo, "target/release/casemap");
const port = Number(process.env.CASEMAP_BENCH_PORT || 4621);
const RUNS = Number(process.env.CASEMAP_BENCH_RUNS || 3);
const SIZES = [
  { label: "100k events", cases: 11_500 },
  { label: "1M events", cases: 115_000 },
];

/**
 * A tab opened, timed inside the page: from the click to `selector` showing and the next
 * animation frame.
 */
const openTab = (page, testid, selector) =>
  page.evaluate(
    ({ testid, selector }) =>
      new Promise((resolve) => {
        const t0 = performance.now();
        const observer = new MutationObserver(() => {
          if (!document.querySelector(selector)) return;
          observer.disconnect();
          requestAnimationFrame(() => resolve((performance.now() - t0) / 1000));
        });
        observer.observe(document.body, { subtree: true, childList: true });
        document.querySelector(`[data-testid=${testid}]`).click();
      }),
    { testid, selector },
  );

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "casemap-bench-"));
  const { browser, stop } = await start(port);
  try {
    console.log("log            size      events     inspect (median)  import (median)  total    first map  activity step  drag (median, max)  path step  filter add  filter remove  variants tab  worker import");
    // CASEMAP_BENCH_ONLY=many runs only the logs with many activities.
    for (const { label, cases } of process.env.CASEMAP_BENCH_ONLY === "many" ? [] : SIZES) {
      const file = path.join(dir, `generated-${cases}.csv`);
      const report = spawnSync(cli, ["generate", "--cases", String(cases), "--seed", "42", "-o", file], { encoding: "utf8" }).stderr;
      const events = Number(report.match(/([\d,]+) events/)[1].replace(/,/g, ""));
      const inspect = [];
      const imported = [];
      const worker = [];
      const firstMap = [];
      const activityStep = [];
      const activityDrag = [];
      const activityDragMax = [];
      const pathStep = [];
      const filterAdd = [];
      const filterRemove = [];
      const variantsTab = [];
      for (let run = 0; run < RUNS; run++) {
        const page = await browser.newPage();
        await page.goto(`http://127.0.0.1:${port}/`);
        await page.waitForSelector("main[data-worker=ready]");
        const t0 = Date.now();
        await page.getByTestId("file-input").setInputFiles(file);
        await page.getByTestId("mapping-step").waitFor({ timeout: 60_000 });
        const t1 = Date.now();
        await page.getByTestId("import").click();
        await page.getByTestId("job-done").waitFor({ timeout: 120_000 });
        const t2 = Date.now();
        inspect.push((t1 - t0) / 1000);
        imported.push((t2 - t1) / 1000);
        worker.push(await page.getByTestId("fact-seconds").locator("dd").textContent());
        await page.waitForTimeout(1000);
        // The map tab a second after the import (a user reading the overview).
        firstMap.push(await openTab(page, "tab-map", "[data-testid=map-svg] g.activity"));
        // The activity slider counts activities: positions as shares of all of them.
        const total = Number(await page.getByTestId("map-activities").getAttribute("max"));
        const share = (p) => Math.max(1, Math.ceil((p / 100) * total));
        activityStep.push(await mapStep(page, "map-activities", share(50)));
        await page.waitForTimeout(1000);
        const drag = [];
        for (const value of [45, 40, 35, 25, 20, 10, 30, 60, 80, 100]) {
          drag.push(await mapStep(page, "map-activities", share(value)));
        }
        activityDrag.push(median(drag));
        activityDragMax.push(Math.max(...drag));
        await page.waitForTimeout(300);
        pathStep.push(await mapStep(page, "map-paths", 100));
        // A filter change, timed inside the page: from the click to the map's SVG showing the
        // filtered cases and the next animation frame.
        const redraw = (testid) =>
          page.evaluate(
            (testid) =>
              new Promise((resolve) => {
                const canvas = document.querySelector("[data-testid=map-canvas]");
                const t0 = performance.now();
                const observer = new MutationObserver(() => {
                  if (!canvas.querySelector("[data-testid=map-svg] g.activity")) return;
                  observer.disconnect();
                  requestAnimationFrame(() => resolve((performance.now() - t0) / 1000));
                });
                observer.observe(canvas, { subtree: true, childList: true, characterData: true });
                document.querySelector(`[data-testid=${testid}]`).click();
              }),
            testid,
          );
        await page.getByTestId("filter-add").click();
        await page.getByTestId("filter-column").selectOption("channel");
        await page.getByTestId("filter-values").getByRole("checkbox", { name: /^Email/ }).check();
        await page.waitForTimeout(300);
        filterAdd.push(await redraw("filter-apply"));
        await page.waitForTimeout(300);
        filterRemove.push(await redraw("filter-remove"));
        await page.waitForTimeout(300);
        variantsTab.push(await openTab(page, "tab-variants", "[data-testid=variant-row]"));
        await page.close();
      }
      const size = `${(fs.statSync(file).size / 1e6).toFixed(0)} MB`;
      const line = [
        label.padEnd(14),
        size.padStart(6),
        events.toLocaleString("en-US").padStart(11),
        `${median(inspect).toFixed(2)} s`.padStart(16),
        `${median(imported).toFixed(2)} s`.padStart(16),
        `${(median(inspect) + median(imported)).toFixed(2)} s`.padStart(8),
        `${median(firstMap).toFixed(2)} s`.padStart(10),
        `${(median(activityStep) * 1000).toFixed(0)} ms`.padStart(14),
        `${(median(activityDrag) * 1000).toFixed(0)} ms, ${(median(activityDragMax) * 1000).toFixed(0)} ms`.padStart(19),
        `${(median(pathStep) * 1000).toFixed(0)} ms`.padStart(10),
        `${median(filterAdd).toFixed(2)} s`.padStart(11),
        `${median(filterRemove).toFixed(2)} s`.padStart(14),
        `${(median(variantsTab) * 1000).toFixed(0)} ms`.padStart(13),
        `  ${worker.join(", ")}`,
      ];
      console.log(line.join(" "));
    }
    await manyActivities(browser);
  } finally {
    await stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Logs with hundreds of activities (the export-shaped fixtures of 600 and 398 activities): the
 * first map from the tab click, then activity slider steps timed inside the page (the aim is
 * under 300 ms): one at a time around the first map, then jumps to 50, 100, 200, all and back.
 */
async function manyActivities(browser) {
  const files = ["many_activities_600.csv", "many_activities_400.csv"].map((f) => path.join(repo, "crates/engine/tests/data/exports", f));
  console.log("\nlog                                  first map  step by one (median, max)  jumps (median, max)");
  for (const file of files) {
    const firstMap = [];
    const byOne = [];
    const byOneMax = [];
    const jumps = [];
    const jumpsMax = [];
    for (let run = 0; run < RUNS; run++) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.waitForSelector("main[data-worker=ready]");
      await page.getByTestId("file-input").setInputFiles(file);
      await page.getByTestId("mapping-step").waitFor({ timeout: 60_000 });
      await page.getByTestId("import").click();
      await page.getByTestId("job-done").waitFor({ timeout: 120_000 });
      await page.waitForTimeout(1000);
      firstMap.push(await openTab(page, "tab-map", "[data-testid=map-svg] g.activity"));
      const total = Number(await page.getByTestId("map-activities").getAttribute("max"));
      const first = Number(await page.getByTestId("map-activities").inputValue());
      await page.waitForTimeout(500);
      const ones = [];
      for (const value of [first + 1, first + 2, first + 3, first + 2, first + 1, first, first - 1, first - 2]) ones.push(await mapStep(page, "map-activities", value));
      byOne.push(median(ones));
      byOneMax.push(Math.max(...ones));
      // A user looks at the map for a few seconds before jumping: the worker prepares the
      // reference layouts of other sizes in that time.
      await page.waitForTimeout(5000);
      const far = [];
      for (const value of [50, 100, 200, total, 100, first]) far.push(await mapStep(page, "map-activities", Math.min(value, total)));
      jumps.push(median(far));
      jumpsMax.push(Math.max(...far));
      await page.close();
    }
    console.log(
      [
        path.basename(file).padEnd(26),
        `${median(firstMap).toFixed(2)} s`.padStart(21),
        `${(median(byOne) * 1000).toFixed(0)} ms, ${(median(byOneMax) * 1000).toFixed(0)} ms`.padStart(27),
        `${(median(jumps) * 1000).toFixed(0)} ms, ${(median(jumpsMax) * 1000).toFixed(0)} ms`.padStart(21),
      ].join(""),
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
