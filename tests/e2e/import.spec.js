// Importing: a file picked, dropped or chosen by keyboard is inspected, its columns are
// checked in the mapping step, the worker imports it with progress (cancellable), and the
// page shows the log's figures and every skipped row. The figures must equal what
// `casemap import --json` prints for the same file.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { execFileSync } = require("node:child_process");
const { test, expect } = require("@playwright/test");
const { CasemapPage, locales, fill, plural, repo, sharedData, cli, grouped, tempFile } = require("./pages/casemap");

const en = locales.en;

/** What the CLI makes of a file: the reference for the page. */
function cliImport(file, ...flags) {
  return JSON.parse(execFileSync(cli, ["import", "--json", ...flags, file], { maxBuffer: 64 << 20 }).toString());
}

async function expectFigures(app, summary) {
  const done = app.byTestId("job-done");
  await expect(done).toBeVisible({ timeout: 30_000 });
  await expect(app.fact("fact-events")).toHaveText(grouped(summary.events));
  await expect(app.fact("fact-cases")).toHaveText(grouped(summary.cases));
  await expect(app.fact("fact-activities")).toHaveText(grouped(summary.activities));
  await expect(app.fact("fact-resources")).toHaveText(grouped(summary.resources));
  await expect(app.fact("fact-span")).toHaveText(`${summary.first.slice(0, 10)} – ${summary.last.slice(0, 10)}`);
}

test("a real export goes through the mapping step to the same figures as the CLI", async ({ page }, testInfo) => {
  const file = path.join(sharedData, "helpdesk.csv");
  const expected = cliImport(file);
  const app = new CasemapPage(page);
  await app.open();
  await app.pickFile(file);
  const mapping = app.byTestId("mapping-step");
  await expect(mapping).toBeVisible();
  await expect(mapping.locator("h2")).toHaveText("Check the columns of helpdesk.csv");
  await expect(app.byTestId("format-line")).toHaveText("CSV · UTF-8 · delimiter ,");
  // The guessed roles are the CLI's.
  const roles = await app.byTestId("role").evaluateAll((selects) => selects.map((s) => s.value));
  expect(roles).toEqual(expected.mapping.map((column) => column.role));
  // The time column shows two values as they are read.
  await expect(app.byTestId("time-examples").locator("li")).toHaveCount(2);
  await expect(app.byTestId("time-examples").locator("li").first()).toContainText("2012-10-09 14:50:17");
  await app.screenshot("import-mapping", testInfo);
  await app.byTestId("import").click();
  await expectFigures(app, expected.summary);
  await expect(app.byTestId("skipped-none")).toHaveText(plural("en", "loaded.skipped_none", expected.rows, { rows: grouped(expected.rows) }));
  await app.screenshot("import-loaded", testInfo);
  expect(app.consoleProblems).toEqual([]);
});

test("the sample data loads in one click, as the generator made it", async ({ page }, testInfo) => {
  const sample = tempFile("sample.csv", execFileSync(cli, ["generate", "--cases", "2000", "--seed", "42"], { maxBuffer: 64 << 20 }));
  const expected = cliImport(sample);
  const app = new CasemapPage(page);
  await app.open();
  await app.byTestId("try-sample").click();
  await expect(app.byTestId("job-done").locator("h2")).toHaveText(`${en.job.sample_name} is loaded`);
  await expectFigures(app, expected.summary);
  await app.screenshot("sample-loaded", testInfo);
});

test("a semicolon file in Windows-1252 from Excel", async ({ page }) => {
  // "Attività", "Città" and "Priorità" in Windows-1252, day-first dotted dates.
  const rows = ["Numero caso;Attivit\xe0;Data;Citt\xe0"];
  for (let i = 1; i <= 300; i++) rows.push(`C-${i % 40};Apertura;${String(1 + (i % 28)).padStart(2, "0")}.03.2024 10:22;Citt\xe0 ${i % 3}`);
  const file = tempFile("export-1252.csv", Buffer.from(rows.join("\r\n") + "\r\n", "latin1"));
  const expected = cliImport(file);
  expect(expected.format.encoding).toBe("windows-1252");
  const app = new CasemapPage(page);
  await app.open();
  await app.pickFile(file);
  await expect(app.byTestId("format-line")).toHaveText("CSV · windows-1252 · delimiter ;");
  await expect(app.byTestId("column").nth(1)).toContainText("Attività");
  await app.byTestId("import").click();
  await expectFigures(app, expected.summary);
});

