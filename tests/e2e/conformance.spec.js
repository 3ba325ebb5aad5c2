// Conformance (issue 14): the sample's cases against an ideal process that comes four ways
// (discovered, chosen variants, a list of steps, a model file), with the figures the native
// CLI gives for the same model, the model drawn and downloaded as BPMN (read back by bpmn-moddle,
// the library bpmn.io is built on) and PNML (read back by the CLI), deviations that filter,
// and the view in all four languages.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { execFileSync } = require("node:child_process");
const { test, expect } = require("@playwright/test");
const { CasemapPage, locales, cli, grouped, tempFile, formats, artifacts, sharedData } = require("./pages/casemap");

const en = locales.en;

/** The sample the page's "try the sample data" loads, as a file for the CLI. */
function sampleFile() {
  return tempFile("sample.csv", execFileSync(cli, ["generate", "--cases", "2000", "--seed", "42"], { maxBuffer: 64 << 20 }));
}

/** `casemap conformance --json` of the sample against a model file. */
function cliConformance(sample, model) {
  return JSON.parse(execFileSync(cli, ["conformance", sample, "--model", model, "--json"], { maxBuffer: 256 << 20 }).toString());
}

/** Downloads what a button offers and returns its text. */
async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent("download"), button.click()]);
  return fs.readFileSync(await file.path(), "utf8");
}

/** The figures of the conformance view as the page shows them. */
async function figures(view) {
  const value = (id) => view.getByTestId(id).getByTestId("figure-value").innerText();
  return { conforming: await value("fig-conforming"), fitness: await value("fig-fitness"), fitting: await value("fig-fitting") };
}

/** The same figures from the CLI's JSON, written as the English page writes them. */
function expected(json) {
  return {
    conforming: formats.percent(json.fitness.fitting_cases / json.fitness.cases),
    fitness: formats.decimal(json.fitness.log, 3),
    fitting: formats.percent(json.fitness.fitting_percent / 100),
  };
}

async function openConformance(app) {
  const view = await app.openAnalysis("conformance");
  await expect(view.getByTestId("fig-conforming")).toBeVisible({ timeout: 30_000 });
  return view;
}

test("the discovered model: the CLI's figures, drawn, and downloads that read back", async ({ page }, testInfo) => {
  const sample = sampleFile();
  const app = await CasemapPage.sample(page);
  const view = await openConformance(app);
  await expect(view.getByTestId("ideal-discovered")).toBeChecked();
  // The model is drawn: a box per task, with start and end.
  const tasks = view.getByTestId("model-diagram").getByTestId("model-task");
  expect(await tasks.count()).toBeGreaterThan(5);
  await app.screenshot("conformance-en-discovered", testInfo);
  await view.getByTestId("model-diagram").screenshot({ path: path.join(artifacts, "conformance-en-model.png") });

  // The PNML download is the model checked: the CLI gives the page's figures with it.
  const pnml = tempFile("ideal.pnml", await download(page, view.getByTestId("export-pnml")));
  const json = cliConformance(sample, pnml);
  expect(await figures(view)).toEqual(expected(json));
  // And the same model as `casemap discover` makes it.
  const discovered = tempFile("discovered.pnml", "");
  execFileSync(cli, ["discover", sample, "--noise", "0.2", "-o", discovered]);
  expect(cliConformance(sample, discovered).fitness).toEqual(json.fitness);

  // The BPMN download is valid BPMN 2.0 with a diagram, as bpmn.io reads it.
  const bpmn = await download(page, view.getByTestId("export-bpmn"));
  const { BpmnModdle } = await import("bpmn-moddle");
  const { rootElement, warnings } = await new BpmnModdle().fromXML(bpmn);
  expect(warnings).toEqual([]);
  const process = rootElement.rootElements.find((e) => e.$type === "bpmn:Process");
  const flowNodes = process.flowElements.filter((e) => e.$type !== "bpmn:SequenceFlow");
  const bpmnTasks = flowNodes.filter((e) => e.$type === "bpmn:Task").map((e) => e.name);
  expect(bpmnTasks.length).toBe(await tasks.count());
  const shapes = rootElement.diagrams[0].plane.planeElement;
  for (const node of flowNodes) {
    const shape = shapes.find((s) => s.bpmnElement === node);
    expect(shape, `${node.id} has a shape`).toBeTruthy();
    expect(shape.bounds.width).toBeGreaterThan(0);
  }
  // ... and the CLI finds the same deviations in every case against it (BPMN has its own
  // silent steps, so the log fitness, which counts silent moves, may differ in late digits).
  const { log: _bpmnLog, ...fromBpmn } = cliConformance(sample, tempFile("ideal.bpmn", bpmn)).fitness;
  const { log: _pnmlLog, ...fromPnml } = json.fitness;
  expect(fromBpmn).toEqual(fromPnml);

  // Token replay, the fast method, gives PM4Py's token-based fitness (the CLI's).
  await view.getByTestId("ideal-method").selectOption("token_replay");
  await expect(view.getByTestId("fig-fitness")).toContainText(en.conformance.token_replay, { timeout: 30_000 });
  const replay = JSON.parse(
    execFileSync(cli, ["conformance", sample, "--model", pnml, "--method", "token-replay", "--json"], { maxBuffer: 256 << 20 }).toString(),
  );
  expect((await figures(view)).fitness).toBe(formats.decimal(replay.fitness.log, 3));
  expect(app.consoleProblems).toEqual([]);
});

