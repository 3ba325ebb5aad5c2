// Charts people can read, on a wide screen and on a phone: duration axes step by round values,
// a few huge outliers go to an overflow bar set apart instead of squeezing every case into the
// first bars, weeks the log covers only in part and trend points that rest on few cases are
// marked, bar charts use the width of their panel with labels broken between words, chart text
// keeps a readable size on a phone, and a long duration stays on one line in its card.
"use strict";

const { execFileSync } = require("node:child_process");
const { test, expect } = require("@playwright/test");
const { CasemapPage, locales, fill, cli, grouped, tempFile, formats } = require("./pages/casemap");

const en = locales.en;
const sizes = [
  { name: "desktop", width: 1440, height: 900 },
  { name: "phone", width: 390, height: 844 },
];

const HOUR = 3600;
const DAY = 86_400;
const units = { s: 1, min: 60, h: HOUR, d: DAY, wk: 7 * DAY, mo: 30 * DAY, yr: 365 * DAY };
/** Round steps of a duration axis, seconds (crates/engine/src/ticks.rs). */
const roundSteps = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY,
  7 * DAY, 14 * DAY, 28 * DAY, 30 * DAY, 90 * DAY, 180 * DAY,
];

/** Seconds of an English duration tick ("0", "12 h", "1 d 12 h", "2 wk", "3 mo", "5 yr"). */
function tickSeconds(label) {
  if (label === "0") return 0;
  const parts = [...label.matchAll(/([\d,]+) (s|min|h|d|wk|mo|yr)/g)];
  expect(parts.map((p) => p[0]).join(" "), `"${label}" reads as a duration`).toBe(label);
  return parts.reduce((sum, [, n, unit]) => sum + Number(n.replace(/,/g, "")) * units[unit], 0);
}

function isRoundStep(step) {
  if (roundSteps.includes(step)) return true;
  const years = step / units.yr;
  const decade = 10 ** Math.floor(Math.log10(years));
  return [1, 2, 5].some((f) => Math.abs(years / decade - f) < 1e-9);
}

/** `casemap analyze --json` of a file. */
function analyze(file) {
  return JSON.parse(execFileSync(cli, ["analyze", "--json", file], { maxBuffer: 256 << 20 }).toString());
}

function sampleFile() {
  return tempFile("sample.csv", execFileSync(cli, ["generate", "--cases", "2000", "--seed", "42"], { maxBuffer: 64 << 20 }));
}

/** A minute-precise local time `minutes` after 2025-01-06 09:00, as an export writes it. */
function at(minutes) {
  const t = new Date(Date.UTC(2025, 0, 6, 9, 0) + minutes * 60_000);
  return t.toISOString().slice(0, 16).replace("T", " ");
}

/** 300 cases of 1 to 10 hours and two that took over a year: a log with outliers. */
function outliersFile() {
  const rows = ["case_id,activity,timestamp"];
  for (let i = 0; i < 300; i++) {
    const start = i * 45;
    rows.push(`C${i},Case Created,${at(start)}`, `C${i},Case Resolved,${at(start + 60 + Math.round((i * 540) / 299))}`);
  }
  rows.push(`X1,Case Created,${at(0)}`, `X1,Case Resolved,${at(400 * 24 * 60)}`);
  rows.push(`X2,Case Created,${at(30)}`, `X2,Case Resolved,${at(1157 * 24 * 60 + 9 * 60)}`);
  return tempFile("outliers.csv", rows.join("\n") + "\n");
}

/** The sample data, with its charts drawn. */
async function sampleCharts(page) {
  const app = await CasemapPage.sample(page);
  await expect(app.byTestId("chart-durations").locator(".chart-plot svg")).toBeVisible();
  return app;
}

async function importFile(page, file) {
  const app = new CasemapPage(page);
  await app.open();
  await app.pickFile(file);
  await expect(app.byTestId("mapping-step")).toBeVisible();
  await app.byTestId("import").click();
  await expect(app.byTestId("chart-durations").locator(".chart-plot svg")).toBeVisible();
  return app;
}


