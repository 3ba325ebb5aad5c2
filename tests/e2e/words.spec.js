// Words, flow, keyboard, phone and dark mode (issue 12): columns named by their meaning, counts
// that agree with their nouns, every case listed and sortable, a toast with Undo for filters
// added by a click, ARIA tabs with arrow keys and focus after loading, no sideways scrolling on
// a phone, and process-map boxes that do not glare in dark mode. Each test runs at desktop
// (1440x900) and phone (390x844) size; screenshots of every view go to target/e2e/artifacts/.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { execFileSync } = require("node:child_process");
const { test, expect } = require("@playwright/test");
const { CasemapPage, locales, fill, plural, cli, grouped, tempFile, formats, artifacts } = require("./pages/casemap");

const en = locales.en;
const SIZES = { desktop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } };

/** The internal keys of the service fields: never shown as they are. */
const KEYS = ["team", "priority", "channel", "case_type", "status", "sla_due", "sla_met", "csat", "escalated", "reopen_count", "reassignment_count"];

/** Texts that are an internal key as it is ("case_type", or "priority" in lower case). */
const keyLike = (texts) => texts.map((t) => t.trim()).filter((t) => KEYS.includes(t) || /\b(case_type|sla_due|sla_met|reopen_count|reassignment_count)\b/.test(t));

async function loadSample(page, code = "en") {
  return CasemapPage.sample(page, code);
}

/** A screenshot of what the window shows (long lists make full-page shots unreadable). */
async function look(page, name, testInfo) {
  fs.mkdirSync(artifacts, { recursive: true });
  const file = path.join(artifacts, `${name}.png`);
  await page.screenshot({ path: file });
  await testInfo.attach(name, { path: file, contentType: "image/png" });
}

/** A small log as CSV text: `cases` is a list of [case, [activities]], an hour apart. */
function csv(header, rows) {
  return [header, ...rows].join("\n");
}

async function importText(app, name, text) {
  await app.dropFile(name, { text });
  await app.byTestId("import").click();
  await expect(app.byTestId("kpi-panel")).toBeVisible();
}

