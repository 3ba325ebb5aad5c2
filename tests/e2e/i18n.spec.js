// Every view works in all four languages: the switch changes the page's text, the page's
// language attribute, and the choice is remembered.
"use strict";

const { test, expect } = require("@playwright/test");
const { CasemapPage, locales } = require("./pages/casemap");

for (const code of ["it", "ru", "zh", "en"]) {
  test(`switching to ${code} translates the page`, async ({ page }, testInfo) => {
    const app = new CasemapPage(page);
    await app.open();
    if (code === "en") {
      // Start from another language so that switching to English changes something.
      await app.chooseLanguage("it");
      await expect(app.heading).toHaveText(locales.it.landing.title);
    }
    await app.chooseLanguage(code);
    const strings = locales[code];
    await expect(app.heading).toHaveText(strings.landing.title);
    await expect(page.locator("html")).toHaveAttribute("lang", code);
    await expect(app.byTestId("choose-file")).toHaveText(strings.landing.choose_file);
    await expect(app.byTestId("try-sample")).toHaveText(strings.landing.try_sample);
    await expect(app.byTestId("privacy")).toContainText(strings.landing.privacy_title);
    await expect(app.byTestId("offline-badge")).toHaveText(strings.app.offline_badge);
    // No raw key is ever shown.
    await expect(app.main).not.toContainText("landing.");
    await app.screenshot(`landing-${code}`, testInfo);

    // The choice survives a reload.
    await page.reload();
    await expect(app.main).toHaveAttribute("data-worker", "ready");
    await expect(app.heading).toHaveText(strings.landing.title);
    await expect(app.byTestId("language")).toHaveValue(code);
    expect(app.consoleProblems).toEqual([]);
  });
}

test("the import flow is translated too, numbers included", async ({ page }, testInfo) => {
  const app = new CasemapPage(page);
  await app.open();
  await app.chooseLanguage("ru");
  const rows = Array.from({ length: 12345 }, (_, i) => `${i % 1000};Шаг ${i % 5};2024-03-${String(1 + (i % 28)).padStart(2, "0")} 10:00`);
  await app.dropFile("обращения.csv", { text: ["Номер обращения;Действие;Время", ...rows].join("\n") });
  const mapping = app.byTestId("mapping-step");
  await expect(mapping.locator("h2")).toHaveText("Проверьте столбцы файла обращения.csv");
  await expect(app.byTestId("role").nth(0)).toHaveValue("case_id");
  await expect(app.byTestId("role").nth(0).locator("option:checked")).toHaveText(locales.ru.roles.case_id);
  await app.screenshot("mapping-ru", testInfo);
  await app.byTestId("import").click();
  await expect(app.byTestId("fact-events").locator("dt")).toHaveText(locales.ru.loaded.events);
  // Russian groups thousands with a (non-breaking) space.
  await expect(app.fact("fact-events")).toHaveText("12\u00a0345");
  await app.screenshot("loaded-ru", testInfo);
  await app.chooseLanguage("zh");
  await expect(app.byTestId("fact-events").locator("dt")).toHaveText(locales.zh.loaded.events);
  await expect(app.fact("fact-events")).toHaveText("12,345");
  await app.chooseLanguage("it");
  await expect(app.fact("fact-events")).toHaveText("12.345");
  await app.screenshot("loaded-it", testInfo);
});

for (const code of ["it", "ru", "zh"]) {
  test(`the map, variants and cases views are translated to ${code}`, async ({ page }, testInfo) => {
    const app = new CasemapPage(page);
    const strings = locales[code];
    await app.open();
    await app.chooseLanguage(code);
    await app.byTestId("try-sample").click();
    await expect(app.byTestId("tab-map")).toHaveText(strings.workspace.map);
    await expect(app.byTestId("chart-durations")).toContainText(strings.charts.durations);
    await app.byTestId("tab-map").click();
    await expect(app.byTestId("map-frequency")).toHaveText(strings.map.frequency);
    await expect(app.byTestId("map-measure").locator("option:checked")).toHaveText(strings.map.m_cases);
    await expect(app.page.locator("[data-testid=map-svg] g.activity").first()).toBeVisible();
    await app.byTestId("map-performance").click();
    await expect(app.byTestId("map-measure").locator("option:checked")).toHaveText(strings.map.m_median);
    await app.screenshot(`map-${code}`, testInfo);
    await app.byTestId("tab-variants").click();
    await expect(app.byTestId("variants-show")).toHaveText(strings.variants.show_selected);
    await app.byTestId("tab-cases").click();
    await expect(app.byTestId("case-search-go")).toHaveText(strings.cases.find);
    await expect(app.main).not.toContainText(/\b(map|variants|cases|charts|workspace)\.[a-z_]+/);
    expect(app.consoleProblems).toEqual([]);
  });
}

for (const code of ["it", "ru", "zh"]) {
  test(`the key figures, filters and every analysis are translated to ${code}`, async ({ page }, testInfo) => {
    const app = new CasemapPage(page);
    const strings = locales[code];
    await app.open();
    await app.chooseLanguage(code);
    await app.byTestId("try-sample").click();
    await expect(app.byTestId("kpi-panel")).toContainText(strings.kpis.title);
    await expect(app.byTestId("kpi-sla")).toContainText(strings.kpis.sla);
    await app.byTestId("filter-add").click();
    await expect(app.byTestId("filter-apply")).toHaveText(strings.filters.apply);
    await app.byTestId("filter-values").getByRole("checkbox").first().check();
    await app.byTestId("filter-apply").click();
    await expect(app.byTestId("filter-chip")).toHaveCount(1);
    await app.screenshot(`overview-${code}`, testInfo);
    await app.byTestId("tab-analyses").click();
    await expect(app.byTestId("tab-analyses")).toHaveText(strings.workspace.analyses);
    for (const kind of ["bottlenecks", "sla", "handoffs", "rework", "escalations", "fcr", "priority", "channels", "workload", "acknowledgement", "misclassification", "csat", "drivers"]) {
      await app.byTestId(`analysis-${kind}`).click();
      const view = app.byTestId(`analysis-view-${kind}`);
      await expect(view.getByTestId("definition")).toHaveText(strings.analyses[`def_${kind}`]);
      await expect(view.getByTestId("analysis-loading")).toHaveCount(0);
      await expect(view.locator("table, figure, .verdict").first()).toBeVisible();
    }
    await app.screenshot(`analysis-drivers-${code}`, testInfo);
    await app.byTestId("analysis-vocabulary").click();
    await expect(app.byTestId("vocabulary-view")).toContainText(strings.vocabulary.title);
    // No key of the locale files shows instead of its text.
    await expect(app.main).not.toContainText(/\b(kpis|filters|analyses|sla|handoffs|rework|escalations|fcr|priority|channels|workload|ack|misclassification|csat|drivers|needs|steps|vocabulary)\.[a-z_]+/);
    expect(app.consoleProblems).toEqual([]);
  });
}
