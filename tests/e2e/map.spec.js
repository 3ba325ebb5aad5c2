// The discovery views of a loaded log: the process map (sliders, frequency and performance,
// hover figures, the cases behind an activity, zoom, export), the variants (shown on the map
// when chosen) and single cases, each against what `casemap analyze --json` says natively.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { execFileSync } = require("node:child_process");
const { test, expect } = require("@playwright/test");
const { CasemapPage, locales, fill, plural, sharedData, cli, grouped, tempFile } = require("./pages/casemap");

const en = locales.en;

/** The sample data as a file, and the CLI's analysis of it. */
function sampleAnalysis() {
  const sample = tempFile("sample.csv", execFileSync(cli, ["generate", "--cases", "2000", "--seed", "42"], { maxBuffer: 64 << 20 }));
  return JSON.parse(execFileSync(cli, ["analyze", "--json", "--top", "1000", sample], { maxBuffer: 64 << 20 }).toString());
}


async function openMap(app) {
  await app.byTestId("tab-map").click();
  await expect(app.page.locator('[data-testid=map-svg] g.activity').first()).toBeVisible();
}

/** Moves a range slider to `value` as a user dragging it would (an input event). */
async function slide(app, testid, value) {
  await app.byTestId(testid).evaluate((input, v) => {
    input.value = String(v);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }, value);
}

test("the process map shows every activity and path with the CLI's figures", async ({ page }, testInfo) => {
  const expected = sampleAnalysis();
  const app = await CasemapPage.sample(page);
  await openMap(app);
  await slide(app, "map-paths", 100);
  const edges = expected.dfg.edges.length + Object.keys(expected.start_activities).length + Object.keys(expected.end_activities).length;
  await expect(app.byTestId("map-paths-value")).toHaveText(fill(en.map.shown_of, { shown: edges, total: edges }));
  const names = await page.locator("[data-testid=map-svg] g.activity").evaluateAll((gs) => gs.map((g) => g.dataset.activity).sort());
  expect(names).toEqual(expected.dfg.nodes.map((n) => n.activity).sort());
  // Each box is labelled with its case count, as the CLI counts it.
  for (const node of expected.dfg.nodes.slice(0, 5)) {
    const box = page.locator(`[data-testid=map-svg] g.activity[data-activity="${node.activity}"]`);
    await expect(box.locator("text").nth(1)).toHaveText(grouped(node.cases));
  }
  // Every path between activities is drawn, with its case count.
  const drawn = await page.locator("[data-testid=map-svg] g.edge").evaluateAll((gs) => gs.map((g) => `${g.dataset.from} -> ${g.dataset.to}`));
  for (const edge of expected.dfg.edges) expect(drawn).toContain(`${edge.from} -> ${edge.to}`);
  expect(drawn).toContain(`__start__ -> ${Object.keys(expected.start_activities)[0]}`);
  await app.screenshot("map-frequency", testInfo);

  // Hovering an activity shows its figures; clicking it lists its cases.
  const busiest = [...expected.dfg.nodes].sort((a, b) => b.events - a.events)[0];
  const box = page.locator(`[data-testid=map-svg] g.activity[data-activity="${busiest.activity}"]`);
  await box.hover();
  await expect(app.byTestId("map-details")).toContainText(busiest.activity);
  await expect(app.byTestId("map-details")).toContainText(grouped(busiest.events));
  await box.click();
  await expect(app.byTestId("map-cases-total")).toHaveText(plural("en", "cases.found", busiest.cases, { total: grouped(busiest.cases) }));

  // Performance: the labels become waiting times in human units.
  await app.byTestId("map-performance").click();
  await expect(app.byTestId("map-measure")).toHaveValue("median");
  // (Paths from Start and to End have no waiting time.)
  const label = page.locator('[data-testid=map-svg] g.edge:not([data-from="__start__"]):not([data-to="__end__"]) .edge-label').first();
  await expect(label).toHaveText(/\d+ (s|min|h|d)/);
  await app.screenshot("map-performance", testInfo);
  expect(app.consoleProblems).toEqual([]);
});