/** WCAG relative luminance of a CSS colour `rgb(r, g, b)`. */
function luminance(color) {
  const [r, g, b] = color.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);
  const lin = (c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

for (const [size, viewport] of Object.entries(SIZES)) {
  test.describe(`at ${size} size`, () => {
    test.use({ viewport });

    test("service columns are named by their meaning in the filter editor, the chips and the case detail", async ({ page }, testInfo) => {
      for (const code of ["en", "it"]) {
        const strings = locales[code];
        const app = await loadSample(page, code);
        // The editor lists the columns by their display names; the value sent is the column.
        await app.byTestId("filter-add").click();
        await app.byTestId("filter-kind").selectOption("attribute");
        const options = await app.byTestId("filter-column").locator("option").allTextContents();
        expect(keyLike(options)).toEqual([]);
        for (const key of ["team", "priority", "channel", "case_type", "sla_due", "csat"]) expect(options).toContain(strings.fields[key]);
        await app.byTestId("filter-column").selectOption("priority");
        await app.byTestId("filter-values").getByRole("checkbox", { name: /^High/ }).check();
        await app.screenshot(`words-${code}-${size}-filter-editor`, testInfo);
        await app.byTestId("filter-apply").click();
        const chip = app.byTestId("filter-chip").locator(".chip-text");
        await expect(chip).toHaveText(fill(strings.filters.d_attribute, { column: strings.fields.priority, values: "High" }));
        // The case detail names its attributes the same way.
        await app.byTestId("tab-cases").click();
        await app.byTestId("case-row").first().click();
        await expect(app.byTestId("case-event").first()).toBeVisible();
        // Case-level columns as facts, event-level ones under each event.
        const facts = await app.byTestId("case-fact").locator("dt").allTextContents();
        expect(facts.length).toBeGreaterThanOrEqual(3);
        expect(keyLike(facts)).toEqual([]);
        expect(facts).toContain(strings.fields.sla_due);
        const lines = await app.byTestId("case-event-attributes").allTextContents();
        const names = lines.flatMap((line) => line.split(" · ").map((part) => part.split(":")[0]));
        expect(keyLike(names)).toEqual([]);
        expect(names).toContain(strings.fields.case_type);
        expect(names).toContain(strings.fields.team);
        await look(page, `words-${code}-${size}-case-detail`, testInfo);
        expect(app.consoleProblems).toEqual([]);
      }
    });

    test("a column named otherwise in the file keeps its own name beside the display name", async ({ page }) => {
      const rows = [];
      for (let i = 1; i <= 6; i++) {
        const group = i % 2 ? "Network" : "Service Desk";
        rows.push(`INC${i},New,2024-03-0${i} 09:00,Ann,${group},P${1 + (i % 3)}`);
        rows.push(`INC${i},Resolved,2024-03-0${i} 15:00,Bob,${group},P${1 + (i % 3)}`);
      }
      const app = new CasemapPage(page);
      await app.open();
      await importText(app, "incidents.csv", csv("number,activity,sys_updated_on,assigned_to,assignment_group,priority", rows));
      await app.byTestId("filter-add").click();
      await app.byTestId("filter-kind").selectOption("attribute");
      const options = await app.byTestId("filter-column").locator("option").allTextContents();
      const team = fill(en.fields.with_column, { name: en.fields.team, column: "assignment_group" });
      expect(options).toContain(team);
      // "priority" is the field's own key: no need to repeat it.
      expect(options).toContain(en.fields.priority);
      await app.byTestId("filter-column").selectOption("assignment_group");
      await app.byTestId("filter-values").getByRole("checkbox", { name: /^Network/ }).check();
      await app.byTestId("filter-apply").click();
      await expect(app.byTestId("filter-chip").locator(".chip-text")).toHaveText(fill(en.filters.d_attribute, { column: team, values: "Network" }));
    });

    test("counts agree with their nouns in English and Russian", async ({ page }, testInfo) => {
      // Activities in 1, 2 and 5 of the 5 cases (and 21 of 21 for the Russian "one" form).
      const rows = [];
      for (let i = 1; i <= 21; i++) {
        const day = String(1 + (i % 28)).padStart(2, "0");
        rows.push(`C${i},Open,2024-05-${day} 08:00`);
        if (i <= 5) rows.push(`C${i},Work,2024-05-${day} 09:00`);
        if (i <= 2) rows.push(`C${i},Escalate,2024-05-${day} 10:00`);
        if (i === 1) rows.push(`C${i},Reopen,2024-05-${day} 11:00`);
        rows.push(`C${i},Close,2024-05-${day} 12:00`);
      }
      const app = new CasemapPage(page);
      await app.open();
      await importText(app, "counts.csv", csv("case,activity,time", rows));
      await app.byTestId("tab-map").click();
      const through = async (activity) => {
        await page.locator(`[data-testid=map-svg] g.activity[data-activity="${activity}"]`).dispatchEvent("click");
        return app.byTestId("map-cases-total");
      };
      for (const code of ["en", "ru"]) {
        await app.chooseLanguage(code);
        for (const [activity, n] of [["Reopen", 1], ["Escalate", 2], ["Work", 5], ["Open", 21]]) {
          await expect(await through(activity)).toHaveText(plural(code, "cases.found", n, { total: n }));
        }
      }
      // The very words, not only the rules: 1 case / 2 cases; 1 обращение, 2 обращения,
      // 5 обращений, 21 обращение.
      await expect(await through("Reopen")).toHaveText("1 обращение");
      await expect(await through("Escalate")).toHaveText("2 обращения");
      await expect(await through("Work")).toHaveText("5 обращений");
      await expect(await through("Open")).toHaveText("21 обращение");
      await app.chooseLanguage("en");
      await expect(await through("Reopen")).toHaveText("1 case");
      await expect(await through("Escalate")).toHaveText("2 cases");
      // The case list and the variants say it too.
      await app.byTestId("tab-cases").click();
      await app.byTestId("case-search").fill("C21");
      await expect(app.byTestId("case-list-total")).toHaveText("1–1 of 1 case");
      await app.byTestId("tab-variants").click();
      await expect(app.byTestId("variants-title")).toHaveText("4 variants");
      await app.chooseLanguage("ru");
      await expect(app.byTestId("variants-title")).toHaveText("4 варианта");
      await look(page, `words-ru-${size}-variants-plural`, testInfo);
      expect(app.consoleProblems).toEqual([]);
    });

    test("the Cases tab lists every case without a search and sorts by duration", async ({ page }, testInfo) => {
      const sample = tempFile("sample.csv", execFileSync(cli, ["generate", "--cases", "2000", "--seed", "42"], { maxBuffer: 64 << 20 }));
      const expected = JSON.parse(execFileSync(cli, ["analyze", "--json", sample], { maxBuffer: 64 << 20 }).toString());
      const app = await CasemapPage.sample(page);
      await app.byTestId("tab-cases").click();
      const rows = app.byTestId("case-row");
      await expect(rows).toHaveCount(50);
      await expect(app.byTestId("case-list-total")).toHaveText(plural("en", "cases.range", 2000, { from: 1, to: 50, total: grouped(2000) }));
      await look(page, `words-en-${size}-cases`, testInfo);
      const durations = () => rows.evaluateAll((trs) => trs.map((tr) => Number(tr.dataset.duration)));
      const header = page.locator("th", { has: app.byTestId("sort-duration") });
      // Longest first on the first click.
      await app.byTestId("sort-duration").click();
      await expect(header).toHaveAttribute("aria-sort", "descending");
      await expect(rows.first().getByTestId("case-duration-cell")).toHaveText(formats.duration(expected.case_durations_s.max));
      const first = await durations();
      expect(first).toEqual([...first].sort((a, b) => b - a));
      // The next page goes on where this one stopped.
      await app.byTestId("case-page-next").click();
      await expect(app.byTestId("case-list-total")).toHaveText(plural("en", "cases.range", 2000, { from: 51, to: 100, total: grouped(2000) }));
      const second = await durations();
      expect(second[0]).toBeLessThanOrEqual(first[first.length - 1]);
      expect(second).toEqual([...second].sort((a, b) => b - a));
      // A second click turns the order (and goes back to the first page).
      await app.byTestId("sort-duration").click();
      await expect(header).toHaveAttribute("aria-sort", "ascending");
      await expect(rows.first().getByTestId("case-duration-cell")).toHaveText(formats.duration(expected.case_durations_s.min));
      const rising = await durations();
      expect(rising).toEqual([...rising].sort((a, b) => a - b));
      await expect(page.locator("th[aria-sort=ascending], th[aria-sort=descending]")).toHaveCount(1);
      // The search narrows the list; a click opens the case's timeline, focused.
      await app.byTestId("case-search").fill("CS-00");
      await expect(app.byTestId("case-list-total")).toHaveText(plural("en", "cases.range", 99, { from: 1, to: 50, total: 99 }));
      const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.case));
      expect(ids.every((id) => id.includes("CS-00"))).toBe(true);
      await rows.nth(2).click();
      await expect(app.byTestId("case-title")).toHaveText(ids[2]);
      await expect(app.byTestId("case-title")).toBeFocused();
      await look(page, `words-en-${size}-case-open`, testInfo);
      // Back to the list: the row of the case has the focus.
      await app.byTestId("case-close").click();
      await expect(app.byTestId("case-detail")).toHaveCount(0);
      await expect(rows.nth(2)).toBeFocused();
      // Enter on a row opens it too.
      await page.keyboard.press("Enter");
      await expect(app.byTestId("case-title")).toHaveText(ids[2]);
      expect(app.consoleProblems).toEqual([]);
    });

    test("a click that adds a filter says so in a toast, and Undo removes the step", async ({ page }, testInfo) => {
      const app = await CasemapPage.sample(page);
      await expect(app.byTestId("toast-region")).toHaveAttribute("aria-live", "polite");
      await app.byTestId("tab-analyses").click();
      await app.byTestId("analysis-channels").click();
      const view = app.byTestId("analysis-view-channels");
      await view.getByTestId("table-channels").getByTestId("row").filter({ hasText: /^Phone/ }).click();
      const what = fill(en.filters.d_attribute, { column: en.fields.channel, values: "Phone" });
      await expect(app.byTestId("toast-text")).toHaveText(fill(en.toast.added, { what }));
      await expect(app.byTestId("filter-chip")).toHaveCount(1);
      await look(page, `words-en-${size}-toast`, testInfo);
      await app.byTestId("toast-undo").click();
      await expect(app.byTestId("filter-chip")).toHaveCount(0);
      await expect(app.byTestId("toast")).toHaveCount(0);
      // By keyboard: Enter on a row, then Tab-reachable Undo.
      const row = view.getByTestId("table-channels").getByTestId("row").first();
      await row.focus();
      await page.keyboard.press("Enter");
      await expect(app.byTestId("filter-chip")).toHaveCount(1);
      await app.byTestId("toast-undo").focus();
      await page.keyboard.press("Enter");
      await expect(app.byTestId("filter-chip")).toHaveCount(0);
      // The map's "keep these cases" and chosen variants say so too; the toast then goes away
      // by itself after a few seconds.
      await app.byTestId("tab-variants").click();
      await app.byTestId("variant-pick").first().check();
      await app.byTestId("variants-show").click();
      // (Away from the toast: while it is pointed at, it stays.)
      await page.mouse.move(0, 0);
      await expect(app.byTestId("toast-text")).toHaveText(fill(en.toast.added, { what: fill(en.filters.d_variants, { count: 1 }) }));
      await expect(app.byTestId("toast")).toHaveCount(0, { timeout: 12_000 });
      await expect(app.byTestId("filter-chip")).toHaveCount(1);
      expect(app.consoleProblems).toEqual([]);
    });

    test("the tabs are ARIA tabs that follow the arrow keys, and loading puts the focus on them", async ({ page }) => {
      const app = await CasemapPage.sample(page);
      const tab = (code) => app.byTestId(`tab-${code}`);
      await expect(tab("overview")).toBeFocused();
      await expect(page.getByRole("tablist")).toBeVisible();
      await expect(page.getByRole("tab")).toHaveCount(6);
      await expect(tab("overview")).toHaveAttribute("aria-selected", "true");
      const panel = await tab("overview").getAttribute("aria-controls");
      await expect(page.locator(`#${panel}`)).toHaveAttribute("role", "tabpanel");
      await expect(page.locator(`#${panel}`)).toHaveAttribute("aria-labelledby", "tab-overview");
      // One tab stop: the open tab.
      expect(await page.getByRole("tab").evaluateAll((tabs) => tabs.map((t) => t.tabIndex))).toEqual([0, -1, -1, -1, -1, -1]);
      await page.keyboard.press("ArrowRight");
      await expect(tab("map")).toBeFocused();
      await expect(tab("map")).toHaveAttribute("aria-selected", "true");
      await expect(page.locator("[data-testid=map-svg]")).toBeAttached();
      await page.keyboard.press("End");
      await expect(tab("compare")).toBeFocused();
      await expect(tab("compare")).toHaveAttribute("aria-selected", "true");
      await page.keyboard.press("ArrowRight");
      await expect(tab("overview")).toBeFocused();
      await page.keyboard.press("ArrowLeft");
      await expect(tab("compare")).toBeFocused();
      await page.keyboard.press("Home");
      await expect(tab("overview")).toBeFocused();
      expect(await page.getByRole("tab").evaluateAll((tabs) => tabs.map((t) => t.tabIndex))).toEqual([0, -1, -1, -1, -1, -1]);
      // A file read through the mapping step ends on the loaded view's tab as well.
      await app.byTestId("choose-another").click();
      await app.dropFile("two.csv", { text: "case,activity,time\n1,Open,2024-01-01 09:00\n1,Close,2024-01-01 10:00\n" });
      await app.byTestId("import").click();
      await expect(tab("overview")).toBeFocused();
      expect(app.consoleProblems).toEqual([]);
    });
  });
}

