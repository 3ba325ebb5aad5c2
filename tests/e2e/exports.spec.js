// First contact: exports in the shapes of real service desks (crates/engine/tests/data/exports,
// see its README), dropped with no flag, show the guess a user expects on the mapping step and
// import to the cases and events its expected.json names, on a laptop and on a phone.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { execFileSync } = require("node:child_process");
const { test, expect } = require("@playwright/test");
const { CasemapPage, locales, fill, repo, cli, grouped } = require("./pages/casemap");

const en = locales.en;
const folder = path.join(repo, "crates/engine/tests/data/exports");
const expected = JSON.parse(fs.readFileSync(path.join(folder, "expected.json"), "utf8"));

/** What the CLI guessed and read, with no flag. */
function cliImport(file) {
  return JSON.parse(execFileSync(cli, ["import", "--json", path.join(folder, file)], { maxBuffer: 64 << 20 }).toString());
}

/** The role menus of the mapping step, by column name. */
async function roles(page) {
  return Object.fromEntries(
    await page.getByTestId("column").evaluateAll((ths) =>
      ths.map((th) => [th.querySelector(".column-name").textContent, th.querySelector("select")?.value ?? ""]),
    ),
  );
}

const sizes = [
  { name: "laptop", viewport: { width: 1440, height: 900 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
];

const shown = [
  "servicenow_incident_updates.csv",
  "jira_status_changelog.csv",
  "city_service_requests.csv",
  "zendesk_ticket_export.csv",
  "salesforce_case_export.csv",
  "municipal_xes_keys.csv",
];

for (const size of sizes) {
  test.describe(`on a ${size.name}`, () => {
    test.use({ viewport: size.viewport });

    for (const file of shown) {
      test(`${file} maps as the CLI guesses and imports the expected cases and events`, async ({ page }, testInfo) => {
        const want = expected[file];
        const guessed = cliImport(file);
        const app = new CasemapPage(page);
        await app.open();
        await app.pickFile(path.join(folder, file));
        await expect(app.byTestId("mapping-step")).toBeVisible();
        // The page shows the guess the CLI reports: every column's role.
        const onPage = await roles(page);
        for (const column of guessed.mapping) expect(onPage[column.name], column.name).toBe(column.role);
        // The right roles, by expected.json.
        expect(onPage[want.case_id]).toBe("case_id");
        if (want.activity && !want.preset) expect(onPage[want.activity]).toBe("activity");
        for (const m of want.milestones) expect(onPage[m], m).toBe("milestone");
        if (want.priority) expect(onPage[want.priority]).toBe("priority");
        // The system and the layout are said in words.
        if (guessed.system && guessed.system !== "xes") {
          const name = { service_now: "ServiceNow", salesforce: "Salesforce", zendesk: "Zendesk", jira: "Jira" }[guessed.system];
          await expect(app.byTestId("source-system")).toHaveText(fill(en.mapping.system, { system: name }));
        }
        const layout = { events: "layout_events", tickets: "layout_tickets", field_history: "layout_field_history", snapshots: "layout_snapshots" }[guessed.layout];
        await expect(app.byTestId("source-layout")).toHaveText(en.mapping[layout]);
        // No warning that events share one time: the event time was chosen right.
        await expect(app.byTestId("mapping-warning")).toHaveCount(0);
        // Milestones are listed with the names of their events, which can be changed.
        const names = await page.getByTestId("milestone-name").evaluateAll((inputs) => inputs.map((i) => i.value));
        if (want.milestone_names) expect(names.sort()).toEqual([...want.milestone_names].sort());
        // Time examples come from different cases: never the same value twice in one column.
        for (const list of await page.getByTestId("time-examples").all()) {
          const values = await list.locator("code:first-child").allTextContents();
          expect(new Set(values).size, `examples ${values}`).toBe(values.length);
        }
        // No sideways scrolling of the page, also on a phone.
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
        await app.screenshot(`mapping-${size.name}-${file.replace(/\.csv$/, "")}`, testInfo);
        await app.byTestId("import").click();
        await expect(app.byTestId("job-done")).toBeVisible({ timeout: 30_000 });
        await expect(app.fact("fact-cases")).toHaveText(grouped(guessed.summary.cases));
        await expect(app.fact("fact-events")).toHaveText(grouped(guessed.summary.events));
        expect(guessed.summary.cases).toBe(want.cases);
        await expect(app.byTestId("skipped-none")).toBeVisible();
        expect(app.consoleProblems).toEqual([]);
      });
    }
  });
}

test("changing a milestone's name renames its events", async ({ page }) => {
  const app = new CasemapPage(page);
  await app.open();
  await app.pickFile(path.join(folder, "salesforce_case_export.csv"));
  await expect(app.byTestId("mapping-step")).toBeVisible();
  const opened = page.getByTestId("milestone-name").first();
  await expect(opened).toHaveValue("Opened");
  await opened.fill("Case Opened");
  await opened.dispatchEvent("change");
  await app.byTestId("import").click();
  await expect(app.byTestId("job-done")).toBeVisible();
  await app.byTestId("tab-map").click();
  await expect(page.locator('[data-testid=map-svg] g.activity[data-activity="Case Opened"]')).toBeVisible();
  await expect(page.locator('[data-testid=map-svg] g.activity[data-activity="Closed"]')).toBeVisible();
});

test("a date repeated on every row of a case is caught before the import", async ({ page }) => {
  const app = new CasemapPage(page);
  await app.open();
  await app.pickFile(path.join(folder, "servicenow_incident_updates.csv"));
  await expect(app.byTestId("mapping-step")).toBeVisible();
  // The user switches the export type off and takes the creation date as each event's time.
  await app.byTestId("preset").selectOption("none");
  await page.getByTestId("column").filter({ hasText: "sys_created_at" }).locator("select").selectOption("timestamp");
  const warning = app.byTestId("mapping-warning");
  await expect(warning).toContainText("sys_created_at");
  await expect(warning).toContainText("sys_updated_at");
});

test("times with a zone say they are shown in UTC, times without one that they are kept", async ({ page }) => {
  const app = new CasemapPage(page);
  await app.open();
  await app.pickFile(path.join(folder, "newest_first_offsets.csv"));
  await expect(app.byTestId("zone-note").first()).toHaveText(en.mapping.zone_utc);
  await app.open();
  await app.pickFile(path.join(folder, "zendesk_ticket_export.csv"));
  await expect(app.byTestId("zone-note").first()).toHaveText(en.mapping.zone_wall);
});
