// The service analyses and the filter chain: every view shows the figure `casemap analyze
// --json` computes natively for the same log and filters, rows and map clicks become filter
// steps, a log that lacks a column says which one, and SLA rules, FCR parts and the
// vocabulary can be changed in the page.
"use strict";

const path = require("node:path");
const { execFileSync } = require("node:child_process");
const { test, expect } = require("@playwright/test");
const { CasemapPage, locales, fill, plural, sharedData, cli, grouped, tempFile, formats } = require("./pages/casemap");

const en = locales.en;

/** The sample data as a file. */
function sampleFile() {
  return tempFile("sample.csv", execFileSync(cli, ["generate", "--cases", "2000", "--seed", "42"], { maxBuffer: 64 << 20 }));
}

/** `casemap analyze --json` of a file, with extra arguments (`--filter chain.json`, ...). */
function analyze(file, ...args) {
  return JSON.parse(execFileSync(cli, ["analyze", "--json", file, ...args], { maxBuffer: 256 << 20 }).toString());
}



const figure = (view, id) => view.getByTestId(id).getByTestId("figure-value");

test("the overview's key figures are the CLI's", async ({ page }, testInfo) => {
  const expected = analyze(sampleFile()).kpis;
  const app = await CasemapPage.sample(page);
  const kpi = (code) => app.byTestId(`kpi-${code}`).getByTestId("figure-value");
  await expect(kpi("cases")).toHaveText(grouped(expected.cases));
  await expect(kpi("resolution")).toHaveText(formats.duration(expected.median_resolution_s));
  await expect(kpi("sla")).toHaveText(formats.percent(expected.sla_compliance));
  await expect(kpi("fcr")).toHaveText(formats.percent(expected.fcr_rate));
  await expect(kpi("reopen")).toHaveText(formats.percent(expected.reopen_rate));
  await expect(kpi("escalation")).toHaveText(formats.percent(expected.escalation_rate));
  await expect(kpi("handoffs")).toHaveText(formats.decimal(expected.handoffs_per_case, 2));
  await expect(kpi("rework")).toHaveText(formats.percent(expected.rework_rate));
  await expect(kpi("acknowledgement")).toHaveText(formats.duration(expected.median_ack_s));
  // A trend per week, then per month, for the chosen figure.
  await expect(app.byTestId("kpi-trend").locator(".chart-plot svg")).toBeVisible();
  await app.byTestId("kpi-sla").click();
  await expect(app.byTestId("kpi-trend")).toContainText(fill(en.kpis.trend, { kpi: en.kpis.sla }));
  await app.byTestId("trend-months").click();
  // Each month's first day is an x label.
  await expect(app.byTestId("kpi-trend").locator(".chart-plot svg")).toContainText(expected.months[1].start);
  await app.screenshot("overview-kpis", testInfo);
  expect(app.consoleProblems).toEqual([]);
});

