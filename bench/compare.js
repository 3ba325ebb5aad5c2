#!/usr/bin/env node
// casemap against PM4Py and pm4js, on the same files in one run.
//
//   node bench/compare.js
//
// Needs: the release CLI (target/release/casemap) and web app (dist/), both from an earlier
// build (this script builds nothing); the pinned PM4Py venv target/reference-venv (made by
// tests/reference/regenerate.sh); pm4js in bench/node_modules (`npm ci --prefix bench`);
// playwright-core in tests/e2e/node_modules and Debian's /usr/bin/chromium.
//
// What it measures, per file (medians of CASEMAP_COMPARE_RUNS runs, default 3):
//  1. Native: the wall time of `casemap analyze FILE --json --discovery-only` (read the CSV, import, DFG with
//     waiting times, variants, case durations) against PM4Py doing the same in Python
//     (bench/compare_pm4py.py: pandas.read_csv, pm4py.format_dataframe, discover_dfg,
//     discover_performance_dfg, get_variants, get_all_case_durations), timed inside Python
//     (perf_counter from read_csv to the last call) and as the wall time of the whole
//     Python process (start-up and `import pm4py` included).
//  2. Browser, headless Chromium, a fresh browser per run: casemap's page (set the file,
//     mapping step, Import, process map shown, variants shown) against pm4js (bench/pm4js.html:
//     File.text(), CsvImporter, sort by time, frequency DFG, performance DFG, variants, case
//     durations; pm4js's own browser bundle, served locally). Times are taken in Node from
//     just before the file is set in the page's file input to the result being shown.
//  3. Browser memory: the peak resident memory (RSS) of the browser's renderer processes,
//     sampled from /proc every 100 ms while the run goes on, minus the idle baseline right
//     before the file is set. Dedicated workers (casemap's engine runs in one) are threads of
//     the renderer process; the script checks that by finding a "DedicatedWorker" thread
//     there. The RSS of all the browser's processes is kept in the JSON too.
//
// Files: /work/shared/data/bpic2012.csv (case:concept:name / concept:name / time:timestamp)
// and `casemap generate --cases 115000 --seed 42` (about 1M events; PM4Py and pm4js use
// case_id / activity / end_time). casemap is run as is: on the generated log it maps both
// start_time and end_time (waits from one event's end to the next one's start), so the
// generated log is also run natively with end_time as its only time column, the mapping PM4Py
// and pm4js get (`--timestamp end_time --start-time end_time`: the start role goes to end_time
// too, and the start_time column becomes a plain attribute).
//
// Environment:
//   CASEMAP_COMPARE_RUNS   runs per tool and file (default 3)
//   CASEMAP_COMPARE_FILES  comma-separated: bpic2012, generated (1M events), generated:CASES,
//                          or the name of a CSV in the data folder with XES columns such as
//                          helpdesk (default "bpic2012,generated")
//   CASEMAP_COMPARE_SKIP   comma-separated parts to leave out: native, pm4py, browser
//   CASEMAP_DATA           data folder (default /work/shared/data, else ../shared/data)
//   CASEMAP_CLI, CHROMIUM  the casemap binary and the Chromium executable
//
// Prints a table per file and writes every run to target/bench/compare.json.
"use strict";

const fs = require("node:fs");
const os = require("node:os");
const net = require("node:net");
const path = require("node:path");
const { spawn, spawnSync } = require("node:child_process");

const repo = path.resolve(__dirname, "..");
const RUNS = Math.max(1, Number(process.env.CASEMAP_COMPARE_RUNS || 3));
const FILES = (process.env.CASEMAP_COMPARE_FILES || "bpic2012,generated").split(",").map((s) => s.trim()).filter(Boolean);
const SKIP = new Set((process.env.CASEMAP_COMPARE_SKIP || "").split(",").map((s) => s.trim()).filter(Boolean));
const cli = process.env.CASEMAP_CLI || path.join(repo, "target/release/casemap");
const python = path.join(repo, "target/reference-venv/bin/python");
const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";
const playwrightDir = path.join(repo, "tests/e2e/node_modules/playwright-core");
const pm4jsDir = path.join(__dirname, "node_modules/pm4js");
const dataDir =
  process.env.CASEMAP_DATA || (fs.existsSync("/work/shared/data") ? "/work/shared/data" : path.resolve(repo, "../shared/data"));