test("chosen variants are the ideal process: exactly their cases conform", async ({ page }, testInfo) => {
  const app = await CasemapPage.sample(page);
  await app.byTestId("tab-variants").click();
  const picks = app.byTestId("variant-pick");
  await picks.nth(0).check();
  await picks.nth(1).check();
  const rows = page.getByTestId("variant-row");
  const cases = async (n) => Number((await rows.nth(n).getByTestId("variant-cases").innerText()).replace(/\D/g, ""));
  const chosen = (await cases(0)) + (await cases(1));
  await app.byTestId("variants-ideal").click();
  const view = app.byTestId("analysis-view-conformance");
  await expect(view.getByTestId("fig-conforming")).toBeVisible({ timeout: 30_000 });
  await expect(view.getByTestId("ideal-variants")).toBeChecked();
  await expect(view.getByTestId("ideal-paths")).toHaveText(/^2 /);
  await expect(view.getByTestId("fig-conforming").locator(".figure-note")).toHaveText(`${grouped(chosen)} of 2,000 cases`);
  await app.screenshot("conformance-en-variants", testInfo);
  // Per variant: the two chosen fit (fitness 1, no deviation); every other one does not.
  const fits = view.getByTestId("table-variant-fitness").getByTestId("row");
  await expect(fits.nth(0).locator("td").nth(2)).toHaveText("1.000");
  await expect(fits.nth(1).locator("td").nth(2)).toHaveText("1.000");
  await expect(fits.nth(2).locator("td").nth(2)).not.toHaveText("1.000");

  // The map marks the paths the two variants do not allow and the extra steps; its own paths
  // stay plain.
  await app.byTestId("tab-map").click();
  await expect(page.locator("[data-testid=map-svg] g.activity").first()).toBeVisible();
  await expect(page.locator("[data-testid=map-svg] g.edge[data-outside]")).toHaveCount(0);
  await app.byTestId("map-deviations").check();
  const outside = page.locator("[data-testid=map-svg] g.edge[data-outside]");
  await expect(outside.first()).toBeAttached();
  expect(await page.locator("[data-testid=map-svg] g.edge:not([data-outside])").count()).toBeGreaterThan(0);
  await expect(page.locator("[data-testid=map-svg] g.activity.node-extra").first()).toBeAttached();
  await app.screenshot("conformance-en-map-deviations", testInfo);
  await app.byTestId("map-deviations").uncheck();
  await expect(outside).toHaveCount(0);
  await app.byTestId("tab-analyses").click();

  // A deviation row keeps exactly its cases.
  const first = view.getByTestId("table-deviations").getByTestId("row").nth(1);
  const deviating = Number((await first.locator("td").nth(2).innerText()).replace(/\D/g, ""));
  await first.click();
  await expect(app.byTestId("filter-chip")).toHaveCount(1);
  await expect(app.byTestId("filter-chip")).toContainText(`Case ids: ${grouped(deviating)}`);
  expect(app.consoleProblems).toEqual([]);
});

