// "How likely is the plan to hold?": the risk section loads only when a person scrolls to
// it; its Monte Carlo runs in a worker, with the engine's own figures for the same seed
// (the fixture, or the command line for other choices); it restarts when a choice moves
// and the page keeps drawing meanwhile; goal-seek suggestions apply with one click and
// meet their goal; the extra-savings choice they set survives a link; the waterfall adds
// up to the gap; and axe finds nothing.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { axe, calculatorShown, load, openPage, settled, sidewaysOverflow, useBrowser } from "./helpers.mjs";
import { millions } from "../../www/core/format.js";

const env = useBrowser();
const FIXTURE = JSON.parse(readFileSync(new URL("../fixtures/risk-seed-42.json", import.meta.url), "utf8"));
/** The command line, built by `cargo test` (CI runs it before these tests). */
const MTFS = fileURLToPath(new URL("../../target/debug/mtfs", import.meta.url));

/**
 * Scrolls to the risk section and waits until it shows the answer for the latest choices
 * (out of sight, it waits to be seen before working anything out).
 */
async function showRisk(page) {
  await page.locator("#risk").scrollIntoViewIfNeeded();
  await page.waitForFunction(() => globalThis.mtfsInsight);
  await insightSettled(page);
}
async function insightSettled(page) {
  await settled(page);
  await page.locator("#risk-heading").scrollIntoViewIfNeeded();
  await page.evaluate(() => globalThis.mtfsInsight.settled());
}

/** The risk table's rows, by label: { label: [cells] }. */
async function riskRows(page) {
  const rows = await page.locator("#risk-table tbody tr").evaluateAll((trs) =>
    trs.map((tr) => [tr.querySelector("th").innerText, [...tr.querySelectorAll("td")].map((td) => td.innerText)]),
  );
  return Object.fromEntries(rows);
}

/** What the risk table should say for an engine result. */
function expectedRows(sim) {
  const ys = sim.years;
  return {
    "1 in 20 futures are lower than": ys.map((y) => millions(y.total_reserves.p5)),
    "1 in 4 futures are lower than": ys.map((y) => millions(y.total_reserves.p25)),
    "The middle future": ys.map((y) => millions(y.total_reserves.p50)),
    "1 in 4 futures are higher than": ys.map((y) => millions(y.total_reserves.p75)),
    "1 in 20 futures are higher than": ys.map((y) => millions(y.total_reserves.p95)),
    "Your choices, every saving delivered as planned": ys.map((y) => millions(y.scenario.total_reserves)),
    "Safe minimum": ys.map((y) => millions(y.scenario.reserves_minimum)),
    "Chance reserves are below the minimum by this year": ys.map((y) => `${y.below_minimum_by.pct}%`),
    "Chance the money set aside to bridge gaps has run out by this year": ys.map((y) => `${y.unbalanced_by.pct}%`),
  };
}

/** What the risk table should say for the page's current scenario, from the command line. */
async function engineRows(page) {
  // CI builds it with `cargo test` first; say so rather than pass silently.
  if (!existsSync(MTFS)) assert.fail(`${MTFS} is missing: run cargo test (or cargo build) first`);
  const scenario = await page.evaluate(() => globalThis.mtfsPage.store.get().scenario);
  const dir = mkdtempSync(join(tmpdir(), "mtfs-insight-"));
  writeFileSync(join(dir, "scenario.json"), JSON.stringify(scenario));
  const args = ["risk", "--paths", "10000", "--seed", "42", "--scenario", join(dir, "scenario.json"), "--format", "json"];
  return expectedRows(JSON.parse(execFileSync(MTFS, args, { encoding: "utf8" })));
}

/**
 * The sentences `mtfs risk` prints under its table for the council's plan (seed 42): the
 * chances, the runway and what a council does when the bridging money runs out.
 */
function cliRiskWords() {
  if (!existsSync(MTFS)) assert.fail(`${MTFS} is missing: run cargo test (or cargo build) first`);
  const out = execFileSync(MTFS, ["risk", "--paths", "10000", "--seed", "42"], { encoding: "utf8" }).trimEnd().split("\n");
  const [belowMinimum, runsOut, runway, whatThen] = out.slice(-4);
  return { belowMinimum, runsOut, runway, whatThen };
}

/** The page's projection, through the page's store as the views read it. */
const projection = (page) => page.evaluate(() => globalThis.mtfsPage.store.get().projection);
const safeEveryYear = (p) => p.years.every((y) => !y.below_minimum && /^0(\.0+)?$/.test(y.unfunded));