const outFile = path.join(repo, "target/bench/compare.json");

const SAMPLE_MS = 100;
const CASEMAP_STEP_TIMEOUT = 10 * 60_000; // per wait in casemap's page
const PM4JS_TIMEOUT = 20 * 60_000; // the whole pm4js run
const PROCESS_TIMEOUT = 30 * 60_000; // casemap analyze / the PM4Py process
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
const XES = { case: "case:concept:name", activity: "concept:name", timestamp: "time:timestamp" };
const GENERATED = { case: "case_id", activity: "activity", timestamp: "end_time" };

// ---------------------------------------------------------------------------------- helpers

const median = (values) => {
  const v = values.filter((x) => typeof x === "number" && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const now = () => Number(process.hrtime.bigint()) / 1e9;
const fmtS = (s) => (s == null ? "-" : s < 10 ? `${s.toFixed(3)} s` : `${s.toFixed(1)} s`);
const fmtRatio = (r) => (r == null ? "" : `${r < 10 ? r.toFixed(2) : r.toFixed(1)}x`);
const fmtMiB = (bytes) => (bytes == null ? "" : `${bytes >= 0 ? "+" : ""}${(bytes / 2 ** 20).toFixed(0)} MiB`);
const fmtInt = (n) => (n == null ? "?" : Number(n).toLocaleString("en-US"));
const log = (...args) => console.error(...args); // progress on stderr, results on stdout

function die(message) {
  console.error(`compare: ${message}`);
  process.exit(2);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// Every static server started, stopped however the run ends: normally (main's finally), by
// die() or an uncaught error (process.exit skips finally blocks), or by Ctrl-C or kill.
const servers = new Set();
function stopServers() {
  for (const child of servers) child.kill();
  servers.clear();
}
process.on("exit", stopServers);
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    stopServers();
    process.exit(128 + (signal === "SIGINT" ? 2 : signal === "SIGTERM" ? 15 : 1));
  });
}

// scripts/static-server.js on a free port; resolves once it listens.
async function serve(root) {
  const port = await freePort();
  const child = spawn("node", [path.join(repo, "scripts/static-server.js"), "--root", root, "--port", String(port)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  servers.add(child);
  child.on("exit", () => servers.delete(child));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`static server for ${root} did not start`)), 10_000);
    child.stdout.on("data", (chunk) => {
      if (String(chunk).includes("served at")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on("exit", (code) => reject(new Error(`static server exited (${code})`)));
  });
  child.stdout.resume();
  return { url: `http://127.0.0.1:${port}/`, child };
}

// Runs a command, its stdout into a file; resolves with the wall time and exit status.
function timedRun(command, args, stdoutFile, env) {
  return new Promise((resolve) => {
    const fd = fs.openSync(stdoutFile, "w");
    let stderr = "";
    const t0 = now();
    const child = spawn(command, args, { stdio: ["ignore", fd, "pipe"], env: env || process.env });
    child.stderr.on("data", (chunk) => {
      if (stderr.length < 20_000) stderr += chunk;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), PROCESS_TIMEOUT);
    child.on("close", (code, signal) => {
      const seconds = now() - t0;
      clearTimeout(timer);
      fs.closeSync(fd);
      resolve({ seconds, code, signal, stderr });
    });
  });
}

// ------------------------------------------------------------------------- memory sampling

const PAGE = 4096;

function readProcs() {
  const procs = new Map();
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      procs.set(Number(name), { ppid });
    } catch {
      // gone in between
    }
  }
  return procs;
}

function descendants(root, procs) {
  const children = new Map();
  for (const [pid, { ppid }] of procs) {
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(pid);
  }
  const out = [];
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop();
    out.push(pid);
    for (const child of children.get(pid) || []) stack.push(child);
  }
  return out;
}

function rssBytes(pid) {
  try {
    return Number(fs.readFileSync(`/proc/${pid}/statm`, "utf8").split(" ")[1]) * PAGE;
  } catch {
    return 0;
  }
}