test("a UTF-16 export from Excel, dropped on the page", async ({ page }) => {
  const text = "Case ID\tActivity\tCreated\r\n" + Array.from({ length: 999 }, (_, i) => `C-${i % 50}\tStep ${i % 7}\t2024-02-${String(1 + (i % 28)).padStart(2, "0")} 08:${String(i % 60).padStart(2, "0")}`).join("\r\n");
  const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
  const expected = cliImport(tempFile("utf16.txt", bytes));
  const app = new CasemapPage(page);
  await app.open();
  await app.dropFile("utf16.txt", { base64: bytes.toString("base64") });
  await expect(app.byTestId("format-line")).toHaveText("CSV · UTF-16LE · delimiter tab");
  await app.byTestId("import").click();
  await expectFigures(app, expected.summary);
});

test("Salesforce report dates (month first, 12-hour clock) are read as such", async ({ page }) => {
  const text = 'Case Number,Status,Date/Time Opened\n00001026,New,"1/5/2024, 10:22 AM"\n00001026,Closed,"1/13/2024, 3:05 PM"\n00001027,New,"2/1/2024, 9:00 AM"\n';
  const file = tempFile("salesforce.csv", text);
  const app = new CasemapPage(page);
  await app.open();
  await app.pickFile(file);
  await expect(app.byTestId("time-format")).toHaveValue("mdy");
  await expect(app.byTestId("time-examples").locator("li").first()).toContainText("2024-01-05 10:22:00");
  await app.byTestId("import").click();
  await expect(app.fact("fact-span")).toHaveText("2024-01-05 – 2024-02-01");
});

test("a Salesforce CaseHistory export becomes the process of its cases", async ({ page }, testInfo) => {
  const file = path.join(repo, "crates/engine/tests/data/salesforce_case_history.csv");
  const expected = cliImport(file);
  expect(expected.preset).toBe("salesforce_case_history");
  const app = new CasemapPage(page);
  await app.open();
  await app.pickFile(file);
  await expect(app.byTestId("preset")).toHaveValue("salesforce_case_history");
  await expect(app.byTestId("preset-choice")).toContainText(en.mapping.preset_history);
  await app.screenshot("mapping-preset", testInfo);
  // Without the preset, the rows would be read as plain events.
  await app.byTestId("preset").selectOption("none");
  await expect(app.byTestId("preset-choice")).not.toContainText(en.mapping.preset_history);
  await app.byTestId("preset").selectOption("salesforce_case_history");
  await app.byTestId("import").click();
  await expectFigures(app, expected.summary);
  expect(expected.summary.activities).toBe(7);
});

test("ServiceNow snapshots keep one event per state change, and say so", async ({ page }) => {
  const file = path.join(repo, "crates/engine/tests/data/servicenow_incident_snapshots.csv");
  const expected = cliImport(file);
  const app = new CasemapPage(page);
  await app.open();
  await app.pickFile(file);
  await expect(app.byTestId("preset")).toHaveValue("servicenow_snapshots");
  await app.byTestId("import").click();
  await expectFigures(app, expected.summary);
  await expect(app.byTestId("collapsed")).toHaveText(plural("en", "loaded.collapsed", expected.collapsed, { n: grouped(expected.collapsed) }));
});

test("an Excel workbook: the sheet with the log is found, and another can be chosen", async ({ page }, testInfo) => {
  const file = path.join(repo, "crates/xlsx/tests/data/template.xlsx");
  const expected = cliImport(file);
  expect(expected.format).toEqual({ kind: "xlsx", sheet: "Cases" });
  const app = new CasemapPage(page);
  await app.open();
  await app.pickFile(file);
  await expect(app.byTestId("format-line")).toHaveText(fill(en.mapping.format_xlsx, { sheet: "Cases" }));
  await expect(app.byTestId("sheet")).toHaveValue("Cases");
  await expect(app.byTestId("role").nth(2)).toHaveValue("start_time");
  await app.screenshot("mapping-xlsx", testInfo);
  // The other sheet holds notes, not a log: the page says so.
  await app.byTestId("sheet").selectOption("Read me");
  await expect(app.byTestId("job-error")).toHaveText(fill(en.errors.one_column, { header: 'Cases are on the sheet "Cases".' }));
  await app.byTestId("choose-another").click();
  await app.pickFile(file);
  await app.byTestId("import").click();
  await expectFigures(app, expected.summary);
});

