// "Download the data template": a CSV with the documented columns and example rows, and a
// guide to each column on the page.
"use strict";

const fs = require("node:fs");
const { test, expect } = require("@playwright/test");
const { CasemapPage, locales } = require("./pages/casemap");

const COLUMNS = [
  "case_id", "activity", "start_time", "end_time", "agent", "team", "priority", "channel",
  "case_type", "status", "sla_due", "csat", "escalated",
];

test("the data template downloads with the documented columns", async ({ page }) => {
  const app = new CasemapPage(page);
  await app.open();
  const [download] = await Promise.all([page.waitForEvent("download"), app.byTestId("download-template").click()]);
  expect(download.suggestedFilename()).toBe("casemap-template.csv");
  const text = fs.readFileSync(await download.path(), "utf8");
  const lines = text.trim().split("\n");
  expect(lines[0].split(",")).toEqual(COLUMNS);
  expect(lines.length).toBeGreaterThanOrEqual(4);
  for (const row of lines.slice(1)) {
    const cells = row.split(",");
    expect(cells).toHaveLength(COLUMNS.length);
    expect(cells[0]).not.toBe("");
    expect(cells[1]).not.toBe("");
    expect(cells[2]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  }
  expect(app.consoleProblems).toEqual([]);
});

test("the guide explains every column, in the chosen language", async ({ page }) => {
  const app = new CasemapPage(page);
  await app.open();
  const guide = app.byTestId("template-guide");
  await guide.locator("summary").click();
  const rows = guide.locator("tbody tr");
  await expect(rows).toHaveCount(COLUMNS.length);
  for (const [index, column] of COLUMNS.entries()) {
    await expect(rows.nth(index).locator("code")).toHaveText(column);
    await expect(rows.nth(index).locator("td").nth(2)).toHaveText(locales.en.columns[column]);
  }
  await app.chooseLanguage("it");
  await expect(rows.nth(0).locator("td").nth(2)).toHaveText(locales.it.columns.case_id);
  await expect(rows.nth(0).locator("td").nth(1)).toHaveText(locales.it.columns.required);
});