function isRenderer(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("--type=renderer");
  } catch {
    return false;
  }
}

function threadNames(pid) {
  try {
    return fs.readdirSync(`/proc/${pid}/task`).map((tid) => {
      try {
        return fs.readFileSync(`/proc/${pid}/task/${tid}/comm`, "utf8").trim();
      } catch {
        return "";
      }
    });
  } catch {
    return [];
  }
}

// Playwright's Node library drives the browser in this process, so Chromium's browser
// process is a child of ours: the newest one whose command line names chromium.
function findBrowserPid() {
  let best = null;
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[1]) !== process.pid) continue;
      const cmdline = fs.readFileSync(`/proc/${name}/cmdline`, "utf8");
      if (!cmdline.includes("chromium") || cmdline.includes("--type=")) continue;
      const started = Number(fields[19]);
      if (!best || started > best.started) best = { pid: Number(name), started };
    } catch {
      // gone in between
    }
  }
  if (!best) throw new Error("cannot find Chromium's browser process among this process's children");
  return best.pid;
}

// The renderer processes' RSS (summed, and per process) and all the browser's processes' RSS.
function sample(browserPid) {
  const pids = descendants(browserPid, readProcs());
  let renderer = 0;
  let all = 0;
  const renderers = new Map();
  for (const pid of pids) {
    const rss = rssBytes(pid);
    all += rss;
    if (isRenderer(pid)) {
      renderer += rss;
      renderers.set(pid, rss);
    }
  }
  return { renderer, all, renderers };
}

class Sampler {
  constructor(browserPid) {
    this.browserPid = browserPid;
    this.baseline = sample(browserPid);
    this.peakRenderer = this.baseline.renderer;
    this.peakAll = this.baseline.all;
    this.perRenderer = new Map(); // pid -> { baseline, peak, worker }
    for (const [pid, rss] of this.baseline.renderers) this.perRenderer.set(pid, { baseline: rss, peak: rss, worker: false });
    this.samples = 0;
  }
  start() {
    this.timer = setInterval(() => this.tick(), SAMPLE_MS);
  }
  tick() {
    const s = sample(this.browserPid);
    this.samples++;
    this.peakRenderer = Math.max(this.peakRenderer, s.renderer);
    this.peakAll = Math.max(this.peakAll, s.all);
    for (const [pid, rss] of s.renderers) {
      let r = this.perRenderer.get(pid);
      if (!r) {
        r = { baseline: 0, peak: 0, worker: false, new: true };
        this.perRenderer.set(pid, r);
      }
      r.peak = Math.max(r.peak, rss);
      // A dedicated worker is a thread of its page's renderer process, named "DedicatedWorker thread".
      if (!r.worker) r.worker = threadNames(pid).some((name) => name.startsWith("DedicatedWorker"));
    }
  }
  stop() {
    clearInterval(this.timer);
    this.tick();
    const per = [...this.perRenderer].map(([pid, r]) => ({ pid, grew_bytes: r.peak - r.baseline, ...r }));
    const grown = per.reduce((a, b) => (b.grew_bytes > (a ? a.grew_bytes : -Infinity) ? b : a), null);
    return {
      baseline_renderer_bytes: this.baseline.renderer,
      peak_renderer_bytes: this.peakRenderer,
      renderer_bytes: this.peakRenderer - this.baseline.renderer,
      baseline_all_bytes: this.baseline.all,
      all_processes_bytes: this.peakAll - this.baseline.all,
      renderers: per,
      // The renderer that grew most is the one running a dedicated worker (casemap's engine).
      worker_thread_in_renderer: per.some((r) => r.worker),
      grown_renderer_has_worker: grown ? grown.worker : false,
      samples: this.samples,
    };
  }
}

// -------------------------------------------------------------------------------- the runs

async function launch(chromium) {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
  const pid = findBrowserPid();
  const context = await browser.newContext({ timezoneId: "UTC", locale: "en-US" });
  const page = await context.newPage();
  let crashed = false;
  page.on("crash", () => {
    crashed = true;
  });
  return { browser, pid, page, crashed: () => crashed };
}