test("an XES log imports with its standard keys", async ({ page }) => {
  const file = path.join(sharedData, "receipt.xes.gz");
  const expected = cliImport(file);
  const app = new CasemapPage(page);
  await app.open();
  await app.pickFile(file);
  await expect(app.byTestId("format-line")).toHaveText(en.mapping.format_xes_gz);
  await expect(app.byTestId("mapping-step")).toContainText(en.mapping.xes_note);
  await expect(app.byTestId("role")).toHaveCount(0);
  await app.byTestId("import").click();
  await expectFigures(app, expected.summary);
});

test("skipped rows are listed by reason with their rows, and downloadable", async ({ page }) => {
  const text = "Numero caso;Attività;Data;Operatore\r\nC-1;Apertura;05.01.2024 10:22;Anna\r\nC-1;Chiusura;13.01.2024 09:00;Marco\r\nC-2;Apertura;06.01.2024 11:00;NULL\r\nC-2;Chiusura;domani;Anna\r\n;Apertura;07.01.2024 08:00;Anna\r\nC-3;Apertura\r\n";
  const file = tempFile("broken.csv", text);
  const expected = cliImport(file);
  const app = new CasemapPage(page);
  await app.open();
  await app.pickFile(file);
  await app.byTestId("import").click();
  await expectFigures(app, expected.summary);
  await expect(app.byTestId("skipped-some")).toContainText("3 of 6 rows were skipped");
  const reasons = app.byTestId("skipped-reason");
  await expect(reasons).toHaveCount(3);
  await expect(reasons.nth(0)).toContainText(en.skip.missing_case_id);
  const rows = app.byTestId("skipped-row");
  await expect(rows.nth(1)).toContainText("5");
  await expect(rows.nth(1)).toContainText("domani");
  const [download] = await Promise.all([page.waitForEvent("download"), app.byTestId("download-skipped").click()]);
  expect(download.suggestedFilename()).toBe("broken.csv-skipped-rows.csv");
  const csv = fs.readFileSync(await download.path(), "utf8").trim().split("\n");
  expect(csv).toEqual(["row,reason,column,value", "5,bad_timestamp,Data,domani", "6,missing_case_id,Numero caso,", "7,wrong_field_count,,\"2 fields, the header has 4\""]);
  expect(app.consoleProblems).toEqual([]);
});

test("the mapping can be changed, and a mapping that cannot work says why", async ({ page }) => {
  const file = tempFile("roles.csv", "ticket,step,when,who\n1,Open,2024-01-02 10:00,Ann\n1,Close,2024-01-03 10:00,Bob\n2,Open,2024-01-04 10:00,Ann\n");
  const app = new CasemapPage(page);
  await app.open();
  await app.pickFile(file);
  const roles = app.byTestId("role");
  await expect(roles.nth(0)).toHaveValue("case_id");
  // Taking the activity role away: the import cannot run, and the page says what is missing.
  await roles.nth(1).selectOption("ignore");
  await expect(app.byTestId("mapping-problem")).toHaveText(en.mapping.missing_activity);
  await expect(app.byTestId("import")).toBeDisabled();
  // Giving the activity role to "who" instead: a log of agents as steps.
  await roles.nth(3).selectOption("activity");
  await expect(app.byTestId("mapping-problem")).toHaveCount(0);
  await app.byTestId("import").click();
  await expect(app.fact("fact-activities")).toHaveText("2");
  await expect(app.fact("fact-resources")).toHaveText("0");
  // Back to the mapping step, as it was left.
  await app.byTestId("back-to-mapping").click();
  await expect(roles.nth(3)).toHaveValue("activity");
});

