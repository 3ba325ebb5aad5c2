// A log with hundreds of activities opens as a readable map: a few dozen activities and paths,
// drawn on a canvas of their own size, fitted to the screen; the slider counts activities; the
// legend says what lines mean; nodes open with the keyboard. `casemap map` without slider flags
// draws the same first map.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { execFileSync } = require("node:child_process");
const { test, expect } = require("@playwright/test");
const { CasemapPage, locales, fill, repo, cli, tempFile } = require("./pages/casemap");

const en = locales.en;
const big = path.join(repo, "crates/engine/tests/data/exports/many_activities_600.csv");

async function slide(app, testid, value) {
  await app.byTestId(testid).evaluate((input, v) => {
    input.value = String(v);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }, value);
}

async function openBig(page) {
  const app = new CasemapPage(page);
  await app.open();
  await app.pickFile(big);
  await app.byTestId("import").click();
  await expect(app.byTestId("job-done")).toBeVisible({ timeout: 30_000 });
  await app.byTestId("tab-map").click();
  await expect(page.locator("[data-testid=map-svg] g.activity").first()).toBeVisible({ timeout: 30_000 });
  return app;
}

/** The drawing's natural size, and the drawn map's box against the canvas's. */
async function geometry(page) {
  return page.evaluate(() => {
    const svg = document.querySelector("[data-testid=map-svg]");
    const canvas = document.querySelector("[data-testid=map-canvas]").getBoundingClientRect();
    const drawn = svg.querySelector(":scope > g[transform]").getBoundingClientRect();
    return {
      width: Number(svg.dataset.width),
      height: Number(svg.dataset.height),
      inside: drawn.left >= canvas.left - 1 && drawn.right <= canvas.right + 1 && drawn.top >= canvas.top - 1 && drawn.bottom <= canvas.bottom + 1,
    };
  });
}

test("a log of 600 activities opens readable, fitted, and shrinks with the slider", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const app = await openBig(page);
  const activities = page.locator("[data-testid=map-svg] g.activity");
  const first = await activities.count();
  expect(first).toBeGreaterThanOrEqual(12);
  expect(first).toBeLessThanOrEqual(50);
  await expect(app.byTestId("map-activities-value")).toHaveText(fill(en.map.shown_of, { shown: first, total: 600 }));
  expect(await app.byTestId("map-activities").getAttribute("max")).toBe("600");
  const edges = await page.locator("[data-testid=map-svg] g.edge").count();
  expect(edges).toBeLessThanOrEqual(Math.round(2 * (first + 2)));
  // It opens fitted: the whole drawing lies inside the canvas.
  await expect.poll(async () => (await geometry(page)).inside).toBe(true);
  const opened = await geometry(page);
  await app.screenshot("map-600-first", testInfo);
  // Every activity: a big drawing. Pulled down to 19, the map gets a drawing of its own size,
  // not the full map's canvas.
  await slide(app, "map-activities", 600);
  await expect(activities).toHaveCount(600, { timeout: 30_000 });
  const full = await geometry(page);
  await slide(app, "map-activities", 19);
  await expect(activities).toHaveCount(19);
  await expect.poll(async () => (await geometry(page)).inside).toBe(true);
  const small = await geometry(page);
  expect(small.width * small.height * 10).toBeLessThan(full.width * full.height);
  expect(opened.width * opened.height).toBeLessThan(small.width * small.height);
  await app.screenshot("map-600-19", testInfo);
  // A step of one activity keeps the nodes where they were (the same reference layout): none
  // moves by more than a fifth of a box's width.
  const place = () =>
    activities.evaluateAll((gs) =>
      Object.fromEntries(gs.map((g) => [g.dataset.activity, [Number(g.querySelector("rect").getAttribute("x")), Number(g.querySelector("rect").getAttribute("y"))]])),
    );
  const before = await place();
  await slide(app, "map-activities", 18);
  await expect(activities).toHaveCount(18);
  const after = await place();
  const moved = Object.keys(after).filter((name) => Math.abs(before[name][0] - after[name][0]) > 20 || Math.abs(before[name][1] - after[name][1]) > 1);
  expect(moved, "nodes that moved").toEqual([]);
  // Zoomed in, Fit to screen brings the whole map back.
  for (let i = 0; i < 4; i++) await app.byTestId("zoom-in").click();
  expect((await geometry(page)).inside).toBe(false);
  await app.byTestId("zoom-fit").click();
  await expect.poll(async () => (await geometry(page)).inside).toBe(true);
  expect(app.consoleProblems).toEqual([]);
});