async function casemapBrowserRun(chromium, server, file) {
  const { browser, pid, page, crashed } = await launch(chromium);
  let sampler = null;
  try {
    await page.goto(server.url);
    await page.waitForSelector("main[data-worker=ready]", { timeout: 60_000 });
    await sleep(1000); // let the page settle before the baseline
    sampler = new Sampler(pid);
    sampler.start();
    const t0 = now();
    await page.getByTestId("file-input").setInputFiles(file);
    await page.getByTestId("mapping-step").waitFor({ timeout: CASEMAP_STEP_TIMEOUT });
    const tMapping = now();
    await page.getByTestId("import").click();
    await page.getByTestId("job-done").waitFor({ timeout: CASEMAP_STEP_TIMEOUT });
    const tImported = now();
    await page.getByTestId("tab-map").click();
    await page.locator("[data-testid=map-svg] g.activity").first().waitFor({ timeout: CASEMAP_STEP_TIMEOUT });
    const tMap = now();
    await page.getByTestId("tab-variants").click();
    await page.getByTestId("variant-row").first().waitFor({ timeout: CASEMAP_STEP_TIMEOUT });
    const tVariants = now();
    const memory = sampler.stop();
    sampler = null;
    const variantRows = await page.getByTestId("variant-row").count();
    return {
      ok: true,
      seconds: {
        mapping: tMapping - t0,
        import: tImported - tMapping,
        map: tMap - tImported,
        variants: tVariants - tMap,
        to_map: tMap - t0,
        to_variants: tVariants - t0,
      },
      variant_rows_shown: variantRows,
      memory,
    };
  } catch (error) {
    const memory = sampler ? sampler.stop() : null;
    return { ok: false, error: crashed() ? `renderer crashed: ${error.message.split("\n")[0]}` : error.message.split("\n")[0], memory };
  } finally {
    await browser.close().catch(() => {});
  }
}

async function pm4jsRun(chromium, server, file, columns) {
  const { browser, pid, page, crashed } = await launch(chromium);
  let sampler = null;
  try {
    await page.goto(`${server.url}pm4js.html`);
    await page.waitForFunction(() => window.pm4jsBench && window.pm4jsBench.loaded, null, { timeout: 60_000 });
    await page.evaluate((c) => {
      window.pm4jsBench.columns = c;
    }, columns);
    await sleep(1000);
    sampler = new Sampler(pid);
    sampler.start();
    const t0 = now();
    await page.locator("#file").setInputFiles(file);
    const crash = new Promise((_, reject) => page.once("crash", () => reject(new Error("renderer crashed (out of memory?)"))));
    await Promise.race([
      page.waitForFunction(() => window.pm4jsBench.result !== null, null, { timeout: PM4JS_TIMEOUT }),
      crash,
    ]);
    const wall = now() - t0;
    const memory = sampler.stop();
    sampler = null;
    const result = await page.evaluate(() => window.pm4jsBench.result);
    if (result.error) return { ok: false, error: `pm4js threw: ${result.error.split("\n")[0]}`, seconds: result.seconds, memory };
    return { ok: true, ...result, seconds: { ...result.seconds, wall }, memory };
  } catch (error) {
    const memory = sampler ? sampler.stop() : null;
    const message = error.message.split("\n")[0];
    return { ok: false, error: crashed() && !/crash/i.test(message) ? `renderer crashed: ${message}` : message, memory };
  } finally {
    await browser.close().catch(() => {});
  }
}

