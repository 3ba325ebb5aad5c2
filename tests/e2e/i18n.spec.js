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

test("the result of a job is translated too, numbers included", async ({ page }) => {
  const app = new CasemapPage(page);
  await app.open();
  await app.chooseLanguage("ru");
  await app.dropFile("обращения.csv", { text: "case_id,activity,time\n".repeat(12345) });
  await expect(app.byTestId("job-done")).toBeVisible();
  await expect(app.byTestId("fact-lines").locator("dt")).toHaveText(locales.ru.job.lines);
  // Russian groups thousands with a (non-breaking) space.
  await expect(app.fact("fact-lines")).toHaveText("12\u00a0345");
  await app.chooseLanguage("zh");
  await expect(app.byTestId("fact-lines").locator("dt")).toHaveText(locales.zh.job.lines);
  await expect(app.fact("fact-lines")).toHaveText("12,345");
  await expect(app.fact("fact-endings")).toHaveText(locales.zh.endings.lf);
});
