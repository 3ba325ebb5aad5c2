// Honest figures: a figure that rests on a step the vocabulary did not find shows "–" and says
// why; the overview names how the open cases end and marks an ending as a resolution or a
// closure in one click (every figure follows, as `casemap analyze --vocabulary` computes it);
// every KPI card's definition is a keyboard focus away; waits after the resolution and
// automations are listed apart; an SLA from the tool's own verdict says so. At 1440x900 and
// 390x844, with screenshots in English and Chinese.
"use strict";

const path = require("node:path");
const { execFileSync } = require("node:child_process");
const { test, expect } = require("@playwright/test");
const { CasemapPage, locales, fill, repo, cli, grouped, tempFile, formats } = require("./pages/casemap");

const en = locales.en;
const zh = locales.zh;
const exports = path.join(repo, "crates/engine/tests/data/exports");

/** `casemap analyze --json` of a file, with extra arguments. */
function analyze(file, ...args) {
  return JSON.parse(execFileSync(cli, ["analyze", "--json", file, ...args], { maxBuffer: 256 << 20 }).toString());
}

/** The sample data as a file. */
function sampleFile() {
  return tempFile("sample.csv", execFileSync(cli, ["generate", "--cases", "2000", "--seed", "42"], { maxBuffer: 64 << 20 }));
}

/**
 * The built-in vocabulary with activities marked as steps, as the page marks them (the whole
 * name, normalised, as a pattern of the step), written to a file for `--vocabulary`.
 */
function markedVocabulary(marks) {
  const vocabulary = JSON.parse(execFileSync(cli, ["vocabulary"]).toString());
  for (const [activity, step] of marks) {
    const pattern = activity.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
    vocabulary.steps.find((s) => s.step === step).patterns.push(pattern);
  }
  return tempFile("vocabulary.json", JSON.stringify(vocabulary));
}

async function loadFile(page, file) {
  const app = new CasemapPage(page);
  await app.open();
  await app.pickFile(file);
  await app.byTestId("import").click();
  await expect(app.byTestId("kpi-panel")).toBeVisible();
  return app;
}



/** A full-page screenshot with the pointer out of the way (no hover tooltip in the picture). */
async function shot(app, name, testInfo) {
  await app.page.mouse.move(0, 0);
  await app.screenshot(name, testInfo);
}

const kpiValue = (app, code) => app.byTestId(`kpi-${code}`).getByTestId("figure-value");
const figure = (view, id) => view.getByTestId(id).getByTestId("figure-value");

/** The endings listed on the overview, as `[name, cases]` pairs. */
async function endingsShown(app) {
  const names = await app.byTestId("ending-name").allTextContents();
  const counts = await app.byTestId("ending-count").allTextContents();
  return names.map((name, i) => [name, counts[i]]);
}

const sizes = [
  { name: "desktop", width: 1440, height: 900 },
  { name: "phone", width: 390, height: 844 },
];

