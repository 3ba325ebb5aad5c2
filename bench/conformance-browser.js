#!/usr/bin/env node
// Conformance in the browser: the time from a change of method in the conformance view to
// its figures redrawn (worker, message and page; timed inside the page), against the native
// CLI's `seconds` for the same log, model and method in the same run. Logs: helpdesk (shared
// data) against PM4Py's IMf model of it (tests/reference/models/helpdesk.imf.pnml), and a
// generated log of about 1M events against the IMf model `casemap discover` finds in it.
// The method alternates (alignments, token replay, ...), so every run computes afresh (the
// session keeps one conformance report). Medians of CASEMAP_BENCH_RUNS (default 5) runs.
//
//   node bench/conformance-browser.js   (after scripts/build.sh and cargo build --release -p casemap-cli)
"use strict";

const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { spawnSync } = require("node:child_process");
const { repo, median, start, openLog } = require("./browser");

const cli = process.env.CASEMAP_CLI || path.join(repo, "target/release/casemap");
const data = process.env.CASEMAP_SHARED_DATA || path.resolve(repo, "../shared/data");
const port = Number(process.env.CASEMAP_BENCH_PORT || 4622);
const RUNS = Number(process.env.CASEMAP_BENCH_RUNS || 5);

/** The method switched in the page, timed from the change to the new figures painted. */
const switchMethod = (page, method) =>
  page.evaluate(
    (method) =>
      new Promise((resolve) => {
        const select = document.querySelector("[data-testid=ideal-method]");
        const t0 = performance.now();
        const observer = new MutationObserver(() => {
          const figure = document.querySelector("[data-testid=fig-fitness]");
          if (!figure || !figure.dataset || figure.closest("[data-testid=analysis-view-conformance]") === null) return;
          if (document.querySelector("[data-testid=analysis-loading]")) return;
          observer.disconnect();
          requestAnimationFrame(() => resolve((performance.now() - t0) / 1000));
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        select.value = method;
        select.dispatchEvent(new Event("change", { bubbles: true }));
      }),
    method,
  );

/** The CLI's own seconds for the same check. */
function native(file, model, method) {
  const out = spawnSync(cli, ["conformance", file, "--model", model, "--method", method, "--json"], { encoding: "utf8", maxBuffer: 1 << 30 });
  if (out.status !== 0) throw new Error(out.stderr);
  return JSON.parse(out.stdout).seconds;
}

async function measure(browser, label, file, model) {
  const { page, events } = await openLog(browser, port, file);
  await page.getByTestId("tab-analyses").click();
  // Token replay first: the discovered default on a big log is not what is measured.
  await page.getByTestId("analysis-conformance").click();
  await page.getByTestId("ideal-picker").waitFor();
  await page.getByTestId("ideal-method").selectOption("token_replay");
  await page.getByTestId("fig-fitness").waitFor({ timeout: 300_000 });
  await page.getByTestId("ideal-file").check();
  await page.getByTestId("ideal-file-input").setInputFiles(model);
  await page.getByTestId("ideal-file-name").waitFor({ timeout: 300_000 });
  await page.getByTestId("fig-fitness").waitFor({ timeout: 300_000 });
  const times = { alignments: [], token_replay: [] };
  for (let run = 0; run < RUNS; run++) {
    for (const method of ["alignments", "token_replay"]) {
      await page.waitForTimeout(200);
      times[method].push(await switchMethod(page, method));
    }
  }
  await page.close();
  for (const method of ["alignments", "token_replay"]) {
    const nativeRuns = [];
    for (let run = 0; run < Math.min(RUNS, 3); run++) nativeRuns.push(native(file, model, method.replace("_", "-")));
    const browserMedian = median(times[method]);
    const nativeMedian = median(nativeRuns);
    console.log(
      [
        label.padEnd(22),
        events.padStart(11),
        method.padEnd(13),
        `${(browserMedian * 1000).toFixed(0)} ms`.padStart(10),
        `${(nativeMedian * 1000).toFixed(0)} ms`.padStart(10),
        `${(browserMedian / nativeMedian).toFixed(1)}x`.padStart(7),
        `  runs: ${times[method].map((t) => (t * 1000).toFixed(0)).join(", ")} ms`,
      ].join(" "),
    );
  }
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "casemap-bench-"));
  const { browser, stop } = await start(port);
  try {
    console.log("log                         events method         browser    native  ratio  (browser: change to figures painted; native: the CLI's seconds)");
    await measure(browser, "helpdesk, PM4Py IMf", path.join(data, "helpdesk.csv"), path.join(repo, "tests/reference/models/helpdesk.imf.pnml"));
    const big = path.join(dir, "generated-115000.csv");
    spawnSync(cli, ["generate", "--cases", "115000", "--seed", "42", "-o", big]);
    const model = path.join(dir, "generated.pnml");
    spawnSync(cli, ["discover", big, "--noise", "0.2", "-o", model]);
    await measure(browser, "generated, its IMf", big, model);
  } finally {
    await stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