// casemap analyze --json, RUNS times (after one untimed run that warms the page cache and
// gives the figures).
async function nativeRuns(file, extraArgs, tmp) {
  const out = path.join(tmp, "analyze.json");
  // --discovery-only: the work PM4Py does (graph, waits, variants, durations), not the service
  // analyses casemap adds by default.
  const args = ["analyze", file, "--json", "--discovery-only", ...extraArgs];
  const warm = await timedRun(cli, args, out);
  if (warm.code !== 0) return { ok: false, error: `casemap analyze failed (${warm.code}): ${warm.stderr.trim()}`, runs: [] };
  const json = JSON.parse(fs.readFileSync(out, "utf8"));
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await timedRun(cli, args, out);
    if (r.code !== 0) return { ok: false, error: `casemap analyze failed (${r.code})`, runs };
    runs.push({ wall: r.seconds, engine: JSON.parse(fs.readFileSync(out, "utf8")).seconds });
  }
  return {
    ok: true,
    command: `casemap ${args.map((a) => (a === file ? "FILE" : a)).join(" ")}`,
    found: {
      events: json.summary.events,
      cases: json.summary.cases,
      edges: json.dfg.edges.length,
      variants: json.variants.total,
    },
    runs,
    median: { wall: median(runs.map((r) => r.wall)), engine: median(runs.map((r) => r.engine)) },
  };
}

async function pm4pyRuns(file, columns, tmp) {
  const out = path.join(tmp, "pm4py.json");
  const args = [path.join(__dirname, "compare_pm4py.py"), file, "--case", columns.case, "--activity", columns.activity, "--timestamp", columns.timestamp];
  const runs = [];
  let last = null;
  for (let i = 0; i < RUNS; i++) {
    log(`    PM4Py run ${i + 1}/${RUNS}`);
    const r = await timedRun(python, args, out);
    if (r.code !== 0) {
      return { ok: false, error: `compare_pm4py.py failed (${r.code ?? r.signal}): ${r.stderr.trim().split("\n").slice(-3).join(" | ")}`, runs };
    }
    last = JSON.parse(fs.readFileSync(out, "utf8"));
    runs.push({ process: r.seconds, ...last.seconds });
  }
  const steps = Object.keys(last.seconds);
  return {
    ok: true,
    found: { events: last.events, cases: last.cases, edges: last.edges, variants: last.variants },
    runs,
    median: Object.fromEntries(["process", ...steps].map((k) => [k, median(runs.map((r) => r[k]))])),
  };
}

async function browserRuns(label, fn) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    log(`    ${label} run ${i + 1}/${RUNS}`);
    const r = await fn();
    runs.push(r);
    if (!r.ok) {
      log(`    ${label} failed: ${r.error}`);
      break; // do not repeat a failure (an out-of-memory run takes long and proves nothing new)
    }
  }
  const good = runs.filter((r) => r.ok);
  if (good.length === 0) return { ok: false, error: runs[0].error, runs };
  const steps = Object.keys(good[0].seconds);
  return {
    ok: good.length === runs.length,
    error: good.length === runs.length ? undefined : runs.find((r) => !r.ok).error,
    runs,
    median: Object.fromEntries(steps.map((k) => [k, median(good.map((r) => r.seconds[k]))])),
    memory: {
      renderer_bytes: median(good.map((r) => r.memory.renderer_bytes)),
      all_processes_bytes: median(good.map((r) => r.memory.all_processes_bytes)),
      baseline_renderer_bytes: median(good.map((r) => r.memory.baseline_renderer_bytes)),
      worker_thread_in_renderer: good.every((r) => r.memory.worker_thread_in_renderer),
      grown_renderer_has_worker: good.every((r) => r.memory.grown_renderer_has_worker),
    },
    found: good[0].events !== undefined ? { events: good[0].events, cases: good[0].cases, edges: good[0].edges, variants: good[0].variants } : undefined,
  };
}

// ---------------------------------------------------------------------------------- output