test("a list of steps and a model file: built, checked, and equal to the CLI on the same model", async ({ page }, testInfo) => {
  const sample = sampleFile();
  const app = await CasemapPage.sample(page);
  const view = await openConformance(app);
  await view.getByTestId("ideal-steps").check();
  const editor = view.getByTestId("steps-editor");
  await expect(editor).toContainText(en.conformance.steps_empty);
  const addStep = async (activity, { optional = false, repeatable = false } = {}) => {
    await editor.getByTestId("ideal-step-kind").selectOption("step");
    await editor.getByTestId("ideal-step-activity").selectOption(activity);
    if (optional) await editor.getByTestId("ideal-step-optional").check();
    if (repeatable) await editor.getByTestId("ideal-step-repeatable").check();
    await editor.getByTestId("ideal-step-add").click();
    if (optional) await editor.getByTestId("ideal-step-optional").uncheck();
    if (repeatable) await editor.getByTestId("ideal-step-repeatable").uncheck();
  };
  await addStep("Case Created");
  await addStep("Initial Acknowledgement Sent", { optional: true });
  await addStep("Case Assigned", { repeatable: true });
  await editor.getByTestId("ideal-step-kind").selectOption("one_of");
  await editor.getByTestId("ideal-step-activity").selectOption(["Case Resolved", "Case Closed"]);
  await editor.getByTestId("ideal-step-add").click();
  await expect(editor.getByTestId("ideal-step")).toHaveCount(4);
  await expect(editor.getByTestId("ideal-step").nth(1)).toHaveText(new RegExp(`Initial Acknowledgement Sent \\(${en.conformance.optional}\\)`));
  await editor.getByTestId("ideal-steps-check").click();
  await expect(view.getByTestId("analysis-loading")).toHaveCount(0, { timeout: 30_000 });
  await expect(view.getByTestId("ideal-step")).toHaveCount(4);
  await expect(view.getByTestId("model-diagram").getByTestId("model-task")).toHaveCount(5);
  // Every case of the sample is created first: "Case Created" is passed by all of them.
  await expect(view.getByTestId("model-task").filter({ hasText: "Case Created" }).getByTestId("model-task-share")).toHaveText("100%");
  await app.screenshot("conformance-en-steps", testInfo);
  const pnml = tempFile("steps.pnml", await download(page, view.getByTestId("export-pnml")));
  const json = cliConformance(sample, pnml);
  expect(await figures(view)).toEqual(expected(json));
  // Skipped and extra steps the CLI names are the page's deviations.
  const kinds = await view.getByTestId("table-deviations").getByTestId("row").allInnerTexts();
  for (const d of json.deviations.slice(0, 3)) {
    expect(kinds.some((row) => row.includes(d.activity))).toBe(true);
  }

  // The same model as a file: the same figures.
  const bpmn = tempFile("steps.bpmn", await download(page, view.getByTestId("export-bpmn")));
  await view.getByTestId("ideal-file").check();
  await view.getByTestId("ideal-file-input").setInputFiles(bpmn);
  await expect(app.byTestId("analysis-view-conformance").getByTestId("ideal-file-name")).toContainText("steps.bpmn", { timeout: 30_000 });
  expect(await figures(app.byTestId("analysis-view-conformance"))).toEqual(expected(json));
  // A file that is no model says why, and the page goes on.
  await app.byTestId("analysis-view-conformance").getByTestId("ideal-file-input").setInputFiles(tempFile("broken.bpmn", "<definitions>"));
  await expect(app.byTestId("conformance-problem")).toContainText("broken.bpmn");
  expect(app.consoleProblems).toEqual([]);
});

