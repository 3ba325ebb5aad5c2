// Before an import starts, the mapping step says what the file will take: nothing for an
// ordinary export, the events and memory for a big one, a warning when a device short of
// memory may not manage (a 7 GB history, about 50 million events: the most a tab is meant to
// open), and for a file no tab can hold (12 GB) a refusal with the ways out, in the user's
// language, instead of a worker that runs out of memory minutes later. The big files are made inside the page from one slice of a
// generated export repeated (a Blob of Blobs: no memory is copied).
"use strict";

const { execFileSync } = require("node:child_process");
const { test, expect } = require("@playwright/test");
const { CasemapPage, locales, cli, tempFile } = require("./pages/casemap");

/** A generated service export's text: the header line and the rows after it. */
function generated() {
  const file = tempFile("size-generated.csv", "");
  execFileSync(cli, ["generate", "--cases", "2000", "--seed", "5", "-o", file]);
  const text = require("node:fs").readFileSync(file, "utf8");
  const header = text.slice(0, text.indexOf("\n") + 1);
  return { header, rows: text.slice(header.length) };
}

/** Drops a file of about `bytes` bytes: the header, then `rows` over and over. */
async function dropHuge(app, name, { header, rows }, bytes) {
  const transfer = await app.page.evaluateHandle(
    ({ name, header, rows, bytes }) => {
      const slice = new Blob([rows]);
      const parts = [header];
      for (let size = header.length; size < bytes; size += slice.size) parts.push(slice);
      const transfer = new DataTransfer();
      transfer.items.add(new File(parts, name, { type: "text/csv" }));
      return transfer;
    },
    { name, header, rows, bytes },
  );
  await app.byTestId("dropzone").dispatchEvent("drop", { dataTransfer: transfer });
  await expect(app.byTestId("mapping-step")).toBeVisible({ timeout: 30_000 });
}

/** The fixed words of a message with {{ placeholders }}: what any filled-in text contains. */
const words = (message) => message.split(/\{\{[^}]*\}\}/).map((part) => part.trim()).filter((part) => part.length > 3);

test("an ordinary export imports without a word about its size", async ({ page }) => {
  const app = new CasemapPage(page);
  await app.open();
  await dropHuge(app, "month.csv", generated(), 40_000_000);
  await expect(app.byTestId("import")).toBeEnabled();
  for (const id of ["size-fits", "size-tight", "size-too-big"]) await expect(app.byTestId(id)).toHaveCount(0);
});

test("a big export says its events and memory; a 7 GB history warns and can still be imported", async ({ page }) => {
  const app = new CasemapPage(page);
  await app.open();
  const log = generated();
  await dropHuge(app, "year.csv", log, 400_000_000);
  const fits = app.byTestId("size-fits");
  await expect(fits).toBeVisible();
  await expect(fits).toContainText(/About [\d,]+ events: the import needs about [\d.]+ (MB|GB)/);
  await expect(app.byTestId("import")).toBeEnabled();

  await app.byTestId("choose-another").click();
  await dropHuge(app, "years.csv", log, 7_000_000_000);
  const tight = app.byTestId("size-tight");
  await expect(tight).toBeVisible();
  await expect(tight).toContainText(/A device short of memory may stop it/);
  await expect(app.byTestId("import")).toBeEnabled();
  await expect(tight.getByTestId("size-warehouse")).toBeVisible();
});

for (const code of ["en", "it", "ru", "zh"]) {
  test(`a 12 GB history is refused before its import, with the ways out (${code})`, async ({ page }, testInfo) => {
    const app = new CasemapPage(page);
    await app.open();
    if (code !== "en") await app.chooseLanguage(code);
    await dropHuge(app, "all-history.csv", generated(), 12_000_000_000);
    const refusal = app.byTestId("size-too-big");
    await expect(refusal).toBeVisible();
    for (const part of [...words(locales[code].mapping.size_too_big), ...words(locales[code].mapping.size_ways_out)]) {
      await expect(refusal).toContainText(part);
    }
    if (code === "en") await expect(refusal).toContainText(/About [\d,]{10,} events would need about [\d.]+ GB of memory/);
    await expect(app.byTestId("import")).toBeDisabled();
    await app.screenshot(`size-too-big-${code}`, testInfo);
    // The way out: the query that computes the map in the warehouse.
    await refusal.getByTestId("size-warehouse").click();
    await expect(app.byTestId("warehouse-setup")).toBeVisible();
    expect(app.consoleProblems).toEqual([]);
  });
}
