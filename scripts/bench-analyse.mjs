#!/usr/bin/env node
// The consultation analysis's speed (README "Speed", docs/analysis.md): the officers'
// analysis page in Debian's headless Chromium, beside the command line, on the same files.
// Figures to read, not a test. Run by hand, after building both:
//
//   cargo build --release && scripts/build-web.sh && node scripts/bench-analyse.mjs
//
//   native      `target/release/mtfs analyse FILE --format json`, wall clock (process
//               start to exit), median of RUNS
//   page        a fresh page each run, a second after it loads (as a person would take to
//               choose a file): file chosen → every result drawn, with Analyse pressed as
//               soon as the page has read the file's header (the page's own marks); Analyse
//               pressed → every result drawn ("mtfs:analyse"); of which in the worker (read,
//               re-run, finish); the longest main-thread task by the clock (Long Tasks
//               API); median of RUNS
//
// Files: tests/fixtures/responses-5000.csv (5,001 rows) and 100,000 rows made from it.
// Options: RUNS=5 (the 100,000 rows: RUNS_LARGE=3).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { launch, openPage, serve } from "../tests/browser/helpers.mjs";

const RUNS = Number(process.env.RUNS ?? 5);
const RUNS_LARGE = Number(process.env.RUNS_LARGE ?? 3);
const root = (path) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const MTFS = root("target/release/mtfs");
const SMALL = root("tests/fixtures/responses-5000.csv");

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const ms = (v) => `${Math.round(v).toLocaleString("en-GB")} ms`;

function hundredThousand() {
  const text = readFileSync(SMALL, "utf8");
  const cut = text.indexOf("\n") + 1;
  const rows = text.slice(cut).split(/(?<=\n)(?=R\d{5};)/);
  const all = [];
  while (all.length < 100_000) all.push(...rows);
  const path = join(mkdtempSync(join(tmpdir(), "mtfs-bench-")), "responses-100000.csv");
  writeFileSync(path, text.slice(0, cut) + all.slice(0, 100_000).join(""));
  return path;
}

function native(file, runs) {
  const times = [];
  for (let i = 0; i < runs; i += 1) {
    const start = process.hrtime.bigint();
    const out = spawnSync(MTFS, ["analyse", file, "--format", "json"], { maxBuffer: 1 << 28 });
    if (out.status !== 0) throw new Error(`mtfs analyse failed: ${out.stderr}`);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

async function inPage(browser, url, file) {
  const visit = await openPage(browser, `${url}analyse.html`, { viewport: { width: 1280, height: 900 } });
  const { page } = visit;
  await page.addInitScript(() => {
    globalThis.__longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => globalThis.__longTasks.push(e.duration))).observe({ type: "longtask" });
  });
  await visit.visit();
  await page.waitForTimeout(1000);
  await page.locator("#responses-file").setInputFiles(file);
  await page.waitForFunction(() => globalThis.mtfsAnalyse.state().file?.peeking === false);
  await page.evaluate(() => (globalThis.__longTasks.length = 0));
  await page.locator("#analyse-button").click();
  await page.waitForFunction(() => globalThis.mtfsAnalyse.state().run.phase === "done", null, { timeout: 300_000, polling: 100 });
  await page.evaluate(() => globalThis.mtfsAnalyse.settled());
  const result = await page.evaluate(() => ({
    chosen: performance.getEntriesByName("mtfs:analyse-shown").at(-1).startTime - performance.getEntriesByName("mtfs:analyse-file-chosen").at(-1).startTime,
    shown: performance.getEntriesByName("mtfs:analyse").at(-1).duration,
    worker: globalThis.mtfsAnalyse.state().result.ms,
    longest: Math.max(0, ...globalThis.__longTasks),
  }));
  await visit.context.close();
  return result;
}

async function page(browser, url, file, runs) {
  const all = [];
  for (let i = 0; i < runs; i += 1) all.push(await inPage(browser, url, file));
  return { chosen: median(all.map((r) => r.chosen)), shown: median(all.map((r) => r.shown)), worker: median(all.map((r) => r.worker)), longest: Math.max(...all.map((r) => r.longest)), all };
}

if (!existsSync(MTFS)) {
  console.error(`${MTFS} is missing: run cargo build --release first (and scripts/build-web.sh for the page).`);
  process.exit(1);
}
const large = hundredThousand();
const server = await serve();
const browser = await launch();
try {
  const load = loadavg()[0].toFixed(1);
  const rows = [];
  for (const [name, file, runs] of [["5,000 responses (5,001 rows)", SMALL, RUNS], ["100,000 rows", large, RUNS_LARGE]]) {
    const n = native(file, runs);
    const p = await page(browser, server.url, file, runs);
    rows.push([name, ms(n), ms(p.chosen), ms(p.shown), ms(p.worker), p.longest ? ms(p.longest) : "none over 50 ms"]);
    console.log(`${name}: page runs ${p.all.map((r) => Math.round(r.shown)).join(", ")} ms`);
  }
  const head = ["file", "native (mtfs analyse)", "page: file chosen → results shown", "Analyse pressed → results shown", "of which in the worker", "longest main-thread task (Long Tasks API)"];
  console.log(`Measured ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores (${cpus()[0].model}), load average ${load} at the start; medians.`);
  console.log(`| ${head.join(" | ")} |\n|${head.map((_, i) => (i ? "---:" : "---")).join("|")}|`);
  for (const r of rows) console.log(`| ${r.join(" | ")} |`);
} finally {
  await browser.close();
  server.close();
}