test("every service analysis shows the CLI's figure for the sample data", async ({ page }, testInfo) => {
  const expected = analyze(sampleFile());
  const app = await CasemapPage.sample(page);

  let view = await app.openAnalysis("bottlenecks");
  const top = expected.bottlenecks.by_total[0];
  const first = view.getByTestId("table-by-total").getByTestId("row").first().locator("td");
  await expect(first.nth(0)).toHaveText(`${top.from} → ${top.to}`);
  await expect(first.nth(1)).toHaveText(grouped(top.frequency));
  await expect(first.nth(3)).toHaveText(formats.duration(top.waiting.total));
  await expect(view.getByTestId("chart-bottlenecks").locator(".chart-plot svg")).toBeVisible();
  await app.screenshot("analysis-bottlenecks", testInfo);

  view = await app.openAnalysis("sla");
  await expect(figure(view, "fig-sla-compliance")).toHaveText(formats.percent(expected.sla.overall.compliance));
  await expect(figure(view, "fig-sla-breached")).toHaveText(grouped(expected.sla.overall.breached));
  await expect(view.getByTestId("sla-source")).toHaveText(en.sla.from_due_date);
  const after = view.getByTestId("table-breaches-after").getByTestId("row").first().locator("td");
  await expect(after.nth(0)).toHaveText(expected.sla.breaches_after[0].activity);
  await expect(after.nth(1)).toHaveText(grouped(expected.sla.breaches_after[0].cases));
  await expect(figure(view, "fig-hot-potato")).toHaveText(formats.percent(expected.sla.hot_potato.with_reassignment.rate));
  await app.screenshot("analysis-sla", testInfo);

  view = await app.openAnalysis("handoffs");
  await expect(figure(view, "fig-handoffs")).toHaveText(formats.decimal(expected.handoffs.handoffs_per_case, 2));
  await expect(figure(view, "fig-ping-pong")).toHaveText(grouped(expected.handoffs.ping_pong_cases));
  const people = expected.handoffs.pairs.filter((p) => !p.automated)[0];
  const pair = view.getByTestId("table-handovers").getByTestId("row").first().locator("td");
  await expect(pair.nth(0)).toHaveText(people.from);
  await expect(pair.nth(1)).toHaveText(people.to);
  await expect(pair.nth(2)).toHaveText(grouped(people.count));
  await app.screenshot("analysis-handoffs", testInfo);

  view = await app.openAnalysis("rework");
  await expect(figure(view, "fig-rework")).toHaveText(formats.percent(expected.rework.rate.rate));
  await expect(figure(view, "fig-reopened")).toHaveText(formats.percent(expected.rework.reopened.rate));
  const reworked = view.getByTestId("table-rework").getByTestId("row").first().locator("td");
  await expect(reworked.nth(1)).toHaveText(grouped(expected.rework.per_activity[expected.rework.activities[0].activity]));

  view = await app.openAnalysis("escalations");
  await expect(figure(view, "fig-escalation-rate")).toHaveText(formats.percent(expected.escalations.rate.rate));
  await expect(figure(view, "fig-escalated")).toHaveText(formats.duration(expected.escalations.escalated.median));
  await expect(view.getByTestId("table-preceded-by").getByTestId("row").first().locator("td").first()).toHaveText(expected.escalations.preceded_by[0].activity);

  view = await app.openAnalysis("fcr");
  await expect(figure(view, "fig-fcr")).toHaveText(formats.percent(expected.fcr.rate.rate));
  await expect(figure(view, "fig-one-agent")).toHaveText(formats.percent(expected.fcr.one_agent.rate));

  view = await app.openAnalysis("priority");
  const verdict = { faster: en.priority.faster, partly: en.priority.partly, not_faster: en.priority.not_faster }[expected.priority.verdict];
  await expect(view.getByTestId("priority-verdict")).toHaveText(
    fill(verdict, { urgent: formats.duration(expected.priority.most_urgent_median_s), low: formats.duration(expected.priority.least_urgent_median_s) }),
  );
  const urgent = view.getByTestId("table-priority").getByTestId("row").first().locator("td");
  await expect(urgent.nth(0)).toHaveText(expected.priority.rows[0].value);
  await expect(urgent.nth(1)).toHaveText(grouped(expected.priority.rows[0].cases));

  view = await app.openAnalysis("channels");
  const channel = view.getByTestId("table-channels").getByTestId("row").first().locator("td");
  await expect(channel.nth(0)).toHaveText(expected.channels.rows[0].value);
  await expect(channel.nth(1)).toHaveText(grouped(expected.channels.rows[0].cases));
  await expect(channel.nth(3)).toHaveText(formats.duration(expected.channels.rows[0].resolution.median));

  view = await app.openAnalysis("workload");
  await expect(figure(view, "fig-busiest")).toHaveText(formats.percent(expected.workload.busiest_share));
  const agent = view.getByTestId("table-agents").getByTestId("row").first().locator("td");
  await expect(agent.nth(0)).toHaveText(expected.workload.agents[0].name);
  await expect(agent.nth(1)).toHaveText(grouped(expected.workload.agents[0].events));
  await app.screenshot("analysis-workload", testInfo);

  view = await app.openAnalysis("acknowledgement");
  await expect(figure(view, "fig-ack-median")).toHaveText(formats.duration(expected.acknowledgement.acknowledgement.median));

  view = await app.openAnalysis("misclassification");
  await expect(figure(view, "fig-type-changed")).toHaveText(formats.percent(expected.misclassification.type_changed.rate.rate));
  await expect(figure(view, "fig-rerouted")).toHaveText(formats.percent(expected.misclassification.rerouted.rate.rate));

  view = await app.openAnalysis("csat");
  await expect(figure(view, "fig-csat-mean")).toHaveText(formats.decimal(expected.csat.overall.mean, 2));
  await expect(figure(view, "fig-csat-satisfied")).toHaveText(formats.percent(expected.csat.overall.satisfied.rate));

  view = await app.openAnalysis("drivers");
  await expect(figure(view, "fig-base-rate")).toHaveText(formats.percent(expected.drivers.base.rate));
  const driver = view.getByTestId("table-drivers").getByTestId("row").first().locator("td");
  await expect(driver.nth(1)).toHaveText(`${formats.decimal(expected.drivers.drivers[0].lift, 1)}×`);
  await expect(driver.nth(2)).toHaveText(grouped(expected.drivers.drivers[0].rate.of));
  await app.screenshot("analysis-drivers", testInfo);
  expect(app.consoleProblems).toEqual([]);
});