describe("risk, goal seek and what drives the gap", { timeout: 180_000 }, () => {
  test("the section loads only when scrolled to, not on a first visit", async () => {
    const visit = await load(env, { viewport: { width: 1280, height: 900 } });
    const { page, trouble } = visit;
    await settled(page);
    await page.waitForTimeout(500);
    const insight = () => trouble.requests.filter((url) => /insight|mtfs_insight/.test(url)).map((url) => new URL(url).pathname);
    assert.deepEqual(insight(), []);
    await showRisk(page);
    // The view (bundled: its modules in views/insight/index.js, what it shares with other
    // views in chunks/), its stylesheet, its worker and the worker's engine.
    assert.deepEqual(insight().sort(), ["/pkg/mtfs_insight.js", "/pkg/mtfs_insight_bg.wasm", "/views/insight/index.js", "/views/insight/insight.css", "/views/insight/worker.js"]);
    assert.deepEqual(trouble.consoleErrors, []);
    assert.deepEqual(trouble.pageErrors, []);
    assert.deepEqual(await page.evaluate(() => globalThis.__cspViolations), []);
    await visit.context.close();
  });

  test("the embedded calculator never loads it", async () => {
    const visit = await openPage(env.browser, `${env.server.url}?embed=1`);
    await visit.visit();
    await visit.page.waitForTimeout(1000);
    await visit.page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await visit.page.waitForTimeout(500);
    assert.deepEqual(visit.trouble.requests.filter((url) => /insight/.test(url)), []);
    await visit.context.close();
  });

  describe("with the section loaded", () => {
    let visit;
    let page;
    before(async () => {
      visit = await load(env, { viewport: { width: 1280, height: 900 } });
      page = visit.page;
      await showRisk(page);
    });
    after(async () => {
      assert.deepEqual(visit.trouble.pageErrors, []);
      assert.deepEqual(visit.trouble.consoleErrors, []);
      assert.deepEqual(visit.trouble.foreignRequests, []);
      await visit.context.close();
    });
    const reset = async () => {
      await page.locator("#reset").click();
      await insightSettled(page);
    };

    test("the worker gives the engine's figures for seed 42: the sentence and the table", async () => {
      assert.equal(FIXTURE.paths, 10000);
      assert.equal(FIXTURE.seed, 42);
      assert.deepEqual(await riskRows(page), expectedRows(FIXTURE));
      // The counts come from the engine (the fixture, which tests/risk_hampshire.rs checks
      // against the engine and this checks against the command line), never a literal.
      assert.deepEqual(FIXTURE, JSON.parse(execFileSync(MTFS, ["risk", "--format", "json"], { encoding: "utf8" })));
      const last = FIXTURE.years[FIXTURE.years.length - 1];
      // The words are the engine's: the same sentences as `mtfs risk` prints under its table.
      const words = cliRiskWords();
      assert.equal(await page.locator("#risk-sentence").innerText(), `${words.belowMinimum} ${words.runsOut}`);
      assert.match(words.runsOut, /the money the council has set aside to bridge budget gaps runs out by 2023\/24\.$/);
      assert.equal(await page.locator("#runway-words").innerText(), words.runway);
      assert.equal(await page.locator("#runway-what-then").innerText(), words.whatThen);
      assert.match(words.whatThen, /section 114 notice/);
      // The runway's table: the share of futures in which the money first runs out each year, and by then.
      const runway = await page.locator("#runway-table tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.innerText)));
      assert.deepEqual(runway, [
        ...FIXTURE.years.map((y, t) => [`${y.year} (year ${t + 1})`, `${FIXTURE.runway.runs_out[t].pct}%`, `${y.unbalanced_by.pct}%`]),
        [`Lasts beyond ${last.year}`, `${FIXTURE.runway.lasts.pct}%`, "–"],
      ]);
      assert.match(await page.locator("#risk-method").innerText(), /10,000 simulated futures.*same seed \(42\).*same figures/);
      // What drives it: each programme's rating, from the data's risk section.
      const note = await page.locator("#risk-note").innerText();
      // Hampshire's line-by-line ratings are the file's assumptions (a pro-rata split of the
      // papers' programme totals), so the note says so (issue 14).
      assert.match(note, /Transformation to 2019: the savings still to come are taken as amber and red; the data file marks these ratings as assumptions/);
      assert.match(note, /Transformation to 2023: no rating is published, so its savings are taken as red/);
      assert.match(note, /red, 75% delivered and a 35% chance of running late/);
      // The bridging money runs out in more futures than reserves fall below the minimum: the note says why.
      assert.match(note, /the rest of the reserves is set aside for other purposes/);
      // The chart is an image with a description, and the table stands behind it.
      assert.ok(
        (await page.locator("#fan-title").textContent()).includes(`Middle future: 2020/21 £${millions(FIXTURE.years[0].total_reserves.p50)}m`),
        "the fan's title gives the engine's middle future",
      );
      assert.equal(await page.locator("#risk-part").getAttribute("aria-busy"), "false");
    });

    test("moving a choice starts it again, and the figures are the engine's for the new choices", async () => {
      const before = await riskRows(page);
      const runs = await page.evaluate(() => globalThis.mtfsInsight.runs.length);
      await page.locator("#delivery-tt2021-input").fill("60");
      await page.locator("#risk-heading").scrollIntoViewIfNeeded();
      await page.locator("#risk-status", { hasText: "Working out" }).waitFor();
      assert.equal(await page.locator("#risk-part").getAttribute("aria-busy"), "true");
      await insightSettled(page);
      const after = await riskRows(page);
      assert.notDeepEqual(after, before);
      assert.equal(await page.evaluate(() => globalThis.mtfsInsight.runs.length), runs + 1);
      // "Working out…" is gone; the new chance is announced to screen readers only.
      assert.match(await page.locator("#risk-status").textContent(), /^Worked out: In .+ simulated futures .+ by 2023\/24\.$/);
      assert.equal(await page.locator("#risk-status .visually-hidden").count(), 1);
      assert.deepEqual(after, await engineRows(page));
      await reset();
      assert.deepEqual(await riskRows(page), expectedRows(FIXTURE));
    });

    test("the page keeps drawing while the worker works, and only the latest choices are shown", async () => {
      const before = (await page.evaluate(() => globalThis.mtfsInsight.runs)).length;
      // Quick changes: one job for them all.
      for (const value of ["90", "80", "70"]) {
        await page.locator("#delivery-tt2019-input").fill(value);
        await page.waitForTimeout(30);
      }
      await insightSettled(page);
      let runs = await page.evaluate(() => globalThis.mtfsInsight.runs);
      assert.equal(runs.length, before + 1);
      // A change while the worker is busy: the older answer is never shown.
      await page.locator("#delivery-tt2019-input").fill("40");
      await page.locator("#risk-heading").scrollIntoViewIfNeeded();
      await page.waitForTimeout(320); // the job has gone to the worker
      await page.locator("#delivery-tt2019-input").fill("30");
      await insightSettled(page);
      assert.deepEqual(await riskRows(page), await engineRows(page));
      runs = await page.evaluate(() => globalThis.mtfsInsight.runs);
      const run = runs[runs.length - 1];
      console.log(`worker run: ${run.workerMs.toFixed(0)} ms in the worker, shown ${run.shownMs.toFixed(0)} ms after asking; ${run.frames} frames meanwhile, longest gap ${run.longestFrameGapMs.toFixed(0)} ms`);
      // Had the simulation run on the page's thread, no frame could be drawn while it ran:
      // the longest gap between frames would be at least the simulation's time.
      assert.ok(run.frames >= 2, `${run.frames} frames drawn while the worker ran`);
      assert.ok(run.longestFrameGapMs < run.workerMs, `longest gap between frames ${run.longestFrameGapMs} ms, simulation ${run.workerMs} ms`);
      // The page itself never fetches the insight engine's wasm: only the worker does.
      const own = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname));
      assert.ok(own.includes("/views/insight/index.js") && !own.includes("/pkg/mtfs_insight_bg.wasm"), own.join(" "));
      const scenario = await page.evaluate(() => globalThis.mtfsPage.store.get().scenario);
      assert.equal(scenario.delivery_pct.tt2019, "30");
      await reset();
    });

    test("out of sight, nothing is worked out until the section is seen again", async () => {
      const runs = () => page.evaluate(() => globalThis.mtfsInsight.runs.length);
      // Let any run for the last test's choices finish first (the page settles on a timer).
      await page.waitForTimeout(400);
      await insightSettled(page);
      const before = await runs();
      try {
        await page.evaluate(() => window.scrollTo(0, 0));
        // The section learns it is out of sight from an IntersectionObserver, a frame later.
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        await page.waitForTimeout(100);
        await page.locator("#core-2020-21-input").fill("1.5");
        await page.waitForTimeout(800);
        assert.equal(await runs(), before, "no simulation while the section is out of sight");
        assert.equal(await page.locator("#risk-status").textContent(), "", "nothing is announced meanwhile");
        await insightSettled(page);
        assert.equal(await runs(), before + 1, "one simulation once it is seen again");
        // Then the new chance is announced (to screen readers; hidden on screen).
        assert.match(await page.locator("#risk-status .visually-hidden").textContent(), /^Worked out: In .+ simulated futures/);
      } finally {
        await reset();
      }
    });

    test("already safe: it says so, and offers no extra savings", async () => {
      assert.match(await page.locator("#goal-verdict").innerText(), /already keep every year's budget balanced/);
      assert.equal(await page.locator("#goal-savings").count(), 0);
    });

    test("the council tax suggestion sets the core rises in one click, and then every year is safe", async () => {
      await page.locator("#delivery-tt2021-input").fill("0");
      await insightSettled(page);
      assert.ok(!safeEveryYear(await projection(page)));
      assert.match(await page.locator("#goal-verdict").innerText(), /2022\/23 is the first year/);
      const text = await page.locator("#goal-tax-text").innerText();
      assert.match(text, /2\.24 percentage points beyond the limit/);
      await page.locator("#goal-tax-use").click();
      await insightSettled(page);
      const cores = await page.locator("[id^=core-][id$=-input]").evaluateAll((list) => list.map((i) => i.value));
      assert.deepEqual(cores, ["4.23", "4.23", "4.23", "4.23"]);
      assert.equal(await page.locator("#delivery-tt2021-input").inputValue(), "0", "other choices are kept");
      assert.ok(safeEveryYear(await projection(page)), "reserves never below the minimum, nothing unfunded");
      assert.match(await page.locator("#goal-verdict").innerText(), /already keep/);
      assert.match(page.url(), /c2020_4\.23/);
      assert.match(await page.locator("#goal-applied").innerText(), /suggested council tax rise/);
      // Undo puts the choices back.
      await page.locator("#goal-undo").click();
      await insightSettled(page);
      assert.equal(await page.locator("#core-2020-21-input").inputValue(), "1.995");
      assert.equal(await page.locator("#delivery-tt2021-input").inputValue(), "0");
      assert.ok(!safeEveryYear(await projection(page)));
    });

    test("a savings suggestion sets the extra savings choice, the budget balances, and a link keeps it", async () => {
      await page.locator("#goal-saving-0-use").click();
      await insightSettled(page);
      const extra = await page.locator("[id^=extra-][id$=-input]").evaluateAll((list) => list.map((i) => i.value));
      // The engine's answer for the same choices (Tt2021 delivering nothing), from the CLI.
      const dir = mkdtempSync(join(tmpdir(), "mtfs-goal-"));
      writeFileSync(join(dir, "scenario.json"), JSON.stringify({ delivery_pct: { tt2021: "0" } }));
      const goal = JSON.parse(execFileSync(MTFS, ["goal", "--scenario", join(dir, "scenario.json"), "--format", "json"], { encoding: "utf8" }));
      const [pounds] = goal.savings[0].amount.split(".");
      const m = `${pounds.slice(0, -6)}.${pounds.slice(-6)}`.replace(/0+$/, "").replace(/\.$/, "");
      assert.deepEqual(extra, [m, m, m, m]);
      const p = await projection(page);
      assert.ok(safeEveryYear(p), "every year balances, reserves at or above the minimum");
      assert.match(await page.locator("#goal-verdict").innerText(), /already keep/);
      await page.waitForTimeout(400); // the address is written at most every 150 ms
      const url = page.url();
      assert.ok(new URL(url).hash.includes(`x2020_${m}~x2021_${m}~x2022_${m}~x2023_${m}`), url);
      const fresh = await openPage(env.browser, url);
      await fresh.visit();
      await calculatorShown(fresh.page);
      await settled(fresh.page);
      assert.deepEqual(await fresh.page.locator("[id^=extra-][id$=-input]").evaluateAll((list) => list.map((i) => i.value)), extra);
      assert.deepEqual(await projection(fresh.page), p);
      assert.deepEqual(fresh.trouble.consoleErrors, []);
      await fresh.context.close();
      await reset();
    });

    test("each year's waterfall adds up to its gap, and then to what is unfunded", async () => {
      await page.locator("#delivery-tt2023-input").fill("0");
      await insightSettled(page);
      const pence = (text) => {
        const [whole, part = ""] = text.replace("-", "").split(".");
        return (text.startsWith("-") ? -1n : 1n) * BigInt(`${whole}${part.padEnd(2, "0")}`);
      };
      const years = await page.locator("#waterfall-year option").allInnerTexts();
      assert.deepEqual(years, ["2020/21", "2021/22", "2022/23", "2023/24"]);
      let someUnfunded = false;
      for (const year of years) {
        await page.locator("#waterfall-year").selectOption(year);
        assert.match(await page.locator("#waterfall-table caption").innerText(), new RegExp(year.replace("/", "\\/")));
        const rows = await page.locator("#waterfall-table tbody tr").evaluateAll((trs) =>
          trs.map((tr) => [tr.querySelector("th").innerText, tr.querySelector("td").dataset.pounds, tr.classList.contains("total")]),
        );
        const totals = rows.map((r, i) => [r, i]).filter(([r]) => r[2]);
        assert.equal(totals.length, 3);
        const [[, start], [gapRow, g], [unfundedRow, u]] = totals.map(([r, i]) => [r, i]);
        const sum = (from, to) => rows.slice(from, to).reduce((s, r) => s + pence(r[1]), 0n);
        assert.equal(pence(rows[start][1]) + sum(start + 1, g), pence(gapRow[1]), `${year}: last year's gap and the bars make the gap`);
        assert.equal(pence(gapRow[1]) + sum(g + 1, u), pence(unfundedRow[1]), `${year}: the gap and the bars make what is unfunded`);
        assert.equal(gapRow[0], `The gap in ${year}`);
        const shown = await projection(page);
        const y = shown.years.find((x) => x.year === year);
        assert.equal(gapRow[1], y.gap);
        assert.equal(unfundedRow[1], y.unfunded);
        if (pence(y.unfunded) > 0n) someUnfunded = true;
      }
      assert.ok(someUnfunded, "the choices leave something unfunded, so the second half is tested too");
      // The sensitivity table, largest swing first: in reserves or in what is left
      // unfunded, whichever is larger (issue 14: once reserves are gone only the second moves).
      const inReserves = await page.locator("#sensitivity-table tbody tr td:nth-child(5)").allInnerTexts();
      const inUnfunded = await page.locator("#sensitivity-table tbody tr td:nth-child(8)").allInnerTexts();
      assert.ok(inReserves.length >= 5);
      const swings = inReserves.map((r, i) => Math.max(Number(r), Number(inUnfunded[i])));
      assert.deepEqual([...swings].sort((a, b) => b - a), swings);
      await reset();
    });

    test("another council's data without a risk section: it says so, and the rest still answers", async () => {
      const tiny = readFileSync(new URL("../fixtures/tiny.json", import.meta.url));
      await page.locator("#data-file").setInputFiles({ name: "tiny.json", mimeType: "application/json", buffer: tiny });
      await page.locator("#use-default:not([hidden])").waitFor();
      await insightSettled(page);
      assert.match(await page.locator("#risk-error").innerText(), /could not work these figures out: .*no risk section/);
      assert.match(await page.locator("#goal-verdict").innerText(), /./);
      assert.deepEqual(await page.locator("#waterfall-year option").allInnerTexts(), ["2020/21", "2021/22"]);
      assert.equal(await page.locator("#extra-2020-21-input").count(), 1);
      await page.locator("#use-default").click();
      await insightSettled(page);
      assert.deepEqual(await riskRows(page), expectedRows(FIXTURE));
      assert.deepEqual(await page.locator("#waterfall-year option").allInnerTexts(), ["2020/21", "2021/22", "2022/23", "2023/24"]);
    });

    test("axe finds nothing with the section loaded, nor in a suggestion's notice", async () => {
      assert.deepEqual(await axe(page), []);
      await page.locator("#delivery-tt2021-input").fill("0");
      await insightSettled(page);
      await page.locator("#goal-saving-1-use").click();
      await insightSettled(page);
      assert.deepEqual(await axe(page), []);
      await reset();
    });
  });

  test("at 320 pixels wide nothing is wider than the screen", async () => {
    const visit = await load(env, { viewport: { width: 320, height: 640 } });
    await showRisk(visit.page);
    const overflow = await sidewaysOverflow(visit.page);
    assert.equal(overflow, 0);
    assert.deepEqual(await axe(visit.page), []);
    await visit.context.close();
  });

  test("a worker that cannot start leaves a plain message, and the rest of the page works", async () => {
    const visit = await load(env, {}, (page) => page.route("**/views/insight/worker.js", (route) => route.abort()));
    const { page } = visit;
    await page.locator("#risk").scrollIntoViewIfNeeded();
    const message = page.locator("#risk-error");
    await message.waitFor();
    assert.match(await message.innerText(), /could not be worked out.*The rest of the page still works/);
    assert.deepEqual(visit.trouble.pageErrors, []);
    await page.locator("#core-2020-21-input").fill("2.5");
    await settled(page);
    assert.match(await page.locator("#figures").innerText(), /./);
    await visit.context.close();
  });
});
