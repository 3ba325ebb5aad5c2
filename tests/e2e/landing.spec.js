// The landing page: what a first-time visitor sees, in all its states of light and dark.
"use strict";

const { test, expect } = require("@playwright/test");
const { CasemapPage, locales, plural } = require("./pages/casemap");

const en = locales.en;

test("the landing page loads cleanly and says what casemap is", async ({ page }, testInfo) => {
  const app = new CasemapPage(page);
  await app.open();
  await expect(page).toHaveTitle("casemap");
  await expect(app.heading).toHaveText(en.landing.title);
  await expect(app.byTestId("dropzone")).toContainText(en.landing.drop_title);
  await expect(app.byTestId("choose-file")).toHaveText(en.landing.choose_file);
  await expect(app.byTestId("try-sample")).toHaveText(en.landing.try_sample);
  await expect(app.byTestId("dropzone")).toContainText(plural("en", "landing.sample_hint", 2000, { cases: "2,000" }));
  await expect(app.byTestId("download-template")).toContainText(en.landing.download_template);
  await expect(app.byTestId("privacy")).toContainText(en.landing.privacy_title);
  await expect(app.byTestId("privacy")).toContainText("Content-Security-Policy");
  // The loading placeholder is gone once the app runs.
  await expect(page.locator("#boot")).toHaveCount(0);
  await app.screenshot("landing-en", testInfo);
  expect(app.consoleProblems).toEqual([]);
});

test("dark mode follows the system setting", async ({ browser }, testInfo) => {
  const context = await browser.newContext({ colorScheme: "dark" });
  const page = await context.newPage();
  const app = new CasemapPage(page);
  await app.open();
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const text = await page.evaluate(() => getComputedStyle(document.body).color);
  const luminance = (rgb) => rgb.match(/\d+/g).slice(0, 3).reduce((sum, v) => sum + Number(v), 0) / 3;
  expect(luminance(background)).toBeLessThan(60);
  expect(luminance(text)).toBeGreaterThan(180);
  await app.screenshot("landing-dark", testInfo);
  expect(app.consoleProblems).toEqual([]);
  await context.close();
});

test("the page fits a laptop screen without horizontal scrolling", async ({ browser }, testInfo) => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 1024, height: 700 }, { width: 390, height: 844 }]) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const app = new CasemapPage(page);
    await app.open();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `horizontal overflow at ${viewport.width}px`).toBeLessThanOrEqual(0);
    // The drop zone and its two actions are visible without scrolling on laptop screens.
    if (viewport.width >= 1024) {
      await expect(app.byTestId("try-sample")).toBeInViewport();
    }
    await app.screenshot(`landing-${viewport.width}`, testInfo);
    await context.close();
  }
});

test("a host that lost a file gets a clear message instead of a blank page", async ({ browser }) => {
  const context = await browser.newContext({ locale: "it-IT" });
  const page = await context.newPage();
  // The app's wasm (not the worker's) is missing on this host.
  await page.route(/\/app-[0-9a-f]+_bg\.wasm$/, (route) => route.fulfill({ status: 404, body: "not found" }));
  await page.goto("./");
  const failure = page.locator(".boot-failure");
  await expect(failure).toBeVisible();
  await expect(failure).toHaveAttribute("role", "alert");
  await expect(failure).toContainText("casemap non è riuscito ad avviarsi");
  await context.close();
});