test("a filter chain narrows every view, shows its case counts and can be undone", async ({ page }, testInfo) => {
  const file = sampleFile();
  const chain = { filters: [{ type: "attribute", column: "channel", values: ["Email"] }, { type: "activities", activities: ["Case Escalated"], mode: "any" }] };
  const chainFile = tempFile("chain.json", JSON.stringify(chain));
  const whole = analyze(file);
  const filtered = analyze(file, "--filter", chainFile);
  const app = await CasemapPage.sample(page);
  // Step 1 through the editor: channel = Email.
  await app.keepValue("channel", "Email");
  await expect(app.byTestId("filter-chip-cases")).toHaveText(fill(en.filters.cases_after, { count: grouped(filtered.filter.steps[0].cases) }));
  // Step 2 from the map: click an activity, keep its cases.
  await app.byTestId("tab-map").click();
  // (The box may lie outside the visible part of the map: click it where it is.)
  await page.locator('[data-testid=map-svg] g.activity[data-activity="Case Escalated"]').dispatchEvent("click");
  await app.byTestId("map-cases-filter").click();
  await expect(app.byTestId("filter-chip")).toHaveCount(2);
  await expect(app.byTestId("filter-chip-cases").nth(1)).toHaveText(fill(en.filters.cases_after, { count: grouped(filtered.filter.steps[1].cases) }));
  // The map holds only what these cases did: its Start edges count the filtered cases.
  await expect(page.locator('[data-testid=map-svg] g.activity[data-activity="Case Escalated"] text').nth(1)).toHaveText(
    grouped(filtered.dfg.nodes.find((n) => n.activity === "Case Escalated").cases),
  );
  await app.screenshot("filtered-map", testInfo);
  // The overview and the analyses follow the chain.
  await app.byTestId("tab-overview").click();
  await expect(app.byTestId("kpi-cases").getByTestId("figure-value")).toHaveText(grouped(filtered.kpis.cases));
  await expect(app.byTestId("kpi-resolution").getByTestId("figure-value")).toHaveText(formats.duration(filtered.kpis.median_resolution_s));
  await expect(app.byTestId("filter-summary")).toHaveText(
    plural("en", "filters.summary", whole.kpis.cases, { cases: grouped(filtered.kpis.cases), total: grouped(whole.kpis.cases), share: formats.percent(filtered.kpis.cases / whole.kpis.cases) }),
  );
  const sla = await app.openAnalysis("sla");
  await expect(figure(sla, "fig-sla-compliance")).toHaveText(formats.percent(filtered.sla.overall.compliance));
  await app.byTestId("tab-variants").click();
  await expect(app.byTestId("variants-title")).toHaveText(plural("en", "variants.title", filtered.variants.total, { n: grouped(filtered.variants.total) }));
  // Removing the steps brings every case back.
  await app.byTestId("filter-clear").click();
  await expect(app.byTestId("filter-chip")).toHaveCount(0);
  await expect(app.byTestId("variants-title")).toHaveText(plural("en", "variants.title", whole.variants.total, { n: grouped(whole.variants.total) }));
  expect(app.consoleProblems).toEqual([]);
});