function printTable(entry, versions) {
  const rows = [];
  const { native, nativeEnd, pm4py, casemapBrowser, pm4js } = entry.results;
  const found = (f) => (f ? `${fmtInt(f.edges)} / ${fmtInt(f.variants)}` : "");
  const base = native && native.ok ? native.median.wall : null;
  if (native) {
    if (native.ok) {
      rows.push(["casemap native", `${native.command} (process wall)`, fmtS(native.median.wall), "1.00x", "", found(native.found)]);
      rows.push(["", `  of which the analysis (its JSON "seconds"; reading and import not included)`, fmtS(native.median.engine), "", "", ""]);
    } else rows.push(["casemap native", `FAILED: ${native.error}`, "", "", "", ""]);
  }
  if (nativeEnd) {
    if (nativeEnd.ok) {
      rows.push(["casemap native", `${nativeEnd.command.replace(' --timestamp end_time --start-time end_time', ' (end_time only)')}`, fmtS(nativeEnd.median.wall), base ? fmtRatio(nativeEnd.median.wall / base) : "", "", found(nativeEnd.found)]);
    } else rows.push(["casemap native", `--timestamp end_time FAILED: ${nativeEnd.error}`, "", "", "", ""]);
  }
  if (pm4py) {
    if (pm4py.ok) {
      const m = pm4py.median;
      rows.push([`PM4Py ${versions.pm4py}`, "read_csv .. get_all_case_durations (perf_counter in Python)", fmtS(m.total), base ? fmtRatio(m.total / base) : "", "", found(pm4py.found)]);
      rows.push(["", "  the whole Python process (start-up, import pm4py)", fmtS(m.process), base ? fmtRatio(m.process / base) : "", "", ""]);
      const steps = ["read_csv", "format_dataframe", "dfg", "performance_dfg", "variants", "case_durations"];
      rows.push(["", `  ${steps.map((s) => `${s} ${fmtS(m[s])}`).join(", ")}`, "", "", "", ""]);
    } else rows.push([`PM4Py ${versions.pm4py}`, `FAILED: ${pm4py.error}`, "", "", "", ""]);
  }
  const bbase = casemapBrowser && casemapBrowser.ok ? casemapBrowser.median.to_variants : null;
  if (casemapBrowser) {
    if (casemapBrowser.ok) {
      const m = casemapBrowser.median;
      rows.push(["casemap browser", "set file .. process map shown", fmtS(m.to_map), bbase ? fmtRatio(m.to_map / bbase) : "", fmtMiB(casemapBrowser.memory.renderer_bytes), ""]);
      rows.push(["casemap browser", "set file .. variants shown", fmtS(m.to_variants), "1.00x", "", ""]);
      rows.push(["", `  mapping step ${fmtS(m.mapping)}, import ${fmtS(m.import)}, map ${fmtS(m.map)}, variants tab ${fmtS(m.variants)}`, "", "", "", ""]);
    } else rows.push(["casemap browser", `FAILED: ${casemapBrowser.error}`, "", "", casemapBrowser.runs[0]?.memory ? fmtMiB(casemapBrowser.runs[0].memory.renderer_bytes) : "", ""]);
  }
  if (pm4js) {
    const name = `pm4js ${versions.pm4js}`;
    if (pm4js.ok) {
      const m = pm4js.median;
      rows.push([name, "set file .. read, import, sort, DFG, perf. DFG, variants, durations", fmtS(m.wall), bbase ? fmtRatio(m.wall / bbase) : "", fmtMiB(pm4js.memory.renderer_bytes), found(pm4js.found)]);
      rows.push(["", `  in page: ${["read", "import", "sort", "dfg", "perf_dfg", "variants", "durations"].map((s) => `${s} ${fmtS(m[s])}`).join(", ")}; sum ${fmtS(m.total)}`, "", "", "", ""]);
    } else {
      const failed = pm4js.runs.find((r) => !r.ok);
      const mem = failed && failed.memory ? fmtMiB(failed.memory.renderer_bytes) : "";
      rows.push([name, `FAILED: ${pm4js.error}`, "", "", mem ? `${mem} at failure` : "", ""]);
    }
  }
  const head = ["tool", "steps", "median", "ratio", "memory", "edges / variants"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.filter((r) => !(i === 1 && r[0] === "" && r[2] === "")).map((r) => String(r[i]).length)));
  const line = (r) =>
    r[0] === "" && r[2] === "" && r[3] === ""
      ? `  ${"".padEnd(widths[0])}  ${r[1]}`
      : `  ${r[0].padEnd(widths[0])}  ${r[1].padEnd(widths[1])}  ${r[2].padStart(widths[2])}  ${r[3].padStart(widths[3])}  ${r[4].padStart(widths[4])}  ${r[5]}`;
  console.log(`\n${entry.label}: ${entry.file_name}, ${fmtInt(entry.events)} events, ${fmtInt(entry.cases)} cases, ${(entry.bytes / 1e6).toFixed(1)} MB; columns ${entry.columns.case} / ${entry.columns.activity} / ${entry.columns.timestamp}`);
  console.log(line(head));
  console.log(`  ${widths.map((w) => "-".repeat(w)).join("  ")}`);
  for (const r of rows) console.log(line(r));
}

