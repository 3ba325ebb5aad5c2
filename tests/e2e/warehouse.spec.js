// The warehouse path: the page writes the query for the chosen warehouse, and opens a real
// result of it (the query run on DuckDB over the sample data, tests/warehouse/result.py) with
// the map and the variants `casemap analyze` finds in the same log, in all four languages.
"use strict";

const path = require("node:path");
const { execFileSync } = require("node:child_process");
const { test, expect } = require("@playwright/test");
const { CasemapPage, locales, plural, fill, repo, cli, grouped, tempFile, formats } = require("./pages/casemap");

const python = path.join(repo, "target/warehouse-venv/bin/python");

/** A result of the query over the sample data listing `top` variants, and the CLI's analysis. */
function result(top) {
  const out = tempFile(`warehouse-${top}.csv`, "");
  const analysis = JSON.parse(
    execFileSync(python, [path.join(repo, "tests/warehouse/result.py"), "--cli", cli, "--out", out, "--top", String(top)], {
      maxBuffer: 64 << 20,
    }).toString(),
  );
  return { file: out, analysis };
}

test("the query follows the chosen warehouse and columns", async ({ page }, testInfo) => {
  const app = new CasemapPage(page);
  await app.open();
  await app.byTestId("warehouse-start").click();
  const sql = app.byTestId("warehouse-sql");
  // Snowflake first: double-quoted names, LISTAGG for the variants.
  await expect(sql).toContainText('"case_id"');
  await expect(sql).toContainText("LISTAGG(");
  await app.byTestId("warehouse-dialect").selectOption("spark");
  await expect(sql).toContainText("`case_id`");
  await expect(sql).toContainText("unix_micros(");
  await app.byTestId("warehouse-case").fill("Case Number");
  await app.byTestId("warehouse-table").fill("prod.service.events");
  await expect(sql).toContainText("`Case Number`");
  await expect(sql).toContainText("FROM prod.service.events");
  // A column left empty: no query, and the page says what is missing.
  await app.byTestId("warehouse-timestamp").fill("");
  await expect(app.byTestId("warehouse-sql-error")).toHaveText(locales.en.warehouse.fill_columns);
  await expect(app.byTestId("warehouse-save-sql")).toBeDisabled();
  await app.byTestId("warehouse-timestamp").fill("event_time");
  await app.screenshot("warehouse-setup", testInfo);
  expect(app.consoleProblems).toEqual([]);
});

test("a result opens with the CLI's figures, map and variants, in four languages", async ({ page }, testInfo) => {
  const { file, analysis } = result(20);
  const top = analysis.variants.top;
  const listedCases = top.reduce((sum, v) => sum + v.cases, 0);
  const cases = analysis.summary.cases;
  const app = new CasemapPage(page);
  await app.open();
  await app.byTestId("warehouse-start").click();
  await app.byTestId("warehouse-file").setInputFiles(file);
  await expect(app.byTestId("warehouse-loaded")).toBeVisible();
  await expect(app.byTestId("warehouse-summary")).toHaveText(
    plural("en", "warehouse.summary", cases, {
      cases: grouped(cases),
      events: grouped(analysis.summary.events),
      activities: grouped(analysis.summary.activities),
    }),
  );
  const coverage = (code) =>
    fill(locales[code].warehouse.coverage_partial, {
      listed: grouped(top.length),
      variants: grouped(analysis.variants.total),
      share: formats.percent(listedCases / cases),
    });
  await expect(app.byTestId("warehouse-coverage")).toContainText(coverage("en"));
  // The map: every activity drawn is one of the log's.
  const names = new Set(analysis.dfg.nodes.map((n) => n.activity));
  await expect(app.byTestId("map-svg").locator("g[data-activity]").first()).toBeVisible();
  const drawn = await app.byTestId("map-svg").locator("g[data-activity]").evaluateAll((gs) => gs.map((g) => g.dataset.activity));
  expect(drawn.length).toBeGreaterThan(1);
  for (const name of drawn.filter((n) => !n.startsWith("__"))) expect(names.has(name), name).toBe(true);
  await app.screenshot("warehouse-map", testInfo);
  // Nothing a warehouse result cannot answer: no filter bar, no cases, no analyses.
  await expect(app.byTestId("tab-cases")).toHaveCount(0);
  await expect(app.byTestId("filter-add")).toHaveCount(0);
  await expect(app.main.locator(".map-hint")).toHaveText(locales.en.warehouse.map_hint);
  // A click on a path lists no cases (there are none to list).
  await app.byTestId("map-svg").locator("g.edge").first().click({ force: true });
  await expect(app.byTestId("map-cases")).toHaveCount(0);
  // The variants: the listed ones, with the CLI's counts.
  await app.byTestId("tab-variants").click();
  const rows = app.byTestId("variant-row");
  await expect(rows).toHaveCount(top.length);
  for (const [i, v] of top.slice(0, 5).entries()) await expect(rows.nth(i).getByTestId("variant-cases")).toHaveText(grouped(v.cases));
  await expect(app.byTestId("variants-show")).toBeHidden();
  await app.screenshot("warehouse-variants", testInfo);
  for (const code of ["it", "ru", "zh"]) {
    await app.chooseLanguage(code);
    await expect(app.byTestId("warehouse-coverage")).not.toContainText(coverage("en"));
    await expect(app.byTestId("tab-map")).toHaveText(locales[code].workspace.map);
  }
  await app.byTestId("tab-map").click();
  await expect(app.byTestId("map-svg").locator("g[data-activity]").first()).toBeVisible();
  await app.screenshot("warehouse-map-zh", testInfo);
  expect(app.consoleProblems).toEqual([]);
});

test("a file that is not the query's result says which column is missing", async ({ page }) => {
  const app = new CasemapPage(page);
  await app.open();
  await app.byTestId("warehouse-start").click();
  await app.byTestId("warehouse-file").setInputFiles(tempFile("cases.csv", "case,activity,time\n1,Open,2025-01-01\n"));
  await expect(app.byTestId("job-error")).toHaveText(fill(locales.en.warehouse.error_column, { column: "kind" }));
});