test("a click (or Enter) on an analysis row keeps its cases", async ({ page }) => {
  const file = sampleFile();
  const expected = analyze(file, "--filter", tempFile("chain.json", JSON.stringify({ filters: [{ type: "attribute", column: "channel", values: ["Phone"] }] })));
  const app = await CasemapPage.sample(page);
  const view = await app.openAnalysis("channels");
  await view.getByTestId("table-channels").getByTestId("row").filter({ hasText: /^Phone/ }).click();
  await expect(app.byTestId("filter-chip").locator(".chip-text")).toHaveText(fill(en.filters.d_attribute, { column: en.fields.channel, values: "Phone" }));
  const channel = view.getByTestId("table-channels").getByTestId("row");
  await expect(channel).toHaveCount(1);
  await expect(channel.first().locator("td").nth(1)).toHaveText(grouped(expected.kpis.cases));
  // The keyboard does the same: a row reached by focus and chosen with Enter.
  await app.byTestId("analysis-priority").click();
  const urgent = app.byTestId("analysis-view-priority").getByTestId("table-priority").getByTestId("row").first();
  await urgent.focus();
  await page.keyboard.press("Enter");
  await expect(app.byTestId("filter-chip")).toHaveCount(2);
  expect(app.consoleProblems).toEqual([]);
});

test("a log without a column says which one an analysis needs, and SLA rules fill in for a due date", async ({ page }, testInfo) => {
  const file = path.join(sharedData, "helpdesk.csv");
  const rules = [{ name: "Take in charge", from: "created", to: { activity: "Take in charge ticket" }, within_s: 86400 }];
  const expected = analyze(file, "--sla-rules", tempFile("rules.json", JSON.stringify(rules)));
  const app = new CasemapPage(page);
  await app.open();
  await app.pickFile(file);
  await app.byTestId("import").click();
  await expect(app.byTestId("kpi-panel")).toBeVisible();
  // No channel column: the view names it and offers the mapping step.
  let view = await app.openAnalysis("channels");
  await expect(view.getByTestId("need")).toHaveText([en.needs.channel]);
  await expect(view.getByTestId("needs-to-mapping")).toBeVisible();
  await app.screenshot("analysis-needs-channel", testInfo);
  // No due date: the SLA view asks for one or for rules; a rule makes the figures.
  view = await app.openAnalysis("sla");
  await expect(view.getByTestId("need")).toHaveText([en.needs.sla_due]);
  await view.getByTestId("sla-rules").locator("summary").click();
  await view.getByTestId("sla-rule-name").fill("Take in charge");
  await view.getByTestId("sla-rule-to").selectOption("activity:Take in charge ticket");
  await view.getByTestId("sla-rule-hours").fill("24");
  await view.getByTestId("sla-rule-add").click();
  await expect(figure(view, "fig-sla-compliance")).toHaveText(formats.percent(expected.sla.overall.compliance));
  await expect(view.getByTestId("sla-source")).toHaveText(en.sla.from_rules);
  await app.screenshot("analysis-sla-rules", testInfo);
  expect(app.consoleProblems).toEqual([]);
});

test("first-contact resolution parts and the vocabulary can be changed", async ({ page }) => {
  const expected = analyze(sampleFile());
  const app = await CasemapPage.sample(page);
  const view = await app.openAnalysis("fcr");
  await expect(figure(view, "fig-fcr")).toHaveText(formats.percent(expected.fcr.rate.rate));
  // Without "one agent" and "no reopening" only the contact counts.
  await view.getByTestId("fcr-one-agent").uncheck();
  await view.getByTestId("fcr-no-reopen").uncheck();
  await expect(figure(view, "fig-fcr")).toHaveText(formats.percent(expected.fcr.one_contact.rate));
  // The vocabulary: without its reopening patterns, the log has no reopenings to count.
  await app.byTestId("analysis-vocabulary").click();
  const reopened = app.byTestId("vocabulary-step").filter({ hasText: en.steps.reopened });
  await expect(reopened.getByTestId("vocabulary-matched")).toHaveText("Case Reopened");
  await app.byTestId("patterns-reopened").fill("");
  await app.byTestId("patterns-reopened").dispatchEvent("change");
  await expect(reopened.getByTestId("vocabulary-matched")).toHaveText("");
  await expect(app.byTestId("vocabulary-unrecognised")).toContainText("Case Reopened");
  await app.byTestId("tab-overview").click();
  await expect(app.byTestId("kpi-reopen").getByTestId("figure-value")).toHaveText("–");
  await app.byTestId("tab-analyses").click();
  await app.byTestId("analysis-vocabulary").click();
  await app.byTestId("vocabulary-reset").click();
  await app.byTestId("tab-overview").click();
  await expect(app.byTestId("kpi-reopen").getByTestId("figure-value")).toHaveText(formats.percent(expected.kpis.reopen_rate));
  expect(app.consoleProblems).toEqual([]);
});