// ------------------------------------------------------------------------------------ main

// What was measured: the CLI binary and dist/ (names and modification times), to tell
// whether a build replaced them while the benchmark ran.
function buildStamp() {
  const stamp = (file) => {
    try {
      return `${path.basename(file)}@${fs.statSync(file).mtime.toISOString()}`;
    } catch {
      return `${path.basename(file)}@missing`;
    }
  };
  const dist = path.join(repo, "dist");
  const distFiles = fs.existsSync(dist) ? fs.readdirSync(dist).sort().map((f) => stamp(path.join(dist, f))) : [];
  return { cli: stamp(cli), dist: distFiles };
}

function resolveFiles(tmp) {
  return FILES.map((spec) => {
    if (spec === "bpic2012" || !spec.startsWith("generated")) {
      const file = path.join(dataDir, spec.endsWith(".csv") ? spec : `${spec}.csv`);
      if (!fs.existsSync(file)) die(`${file} not found (set CASEMAP_DATA?)`);
      return { label: spec.replace(/\.csv$/, ""), file, columns: XES, mapping: [] };
    }
    const cases = Number(spec.split(":")[1] || 115_000);
    const file = path.join(tmp, `generated-${cases}-seed42.csv`);
    log(`generating ${file}`);
    const r = spawnSync(cli, ["generate", "--cases", String(cases), "--seed", "42", "-o", file], { encoding: "utf8" });
    if (r.status !== 0) die(`casemap generate failed: ${r.stderr}`);
    return {
      label: "generated",
      file,
      columns: GENERATED,
      generated: `casemap generate --cases ${cases} --seed 42`,
      mapping: ["--timestamp", "end_time", "--start-time", "end_time"],
    };
  });
}