test("the sliders simplify the map and say how much is shown", async ({ page }) => {
  const expected = sampleAnalysis();
  const app = await CasemapPage.sample(page);
  await openMap(app);
  const total = expected.dfg.nodes.length;
  // The activity slider counts activities.
  const kept = Math.ceil(0.3 * total);
  await slide(app, "map-activities", kept);
  await expect(page.locator("[data-testid=map-svg] g.activity")).toHaveCount(kept);
  await expect(app.byTestId("map-activities-value")).toHaveText(fill(en.map.shown_of, { shown: kept, total }));
  // The most frequent activities are the ones kept.
  const busiest = [...expected.dfg.nodes].sort((a, b) => b.events - a.events || a.activity.localeCompare(b.activity)).slice(0, kept);
  const names = await page.locator("[data-testid=map-svg] g.activity").evaluateAll((gs) => gs.map((g) => g.dataset.activity).sort());
  expect(names).toEqual(busiest.map((n) => n.activity).sort());
  // Fewest paths: every kept activity is still reached from the start and reaches the end.
  await slide(app, "map-paths", 0);
  const edges = await page.locator("[data-testid=map-svg] g.edge").evaluateAll((gs) => gs.map((g) => [g.dataset.from, g.dataset.to]));
  const reach = (from, forward) => {
    const seen = new Set([from]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const [a, b] of edges) {
        const [x, y] = forward ? [a, b] : [b, a];
        if (seen.has(x) && !seen.has(y)) {
          seen.add(y);
          grew = true;
        }
      }
    }
    return seen;
  };
  const fromStart = reach("__start__", true);
  const toEnd = reach("__end__", false);
  for (const name of names) {
    expect(fromStart.has(name), `${name} reachable from the start`).toBe(true);
    expect(toEnd.has(name), `${name} reaches the end`).toBe(true);
  }
  // Zoom buttons change the scale.
  const transform = () => page.locator("[data-testid=map-svg] > g[transform]").getAttribute("transform");
  const before = await transform();
  await app.byTestId("zoom-in").click();
  expect(await transform()).not.toEqual(before);
  expect(app.consoleProblems).toEqual([]);
});

test("every activity slider position, asked for or prepared in idle time, draws what the CLI draws", async ({ page }) => {
  const sample = tempFile("sample-slider.csv", execFileSync(cli, ["generate", "--cases", "2000", "--seed", "42"], { maxBuffer: 64 << 20 }));
  const unescape = (text) => text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
  // Each path of `casemap map` at these settings as "from -> to: label", sorted.
  const cliPaths = (activities, measure) => {
    const out = tempFile(`slider-${activities}-${measure}.svg`, "");
    execFileSync(cli, ["map", sample, "-o", out, "--keep-activities", String(activities), "--paths", "100", "--measure", measure], { stdio: "pipe" });
    const svg = fs.readFileSync(out, "utf8");
    const paths = [...svg.matchAll(/<g class="edge" data-from="([^"]*)" data-to="([^"]*)">.*?<text[^>]*>([^<]*)<\/text><\/g>/g)];
    return paths.map((m) => `${unescape(m[1])} -> ${unescape(m[2])}: ${unescape(m[3])}`).sort();
  };
  const appPaths = () =>
    page
      .locator("[data-testid=map-svg] g.edge")
      .evaluateAll((gs) => gs.map((g) => `${g.dataset.from} -> ${g.dataset.to}: ${g.querySelector(".edge-label")?.textContent ?? ""}`).sort());
  const app = await CasemapPage.sample(page);
  await openMap(app);
  await slide(app, "map-paths", 100);
  const total = await page.locator("[data-testid=map-svg] g.activity").count();
  // Half is computed when asked; after a pause the worker has prepared the positions around
  // the one shown, so one fewer and one more (and half again) come from prepared graphs.
  const half = Math.ceil(total / 2);
  for (const [activities, measure] of [[half, "cases"], [half - 1, "cases"], [half + 1, "cases"], [half, "median"], [Math.ceil(0.3 * total), "median"]]) {
    if (measure === "median") await app.byTestId("map-performance").click();
    await slide(app, "map-activities", activities);
    await expect(page.locator("[data-testid=map-svg] g.activity")).toHaveCount(activities);
    await expect.poll(appPaths, { timeout: 10_000 }).toEqual(cliPaths(activities, measure));
    await page.waitForTimeout(500);
  }
  expect(app.consoleProblems).toEqual([]);
});

