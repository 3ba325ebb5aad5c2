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
function export_(bytes, { brokenAround = null, strayAround = null } = {}) {
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
      if (brokenAround !== null && Math.abs(size - brokenAround) < 70_000 && s === 2) {
        // Rows of the wrong width around the middle: the cut cannot be guessed from them.
        push(`C${c},${step},${time}`);
        skipped.push(`${record + 1},wrong_field_count,,"3 fields, the header has 5"`);
      } else if (strayAround !== null && size >= strayAround && strayAround >= 0) {
        // A quote inside an unquoted field: the quote-parity cut after it is wrong.
        push(`C${c},${step},${time},agent ${c % 9},24" monitor`);
        strayAround = -1;
      } else if ((c * 6 + s) % 9973 === 17) {
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

/** Imports `made` in the page and checks it against the CLI's one pass; `parts` is what the
 * import summary must say (on a machine with more than one core). */
async function importAndCheck(page, testInfo, made, parts) {
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
  if (cores > 1 && parts > 1) {
    await expect(app.byTestId("fact-parts")).toHaveText(plural("en", "loaded.in_parallel", parts, { n: String(parts) }));
  } else {
    await expect(app.byTestId("fact-parts")).toHaveCount(0);
  }
  await expect(app.byTestId("skipped-some")).toContainText(
    `${grouped(made.skipped.length)} of ${grouped(expected.rows)} rows were skipped`,
  );
  const [download] = await Promise.all([page.waitForEvent("download"), app.byTestId("download-skipped").click()]);
  const rows = fs.readFileSync(await download.path(), "utf8").trim().split("\n");
  expect(rows).toEqual(["row,reason,column,value", ...made.skipped]);
  await app.screenshot(`parallel-import-${testInfo.title.split(" ")[0]}`, testInfo);
  return app;
}

test("cut inside a quoted description: read by several workers to exactly the one-pass log", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  // Two parts of at least 8 MiB; the middle, where the cut is looked for, inside a quoted
  // description (the line break after it is not a record's end).
  let made = export_(17 * MIB);
  for (let extra = 1; !insideQuotes(made.text, Math.floor(made.text.length / 2)); extra += 1) {
    made = export_(17 * MIB + extra * 97);
  }
  const app = await importAndCheck(page, testInfo, made, 2);
  expect(app.consoleProblems).toEqual([]);
});

test("rows of the wrong width at the cut: the exact scan finds it, still the one-pass log", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const made = export_(17 * MIB, { brokenAround: 8.5 * MIB });
  const app = await importAndCheck(page, testInfo, made, 2);
  expect(app.consoleProblems).toEqual([]);
});

test("a stray quote does not fool the cut guessed at the middle", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const made = export_(17 * MIB, { strayAround: 4 * MIB });
  const app = await importAndCheck(page, testInfo, made, 2);
  expect(app.consoleProblems).toEqual([]);
});

test("a stray quote fools the exact scan: the cut is found wrong and the file read in one pass", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  // No guess at the middle (rows of the wrong width), and the quote-parity scan counts the
  // stray quote: its cut is inside a description, which the first part's parse finds out.
  const made = export_(17 * MIB, { brokenAround: 8.5 * MIB, strayAround: 4 * MIB });
  await importAndCheck(page, testInfo, made, 1);
});
