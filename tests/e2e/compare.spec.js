// The compare view: the suggested change point, a before/after and a channel-against-channel
// comparison show the figures `casemap compare --json` computes natively for the same log and
// segments, in all four languages, with the difference map.
"use strict";

const { execFileSync } = require("node:child_process");
const { test, expect } = require("@playwright/test");
const { CasemapPage, locales, fill, cli, grouped, tempFile, formats } = require("./pages/casemap");

const en = locales.en;
const codes = ["en", "it", "ru", "zh"];

/** The sample data as a file (the page's "try the sample data"). */
function sampleFile() {
  return tempFile("compare-sample.csv", execFileSync(cli, ["generate", "--cases", "2000", "--seed", "42"], { maxBuffer: 64 << 20 }));
}

/** `casemap compare --json` of a file with extra arguments. */
function compare(file, ...args) {
  return JSON.parse(execFileSync(cli, ["compare", "--json", file, ...args], { maxBuffer: 256 << 20 }).toString());
}

/** A chain keeping the cases whose `column` is `value`, as a file for `--a` / `--b`. */
function valueChain(name, column, value) {
  return tempFile(name, JSON.stringify({ filters: [{ type: "attribute", column, values: [value] }] }));
}

/** A KPI as the English page writes it (casemap_engine::compare::kpis::display). */
function kpiText(key, v) {
  if (key === "cases" || key === "resolved") return grouped(v);
  if (key.endsWith("_s")) return formats.duration(v);
  if (key.endsWith("_rate") || key === "sla_compliance") return formats.percent(v);
  return formats.decimal(v, 2);
}

const pText = (p) => (p < 0.001 ? "p < 0.001" : `p = ${formats.decimal(p, 3)}`);
const signedPercent = (r) => `${r > 0 ? "+" : ""}${formats.percent(r)}`;
const kpiName = {
  median_resolution_s: "k_median_resolution",
  sla_compliance: "k_sla",
  fcr_rate: "k_fcr",
  reopen_rate: "k_reopen",
  escalation_rate: "k_escalation",
  handoffs_per_case: "k_handoffs",
  rework_rate: "k_rework",
  median_ack_s: "k_ack",
};

/** The sentence the page says for a finding of the CLI, in English. */
function sentence(f) {
  if (f.kind === "kpi") {
    const change = f.relative_change === null ? "" : signedPercent(f.relative_change);
    const template = f.b < f.a ? en.compare.fell : en.compare.rose;
    return fill(template, { kpi: en.compare[kpiName[f.key]], a: kpiText(f.key, f.a), b: kpiText(f.key, f.b), change, p: pText(f.p_value) });
  }
  const template = f.change_s < 0 ? en.compare.path_fell : en.compare.path_rose;
  return fill(template, {
    total: formats.duration(Math.abs(f.change_s)),
    from: f.from ?? en.map.start,
    to: f.to ?? en.map.end,
    a: formats.percent(f.a_share),
    b: formats.percent(f.b_share),
    part: formats.duration(Math.abs(f.contribution_s)),
  });
}

const close = (x, y) => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(y));

/** Checks the figures shown against the CLI's: exactly in English, by value in every language. */
async function expectFigures(app, expected, code) {
  const view = app.byTestId("compare-results");
  await expect(app.byTestId("compare-a")).toHaveAttribute("data-cases", String(expected.a.cases));
  await expect(app.byTestId("compare-b")).toHaveAttribute("data-cases", String(expected.b.cases));
  const rows = view.getByTestId("compare-kpis").getByTestId("row");
  await expect(rows).toHaveCount(expected.kpis.length);
  for (const k of expected.kpis) {
    const row = view.locator(`[data-testid=compare-kpis] tr[data-key=${k.key}]`);
    for (const [side, value] of [["kpi-a", k.a], ["kpi-b", k.b], ["kpi-p", k.p_value]]) {
      const cell = row.getByTestId(side);
      const raw = await cell.getAttribute("data-value");
      if (value === null) {
        expect(raw, `${k.key} ${side}`).toBe("");
        await expect(cell).toHaveText("–");
      } else {
        expect(close(Number(raw), value), `${k.key} ${side}: ${raw} against ${value}`).toBe(true);
        if (code === "en") await expect(cell).toHaveText(side === "kpi-p" ? pText(value) : kpiText(k.key, value));
      }
    }
    await expect(row).toHaveAttribute("data-significant", String(k.significant));
    const verdict = row.getByTestId("kpi-verdict");
    const said = locales[code].compare;
    if (k.few_cases) await expect(verdict).toHaveText(said.few_cases);
    else if (k.significant) await expect(verdict).toHaveText(k.change < 0 ? said.lower : said.higher);
    else if (k.p_value !== null) await expect(verdict).toHaveText(said.no_clear);
  }
  // The summary: one sentence per finding of the CLI, in the page's language.
  const items = app.byTestId("compare-summary").locator("li");
  await expect(items).toHaveCount(expected.findings.length);
  for (const [i, f] of expected.findings.entries()) {
    await expect(items.nth(i)).toHaveAttribute("data-finding", f.kind === "kpi" ? f.key : "path");
    if (code === "en") await expect(items.nth(i)).toHaveText(sentence(f));
    else if (f.kind === "kpi") await expect(items.nth(i)).toContainText(locales[code].compare[kpiName[f.key]]);
  }
  const total = Number(await app.byTestId("compare-time-total").getAttribute("data-change"));
  expect(close(total, expected.time.change_s)).toBe(true);
}

