// Every real public log of ../shared/data imports in the browser with the figures
// `casemap import --json` gives for it natively (which the engine's tests hold to the
// figures of the data README).
"use strict";

const path = require("node:path");
const { execFileSync } = require("node:child_process");
const { test, expect } = require("@playwright/test");
const { CasemapPage, sharedData, cli, grouped } = require("./pages/casemap");

const FILES = [
  "helpdesk.csv",
  "bpic2013_closed_problems.csv",
  "receipt.csv",
  "academic_credentials.csv",
  "sepsis.csv",
  "traffic_fines_10k_cases.csv",
  "bpic2012.csv",
  "helpdesk.xes.gz",
  "bpic2013_closed_problems.xes.gz",
  "receipt.xes.gz",
  "academic_credentials.xes",
  "bpic2012.xes.gz",
];

test.describe.configure({ mode: "parallel" });

for (const name of FILES) {
  test(`${name} shows the CLI's figures`, async ({ page }) => {
    test.setTimeout(120_000);
    const file = path.join(sharedData, name);
    const expected = JSON.parse(execFileSync(cli, ["import", "--json", file], { maxBuffer: 64 << 20 }).toString());
    const app = new CasemapPage(page);
    await app.open();
    await app.pickFile(file);
    await app.byTestId("import").click();
    await expect(app.byTestId("job-done")).toBeVisible({ timeout: 90_000 });
    const figures = {
      events: await app.fact("fact-events").textContent(),
      cases: await app.fact("fact-cases").textContent(),
      activities: await app.fact("fact-activities").textContent(),
      resources: await app.fact("fact-resources").textContent(),
    };
    expect(figures).toEqual({
      events: grouped(expected.summary.events),
      cases: grouped(expected.summary.cases),
      activities: grouped(expected.summary.activities),
      resources: grouped(expected.summary.resources),
    });
    expect(app.consoleProblems).toEqual([]);
  });
}
