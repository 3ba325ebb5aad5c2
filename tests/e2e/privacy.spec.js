// "Your data never leaves this browser": the page loads only its own static files, from its
// own sub-path, and requests nothing at all after load, whatever the user does.
"use strict";

const path = require("node:path");
const { test, expect } = require("@playwright/test");
const { CasemapPage, repo } = require("./pages/casemap");

test("nothing but the app's own files is requested, and nothing after load", async ({ page, baseURL }) => {
  const app = new CasemapPage(page);
  await app.open();
  await page.waitForLoadState("networkidle");

  // Everything loaded so far is one of the app's files, under its sub-path.
  const loaded = app.requests.map((request) => request.url);
  expect(loaded.length).toBeGreaterThan(3);
  for (const url of loaded) {
    expect(url.startsWith(baseURL), `${url} is outside ${baseURL}`).toBe(true);
  }
  const files = loaded.map((url) => url.slice(baseURL.length).replace(/-[0-9a-f]{8,}/, ""));
  expect(new Set(files)).toEqual(
    new Set(["", "main.css", "boot.js", "app.js", "app_bg.wasm", "favicon.svg", "worker_loader.js", "worker.js", "worker_bg.wasm"]),
  );

  // Now use everything the page offers; not one request may follow.
  const before = app.requests.length;
  await Promise.all([page.waitForEvent("download"), app.byTestId("download-template").click()]);
  await app.byTestId("try-sample").click();
  await expect(app.byTestId("job-done")).toBeVisible();
  await expect(app.byTestId("chart-durations").locator(".chart-plot svg")).toBeVisible();
  // Every view of a loaded log, the map's clicks and exports included.
  await app.byTestId("tab-map").click();
  await page.locator("[data-testid=map-svg] g.activity").first().click();
  await app.byTestId("map-performance").click();
  await Promise.all([page.waitForEvent("download"), app.byTestId("export-svg").click()]);
  await Promise.all([page.waitForEvent("download"), app.byTestId("export-png").click()]);
  await app.byTestId("tab-variants").click();
  await app.byTestId("variant-pick").first().check();
  await app.byTestId("variants-show").click();
  await expect(app.byTestId("filter-chip")).toBeVisible();
  await app.byTestId("tab-cases").click();
  await app.byTestId("case-search").fill("CS-01");
  await app.byTestId("case-search-go").click();
  await page.getByTestId("case-row").first().click();
  await expect(app.byTestId("case-detail")).toBeVisible();
  // The service analyses, a filter from the editor, and the vocabulary.
  await app.byTestId("tab-analyses").click();
  for (const kind of ["bottlenecks", "sla", "handoffs", "rework", "escalations", "fcr", "priority", "channels", "workload", "acknowledgement", "misclassification", "csat", "drivers"]) {
    await app.byTestId(`analysis-${kind}`).click();
    await expect(app.byTestId(`analysis-view-${kind}`).getByTestId("analysis-loading")).toHaveCount(0);
  }
  await app.byTestId("analysis-vocabulary").click();
  await app.byTestId("filter-add").click();
  await app.byTestId("filter-kind").selectOption("duration");
  await app.byTestId("filter-min").fill("1");
  await app.byTestId("filter-apply").click();
  await expect(app.byTestId("filter-chip")).toHaveCount(2);
  await app.byTestId("tab-overview").click();
  await app.byTestId("trend-months").click();
  await app.byTestId("choose-another").click();
  await app.pickFile(path.join(repo, "locales/en.json"));
  await expect(app.byTestId("job-failed")).toBeVisible();
  await app.byTestId("choose-another").click();
  await app.dropFile("cases.csv", { text: "case_id,activity,time\n1,Created,2025-01-01\n,Closed,2025-01-02\n" });
  await app.byTestId("import").click();
  await expect(app.byTestId("job-done")).toBeVisible();
  await Promise.all([page.waitForEvent("download"), app.byTestId("download-skipped").click()]);
  await app.byTestId("choose-another").click();
  await app.byTestId("template-guide").locator("summary").click();
  for (const code of ["it", "ru", "zh", "en"]) await app.chooseLanguage(code);
  await page.waitForTimeout(500);
  const after = app.requests.slice(before).map((request) => request.url);
  // A download made from memory shows up as a blob: URL of this page; nothing else may.
  const network = after.filter((url) => !url.startsWith("blob:"));
  expect(network).toEqual([]);
  expect(app.consoleProblems).toEqual([]);
});

test("the Content-Security-Policy allows only the app's own files and blocks other hosts", async ({ page, baseURL }) => {
  const app = new CasemapPage(page);
  await app.open();
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  for (const directive of ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "worker-src 'self'", "connect-src 'self'"]) {
    expect(policy).toContain(directive);
  }
  expect(policy).not.toContain("unsafe-inline");
  expect(policy).not.toMatch(/https?:\/\//);
  // No inline script code in the page (leptos_i18n leaves an empty <script> placeholder).
  const inline = await page.locator("script:not([src])").evaluateAll((scripts) => scripts.map((s) => s.textContent.trim()).filter(Boolean));
  expect(inline).toEqual([]);
  // A connection to another host is refused by the browser before it is made.
  const other = new URL(baseURL);
  other.hostname = "127.0.0.2";
  const outcome = await page.evaluate(async (url) => {
    const violation = new Promise((resolve) => document.addEventListener("securitypolicyviolation", (e) => resolve(e.violatedDirective), { once: true }));
    try {
      await fetch(url);
      return "fetched";
    } catch {
      return `blocked by ${await violation}`;
    }
  }, other.href);
  expect(outcome).toBe("blocked by connect-src");
  const attempted = app.requests.filter((request) => request.url.startsWith(other.origin));
  expect(attempted).toEqual([]);
});