test("files that are no event log get one clear message", async ({ page }) => {
  const app = new CasemapPage(page);
  await app.open();
  const cases = [
    [{ name: "screenshot.png", mimeType: "image/png", buffer: Buffer.from("89504e470d0a1a0a0000000d4948445200000001", "hex") }, fill(en.errors.not_text, { kind: en.kind.image })],
    [{ name: "empty.csv", mimeType: "text/csv", buffer: Buffer.alloc(0) }, en.errors.empty],
    [{ name: "notes.csv", mimeType: "text/csv", buffer: Buffer.from("name,comment\nAnna,hello\nMarco,bye\n") }, fill(en.errors.no_timestamp, { columns: "name, comment" })],
    [{ name: "list.txt", mimeType: "text/plain", buffer: Buffer.from("one\ntwo\nthree\n") }, fill(en.errors.one_column, { header: "one" })],
  ];
  for (const [file, message] of cases) {
    await app.pickFile(file);
    await expect(app.byTestId("job-failed")).toBeVisible();
    await expect(app.byTestId("job-error")).toHaveText(message);
    await app.byTestId("choose-another").click();
  }
  expect(app.consoleProblems).toEqual([]);
});

test("a big file shows progress and can be cancelled", async ({ page }, testInfo) => {
  // 500 MB of export rows on disk: many slices, seconds of work.
  const row = "CS-000123,Agent Investigates Issue,2025-01-06 09:27:28,2025-01-06 09:44:38,Sofia Conti,L1 Support,Low,Phone,Question,In Progress,2025-01-11 09:25:14,,no\n";
  const header = "case_id,activity,start_time,end_time,agent,team,priority,channel,case_type,status,sla_due,csat,escalated\n";
  const file = path.join(testInfo.outputDir, "huge.csv");
  fs.mkdirSync(testInfo.outputDir, { recursive: true });
  fs.writeFileSync(file, header + row.repeat(Math.floor(500e6 / row.length)));
  const app = new CasemapPage(page);
  await app.open();
  await app.pickFile(file);
  await app.byTestId("import").click();
  const running = app.byTestId("job-running");
  await expect(running.locator("h2")).toHaveText("Importing huge.csv");
  // The progress bar moves while the page stays responsive.
  await expect.poll(async () => Number(await app.byTestId("progress").getAttribute("value")), { timeout: 10_000 }).toBeGreaterThan(0);
  await expect(app.byTestId("progress-bytes")).toContainText("of 500 MB");
  await expect(app.byTestId("progress-rows")).toContainText("rows");
  await app.screenshot("import-progress", testInfo);
  await app.byTestId("cancel").click();
  await expect(app.byTestId("job-cancelled")).toHaveText(/Importing huge\.csv was cancelled/);
  // A late answer of the cancelled job does not replace the message.
  await page.waitForTimeout(1500);
  await expect(app.byTestId("job-cancelled")).toBeVisible();
  await app.byTestId("choose-another").click();
  await expect(app.byTestId("dropzone")).toBeVisible();
  expect(app.consoleProblems).toEqual([]);
  fs.rmSync(file);
});

test("the file picker can be reached and opened with the keyboard alone", async ({ page }) => {
  const app = new CasemapPage(page);
  await app.open();
  let focused = "";
  for (let presses = 0; presses < 10 && focused !== "choose-file"; presses++) {
    await page.keyboard.press("Tab");
    focused = await page.evaluate(() => document.activeElement?.dataset?.testid ?? "");
  }
  expect(focused).toBe("choose-file");
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.keyboard.press("Enter")]);
  await chooser.setFiles({ name: "keyboard.csv", mimeType: "text/csv", buffer: Buffer.from("case,activity,time\n1,a,2024-01-01 10:00\n1,b,2024-01-01 11:00\n") });
  await expect(app.byTestId("mapping-step")).toBeVisible();
  await app.byTestId("import").focus();
  await page.keyboard.press("Enter");
  await expect(app.fact("fact-events")).toHaveText("2");
  // The sample button is next after the picker in the tab order and works with Space.
  await app.byTestId("choose-another").click();
  await app.byTestId("choose-file").focus();
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.activeElement?.dataset?.testid)).toBe("try-sample");
  await page.keyboard.press("Space");
  await expect(app.byTestId("job-done")).toBeVisible();
});
