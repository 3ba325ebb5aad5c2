// Reading a file: picked, dropped or chosen by keyboard, the worker reads it in slices with
// progress, can be cancelled, and says what the file is.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { execFileSync } = require("node:child_process");
const { test, expect } = require("@playwright/test");
const { CasemapPage, locales, repo } = require("./pages/casemap");

const en = locales.en;
const sharedData = process.env.CASEMAP_SHARED_DATA || path.resolve(repo, "../shared/data");
const cli = process.env.CASEMAP_CLI || path.join(repo, "target/debug/casemap");

/** Lines as casemap counts them: breaks, plus one for text after the last break. */
function countLines(bytes) {
  let lines = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 10) lines++;
    else if (bytes[i] === 13 && bytes[i + 1] !== 10) lines++;
  }
  const last = bytes[bytes.length - 1];
  return bytes.length > 0 && last !== 10 && last !== 13 ? lines + 1 : lines;
}

const grouped = (n) => n.toLocaleString("en-US");

test("a real export picked from disk is read to its end", async ({ page }, testInfo) => {
  const file = path.join(sharedData, "helpdesk.csv");
  const bytes = fs.readFileSync(file);
  const app = new CasemapPage(page);
  await app.open();
  await app.pickFile(file);
  await expect(app.byTestId("job-done")).toBeVisible();
  await expect(app.byTestId("job-done").locator("h2")).toHaveText("helpdesk.csv is ready");
  await expect(app.fact("fact-lines")).toHaveText(grouped(countLines(bytes)));
  await expect(app.fact("fact-kind")).toHaveText(en.kind.utf8);
  await expect(app.fact("fact-size")).toHaveText(`${(bytes.length / 1e6).toFixed(2)} MB`);
  await app.screenshot("file-done", testInfo);
  expect(app.consoleProblems).toEqual([]);
});

test("the sample data is the generator's log, read like a file", async ({ page }, testInfo) => {
  const sample = execFileSync(cli, ["generate", "--cases", "2000", "--seed", "42"], { maxBuffer: 64 * 1024 * 1024 });
  const app = new CasemapPage(page);
  await app.open();
  await app.byTestId("try-sample").click();
  await expect(app.byTestId("job-done")).toBeVisible();
  await expect(app.byTestId("job-done").locator("h2")).toHaveText(`${en.job.sample_name} is ready`);
  await expect(app.fact("fact-lines")).toHaveText(grouped(countLines(sample)));
  await expect(app.fact("fact-size")).toHaveText(`${(sample.length / 1e6).toFixed(2)} MB`);
  await app.screenshot("sample-done", testInfo);
});

test("a dropped Excel UTF-16 export with Windows line endings is recognised", async ({ page }) => {
  const text = "Numero caso\tAttività\tData\r\n" + "C-1\tApertura\t05.01.2024 10:22\r\n".repeat(999);
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
  const app = new CasemapPage(page);
  await app.open();
  await app.pickFile({ name: "export.txt", mimeType: "text/plain", buffer: utf16 });
  await expect(app.byTestId("job-done")).toBeVisible();
  await expect(app.fact("fact-kind")).toHaveText(en.kind.utf16_le);
  await expect(app.fact("fact-lines")).toHaveText("1,000");
  await expect(app.fact("fact-endings")).toHaveText(en.endings.crlf);
});

test("a file that is no export at all gets a clear message", async ({ page }) => {
  const app = new CasemapPage(page);
  await app.open();
  const png = Buffer.from("89504e470d0a1a0a0000000d4948445200000001", "hex");
  await app.pickFile({ name: "screenshot.png", mimeType: "image/png", buffer: png });
  await expect(app.byTestId("job-problem")).toHaveText(en.job.not_text);
  await expect(app.fact("fact-kind")).toHaveText(en.kind.image);
  await app.byTestId("choose-another").click();
  await app.pickFile({ name: "empty.csv", mimeType: "text/csv", buffer: Buffer.alloc(0) });
  await expect(app.byTestId("job-problem")).toHaveText(en.job.empty);
  expect(app.consoleProblems).toEqual([]);
});

test("a big file shows progress and can be cancelled", async ({ page }, testInfo) => {
  // 500 MB of export rows on disk: many slices, a couple of seconds of reading.
  const row = "CS-000123,Agent Investigates Issue,2025-01-06 09:27:28,2025-01-06 09:44:38,Sofia Conti,L1 Support,Low,Phone,Question,In Progress,2025-01-11 09:25:14,,no\n";
  const file = path.join(testInfo.outputDir, "huge.csv");
  fs.mkdirSync(testInfo.outputDir, { recursive: true });
  fs.writeFileSync(file, row.repeat(Math.floor(500e6 / row.length)));
  const app = new CasemapPage(page);
  await app.open();
  await app.pickFile(file);
  const running = app.byTestId("job-running");
  await expect(running).toBeVisible();
  await expect(running.locator("h2")).toHaveText("Reading huge.csv");
  // The progress bar moves while the page stays responsive.
  await expect.poll(async () => Number(await app.byTestId("progress").getAttribute("value")), { timeout: 10_000 }).toBeGreaterThan(0);
  await expect(app.byTestId("progress-bytes")).toContainText("of 500 MB");
  await app.screenshot("file-progress", testInfo);
  await app.byTestId("cancel").click();
  await expect(app.byTestId("job-cancelled")).toHaveText(new RegExp("Reading huge.csv was cancelled"));
  // A late answer of the cancelled job does not replace the message.
  await page.waitForTimeout(1500);
  await expect(app.byTestId("job-cancelled")).toBeVisible();
  await expect(app.byTestId("job-done")).toHaveCount(0);
  await app.byTestId("choose-another").click();
  await expect(app.byTestId("dropzone")).toBeVisible();
  expect(app.consoleProblems).toEqual([]);
  fs.rmSync(file);
});

test("a file dropped onto the zone is read", async ({ page }) => {
  const app = new CasemapPage(page);
  await app.open();
  await app.dropFile("dropped.csv", { text: "case;activity;time\r\n1;Created;05.01.2024 10:22\r\n1;Closed;06.01.2024 09:00\r\n" });
  await expect(app.byTestId("job-done").locator("h2")).toHaveText("dropped.csv is ready");
  await expect(app.fact("fact-lines")).toHaveText("3");
  await expect(app.fact("fact-endings")).toHaveText(en.endings.crlf);
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
  await chooser.setFiles({ name: "keyboard.csv", mimeType: "text/csv", buffer: Buffer.from("a,b\n1,2\n3,4\n") });
  await expect(app.byTestId("job-done")).toBeVisible();
  await expect(app.fact("fact-lines")).toHaveText("3");
  // The sample button is next in the tab order and works with Space.
  await app.byTestId("choose-another").click();
  await app.byTestId("choose-file").focus();
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.activeElement?.dataset?.testid)).toBe("try-sample");
  await page.keyboard.press("Space");
  await expect(app.byTestId("job-done")).toBeVisible();
});
