// Page object for casemap's end-to-end tests: how a user reaches each part of the page, and
// what the tests record about it (console messages, requests, screenshots).
"use strict";

const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { expect } = require("@playwright/test");

const repo = path.resolve(__dirname, "../../..");
const artifacts = path.join(repo, "target/e2e/artifacts");

/** The locale files, as the app compiles them in. */
const locales = Object.fromEntries(
  ["en", "it", "ru", "zh"].map((code) => [code, JSON.parse(fs.readFileSync(path.join(repo, "locales", `${code}.json`), "utf8"))]),
);

/** The shared public logs, and the native CLI whose figures the browser must show. */
const sharedData = process.env.CASEMAP_SHARED_DATA || path.resolve(repo, "../shared/data");
const cli = process.env.CASEMAP_CLI || path.join(repo, "target/debug/casemap");

/** A count as the English UI shows it (thousands separators). */
const grouped = (n) => n.toLocaleString("en-US");

/**
 * Numbers as the English UI writes them (the engine's `format` module, mirrored): durations in
 * two units (`2 d 4 h`, `35 min`; whole days from 100 days on), percentages with one decimal (`12.5%`, `50%`), decimals.
 */
const formats = {
  decimal(x, digits) {
    const [int, frac] = Math.abs(x).toFixed(digits).split(".");
    const sign = x < 0 && /[1-9]/.test(int + (frac || "")) ? "-" : "";
    return sign + Number(int).toLocaleString("en-US") + (frac ? `.${frac}` : "");
  },
  percent(ratio) {
    const rounded = Math.round(ratio * 1000) / 10;
    return `${formats.decimal(rounded, Number.isInteger(rounded) ? 0 : 1)}%`;
  },
  duration(seconds) {
    const abs = Math.abs(seconds);
    const sign = seconds < 0 ? "-" : "";
    if (abs < 9.95) return `${sign}${formats.decimal(abs, Number.isInteger(abs) ? 0 : 1)} s`;
    const total = Math.round(abs);
    const parts = [
      [Math.floor(total / 86400), "d"],
      [Math.floor((total % 86400) / 3600), "h"],
      [Math.floor((total % 3600) / 60), "min"],
      [total % 60, "s"],
    ];
    let first = parts.findIndex(([value]) => value > 0);
    if (first < 0) first = 3;
    let out = `${sign}${parts[first][0].toLocaleString("en-US")} ${parts[first][1]}`;
    // From 100 days on, whole days (format::WHOLE_DAYS_FROM).
    const wholeDays = first === 0 && parts[0][0] >= 100;
    if (!wholeDays && first + 1 < parts.length && parts[first + 1][0] > 0) out += ` ${parts[first + 1][0]} ${parts[first + 1][1]}`;
    return out;
  },
};

/** Writes `bytes` to a new temporary file called `name` and returns its path. */
function tempFile(name, bytes) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "casemap-e2e-"));
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

/** Fills `{{ name }}` placeholders the way the app does. */
function fill(text, values = {}) {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name) => String(values[name]));
}

/**
 * The text of a key that may have plural forms (`key_one`, `key_few`, `key_many`,
 * `key_other`), for the count `n` in language `code`, with its placeholders filled: the form is
 * chosen by the same CLDR rules as the app's (Intl.PluralRules). `key` is dotted
 * (`cases.found`); a language without forms (Chinese) has the plain key.
 */
function plural(code, key, n, values = {}) {
  const path = key.split(".");
  const group = path.slice(0, -1).reduce((node, part) => node[part], locales[code]);
  const name = path[path.length - 1];
  const text = group[name] ?? group[`${name}_${new Intl.PluralRules(code).select(n)}`] ?? group[`${name}_other`];
  if (text === undefined) throw new Error(`${code}: no text for ${key}`);
  return fill(text, values);
}

class CasemapPage {
  constructor(page) {
    this.page = page;
    this.consoleProblems = [];
    this.requests = [];
    page.on("console", (message) => {
      if (["error", "warning"].includes(message.type())) this.consoleProblems.push(`${message.type()}: ${message.text()}`);
    });
    page.on("pageerror", (error) => this.consoleProblems.push(`uncaught: ${error.message}`));
    page.on("request", (request) => this.requests.push({ url: request.url(), at: Date.now() }));
  }

  /** Opens the app (in the language `code`), loads the sample data and waits for its overview. */
  static async sample(page, code = "en") {
    const app = new CasemapPage(page);
    await app.open();
    if (code !== "en") await app.chooseLanguage(code);
    await app.byTestId("try-sample").click();
    await expect(app.byTestId("kpi-panel")).toBeVisible();
    return app;
  }

  /** Opens one service analysis and waits until it is shown. */
  async openAnalysis(kind) {
    await this.byTestId("tab-analyses").click();
    await this.byTestId(`analysis-${kind}`).click();
    const view = this.byTestId(`analysis-view-${kind}`);
    await expect(view.getByTestId("analysis-loading")).toHaveCount(0);
    return view;
  }

  /** Opens the app and waits until its worker says it is ready. */
  async open() {
    await this.page.goto("./");
    await expect(this.main).toHaveAttribute("data-worker", "ready");
  }

  get main() {
    return this.page.getByTestId("app");
  }

  get heading() {
    return this.page.getByRole("heading", { level: 1 });
  }

  byTestId(id) {
    return this.page.getByTestId(id);
  }

  async chooseLanguage(code) {
    await this.byTestId("language").selectOption(code);
  }

  /** Adds a filter step through the filter bar's editor: the cases with `value` in `column`. */
  async keepValue(column, value) {
    const chips = await this.byTestId("filter-chip").count();
    await this.byTestId("filter-add").click();
    await this.byTestId("filter-kind").selectOption("attribute");
    await this.byTestId("filter-column").selectOption(column);
    await this.byTestId("filter-values").getByRole("checkbox", { name: new RegExp(`^${value}`) }).check();
    await this.byTestId("filter-apply").click();
    await expect(this.byTestId("filter-chip")).toHaveCount(chips + 1);
  }

  /** Picks a file through the (hidden) file input, as the file dialog would. */
  async pickFile(file) {
    await this.byTestId("file-input").setInputFiles(file);
  }

  /**
   * Drops a file made inside the page onto the drop zone, as a drag from the desktop does.
   * `spec` is `{ text }` for a text file, `{ base64 }` for bytes, or `{ size, byte }` for
   * `size` copies of one byte.
   */
  async dropFile(name, spec) {
    const transfer = await this.page.evaluateHandle(
      ({ name, spec }) => {
        const body =
          spec.text !== undefined
            ? spec.text
            : spec.base64 !== undefined
              ? Uint8Array.from(atob(spec.base64), (c) => c.charCodeAt(0))
              : new Uint8Array(spec.size).fill(spec.byte ?? 10);
        const transfer = new DataTransfer();
        transfer.items.add(new File([body], name));
        return transfer;
      },
      { name, spec },
    );
    await this.byTestId("dropzone").dispatchEvent("drop", { dataTransfer: transfer });
  }

  /** The value shown for one fact of the result panel. */
  fact(id) {
    return this.byTestId(id).locator("dd");
  }

  async screenshot(name, testInfo) {
    fs.mkdirSync(artifacts, { recursive: true });
    const file = path.join(artifacts, `${name}.png`);
    await this.page.screenshot({ path: file, fullPage: true });
    if (testInfo) await testInfo.attach(name, { path: file, contentType: "image/png" });
    return file;
  }
}

module.exports = { CasemapPage, locales, fill, plural, repo, artifacts, sharedData, cli, grouped, tempFile, formats };
