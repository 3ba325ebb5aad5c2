// Parallel import: a CSV file big enough to be worth cutting is read by the engine worker and
// its helpers at once, and the page shows exactly what one pass shows (the CLI with
// --threads 1): the same figures, and the same skipped rows with the same row numbers, even
// when the cut falls inside a quoted description with line breaks.
"use strict";

const fs = require("node:fs");
const { execFileSync } = require("node:child_process");
const { test, expect } = require("@playwright/test");
const { CasemapPage, plural, cli, grouped, tempFile } = require("./pages/casemap");

const MIB = 1024 * 1024;

/**
 * About `bytes` bytes of a service export whose descriptions are quoted with line breaks,
 * with a bad row every so often; returns the text and the skipped rows one pass must report
 * (`row,reason,column,value`, rows numbered as a spreadsheet does).
 */
function export_(bytes) {
  const lines = ["Case ID,Activity,Timestamp,Agent,Description"];
  const skipped = [];
  const steps = ["Created", "Assigned", "Investigating", "Waiting on customer", "Resolved", "Closed"];
  let size = lines[0].length + 1;
  let record = 0;
  const push = (line) => {
    lines.push(line);
    size += line.length + 1;
    record += 1;
  };
  for (let c = 0; size < bytes; c += 1) {
    steps.forEach((step, s) => {
      const day = String(1 + (c % 28)).padStart(2, "0");
      const time = `2024-02-${day} ${String(8 + s).padStart(2, "0")}:${String((c * 7 + s) % 60).padStart(2, "0")}:00`;
      const text = `"Customer wrote:\n""${step} for order ${c}, please""\nthanks,\n- ${"x".repeat(c % 40)}"`;
      if ((c * 6 + s) % 9973 === 17) {
        push(`C${c},${step},someday,agent ${c % 9},${text}`);
        skipped.push(`${record + 1},bad_timestamp,Timestamp,someday`);
      } else {
        push(`C${c},${step},${time},agent ${c % 9},${text}`);
      }
    });
  }
  return { text: lines.join("\n") + "\n", skipped };
}

/** Whether byte `at` of `text` (ASCII) is inside a quoted field: an odd number of quotes before it. */
function insideQuotes(text, at) {
  let quotes = 0;
  for (let i = 0; i < at; i += 1) if (text.charCodeAt(i) === 34) quotes += 1;
  return quotes % 2 === 1;
}

test("a big export is read by several workers to exactly the one-pass log", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  // Two parts of at least 8 MiB; the middle, where the cut is looked for, inside a quoted
  // description (the line break after it is not a record's end).
  let made = export_(17 * MIB);
  for (let extra = 1; !insideQuotes(made.text, Math.floor(made.text.length / 2)); extra += 1) {
    made = export_(17 * MIB + extra * 97);
  }
  const file = tempFile("big-export.csv", made.text);
  const expected = JSON.parse(execFileSync(cli, ["import", "--json", "--threads", "1", file], { maxBuffer: 64 << 20 }).toString());
  expect(expected.skipped.total).toBe(made.skipped.length);
  expect(made.skipped.length).toBeGreaterThan(10);

  const app = new CasemapPage(page);
  await app.open();
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  await app.pickFile(file);
  await app.byTestId("import").click();
  await expect(app.byTestId("job-done")).toBeVisible({ timeout: 90_000 });
  await expect(app.fact("fact-events")).toHaveText(grouped(expected.summary.events));
  await expect(app.fact("fact-cases")).toHaveText(grouped(expected.summary.cases));
  await expect(app.fact("fact-activities")).toHaveText(grouped(expected.summary.activities));
  await expect(app.fact("fact-resources")).toHaveText(grouped(expected.summary.resources));
  if (cores > 1) {
    await expect(app.byTestId("fact-parts")).toHaveText(plural("en", "loaded.in_parallel", 2, { n: "2" }));
  }
  await expect(app.byTestId("skipped-some")).toContainText(
    `${grouped(made.skipped.length)} of ${grouped(expected.rows)} rows were skipped`,
  );
  const [download] = await Promise.all([page.waitForEvent("download"), app.byTestId("download-skipped").click()]);
  const rows = fs.readFileSync(await download.path(), "utf8").trim().split("\n");
  expect(rows).toEqual(["row,reason,column,value", ...made.skipped]);
  await app.screenshot("parallel-import", testInfo);
  expect(app.consoleProblems).toEqual([]);
});