test("a rule added in the editor is checked per case, and accepting a deviation makes its cases conform", async ({ page }) => {
  const app = await CasemapPage.sample(page);
  let view = await openConformance(app);
  await expect(view.getByTestId("table-rules").getByTestId("row").first()).toBeVisible();
  const before = await view.getByTestId("table-rules").getByTestId("row").count();
  await view.getByTestId("conformance-rules-editor").locator("summary").click();
  await view.getByTestId("rule-kind").selectOption("occurs");
  await view.getByTestId("rule-a").selectOption("activity:Case Closed");
  await view.getByTestId("rule-add").click();
  view = app.byTestId("analysis-view-conformance");
  await expect(view.getByTestId("table-rules").getByTestId("row")).toHaveCount(before + 1, { timeout: 30_000 });
  await expect(view.getByTestId("table-rules").getByTestId("row").last()).toContainText("Case Closed must occur");
  // Accept the most frequent deviation: the conforming share grows.
  const share = async () => Number((await view.getByTestId("fig-conforming").getByTestId("figure-value").innerText()).replace("%", ""));
  const old = await share();
  await view.getByTestId("accept-list").locator("summary").click();
  await view.getByTestId("accept-add").click();
  await expect(view.getByTestId("accepted-deviation")).toHaveCount(1, { timeout: 30_000 });
  expect(await share()).toBeGreaterThan(old);
  // Another one only for one channel: the list says where.
  await view.getByTestId("accept-where").selectOption({ label: "Channel: Chat" });
  await view.getByTestId("accept-add").click();
  await expect(view.getByTestId("accepted-deviation")).toHaveCount(2, { timeout: 30_000 });
  await expect(view.getByTestId("accepted-deviation").nth(1)).toContainText("(Channel: Chat)");
  expect(app.consoleProblems).toEqual([]);
});

for (const code of ["it", "ru", "zh"]) {
  test(`the conformance view in ${code}`, async ({ page }, testInfo) => {
    const app = await CasemapPage.sample(page, code);
    const view = await openConformance(app);
    const texts = locales[code];
    await expect(view.locator("h2")).toHaveText(texts.analyses.conformance);
    await expect(view.getByTestId("ideal-picker").locator("legend")).toHaveText(texts.conformance.ideal);
    await expect(view.getByTestId("fig-conforming")).toContainText(texts.conformance.conforming);
    await app.screenshot(`conformance-${code}`, testInfo);
    expect(app.consoleProblems).toEqual([]);
  });
}

test("a long check shows its progress, stops when asked and goes on from where it stopped", async ({ page }) => {
  test.setTimeout(180_000);
  const app = new CasemapPage(page);
  await app.open();
  await app.pickFile(path.join(sharedData, "bpic2012.csv"));
  await app.byTestId("import").click();
  await expect(app.byTestId("job-done")).toBeVisible({ timeout: 90_000 });
  await app.byTestId("tab-analyses").click();
  await app.byTestId("analysis-conformance").click();
  const view = app.byTestId("analysis-view-conformance");
  // bpic2012 against its discovered model takes tens of seconds: the variants aligned show.
  const aligned = view.getByTestId("conformance-aligned");
  await expect(aligned).toHaveText(/ of 4,366$/, { timeout: 60_000 });
  const count = (text, before) => Number(text.match(new RegExp(`${before} ([\\d,]+) of`))[1].replace(/,/g, ""));
  const done = async () => count(await aligned.innerText(), ":");
  const first = await done();
  await expect.poll(done, { timeout: 30_000 }).toBeGreaterThan(first);
  // The page stays usable meanwhile: another analysis opens and comes back.
  await app.byTestId("analysis-sla").click();
  await expect(app.byTestId("analysis-view-sla").getByTestId("analysis-loading")).toHaveCount(0, { timeout: 30_000 });
  await app.byTestId("analysis-conformance").click();
  await view.getByTestId("conformance-stop").click();
  const stopped = view.getByTestId("conformance-stopped");
  await expect(stopped).toBeVisible();
  const stoppedAt = count(await stopped.innerText(), "after");
  expect(stoppedAt).toBeGreaterThan(first);
  expect(stoppedAt).toBeLessThan(4366);
  await expect(view.getByTestId("analysis-loading")).toHaveCount(0);
  // Checking again goes on from there: the worker kept what it aligned.
  await view.getByTestId("conformance-resume").click();
  await expect(aligned).toHaveText(/ of 4,366$/);
  expect(await done()).toBeGreaterThanOrEqual(stoppedAt);
  await view.getByTestId("conformance-stop").click();
  await expect(stopped).toBeVisible();
  expect(app.consoleProblems).toEqual([]);
});