test.describe("on a phone", () => {
  test.use({ viewport: SIZES.phone });

  test("no view scrolls sideways, and the variants show their path", async ({ page }, testInfo) => {
    for (const code of ["en", "it"]) {
      const app = await loadSample(page, code);
      const fits = async (what) => {
        const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
        expect(scroll, `${what} (${code}) is ${scroll} px wide in a ${inner} px window`).toBeLessThanOrEqual(inner);
      };
      await expect(app.byTestId("chart-durations").locator(".chart-plot svg")).toBeVisible();
      await fits("the overview");
      await app.screenshot(`words-${code}-phone-overview`, testInfo);
      await app.byTestId("filter-add").click();
      await fits("the filter editor");
      await app.byTestId("filter-add").click();
      await app.byTestId("tab-map").click();
      await expect(page.locator("[data-testid=map-svg] g.activity").first()).toBeAttached();
      await fits("the map");
      await app.screenshot(`words-${code}-phone-map`, testInfo);
      await app.byTestId("tab-variants").click();
      const steps = app.byTestId("variant-steps").first();
      await expect(steps).toBeVisible();
      const box = await steps.boundingBox();
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      await expect(steps.locator(".steps li").first()).toBeInViewport();
      await fits("the variants");
      await look(page, `words-${code}-phone-variants`, testInfo);
      await app.byTestId("tab-cases").click();
      await expect(app.byTestId("case-row").first()).toBeVisible();
      await fits("the cases");
      await look(page, `words-${code}-phone-cases`, testInfo);
      await app.byTestId("case-row").first().click();
      await expect(app.byTestId("case-event").first()).toBeVisible();
      await fits("a case");
      await app.byTestId("tab-analyses").click();
      for (const kind of ["bottlenecks", "sla", "handoffs", "rework", "escalations", "fcr", "priority", "channels", "workload", "acknowledgement", "misclassification", "csat", "drivers", "vocabulary"]) {
        await app.byTestId(`analysis-${kind}`).click();
        if (kind !== "vocabulary") await expect(app.byTestId(`analysis-view-${kind}`).getByTestId("analysis-loading")).toHaveCount(0);
        await fits(`the ${kind} analysis`);
        if (kind === "sla") await app.screenshot(`words-${code}-phone-analyses`, testInfo);
      }
      // The tab strip scrolls inside itself when the tabs do not fit.
      const strip = await page.getByRole("tablist").evaluate((el) => ({ right: el.getBoundingClientRect().right, overflow: getComputedStyle(el).overflowX }));
      expect(strip.right).toBeLessThanOrEqual(390);
      expect(strip.overflow).toBe("auto");
      expect(app.consoleProblems).toEqual([]);
    }
  });
});