/** The x-axis tick labels of the duration histogram, left to right. */
async function durationTicks(app) {
  const texts = await app
    .byTestId("chart-durations")
    .locator(".chart-plot svg text")
    .evaluateAll((texts) =>
      // x ticks are centred (the y ticks are right-aligned, the y title rotated).
      texts
        .filter((t) => t.getAttribute("text-anchor") === "middle" && !t.getAttribute("transform"))
        .map((t) => ({ x: t.getBoundingClientRect().left, text: t.textContent.trim() }))
        .sort((a, b) => a.x - b.x)
        .map((t) => t.text),
    );
  // Not the x title, nor the overflow bar's threshold ("> 9 d") and count.
  return texts.filter((t) => t !== en.charts.durations_axis && !t.startsWith(">") && (t === "0" || !/^[\d,]+$/.test(t)));
}

/** The centred texts of the duration histogram that are exactly `text` (the overflow bar's). */
function histogramText(app, text) {
  return app.byTestId("chart-durations").locator('.chart-plot svg text[text-anchor="middle"]').filter({ hasText: new RegExp(`^\\s*${text}\\s*$`) });
}

/** Every chart text inside `root` with its on-screen height and font size. */
async function chartTextSizes(locator) {
  return locator.locator(".chart-svg svg text").evaluateAll((texts) =>
    texts
      .filter((t) => t.textContent.trim() !== "" && t.getBoundingClientRect().width > 0)
      .map((t) => ({ text: t.textContent.trim(), height: t.getBoundingClientRect().height, font: parseFloat(getComputedStyle(t).fontSize) })),
  );
}

/**
 * The bars of the bar charts inside `root`: the label as shown (lines), the whole label (from
 * the row's tooltip), and whether the label stays left of the bars and inside the chart.
 */
async function barLabels(root) {
  return root.getByTestId("bar-row").evaluateAll((rows) =>
    rows.map((row) => {
      const label = row.querySelector("[data-testid=bar-label]");
      const lines = [...label.querySelectorAll("tspan")].map((t) => t.textContent);
      const title = row.querySelector("title").textContent.split("\n")[0];
      const full = title.slice(0, title.lastIndexOf(": "));
      const box = label.getBoundingClientRect();
      const svg = row.ownerSVGElement.getBoundingClientRect();
      return { lines, full, left: box.left - svg.left, right: box.right - svg.left, width: svg.width };
    }),
  );
}

/** Checks labels: whole words of the full label, in order, never a word cut. */
function expectWholeWords(labels) {
  expect(labels.length).toBeGreaterThan(0);
  for (const { lines, full, left, right, width } of labels) {
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThanOrEqual(2);
    const shown = lines.join(" ").replace(/\s*…$/, "");
    expect(full.startsWith(shown), `"${lines.join(" / ")}" shows the start of "${full}"`).toBe(true);
    const next = full.slice(shown.length, shown.length + 1);
    expect(next === "" || next === " ", `"${lines.join(" / ")}" ends in a cut word of "${full}"`).toBe(true);
    if (shown.length < full.length) expect(lines[lines.length - 1].endsWith("…")).toBe(true);
    expect(left).toBeGreaterThanOrEqual(0);
    expect(right).toBeLessThanOrEqual(width);
  }
}