async function main() {
  if (!fs.existsSync(cli)) die(`${cli} not found: build the release CLI first (cargo build --release)`);
  const wantNative = !SKIP.has("native");
  const wantPm4py = !SKIP.has("pm4py");
  const wantBrowser = !SKIP.has("browser");
  if (wantPm4py && !fs.existsSync(python)) die(`${python} not found: run tests/reference/regenerate.sh first (it makes the pinned PM4Py venv)`);
  if (wantBrowser) {
    if (!fs.existsSync(path.join(repo, "dist/index.html"))) die("dist/index.html not found: build the web app first (scripts/build.sh)");
    if (!fs.existsSync(path.join(pm4jsDir, "dist/pm4js_latest.js"))) die("pm4js not installed: run `npm ci --prefix bench`");
    if (!fs.existsSync(playwrightDir)) die(`${playwrightDir} not found: run npm ci in tests/e2e`);
    if (!fs.existsSync(chromiumPath)) die(`${chromiumPath} not found (apt-get install chromium)`);
  }

  // Versions (this also warms up Python's imports and the browser's files).
  const versions = {
    casemap: spawnSync(cli, ["--version"], { encoding: "utf8" }).stdout.trim(),
    node: process.version,
    runs: RUNS,
    cpus: os.cpus().length,
    memory_gib: Math.round(os.totalmem() / 2 ** 30),
    load_average_at_start: os.loadavg().map((x) => Number(x.toFixed(2))),
  };
  if (wantPm4py) {
    const r = spawnSync(
      python,
      ["-c", "import sys; sys._pm4py_welcome_shown=True; import pm4py, pandas, numpy; print(pm4py.__version__, pandas.__version__, numpy.__version__, sys.version.split()[0])"],
      { encoding: "utf8" },
    );
    if (r.status !== 0) die(`the PM4Py venv does not work: ${r.stderr}`);
    [versions.pm4py, versions.pandas, versions.numpy, versions.python] = r.stdout.trim().split(" ");
  }
  let chromium = null;
  if (wantBrowser) {
    ({ chromium } = require(playwrightDir));
    versions.pm4js = JSON.parse(fs.readFileSync(path.join(pm4jsDir, "package.json"), "utf8")).version;
    versions.playwright_core = JSON.parse(fs.readFileSync(path.join(playwrightDir, "package.json"), "utf8")).version;
    const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
    versions.chromium = browser.version();
    await browser.close();
  }
  console.log(
    `casemap: ${versions.casemap}; PM4Py ${versions.pm4py ?? "-"} (pandas ${versions.pandas ?? "-"}, numpy ${versions.numpy ?? "-"}, Python ${versions.python ?? "-"}); ` +
      `pm4js ${versions.pm4js ?? "-"}; Chromium ${versions.chromium ?? "-"} (playwright-core ${versions.playwright_core ?? "-"}); ` +
      `Node ${versions.node}; ${versions.cpus} CPUs, ${versions.memory_gib} GiB, load average ${versions.load_average_at_start.join(" ")}; medians of ${RUNS} run(s)`,
  );

  if (versions.load_average_at_start[0] > 0.8) {
    console.log(`warning: the machine is busy (load average ${versions.load_average_at_start[0]} on ${versions.cpus} CPUs); timings may be inflated`);
  }
  const stampBefore = buildStamp();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "casemap-compare-"));
  const results = { versions, started: new Date().toISOString(), files: [] };
  try {
    const files = resolveFiles(tmp);
    let appServer = null;
    let benchServer = null;
    if (wantBrowser) {
      appServer = await serve(path.join(repo, "dist"));
      benchServer = await serve(__dirname);
    }
    for (const f of files) {
      log(`\n${f.label}: ${f.file}`);
      const entry = { label: f.label, file: f.generated || f.file, file_name: path.basename(f.file), bytes: fs.statSync(f.file).size, columns: f.columns, results: {} };
      if (wantNative) {
        log("  casemap analyze");
        entry.results.native = await nativeRuns(f.file, [], tmp);
        if (f.mapping.length) entry.results.nativeEnd = await nativeRuns(f.file, f.mapping, tmp);
      }
      if (wantPm4py) {
        log("  PM4Py");
        entry.results.pm4py = await pm4pyRuns(f.file, f.columns, tmp);
      }
      if (wantBrowser) {
        log("  casemap in Chromium");
        entry.results.casemapBrowser = await browserRuns("casemap page", () => casemapBrowserRun(chromium, appServer, f.file));
        log("  pm4js in Chromium");
        entry.results.pm4js = await browserRuns("pm4js page", () => pm4jsRun(chromium, benchServer, f.file, f.columns));
      }
      const counted = entry.results.native?.found || entry.results.pm4py?.found || entry.results.pm4js?.found || {};
      entry.events = counted.events;
      entry.cases = counted.cases;
      results.files.push(entry);
      printTable(entry, versions);
    }
  } finally {
    stopServers();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  results.finished = new Date().toISOString();
  results.load_average_at_end = os.loadavg().map((x) => Number(x.toFixed(2)));
  results.build = stampBefore;
  const stampAfter = buildStamp();
  results.build_changed_during_run = JSON.stringify(stampAfter) !== JSON.stringify(stampBefore);
  if (results.build_changed_during_run) {
    console.log("warning: target/release/casemap or dist/ was rebuilt while the benchmark ran: its figures mix builds; run it again");
  }
  const casemapWorker = results.files.map((f) => f.results.casemapBrowser?.memory?.grown_renderer_has_worker).filter((x) => x !== undefined);
  console.log(
    `\nratio: PM4Py / casemap native (process wall); pm4js / casemap in the browser (set file .. variants shown). ` +
      `memory: peak RSS of the renderer process(es) minus the idle baseline just before the file is set (median of the runs). ` +
      `edges / variants: what each tool found.` +
      (casemapWorker.length ? ` casemap's engine worker (a "DedicatedWorker" thread) was in the renderer process that grew: ${casemapWorker.every(Boolean) ? "yes" : "NO"}.` : ""),
  );
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`results: ${path.relative(process.cwd(), outFile) || outFile}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