/** Every path of the difference map: its share of cases in A and B as the page holds them. */
async function diffEdges(app) {
  await expect(app.byTestId("diff-map").locator("svg g.edge").first()).toBeVisible();
  return app.byTestId("diff-map").locator("svg g.edge").evaluateAll((edges) =>
    edges.map((e) => ({ from: e.dataset.from, to: e.dataset.to, presence: e.dataset.presence, a: e.dataset.a, b: e.dataset.b })),
  );
}

/** Checks the drawn paths' shares against the CLI's paths (every path drawn is one of them). */
async function expectDiffMap(app, expected) {
  await app.byTestId("diff-paths").evaluate((input) => {
    input.value = "100";
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await expect(app.byTestId("diff-paths-value")).toHaveText(/^(\d+) of \1$/);
  const drawn = await diffEdges(app);
  const name = (n) => (n === null ? undefined : n);
  const share = (cases, of) => (of === 0 ? 0 : cases / of);
  expect(drawn.length).toBe(expected.edges.length);
  for (const e of expected.edges) {
    const from = name(e.from) ?? "__start__";
    const to = name(e.to) ?? "__end__";
    const d = drawn.find((x) => x.from === from && x.to === to);
    expect(d, `${from} -> ${to}`).toBeTruthy();
    const presence = e.a.cases === 0 ? "new" : e.b.cases === 0 ? "gone" : "both";
    expect(d.presence).toBe(presence);
    if (e.a.cases > 0) expect(close(Number(d.a), share(e.a.cases, expected.a.cases))).toBe(true);
    if (e.b.cases > 0) expect(close(Number(d.b), share(e.b.cases, expected.b.cases))).toBe(true);
  }
}

test("the suggested week compares before and after with the CLI's figures, in four languages", async ({ page }, testInfo) => {
  const file = sampleFile();
  const point = compare(file, "--suggest");
  expect(point.week_start).toBe("2025-04-14");
  const expected = compare(file, "--before", point.week_start);
  const app = await CasemapPage.sample(page);
  await app.byTestId("tab-compare").click();
  await expect(app.byTestId("tab-compare")).toHaveText(en.workspace.compare);
  const suggestion = app.byTestId("compare-suggestion");
  await expect(suggestion).toHaveAttribute("data-week", point.week_start);
  await expect(suggestion).toContainText(
    fill(en.compare.suggested, {
      week: point.week_start,
      kpi: en.compare[kpiName[point.kpi]].toLowerCase(),
      before: kpiText(point.kpi, point.before),
      after: kpiText(point.kpi, point.after),
    }),
  );
  await app.byTestId("compare-suggested").click();
  await expect(app.byTestId("compare-a")).toContainText(fill(en.compare.seg_before, { date: point.week_start }));
  await expectFigures(app, expected, "en");
  // The summary names the drop in escalation.
  await expect(app.byTestId("compare-summary").locator("li[data-finding=escalation_rate]")).toContainText(en.compare.k_escalation);
  await expectDiffMap(app, expected);
  await app.screenshot("compare-before-after", testInfo);
  for (const code of codes.slice(1)) {
    await app.chooseLanguage(code);
    await expect(app.byTestId("tab-compare")).toHaveText(locales[code].workspace.compare);
    await expect(app.byTestId("compare-summary").locator("h3")).toHaveText(locales[code].compare.summary);
    await expectFigures(app, expected, code);
    // The difference map is drawn again with the language's numbers.
    await expect(app.byTestId("diff-map").locator("svg g.edge").first()).toBeVisible();
    await app.screenshot(`compare-before-after-${code}`, testInfo);
  }
  expect(app.consoleProblems).toEqual([]);
});

test("one channel against another shows the CLI's figures, in four languages", async ({ page }, testInfo) => {
  const file = sampleFile();
  const expected = compare(file, "--a", valueChain("email.json", "channel", "Email"), "--b", valueChain("phone.json", "channel", "Phone"));
  const app = await CasemapPage.sample(page);
  await app.byTestId("tab-compare").click();
  await app.byTestId("compare-kind").selectOption("values");
  await app.byTestId("compare-column").selectOption("channel");
  await app.byTestId("compare-value-a").selectOption("Email");
  await app.byTestId("compare-value-b").selectOption("Phone");
  await app.byTestId("compare-run").click();
  await expect(app.byTestId("compare-a")).toContainText(fill(en.compare.seg_value, { column: "channel", value: "Email" }));
  await expectFigures(app, expected, "en");
  await expectDiffMap(app, expected);
  // The variants that changed most: the CLI's first.
  const first = app.byTestId("compare-variants").getByTestId("row").first().locator("td");
  await expect(first.nth(0)).toContainText(expected.variants[0].activities.join(" → "));
  await expect(first.nth(1)).toContainText(grouped(expected.variants[0].a_cases));
  await app.screenshot("compare-channels", testInfo);
  for (const code of codes.slice(1)) {
    await app.chooseLanguage(code);
    await expect(app.byTestId("compare-a")).toContainText(fill(locales[code].compare.seg_value, { column: "channel", value: "Email" }));
    await expectFigures(app, expected, code);
  }
  expect(app.consoleProblems).toEqual([]);
});

test("the filters in force narrow both sets; a period against the one before; the map's time measure", async ({ page }, testInfo) => {
  const file = sampleFile();
  const email = { type: "attribute", column: "channel", values: ["Email"] };
  const frame = (from, to) => ({ type: "time_frame", from: `${from}T00:00:00`, to: `${to}T00:00:00`, mode: "started" });
  const chain = (...filters) => tempFile(`chain-${filters.length}-${filters.at(-1).from ?? "x"}.json`, JSON.stringify({ filters }));
  // Email cases of the 28 days before 2025-05-01 against the 28 days before those.
  const [a, b] = [chain(email, frame("2025-03-06", "2025-04-03")), chain(email, frame("2025-04-03", "2025-05-01"))];
  const expected = compare(file, "--a", a, "--b", b);
  // The difference map's waits are the map's (PM4Py's: a wait is never below 0), as `analyze` gives them per set.
  const waits = (chainFile) => {
    const out = JSON.parse(execFileSync(cli, ["analyze", "--json", "--discovery-only", file, "--filter", chainFile], { maxBuffer: 256 << 20 }).toString());
    return new Map(out.dfg.edges.map((e) => [`${e.from} -> ${e.to}`, e.duration_s.median]));
  };
  const [waitsA, waitsB] = [waits(a), waits(b)];
  const app = await CasemapPage.sample(page);
  await app.keepValue("channel", "Email");
  await app.byTestId("tab-compare").click();
  await app.byTestId("compare-kind").selectOption("period");
  await app.byTestId("compare-end").fill("2025-05-01");
  await app.byTestId("compare-days").fill("28");
  await app.byTestId("compare-days").dispatchEvent("change");
  await app.byTestId("compare-run").click();
  await expect(app.byTestId("compare-b")).toContainText(fill(en.compare.seg_period, { from: "2025-04-03", to: "2025-04-30" }));
  await expectFigures(app, expected, "en");
  // Median times on the difference map: each path's wait in A and B, the CLI's.
  await app.byTestId("diff-measure-median").click();
  await app.byTestId("diff-paths").evaluate((input) => {
    input.value = "100";
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await expect(app.byTestId("diff-legend")).toContainText(en.compare.legend_slower);
  await expect
    .poll(async () => (await diffEdges(app)).filter((e) => e.from !== "__start__" && e.to !== "__end__" && e.a !== "").length)
    .toBeGreaterThan(0);
  for (const d of await diffEdges(app)) {
    const key = `${d.from} -> ${d.to}`;
    if (d.a !== "") expect(close(Number(d.a), waitsA.get(key)), `${key}: ${d.a} against ${waitsA.get(key)}`).toBe(true);
    if (d.b !== "") expect(close(Number(d.b), waitsB.get(key)), `${key}: ${d.b} against ${waitsB.get(key)}`).toBe(true);
  }
  await app.screenshot("compare-period-median", testInfo);
  // Removing the filter makes the comparison stale: it is made again for every channel.
  await app.byTestId("filter-remove").click();
  await expect(app.byTestId("compare-a")).not.toHaveAttribute("data-cases", String(expected.a.cases));
  expect(app.consoleProblems).toEqual([]);
});