test("casemap map without slider flags draws the app's first map", async ({ page }) => {
  test.setTimeout(120_000);
  const app = await openBig(page);
  const out = tempFile("first-map.svg", "");
  execFileSync(cli, ["map", big, "-o", out], { stdio: "pipe" });
  const svg = fs.readFileSync(out, "utf8");
  const cliNodes = [...svg.matchAll(/<g class="activity" data-activity="([^"]*)"/g)].map((m) => m[1]).sort();
  const cliEdges = [...svg.matchAll(/<g class="edge" data-from="([^"]*)" data-to="([^"]*)"/g)].map((m) => `${m[1]} -> ${m[2]}`).sort();
  const nodes = await page.locator("[data-testid=map-svg] g.activity").evaluateAll((gs) => gs.map((g) => g.dataset.activity).sort());
  const edges = await page.locator("[data-testid=map-svg] g.edge").evaluateAll((gs) => gs.map((g) => `${g.dataset.from} -> ${g.dataset.to}`).sort());
  expect(nodes).toEqual(cliNodes);
  expect(edges).toEqual(cliEdges);
  expect(app.consoleProblems).toEqual([]);
});

test("the legend says what lines mean, and nodes open with the keyboard", async ({ page }) => {
  const app = await CasemapPage.sample(page);
  await app.byTestId("tab-map").click();
  await expect(page.locator("[data-testid=map-svg] g.activity").first()).toBeVisible();
  const legend = app.byTestId("map-legend");
  await expect(legend).toContainText(en.map.legend_width);
  await expect(legend).toContainText(en.map.legend_back);
  await expect(legend).not.toContainText(en.map.legend_heat);
  await app.byTestId("map-performance").click();
  await expect(legend).toContainText(en.map.legend_heat);
  // Focus shows a node's figures; Enter lists its cases.
  const node = page.locator("[data-testid=map-svg] g.activity").first();
  const name = await node.getAttribute("data-activity");
  await node.focus();
  await expect(app.byTestId("map-details")).toContainText(name);
  await page.keyboard.press("Enter");
  await expect(app.byTestId("map-cases")).toBeVisible();
  await expect(app.byTestId("map-cases")).toContainText(name);
  expect(app.consoleProblems).toEqual([]);
});

test("a filter that leaves fewer activities than the slider's shows all of them", async ({ page }) => {
  const app = await CasemapPage.sample(page);
  await app.byTestId("tab-map").click();
  const activities = page.locator("[data-testid=map-svg] g.activity");
  await expect(activities.first()).toBeVisible();
  const total = await activities.count();
  await slide(app, "map-activities", total - 1);
  await expect(activities).toHaveCount(total - 1);
  // Two variants with fewer activities than that: every one of their activities is drawn.
  await app.byTestId("tab-variants").click();
  const rows = app.byTestId("variant-row");
  await rows.nth(0).getByTestId("variant-pick").check();
  await rows.nth(1).getByTestId("variant-pick").check();
  const steps = new Set([
    ...(await rows.nth(0).locator(".steps li").allTextContents()),
    ...(await rows.nth(1).locator(".steps li").allTextContents()),
  ]);
  await app.byTestId("variants-show").click();
  await expect(app.byTestId("filter-chip")).toHaveCount(1);
  await expect(activities).toHaveCount(steps.size);
  await expect(app.byTestId("map-activities-value")).toHaveText(fill(en.map.shown_of, { shown: steps.size, total: steps.size }));
});

test("on a phone the map is a usable canvas", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const app = await CasemapPage.sample(page);
  await app.byTestId("tab-map").click();
  await expect(page.locator("[data-testid=map-svg] g.activity").first()).toBeVisible();
  const canvas = await app.byTestId("map-canvas").boundingBox();
  expect(canvas.height).toBeGreaterThanOrEqual(400);
  expect(canvas.width).toBeGreaterThanOrEqual(320);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
  await app.screenshot("map-phone", testInfo);
});

test("a click on an activity lists its cases beside the map, longest first, with their durations", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const app = await CasemapPage.sample(page);
  await app.byTestId("tab-map").click();
  const node = page.locator("[data-testid=map-svg] g.activity").first();
  await expect(node).toBeVisible();
  await node.click();
  const panel = app.byTestId("map-cases");
  const rows = panel.getByTestId("map-case-row");
  await expect(rows).toHaveCount(25);
  // Durations as people read them, the longest first.
  const seconds = (text) => {
    const units = { d: 86400, h: 3600, min: 60, s: 1 };
    return [...text.matchAll(/([\d,.]+) (d|h|min|s)\b/g)].reduce((sum, m) => sum + Number(m[1].replace(/,/g, "")) * units[m[2]], 0);
  };
  const durations = (await panel.getByTestId("map-case-duration").allTextContents()).map(seconds);
  expect(durations.every((d) => d > 0)).toBe(true);
  expect([...durations].sort((a, b) => b - a)).toEqual(durations);
  // More on request; by id on request.
  await panel.getByTestId("map-cases-more").click();
  await expect(rows).toHaveCount(50);
  await panel.getByRole("button", { name: en.map.by_id }).click();
  await expect(rows).toHaveCount(50);
  const ids = await rows.locator("button").allTextContents();
  expect([...ids].sort((a, b) => a.localeCompare(b, "en", { numeric: true }))).toEqual(ids);
  // The list sits beside the map: it covers none of it.
  const canvas = await app.byTestId("map-canvas").boundingBox();
  const list = await panel.boundingBox();
  expect(list.x).toBeGreaterThanOrEqual(canvas.x + canvas.width - 1);
  await app.screenshot("map-cases", testInfo);
  expect(app.consoleProblems).toEqual([]);
});