for (const size of sizes) {
  test.describe(`at ${size.width}x${size.height}`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test("a log with no recognised resolution says so; marking its resolution makes the figures", async ({ page }, testInfo) => {
      const file = path.join(exports, "unknown_vocabulary.csv");
      const before = analyze(file).kpis;
      const after = analyze(file, "--vocabulary", markedVocabulary([["Afgehandeld_X", "resolved"]])).kpis;
      expect(before.open_known).toBe(false);
      const app = await loadFile(page, file);
      // No confident figure: "–" and the reason on the card.
      await expect(kpiValue(app, "resolution")).toHaveText("–");
      await expect(app.byTestId("kpi-resolution")).toContainText(en.kpis.why_resolution);
      await expect(kpiValue(app, "fcr")).toHaveText("–");
      await expect(app.byTestId("kpi-fcr")).toContainText(en.kpis.why_resolution);
      await expect(app.byTestId("kpi-cases")).toContainText(en.kpis.open_unknown);
      await expect(kpiValue(app, "reopen")).toHaveText("–");
      await expect(app.byTestId("kpi-reopen")).toContainText(en.kpis.why_reopen);
      await expect(kpiValue(app, "escalation")).toHaveText("–");
      await expect(app.byTestId("kpi-escalation")).toContainText(en.kpis.why_escalation);
      await expect(kpiValue(app, "sla")).toHaveText("–");
      await expect(app.byTestId("kpi-sla")).toContainText(en.kpis.why_sla);
      // The trend of the chosen figure (the resolution time) says why it is empty.
      await expect(app.byTestId("trend-empty")).toHaveText(en.kpis.why_resolution);
      // What the figures it has are: the CLI's.
      await expect(kpiValue(app, "handoffs")).toHaveText(formats.decimal(before.handoffs_per_case, 2));
      await expect(kpiValue(app, "acknowledgement")).toHaveText(formats.duration(before.median_ack_s));
      // The overview says it plainly and names how every case ends, most frequent first.
      await expect(app.byTestId("resolution-unknown")).toHaveText(en.endings.unknown);
      expect(await endingsShown(app)).toEqual(before.endings.map((e) => [e.activity, grouped(e.cases)]));
      await shot(app, `honest-overview-unknown-en-${size.name}`, testInfo);

      // One click: Afgehandeld_X is the resolution. Every figure follows.
      const ending = app.byTestId("ending").filter({ has: app.byTestId("ending-name").getByText("Afgehandeld_X", { exact: true }) });
      await expect(ending.getByTestId("mark-resolved")).toHaveAttribute("aria-label", fill(en.endings.mark_resolution, { activity: "Afgehandeld_X" }));
      await ending.getByTestId("mark-resolved").click();
      await expect(app.byTestId("marked")).toContainText(fill(en.endings.marked, { activity: "Afgehandeld_X", step: en.steps.resolved }));
      expect(after.open_known).toBe(true);
      await expect(kpiValue(app, "resolution")).toHaveText(formats.duration(after.median_resolution_s));
      await expect(kpiValue(app, "fcr")).toHaveText(formats.percent(after.fcr_rate));
      await expect(app.byTestId("kpi-cases")).toContainText(fill(en.kpis.open, { count: grouped(after.open) }));
      await expect(app.byTestId("resolution-unknown")).toHaveCount(0);
      // The first-contact analysis agrees; "one contact" is not a confident 100 % the log cannot tell.
      const fcr = await app.openAnalysis("fcr");
      await expect(figure(fcr, "fig-fcr")).toHaveText(formats.percent(after.fcr_rate));
      await expect(figure(fcr, "fig-one-contact")).toHaveText("–");
      await expect(fcr.getByTestId("fig-one-contact")).toContainText(en.fcr.why_contact);
      // The mark is in the vocabulary, and can be taken back from the overview.
      await app.byTestId("analysis-vocabulary").click();
      await expect(app.byTestId("vocabulary-step").filter({ hasText: en.steps.resolved }).getByTestId("vocabulary-matched")).toHaveText("Afgehandeld_X");
      await app.byTestId("tab-overview").click();
      await app.byTestId("undo-mark").click();
      await expect(kpiValue(app, "resolution")).toHaveText("–");
      await expect(app.byTestId("resolution-unknown")).toBeVisible();

      // In Chinese too, with the analyses that rest on resolution saying why.
      await app.chooseLanguage("zh");
      await expect(app.byTestId("resolution-unknown")).toHaveText(zh.endings.unknown);
      await expect(app.byTestId("kpi-resolution")).toContainText(zh.kpis.why_resolution);
      await shot(app, `honest-overview-unknown-zh-${size.name}`, testInfo);
      const waits = await app.openAnalysis("bottlenecks");
      await expect(figure(waits, "fig-open")).toHaveText("–");
      await expect(waits.getByTestId("no-stuck")).toHaveText(zh.analyses.open_unknown);
      expect(app.consoleProblems).toEqual([]);
    });

    test("open cases name their endings; marking one as a closure reduces the open count", async ({ page }, testInfo) => {
      const file = path.join(exports, "unrecognised_final_states.csv");
      const before = analyze(file).kpis;
      const closed = analyze(file, "--vocabulary", markedVocabulary([["Cannot Reproduce", "closed"]])).kpis;
      const vendor = analyze(file, "--vocabulary", markedVocabulary([["Cannot Reproduce", "closed"], ["Pending Vendor", "closed"]])).kpis;
      const app = await loadFile(page, file);
      await expect(app.byTestId("kpi-cases")).toContainText(fill(en.kpis.open, { count: grouped(before.open) }));
      // The engine's closure patterns know Won't Do, Duplicate and Cancelled; Cannot Reproduce is left.
      const shown = await endingsShown(app);
      expect(shown).toEqual(before.endings.map((e) => [e.activity, grouped(e.cases)]));
      expect(shown.map(([name]) => name)).toContain("Cannot Reproduce");
      expect(shown.map(([name]) => name)).not.toContain("Won't Do");
      expect(shown.map(([name]) => name)).not.toContain("Duplicate");
      await expect(app.byTestId("endings")).toContainText(en.endings.open_end_in);
      await shot(app, `honest-overview-endings-en-${size.name}`, testInfo);
      const ending = (name) => app.byTestId("ending").filter({ has: app.byTestId("ending-name").getByText(name, { exact: true }) });
      await ending("Cannot Reproduce").getByTestId("mark-closed").click();
      expect(closed.open).toBeLessThan(before.open);
      await expect(app.byTestId("kpi-cases")).toContainText(fill(en.kpis.open, { count: grouped(closed.open) }));
      await expect(kpiValue(app, "resolution")).toHaveText(formats.duration(closed.median_resolution_s));
      await expect(ending("Cannot Reproduce")).toHaveCount(0);
      // An ending the vocabulary calls something else ("pending*": a wait) can be marked too.
      await ending("Pending Vendor").getByTestId("mark-closed").click();
      await expect(app.byTestId("kpi-cases")).toContainText(fill(en.kpis.open, { count: grouped(vendor.open) }));
      expect(vendor.open).toBeLessThan(closed.open);
      await expect(app.byTestId("marked")).toContainText(fill(en.endings.marked, { activity: "Pending Vendor", step: en.steps.closed }));
      await app.chooseLanguage("zh");
      await expect(app.byTestId("endings")).toContainText(zh.endings.open_end_in);
      await expect(app.byTestId("marked")).toContainText(fill(zh.endings.marked, { activity: "Pending Vendor", step: zh.steps.closed }));
      await shot(app, `honest-overview-endings-zh-${size.name}`, testInfo);
      expect(app.consoleProblems).toEqual([]);
    });

    test("waits after the resolution and automations are listed apart", async ({ page }, testInfo) => {
      const expected = analyze(sampleFile());
      const app = await CasemapPage.sample(page);
      for (const lang of ["en", "zh"]) {
        await app.chooseLanguage(lang);
        const strings = locales[lang];
        let view = await app.openAnalysis("bottlenecks");
        const top = view.getByTestId("table-by-total").getByTestId("row").first().locator("td");
        await expect(top.nth(0)).toHaveText(`${expected.bottlenecks.by_total[0].from} → ${expected.bottlenecks.by_total[0].to}`);
        await expect(top.nth(0)).not.toHaveText("Case Resolved → Case Closed");
        const after = view.getByTestId("table-after-resolution").getByTestId("row");
        await expect(after.first().locator("td").nth(0)).toHaveText("Case Resolved → Case Closed");
        await expect(after.first().locator("td").nth(3)).toHaveText(
          lang === "en" ? formats.duration(expected.bottlenecks.after_resolution[0].waiting.total) : /\d/,
        );
        await expect(after).toHaveCount(expected.bottlenecks.after_resolution.length);
        await expect(view.getByTestId("after-resolution-note")).toHaveText(strings.analyses.after_resolution_note);
        // Nothing after a resolution leads any ranking, nor the chart.
        for (const table of ["table-by-total", "table-by-median"]) {
          const firsts = await view.getByTestId(table).getByTestId("row").locator("td:first-child").allTextContents();
          expect(firsts.filter((t) => /^Case (Resolved|Closed) →/.test(t))).toEqual([]);
        }
        await expect(view.getByTestId("chart-bottlenecks")).not.toContainText("Case Resolved →");
        await view.getByTestId("after-resolution").scrollIntoViewIfNeeded();
        await shot(app, `honest-bottlenecks-${lang}-${size.name}`, testInfo);

        view = await app.openAnalysis("workload");
        const agents = await view.getByTestId("table-agents").getByTestId("row").locator("td:first-child").allTextContents();
        expect(agents.length).toBeGreaterThan(0);
        expect(agents.filter((name) => /^Auto-/.test(name))).toEqual([]);
        await expect(view.getByTestId("chart-workload")).not.toContainText("Auto-");
        const automations = view.getByTestId("table-automations").getByTestId("row");
        await expect(automations).toHaveCount(expected.workload.automations.length);
        const first = expected.workload.automations[0];
        await expect(automations.first().locator("td").nth(0)).toHaveText(first.name);
        if (lang === "en") await expect(automations.first().locator("td").nth(1)).toHaveText(grouped(first.events));
        await expect(view.getByTestId("automations")).toContainText(strings.workload.automations_note);
        await expect(figure(view, "fig-automations")).toHaveText(String(expected.workload.automations.length));
        await expect(view.getByTestId("fig-agents").getByTestId("figure-value")).toHaveText(String(expected.workload.agents.length));
        await view.getByTestId("automations").scrollIntoViewIfNeeded();
        await shot(app, `honest-workload-${lang}-${size.name}`, testInfo);
      }
      expect(expected.workload.agents.some((a) => a.name.startsWith("Auto-"))).toBe(false);
      expect(app.consoleProblems).toEqual([]);
    });

    test("an SLA from the tool's verdict says so, and the tool's reassignment count is shown", async ({ page }, testInfo) => {
      const file = path.join(exports, "servicenow_incident_updates.csv");
      const expected = analyze(file);
      expect(expected.sla.source).toBe("flag");
      const app = await loadFile(page, file);
      await expect(kpiValue(app, "sla")).toHaveText(formats.percent(expected.kpis.sla_compliance));
      await expect(app.byTestId("kpi-handoffs")).toContainText(
        fill(en.kpis.reassignments, { value: formats.decimal(expected.kpis.reassignments_per_case, 2) }),
      );
      for (const lang of ["en", "zh"]) {
        await app.chooseLanguage(lang);
        const strings = locales[lang];
        const sla = await app.openAnalysis("sla");
        await expect(sla.getByTestId("sla-source")).toHaveText(strings.sla.from_flag);
        await expect(figure(sla, "fig-sla-compliance")).toHaveText(
          lang === "en" ? formats.percent(expected.sla.overall.compliance) : /%$/,
        );
        if (lang === "en") await expect(figure(sla, "fig-sla-breached")).toHaveText(grouped(expected.sla.overall.breached));
        // No deadlines: nothing is said about cases at risk or late reassignments.
        await expect(sla.getByTestId("at-risk-title")).toHaveCount(0);
        await expect(sla.getByTestId("fig-hot-potato")).toHaveCount(0);
        await expect(sla.getByTestId("table-breaches-after")).toHaveCount(0);
        await shot(app, `honest-sla-${lang}-${size.name}`, testInfo);
        const handoffs = await app.openAnalysis("handoffs");
        await expect(figure(handoffs, "fig-reassignments")).toHaveText(formats.decimal(expected.handoffs.reassignments_per_case, 2));
        await expect(handoffs.getByTestId("fig-reassignments")).toContainText(strings.handoffs.reassignments_note);
      }
      expect(app.consoleProblems).toEqual([]);
    });

    test("every KPI card's definition is a keyboard focus away", async ({ page }, testInfo) => {
      const app = await CasemapPage.sample(page);
      const codes = ["cases", "resolution", "sla", "fcr", "reopen", "escalation", "handoffs", "rework", "acknowledgement"];
      // Tab from the tabs to the first card, as a keyboard user does.
      await app.byTestId("tab-overview").focus();
      for (let i = 0; i < 40; i += 1) {
        await page.keyboard.press("Tab");
        if ((await page.evaluate(() => document.activeElement?.dataset.testid)) === "kpi-cases") break;
      }
      for (const [i, code] of codes.entries()) {
        if (i > 0) await page.keyboard.press("Tab");
        const card = app.byTestId(`kpi-${code}`);
        await expect(card).toBeFocused();
        const id = await card.getAttribute("aria-describedby");
        const definition = page.locator(`[id="${id}"]`);
        await expect(definition).toHaveAttribute("role", "tooltip");
        await expect(definition).toBeVisible();
        await expect(definition).toContainText(en.kpis[`def_${code}`]);
        if (code === "resolution") {
          // How the resolution time differs from the case duration, with both figures.
          await expect(definition).toContainText(/Here: median resolution .+, median case duration .+\./);
          await shot(app, `honest-kpi-definition-en-${size.name}`, testInfo);
          // Escape hides it; it stays the card's description.
          await page.keyboard.press("Escape");
          await expect(definition).toBeHidden();
        }
      }
      // The case-duration chart says what a case duration is.
      await expect(app.byTestId("duration-definition")).toHaveText(en.charts.duration_definition);
      // The definitions are translated.
      for (const lang of ["it", "ru", "zh"]) {
        await app.chooseLanguage(lang);
        await expect(app.byTestId("kpi-definition-fcr")).toHaveText(locales[lang].kpis.def_fcr);
      }
      await app.byTestId("kpi-resolution").focus();
      await page.keyboard.press("Tab");
      await page.keyboard.press("Shift+Tab");
      await expect(app.byTestId("kpi-definition-resolution")).toBeVisible();
      await shot(app, `honest-kpi-definition-zh-${size.name}`, testInfo);
      expect(app.consoleProblems).toEqual([]);
    });
  });
}