test("the map exports as SVG and PNG", async ({ page }) => {
  const app = await CasemapPage.sample(page);
  await openMap(app);
  const [svgDownload] = await Promise.all([page.waitForEvent("download"), app.byTestId("export-svg").click()]);
  const svg = fs.readFileSync(await svgDownload.path(), "utf8");
  expect(svg.startsWith("<svg")).toBe(true);
  const shown = await page.locator("[data-testid=map-svg] g.activity").count();
  expect((svg.match(/<g class="activity"/g) || []).length).toBe(shown);
  const [pngDownload] = await Promise.all([page.waitForEvent("download"), app.byTestId("export-png").click()]);
  const png = fs.readFileSync(await pngDownload.path());
  expect(png.subarray(1, 4).toString()).toBe("PNG");
  expect(png.length).toBeGreaterThan(10_000);
  expect(app.consoleProblems).toEqual([]);
});

test("variants are ranked as the CLI ranks them, and chosen ones become a filter shown on the map", async ({ page }, testInfo) => {
  const expected = sampleAnalysis();
  const app = await CasemapPage.sample(page);
  await app.byTestId("tab-variants").click();
  await expect(app.byTestId("variants-title")).toHaveText(plural("en", "variants.title", expected.variants.total, { n: grouped(expected.variants.total) }));
  const rows = app.byTestId("variant-row");
  // A hundred at first, a hundred more on each click.
  await expect(rows).toHaveCount(Math.min(expected.variants.total, 100));
  await app.byTestId("variants-more").click();
  await expect(rows).toHaveCount(Math.min(expected.variants.total, 200));
  for (let i = 0; i < 5; i++) {
    await expect(rows.nth(i).getByTestId("variant-cases")).toHaveText(grouped(expected.variants.top[i].cases));
    const coverage = expected.variants.top[i].coverage * 100;
    await expect(rows.nth(i).getByTestId("variant-coverage")).toHaveText(`${Math.round(coverage * 10) / 10}%`);
    await expect(rows.nth(i).locator(".steps li")).toHaveCount(Math.min(expected.variants.top[i].activities.length, 12));
  }
  await app.screenshot("variants", testInfo);
  // The top variant alone, on the map: a filter step keeps its cases, only its activities
  // are drawn, and removing the step brings all cases back.
  await rows.nth(0).getByTestId("variant-pick").check();
  await app.byTestId("variants-show").click();
  await expect(app.byTestId("filter-chip")).toHaveCount(1);
  await expect(app.byTestId("filter-chip").locator(".chip-text")).toHaveText(fill(en.filters.d_variants, { count: 1 }));
  await expect(app.byTestId("filter-chip-cases")).toHaveText(fill(en.filters.cases_after, { count: grouped(expected.variants.top[0].cases) }));
  await slide(app, "map-paths", 100);
  const top = expected.variants.top[0].activities;
  await expect(page.locator("[data-testid=map-svg] g.activity")).toHaveCount(new Set(top).size);
  const names = await page.locator("[data-testid=map-svg] g.activity").evaluateAll((gs) => gs.map((g) => g.dataset.activity).sort());
  expect(names).toEqual([...new Set(top)].sort());
  await app.byTestId("filter-remove").click();
  await expect(app.byTestId("filter-chip")).toHaveCount(0);
  await expect(page.locator("[data-testid=map-svg] g.activity")).toHaveCount(expected.dfg.nodes.length);
  expect(app.consoleProblems).toEqual([]);
});