for (const size of sizes) {
  test.describe(`${size.name} (${size.width}x${size.height})`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test("the sample's duration axis steps by round values and its trend points tell their cases", async ({ page }, testInfo) => {
      const expected = analyze(sampleFile());
      const app = await sampleCharts(page);
      // Round ticks: evenly spaced multiples of a step people count in.
      const ticks = (await durationTicks(app)).map(tickSeconds);
      expect(ticks.length).toBeGreaterThanOrEqual(3);
      const step = ticks[1] - ticks[0];
      expect(isRoundStep(step), `step ${step} s`).toBe(true);
      for (let i = 0; i < ticks.length; i++) expect(ticks[i]).toBe(ticks[0] + i * step);
      // The engine's overflow bar, labelled with its threshold and count, and named below.
      const overflow = expected.case_duration_histogram.find((b) => b.overflow);
      expect(overflow).toBeTruthy();
      await expect(histogramText(app, `> ${formats.duration(overflow.from)}`)).toHaveCount(1);
      await expect(histogramText(app, grouped(overflow.cases))).toHaveCount(1);
      await expect(app.byTestId("overflow-note")).toHaveText(
        fill(en.charts.overflow_note, { from: formats.duration(overflow.from), to: formats.duration(overflow.to), count: grouped(overflow.cases) }),
      );
      // One hover region per bar, each telling its cases.
      const bars = app.byTestId("duration-bar");
      await expect(bars).toHaveCount(expected.case_duration_histogram.length);
      await expect(bars.first().locator("title")).toHaveText(
        fill(en.charts.bin_tip, {
          from: formats.duration(expected.case_duration_histogram[0].from),
          to: formats.duration(expected.case_duration_histogram[0].to),
          count: grouped(expected.case_duration_histogram[0].cases),
        }),
      );
      // The weekly trend: every point tells the cases it rests on; the last week, which the log
      // covers only in part, says so, and the faint points are explained.
      const weeks = expected.kpis.weeks;
      const points = app.byTestId("trend-point");
      await expect(points).toHaveCount(weeks.length);
      for (const i of [0, Math.floor(weeks.length / 2)]) {
        await expect(points.nth(i).locator("title")).toContainText(`Cases: ${grouped(weeks[i].cases)}`);
        await expect(points.nth(i).locator("title")).toContainText(`${en.kpis.week_of} ${weeks[i].start}: ${formats.duration(weeks[i].median_resolution_s)}`);
      }
      const partial = weeks.findIndex((w) => w.partial);
      expect(partial).toBe(weeks.length - 1);
      await expect(points.nth(partial).locator("title")).toContainText(en.kpis.partial_period);
      await expect(app.byTestId("trend-faint")).toHaveText(fill(en.kpis.faint_points, { least: 20 }));
      // The sample ends on a Friday: its last week is drawn faint, and the legend says why.
      await expect(app.byTestId("partial-legend")).toHaveText(en.charts.partial_week);
      await expect(app.byTestId("week").last().locator("title")).toContainText(en.charts.partial_week);
      await app.screenshot(`charts-overview-en-${size.name}`, testInfo);
      expect(app.consoleProblems).toEqual([]);
    });

    test("bar charts use their panel's width and keep their labels' words whole", async ({ page }, testInfo) => {
      const app = await sampleCharts(page);
      for (const kind of ["bottlenecks", "rework", "workload"]) {
        const view = await app.openAnalysis(kind);
        const chart = view.locator("figure.bar-chart").first();
        await expect(chart.locator(".chart-plot svg")).toBeVisible();
        const [svgWidth, panelWidth] = await chart.evaluate((figure) => {
          const panel = figure.closest("[data-testid^=analysis-view-]");
          const style = getComputedStyle(panel);
          const inner = panel.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
          return [figure.querySelector(".chart-plot svg").getBoundingClientRect().width, inner];
        });
        expect(svgWidth, `${kind}: chart ${svgWidth} px of a ${panelWidth} px panel`).toBeGreaterThanOrEqual(0.9 * panelWidth);
        const labels = await barLabels(chart);
        expectWholeWords(labels);
        if (kind === "bottlenecks") await app.screenshot(`charts-bottlenecks-en-${size.name}`, testInfo);
      }
      // On a phone a label stands above its bar, across the chart's width: the longest
      // transition names are shown whole.
      if (size.name === "phone") {
        const view = await app.openAnalysis("bottlenecks");
        const labels = await barLabels(view.locator("figure.bar-chart").first());
        for (const l of labels.slice(0, 3)) expect(l.lines.join(" ")).toBe(l.full);
      }
      // A click on a bar keeps its cases, from the keyboard too.
      const view = await app.openAnalysis("workload");
      const first = view.getByTestId("chart-workload").getByTestId("bar-row").first();
      await first.focus();
      await page.keyboard.press("Enter");
      await expect(app.byTestId("filter-chip")).toHaveCount(1);
      expect(app.consoleProblems).toEqual([]);
    });

    test("in Russian, chart text stays readable and labels keep whole words", async ({ page }, testInfo) => {
      const app = await sampleCharts(page);
      await app.chooseLanguage("ru");
      await expect(app.byTestId("kpi-trend")).toContainText(locales.ru.kpis.weekly);
      await expect(app.byTestId("chart-durations").locator(".chart-plot svg text", { hasText: "д" }).first()).toBeVisible();
      for (const chart of ["chart-durations", "chart-over-time", "kpi-trend"]) {
        const texts = await chartTextSizes(app.byTestId(chart));
        expect(texts.length).toBeGreaterThan(3);
        for (const t of texts) {
          expect(t.height, `${chart}: "${t.text}" is ${t.height} px high`).toBeGreaterThanOrEqual(10);
          expect(t.font, `${chart}: "${t.text}"`).toBeGreaterThanOrEqual(11);
        }
      }
      await app.screenshot(`charts-overview-ru-${size.name}`, testInfo);
      const view = await app.openAnalysis("bottlenecks");
      const texts = await chartTextSizes(view);
      expect(texts.length).toBeGreaterThan(3);
      for (const t of texts) expect(t.height, `"${t.text}"`).toBeGreaterThanOrEqual(10);
      expectWholeWords(await barLabels(view.locator("figure.bar-chart").first()));
      await app.screenshot(`charts-bottlenecks-ru-${size.name}`, testInfo);
      expect(app.consoleProblems).toEqual([]);
    });

    test("a few huge outliers go to an overflow bar set apart, labelled with its threshold", async ({ page }, testInfo) => {
      const file = outliersFile();
      const expected = analyze(file);
      const overflow = expected.case_duration_histogram.at(-1);
      expect(overflow).toMatchObject({ overflow: true, cases: 2 });
      const app = await importFile(page, file);
      await expect(histogramText(app, `> ${formats.duration(overflow.from)}`)).toHaveCount(1);
      await expect(histogramText(app, "2")).toHaveCount(1);
      await expect(app.byTestId("overflow-note")).toContainText(formats.duration(overflow.to));
      // The regular bars span the ordinary cases (round ticks up to the threshold), and the
      // overflow bar stands right of them all.
      const ticks = (await durationTicks(app)).map(tickSeconds);
      expect(Math.max(...ticks)).toBeLessThanOrEqual(overflow.from);
      expect(Math.max(...ticks)).toBeGreaterThanOrEqual(overflow.from / 2);
      const overflowBar = app.byTestId("duration-bar").last();
      await expect(overflowBar.locator("title")).toHaveText(
        fill(en.charts.overflow_tip, { from: formats.duration(overflow.from), to: formats.duration(overflow.to), count: "2" }),
      );
      const [lastBar, overflowBox] = await app.byTestId("duration-bar").evaluateAll((hits) =>
        [hits.at(-2), hits.at(-1)].map((h) => h.getBoundingClientRect().right),
      );
      expect(overflowBox).toBeGreaterThan(lastBar);
      // The outliers stretch the log over three years: its first week starts on a Monday but
      // the last one is cut, and it is marked.
      await expect(app.byTestId("partial-legend")).toBeVisible();
      await app.screenshot(`charts-outliers-en-${size.name}`, testInfo);
      expect(app.consoleProblems).toEqual([]);
    });

    test("a very long duration stays on one line in its key figure", async ({ page }, testInfo) => {
      // Cases that took 1,157 days: the card shows whole days, on one line.
      const rows = ["case_id,activity,timestamp"];
      for (let i = 0; i < 5; i++) rows.push(`L${i},Case Created,${at(i * 60)}`, `L${i},Case Resolved,${at(i * 60 + 1157 * 24 * 60 + 9 * 60)}`);
      const file = tempFile("long.csv", rows.join("\n") + "\n");
      const expected = analyze(file);
      const app = await importFile(page, file);
      const value = app.byTestId("kpi-resolution").getByTestId("figure-value");
      await expect(value).toHaveText(formats.duration(expected.kpis.median_resolution_s));
      await expect(value).toHaveText("1,157 d");
      const [lines, inside] = await value.evaluate((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        const card = el.closest(".figure").getBoundingClientRect();
        return [tops.size, el.getBoundingClientRect().right <= card.right];
      });
      expect(lines).toBe(1);
      expect(inside).toBe(true);
      await app.screenshot(`charts-long-duration-${size.name}`, testInfo);
      expect(app.consoleProblems).toEqual([]);
    });
  });
}