for (const [size, viewport] of Object.entries(SIZES)) {
  test(`every view in English and Italian at ${size} size, for a look`, async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    await page.setViewportSize(viewport);
    for (const code of ["en", "it"]) {
      const app = await loadSample(page, code);
      await expect(app.byTestId("chart-durations").locator(".chart-plot svg")).toBeVisible();
      await app.screenshot(`words-${code}-${size}-view-overview`, testInfo);
      await app.byTestId("tab-map").click();
      await expect(page.locator("[data-testid=map-svg] g.activity").first()).toBeAttached();
      await app.screenshot(`words-${code}-${size}-view-map`, testInfo);
      await app.byTestId("tab-variants").click();
      await expect(app.byTestId("variant-row").first()).toBeVisible();
      await look(page, `words-${code}-${size}-view-variants`, testInfo);
      await app.byTestId("tab-cases").click();
      await expect(app.byTestId("case-row").first()).toBeVisible();
      await look(page, `words-${code}-${size}-view-cases`, testInfo);
      await app.byTestId("case-row").nth(1).click();
      await expect(app.byTestId("case-event").first()).toBeVisible();
      await look(page, `words-${code}-${size}-view-case`, testInfo);
      await app.byTestId("tab-analyses").click();
      await app.byTestId("analysis-sla").click();
      await expect(app.byTestId("analysis-view-sla").getByTestId("analysis-loading")).toHaveCount(0);
      await app.screenshot(`words-${code}-${size}-view-analyses`, testInfo);
      expect(app.consoleProblems).toEqual([]);
    }
  });

  test(`in dark mode the performance map's boxes stay dark under light text at ${size} size`, async ({ page }, testInfo) => {
    await page.setViewportSize(viewport);
    const app = await CasemapPage.sample(page);
    await app.byTestId("tab-map").click();
    await app.byTestId("map-performance").click();
    const boxes = page.locator("[data-testid=map-svg] g.activity");
    await expect(boxes.first()).toBeAttached();
    const colours = () =>
      boxes.evaluateAll((gs) =>
        gs.map((g) => ({
          fill: getComputedStyle(g.querySelector("rect")).fill,
          ink: getComputedStyle(g.querySelector("text")).fill,
        })),
      );
    // In the light theme the quiet boxes are nearly white: the check below can fail.
    const light = await colours();
    expect(Math.max(...light.map((c) => luminance(c.fill)))).toBeGreaterThan(0.5);
    await page.emulateMedia({ colorScheme: "dark" });
    const dark = await colours();
    expect(dark.length).toBeGreaterThan(5);
    // Light text (the dark theme's #e4e9ee, luminance 0.81) keeps a contrast of 4.5:1, the
    // WCAG AA minimum, on fills up to (0.81 + 0.05) / 4.5 - 0.05 = 0.14.
    for (const { fill: box, ink } of dark) {
      expect(luminance(box), `fill ${box}`).toBeLessThanOrEqual(0.14);
      const contrast = (luminance(ink) + 0.05) / (luminance(box) + 0.05);
      expect(contrast, `text ${ink} on ${box}`).toBeGreaterThanOrEqual(4.5);
    }
    // The slowest box is still told apart: the fills are not all one colour.
    expect(new Set(dark.map((c) => c.fill)).size).toBeGreaterThan(2);
    await app.screenshot(`words-en-${size}-map-dark-performance`, testInfo);
    expect(app.consoleProblems).toEqual([]);
  });
}

// A toast's timer outlives the page it was shown on: choosing another file while a toast is up
// must not make the timer touch what is gone (it once panicked, "value already disposed").
test("a toast still up when another file is chosen goes quietly", async ({ page }) => {
  const app = await CasemapPage.sample(page);
  await app.byTestId("tab-variants").click();
  await app.byTestId("variant-pick").first().check();
  await app.byTestId("variants-show").click();
  await expect(app.byTestId("toast")).toBeVisible();
  await app.byTestId("tab-overview").click();
  await app.byTestId("choose-another").click();
  await expect(app.byTestId("try-sample")).toBeVisible();
  // Past the six seconds a toast stays.
  await page.waitForTimeout(7_000);
  expect(app.consoleProblems).toEqual([]);
});