test("a case is found by its id and shows its timeline", async ({ page }, testInfo) => {
  const app = await CasemapPage.sample(page);
  await app.byTestId("tab-cases").click();
  await app.byTestId("case-search").fill("CS-00");
  await app.byTestId("case-search-go").click();
  // CS-0001 to CS-0099 of the 2,000 sample cases.
  await expect(app.byTestId("case-list-total")).toHaveText(plural("en", "cases.range", 99, { from: 1, to: 50, total: 99 }));
  // Sorted by id, CS-0010 is the tenth.
  await app.byTestId("sort-id").click();
  await expect(app.byTestId("case-row").nth(9)).toHaveAttribute("data-case", "CS-0010");
  await app.byTestId("case-row").nth(9).click();
  await expect(app.byTestId("case-title")).toHaveText("CS-0010");
  const events = app.byTestId("case-event");
  await expect(events.first()).toBeVisible();
  expect(await events.count()).toBeGreaterThan(2);
  await expect(events.first()).toContainText("Case Created");
  await expect(app.byTestId("case-search")).toHaveValue("CS-00");
  await app.screenshot("case", testInfo);
  await app.byTestId("case-search").fill("no such case");
  await app.byTestId("case-search-go").click();
  await expect(app.byTestId("case-list-total")).toHaveText(en.cases.none);
  expect(app.consoleProblems).toEqual([]);
});

test("activity names are shown as text, never run as markup", async ({ page }) => {
  const hostile = '<img src=x onerror="window.__pwned=1">';
  const rows = ["case,activity,time"];
  for (let i = 1; i <= 20; i++) {
    rows.push(`C${i},Open,2024-01-0${1 + (i % 5)} 09:00`);
    rows.push(`C${i},"${hostile.replaceAll('"', '""')}",2024-01-0${1 + (i % 5)} 10:00`);
    rows.push(`C${i},Close & <b>done</b>,2024-01-0${1 + (i % 5)} 11:00`);
  }
  const app = new CasemapPage(page);
  await app.open();
  await app.dropFile("hostile.csv", { text: rows.join("\n") });
  await app.byTestId("import").click();
  await expect(app.byTestId("job-done")).toBeVisible();
  await openMap(app);
  // The full name in the box's title; the box itself shortens long names.
  await expect(page.locator(`[data-testid=map-svg] g.activity[data-activity='${hostile}'] title`)).toHaveText(hostile);
  await app.byTestId("tab-variants").click();
  await expect(app.byTestId("variant-row").first()).toContainText("Close & <b>done</b>");
  expect(await page.locator("img[src=x]").count()).toBe(0);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
});

for (const name of ["helpdesk.csv", "bpic2012.csv"]) {
  test(`the map of ${name} has the CLI's activities and path counts`, async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    const file = path.join(sharedData, name);
    const expected = JSON.parse(execFileSync(cli, ["analyze", "--json", file], { maxBuffer: 64 << 20 }).toString());
    const app = new CasemapPage(page);
    await app.open();
    await app.pickFile(file);
    await app.byTestId("import").click();
    await expect(app.byTestId("job-done")).toBeVisible({ timeout: 90_000 });
    await openMap(app);
    await app.screenshot(`map-${name.replace(/\.csv$/, "")}`, testInfo);
    await slide(app, "map-paths", 100);
    const all = expected.dfg.edges.length + Object.keys(expected.start_activities).length + Object.keys(expected.end_activities).length;
    await expect(app.byTestId("map-paths-value")).toHaveText(fill(en.map.shown_of, { shown: grouped(all), total: grouped(all) }));
    const names = await page.locator("[data-testid=map-svg] g.activity").evaluateAll((gs) => gs.map((g) => g.dataset.activity).sort());
    expect(names).toEqual(expected.dfg.nodes.map((n) => n.activity).sort());
    // Path labels are case counts: each path between activities shows the CLI's count.
    const labels = await page
      .locator("[data-testid=map-svg] g.edge")
      .evaluateAll((gs) => Object.fromEntries(gs.map((g) => [`${g.dataset.from} -> ${g.dataset.to}`, g.querySelector(".edge-label").textContent])));
    for (const edge of expected.dfg.edges) expect(labels[`${edge.from} -> ${edge.to}`]).toBe(grouped(edge.cases));
    // Event counts: the other frequency measure.
    await app.byTestId("map-measure").selectOption("events");
    const busiest = [...expected.dfg.nodes].sort((a, b) => b.events - a.events)[0];
    await expect(page.locator(`[data-testid=map-svg] g.activity[data-activity="${busiest.activity}"] text`).nth(1)).toHaveText(grouped(busiest.events));
    expect(app.consoleProblems).toEqual([]);
  });
}
