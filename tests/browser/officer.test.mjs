// Officer mode (?view=officer) and the briefing (?view=briefing): the full table shows the
// same figures as the command-line calculator (`mtfs`, src/bin/mtfs.rs) for the plan and for
// a changed scenario; the CSV download is the CLI's CSV and has the table's figures; the JSON
// download is the engine's result; the comparison shows A, B and exact differences; the
// assumptions list their sources; both views pass axe (WCAG 2.2 AA), on screen and in print.
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { axe, load, openPage, settled, sidewaysOverflow, useBrowser } from "./helpers.mjs";

const env = useBrowser();
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/**
 * The native CLI: $MTFS_BIN, or target/debug/mtfs (CI runs `cargo test` first, which builds
 * it), built here with `cargo build --bin mtfs` when neither is there.
 */
function cliPath() {
  if (process.env.MTFS_BIN) return process.env.MTFS_BIN;
  const built = join(ROOT, "target", "debug", "mtfs");
  if (!existsSync(built)) execFileSync("cargo", ["build", "--quiet", "--bin", "mtfs"], { cwd: ROOT, stdio: "inherit" });
  return built;
}
let cli;
const mtfs = (...args) => execFileSync(cli, args, { encoding: "utf8" });

/** A scenario (the page's JSON download's `scenario`) as a file for `mtfs --scenario`. */
function scenarioFile(scenario) {
  const path = join(mkdtempSync(join(tmpdir(), "mtfs-officer-")), "scenario.json");
  writeFileSync(path, JSON.stringify(scenario));
  return path;
}

/**
 * The CLI's table (`mtfs`) as [label, cells] per line with figures: fixed columns of 13
 * characters per year after the label column; a label too long for its column is on a line
 * of its own, its figures on the next.
 */
function cliTable(text) {
  const lines = text.split("\n");
  const header = lines.findIndex((l) => /^\s+\d{4}\/\d{2}/.test(l));
  const years = lines[header].trim().split(/\s+/);
  const width = lines[header].length - years.length * 13;
  const rows = [];
  const body = lines.slice(header + 1);
  const end = body.findIndex((l) => l.trim() === "");
  const blank = " ".repeat(width);
  for (let i = 0; i < end; i += 1) {
    let label = body[i];
    if (body[i + 1]?.startsWith(blank) && i + 1 < end) i += 1; // a long label, its figures below
    else if (label.length <= width) continue; // a heading
    const line = body[i];
    const cells = [];
    for (let at = width; at < line.length; at += 13) cells.push(line.slice(at, at + 13).trim());
    rows.push([(label === line ? label.slice(0, width) : label).trim(), cells]);
  }
  return { years, rows };
}

/** The CLI's CSV as [label, cells] (no quoted commas except in labels). */
function csvRows(text) {
  const rows = [];
  for (const line of text.trim().split("\n")) {
    const cells = [];
    let rest = line;
    while (rest.length > 0) {
      if (rest.startsWith('"')) {
        const end = rest.indexOf('",', 1) === -1 ? rest.length - 1 : rest.indexOf('",', 1);
        cells.push(rest.slice(1, end).replaceAll('""', '"'));
        rest = rest.slice(end + 2);
      } else {
        const comma = rest.indexOf(",");
        cells.push(comma === -1 ? rest : rest.slice(0, comma));
        rest = comma === -1 ? "" : rest.slice(comma + 1);
      }
    }
    rows.push([cells[0], cells.slice(1)]);
  }
  return rows;
}

/** Pounds to the penny → £'000 as a council report writes it, worked out independently here. */
function inThousands(pounds) {
  const negative = pounds.startsWith("-");
  const [whole, pence = "00"] = pounds.replace(/^-/, "").split(".");
  const total = BigInt(whole + pence.padEnd(2, "0")); // in pence
  const k = (total + 50000n) / 100000n; // half away from zero, on the size
  if (k === 0n) return "-";
  const text = k.toLocaleString("en-GB");
  return negative ? `(${text})` : text;
}

/** A page table's rows with figures: [label, cells]. */
function tableRows(page, selector) {
  return page.locator(`${selector} tbody tr`).evaluateAll((trs) =>
    trs
      .filter((tr) => tr.querySelector("td"))
      .map((tr) => [tr.querySelector("th").textContent.trim(), [...tr.querySelectorAll("td")].map((td) => td.textContent.trim())]),
  );
}

/** The comparison table: { line: { A, B, "Difference, B − A" } }. */
function comparison(page) {
  return page.locator("#officer-compare-table tbody").evaluateAll((bodies) =>
    Object.fromEntries(
      bodies.map((body) => [
        body.querySelector("th[scope=rowgroup]").textContent.trim(),
        Object.fromEntries(
          [...body.querySelectorAll("tr")]
            .filter((tr) => tr.querySelector("td"))
            .map((tr) => [tr.querySelector("th").textContent.trim(), [...tr.querySelectorAll("td")].map((td) => td.textContent.trim())]),
        ),
      ]),
    ),
  );
}

/** Opens a view and waits for its full table and its list of sources. */
async function openView(query, options = {}) {
  const visit = await openPage(env.browser, `${env.server.url}${query}`, options);
  await visit.page.addInitScript(() => {
    globalThis.__printed = 0;
    globalThis.print = () => (globalThis.__printed += 1);
  });
  await visit.visit();
  await visit.page.locator("#officer-mtfs, #briefing-mtfs").first().waitFor();
  await visit.page.locator(".officer-sources").first().waitFor();
  await settled(visit.page);
  // The page's state (its store), for waiting until the results settle after a change.
  await visit.page.evaluate(() => {
    globalThis.__session = { now: () => globalThis.mtfsPage.store.get() };
  });
  return visit;
}

/** Clicks a download button; resolves to { name, text }. */
async function downloaded(page, name) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name }).click()]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), "utf8") };
}

/** Changes several choices as a person would, typing into the boxes. */
async function changeChoices(page) {
  for (const [id, value] of [
    ["core-2021-22-input", "4.99"],
    ["delivery-tt2021-input", "70"],
    ["delay-tt2023-input", "2"],
    ["funding-input", "-10"],
    ["growth-social-care-input", "120"],
  ]) {
    await page.locator(`#${id}`).fill(value);
    await page.locator(`#${id}`).press("Tab");
  }
  await page.waitForFunction(() => {
    const s = globalThis.__session.now();
    return s.settled && s.fragment.includes("gsocial-care_120") && s.fragment.includes("f_-10");
  });
  await settled(page);
}

/** The engine's result in the page for its current choices, and the scenario. */
const engineNow = (page) =>
  page.evaluate(async () => {
    const s = globalThis.mtfsPage.store.get();
    return { scenario: s.scenario, projection: s.calculator.project(s.scenario), figures: null };
  });

describe("officer view", { timeout: 180_000 }, () => {
  let plan;
  before(() => {
    cli = cliPath();
    plan = { table: cliTable(mtfs()), csv: mtfs("--format", "csv") };
  });

  test("a first visit loads none of officer mode; the main page links to it, keeping the choices", async () => {
    const visit = await load(env);
    const { page } = visit;
    await settled(page);
    assert.ok(!visit.trouble.requests.some((u) => /officer\.(js|css)|mtfs_insight/.test(u)), "officer mode is not part of the first visit");
    await page.locator("#growth-social-care-input").fill("130");
    await page.locator("#growth-social-care-input").press("Tab");
    await page.waitForTimeout(400); // the address is written at most every 150 ms
    const hash = new URL(page.url()).hash;
    assert.match(hash, /^#s2\./);
    await page.getByRole("link", { name: "Officer view: full tables, comparison, downloads and briefing" }).click();
    await page.locator("#officer-mtfs").waitFor();
    const url = new URL(page.url());
    assert.equal(url.search, "?view=officer");
    // At the top, a way to the officer's tables, which are below the headline figures.
    await page.getByRole("button", { name: "Go to the full tables, comparison and downloads" }).click();
    assert.equal(await page.evaluate(() => document.activeElement.id), "officer-heading");
    assert.equal(url.hash, hash, "the choices come along");
    assert.equal(await page.locator("#growth-social-care-input").inputValue(), "130");
    const back = page.getByRole("link", { name: "Back to the main view" });
    assert.equal(new URL(await back.getAttribute("href"), page.url()).search, "");
    assert.equal(new URL(await back.getAttribute("href"), page.url()).hash, hash);
    assert.deepEqual(visit.trouble.consoleErrors, []);
    assert.deepEqual(visit.trouble.pageErrors, []);
    await visit.context.close();
  });

  test("the full table shows the CLI's figures for the council's plan, and its CSV is the CLI's CSV", async () => {
    const visit = await openView("?view=officer");
    const { page } = visit;
    const rows = await tableRows(page, "#officer-mtfs");
    assert.deepEqual(rows, plan.table.rows);
    assert.deepEqual(await page.locator("#officer-mtfs thead th").allTextContents(), plan.table.years);
    assert.match(await page.locator("#officer-table").innerText(), /Figures may not sum due to rounding/);

    const csv = await downloaded(page, "Download the table (CSV)");
    assert.match(csv.name, /^mtfs-hampshire-county-council-\d{4}-\d{2}-\d{2}\.csv$/);
    assert.ok(csv.text.startsWith("\uFEFF"), "a byte order mark, so spreadsheets read £ as UTF-8");
    assert.equal(csv.text.slice(1), plan.csv, "the same text as mtfs --format csv");
    // The CSV has exactly the table's figures: every line, each rounded to £'000.
    const [header, ...all] = csvRows(csv.text.slice(1));
    // Section headings are lines with empty cells (issue 14): the table's rows are the rest.
    const lines = all.filter(([, cells]) => cells.some((c) => c !== ""));
    assert.ok(all.some(([label, cells]) => label === "Savings shortfall (early achievement)" && cells.every((c) => c === "")));
    assert.deepEqual(header[1], plan.table.years);
    assert.deepEqual(lines.map(([label]) => label), rows.map(([label]) => label));
    lines.forEach(([label, cells], i) => {
      const shown = rows[i][1];
      if (/^-?\d+\.\d\d$/.test(cells[0]) && label !== "Band D (£)") assert.deepEqual(cells.map(inThousands), shown, label);
      else if (label === "Band D (£)") assert.deepEqual(cells.map((c) => c.replace(/\B(?=(\d{3})+\.)/g, ",")), shown);
      else assert.deepEqual(cells, shown, label);
    });
    assert.deepEqual(visit.trouble.consoleErrors, []);
    assert.deepEqual(visit.trouble.pageErrors, []);
    assert.deepEqual(visit.trouble.foreignRequests, []);
    await visit.context.close();
  });

  test("after a change, the table and both downloads match the CLI and the engine for the same scenario", async () => {
    const visit = await openView("?view=officer");
    const { page } = visit;
    await changeChoices(page);
    const json = await downloaded(page, "Download the full result (JSON)");
    assert.match(json.name, /^mtfs-hampshire-county-council-\d{4}-\d{2}-\d{2}\.json$/);
    const result = JSON.parse(json.text);
    const engine = await engineNow(page);
    assert.deepEqual(result.scenario, engine.scenario);
    assert.deepEqual(result.projection, engine.projection, "the JSON holds the engine's projection");
    assert.equal(result.council, "Hampshire County Council");
    assert.ok(Math.abs(Date.parse(result.made) - Date.now()) < 60_000, "made just now");
    assert.ok(result.scenario_in_words.some((c) => c.differs_from_plan && /4\.99%/.test(c.choice)), JSON.stringify(result.scenario_in_words));

    const file = scenarioFile(result.scenario);
    const cliJson = JSON.parse(mtfs("--scenario", file, "--format", "json"));
    assert.deepEqual(result.projection, cliJson, "the page's engine and the CLI agree on the whole result");
    const table = cliTable(mtfs("--scenario", file));
    const rows = await tableRows(page, "#officer-mtfs");
    assert.deepEqual(rows, table.rows);
    assert.notDeepEqual(rows, plan.table.rows, "the scenario changed the figures");
    assert.ok(rows.some(([label, cells]) => label === "Referendum needed" && cells.includes("yes")));
    const csv = await downloaded(page, "Download the table (CSV)");
    assert.equal(csv.text.slice(1), mtfs("--scenario", file, "--format", "csv"));

    // Each reserve's movements add up to its closing balance, as the engine gives it.
    const moves = await tableRows(page, "#officer-reserve-moves");
    const closings = moves.filter(([label]) => label === "Balance at the end of the year");
    assert.equal(closings.length, result.projection.years[0].reserves.length);
    closings.forEach(([, cells], r) =>
      assert.deepEqual(cells, result.projection.years.map((y) => inThousands(y.reserves[r].closing))),
    );
    assert.deepEqual(visit.trouble.consoleErrors, []);
    assert.deepEqual(visit.trouble.pageErrors, []);
    await visit.context.close();
  });

  test("with the council's options chosen: 'Less the options chosen', the CLI's table and CSV for the link, the options listed and compared", async () => {
    const link = "#s2.ouniversal-services_reduce~otraded-income_grow-20~oreserves_release-cash-flow~olocal-government_agree";
    const visit = await openView(`?view=officer${link}`);
    const { page } = visit;
    const rows = await tableRows(page, "#officer-mtfs");
    assert.deepEqual(rows, cliTable(mtfs("--link", link)).rows);
    const less = rows.find(([label]) => label === "Less the options chosen");
    // £5.3m + £1.95m in 2021/22; £5.3m + £3.9m in 2022/23; and £6.756m from reserves in 2023/24 too.
    assert.deepEqual(less?.[1], ["-", "(7,250)", "(9,200)", "(15,956)"]);
    const csv = await downloaded(page, "Download the table (CSV)");
    assert.equal(csv.text.slice(1), mtfs("--link", link, "--format", "csv"), "the same text as mtfs --link … --format csv");
    // Each option chosen, with its effect per year; the view is there too, and changes no figure.
    const chosen = await tableRows(page, "#officer-choices-table");
    assert.deepEqual(chosen.map(([label]) => label), [
      "School crossing patrols, community transport, bus subsidies and recycling centres: Make the savings proposed in 2017",
      "Changing local government arrangements in Hampshire: Agree",
      "Earning more from services sold to other organisations: Grow this income by a fifth",
      "Using reserves: Spend the unused Tt2021 cash-flow money in 2023/24",
    ]);
    assert.deepEqual(chosen[1][1], ["-", "-", "-", "-"]);
    assert.deepEqual(chosen[3][1], ["-", "-", "-", "6,756"]);
    // The comparison: B carries the choices, the view included; the options' line is compared.
    const compared = await comparison(page);
    assert.deepEqual(compared["Options chosen (lower the net budget by)"].B, ["-", "7,250", "9,200", "15,956"]);
    const b = await page.locator(".officer-scenario").nth(1).innerText();
    assert.match(b, /Using reserves: Spend the unused Tt2021 cash-flow money in 2023\/24/);
    assert.match(b, /local government arrangements in Hampshire\?: Agree/);
    await page.getByRole("button", { name: "Keep these choices as scenario A" }).click();
    assert.match(await page.locator(".officer-scenario").first().innerText(), /Make the savings proposed in 2017/);
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(visit.trouble.pageErrors, []);
    assert.deepEqual(visit.trouble.consoleErrors, []);
    await visit.context.close();

    const briefing = await openView(`?view=briefing${link}`);
    assert.deepEqual((await tableRows(briefing.page, "#briefing-mtfs")).find(([label]) => label === "Less the options chosen")?.[1], less[1]);
    assert.equal((await tableRows(briefing.page, "#briefing-choices-table")).length, 4);
    assert.match(await briefing.page.locator("#briefing").innerText(), /Earning more from services sold to other organisations: Grow this income by a fifth \(changed\)/);
    await briefing.context.close();
  });

  test("the comparison shows A (the plan, then kept choices), B and the exact differences", async () => {
    const visit = await openView("?view=officer");
    const { page } = visit;
    await changeChoices(page);
    const { scenario } = await engineNow(page);
    const scenarioCsv = csvRows(mtfs("--scenario", scenarioFile(scenario), "--format", "csv"));
    const planCsv = csvRows(plan.csv);
    const line = (rows, label) => rows.find(([l]) => l === label)[1];
    /** B − A worked out here from the CLI's pounds and pence, then rounded to £'000. */
    const diff = (b, a) =>
      b.map((x, i) => {
        const pence = (t) => BigInt(t.replace(".", ""));
        const d = pence(x) - pence(a[i]);
        const size = d < 0n ? -d : d;
        return inThousands(`${d < 0n ? "-" : ""}${size / 100n}.${String(size % 100n).padStart(2, "0")}`);
      });
    let shown = await comparison(page);
    for (const [page_, cliLabel] of [
      ["Budget gap (surplus)", "Budget gap (surplus)"],
      ["Total reserves at year end", "Total reserves"],
      ["Unfunded after reserves", "Unfunded after reserves"],
      ["Council tax income", "Council tax"],
      ["Net budget requirement", "Net budget requirement"],
    ]) {
      const a = line(planCsv, cliLabel);
      const b = line(scenarioCsv, cliLabel);
      assert.deepEqual(shown[page_].A, a.map(inThousands), `${page_}: A is the plan`);
      assert.deepEqual(shown[page_].B, b.map(inThousands), `${page_}: B is the choices now`);
      assert.deepEqual(shown[page_]["Difference, B − A"], diff(b, a), `${page_}: B − A`);
    }
    assert.notDeepEqual(shown["Budget gap (surplus)"]["Difference, B − A"], ["-", "-", "-", "-"]);
    assert.deepEqual(shown["Referendum needed"].B, line(scenarioCsv, "Referendum needed"));
    assert.match(await page.locator("#officer-compare").innerText(), /Scenario A\s+The council's plan/);
    assert.match(await page.locator("#officer-compare").innerText(), /Core council tax rise in 2021\/22: 4\.99%/);

    // Kept as A, the same choices differ by nothing; a further change shows only its own effect.
    await page.getByRole("button", { name: "Keep these choices as scenario A" }).click();
    await page.getByText("Scenario A is now these choices.").waitFor();
    shown = await comparison(page);
    assert.deepEqual(shown["Budget gap (surplus)"].A, shown["Budget gap (surplus)"].B);
    assert.deepEqual(shown["Budget gap (surplus)"]["Difference, B − A"], ["-", "-", "-", "-"]);
    await page.locator("#funding-input").fill("0");
    await page.locator("#funding-input").press("Tab");
    await page.waitForFunction(() => {
      const s = globalThis.__session.now();
      return s.settled && !s.fragment.includes("f_-10");
    });
    const b2 = csvRows(mtfs("--scenario", scenarioFile((await engineNow(page)).scenario), "--format", "csv"));
    shown = await comparison(page);
    assert.deepEqual(shown["Total funding"].A, line(scenarioCsv, "Total funding").map(inThousands));
    assert.deepEqual(shown["Total funding"].B, line(b2, "Total funding").map(inThousands));
    assert.deepEqual(shown["Total funding"]["Difference, B − A"], diff(line(b2, "Total funding"), line(scenarioCsv, "Total funding")));
    assert.match(await page.locator("#officer-compare").innerText(), /Scenario A\s+The council's plan with 5 choices changed/);

    await page.getByRole("button", { name: "Set scenario A back to the council's plan" }).click();
    shown = await comparison(page);
    assert.deepEqual(shown["Total funding"].A, line(planCsv, "Total funding").map(inThousands));
    assert.deepEqual(visit.trouble.consoleErrors, []);
    assert.deepEqual(visit.trouble.pageErrors, []);
    await visit.context.close();
  });

  test("the assumptions list every figure of the data set with its source, working or assumption", async () => {
    const visit = await openView("?view=officer");
    const { page } = visit;
    const data = JSON.parse(readFileSync(join(ROOT, "data", "hampshire.json"), "utf8"));
    // Every figure in the file: an object with a value and its provenance.
    let count = 0;
    const walk = (v) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === "object") {
        if ("value" in v && ("source" in v || "derived" in v || "assumption" in v)) count += 1;
        else Object.values(v).forEach(walk);
      }
    };
    walk(data);
    const text = await page.locator("#officer-sources").innerText();
    assert.equal(await page.locator(".officer-figures").first().isVisible(), false, "the long list is folded away at first");
    await page.getByText(`Every figure, by group (${count})`).click();
    assert.match(text, new RegExp(`The data set has ${count} figures\\.`));
    assert.match(text, /Documents cited/);
    assert.match(text, /seed 000: Hampshire County Council, Cabinet 6 January 2020/);
    assert.match(text, /House of Commons Library SN05682/);
    // A known source, a known working and a known assumption, each beside its figure.
    const ahc = page.locator(".officer-figures", { has: page.locator("caption", { hasText: /^Adults' Health and Care$/ }) });
    const base = await ahc.locator("tbody tr").first().locator("th, td").allTextContents();
    assert.deepEqual(base.slice(0, 3), ["Net budget in the base year", "£385,455,000", "Source"]);
    assert.match(base[3], /^seed 000 L632/);
    assert.match(await ahc.innerText(), /Derived\s+Inflation & Growth £37,150,000/);
    assert.match(await ahc.innerText(), /3\.6% each year, 2021\/22 to 2023\/24\s+Assumption/);
    for (const group of ["Council tax", "Other funding", "Reserves", "Council tax referendum limits", "Savings: Transformation to 2021"]) {
      assert.equal(await page.locator(".officer-figures caption", { hasText: group }).count() > 0, true, group);
    }
    assert.deepEqual(visit.trouble.consoleErrors, []);
    await visit.context.close();
  });

  test("with a council's own data file, every part follows that council", async () => {
    const visit = await openView("?view=officer");
    const { page } = visit;
    await changeChoices(page);
    await page.getByRole("button", { name: "Keep these choices as scenario A" }).click();
    const fixture = join(ROOT, "tests", "fixtures", "tiny.json");
    const text = readFileSync(fixture, "utf8");
    await page.locator("#data-file").setInputFiles({ name: "tiny.json", mimeType: "application/json", buffer: Buffer.from(text) });
    await page.locator("#own-data-status", { hasText: "from tiny.json" }).waitFor();
    await page.locator("#officer-mtfs caption", { hasText: JSON.parse(text).council }).waitFor();
    await page.getByText(/^The data set has \d+ figures/).waitFor();
    assert.deepEqual(await tableRows(page, "#officer-mtfs"), cliTable(mtfs("--data", fixture)).rows);
    const shown = await comparison(page);
    assert.deepEqual(shown["Budget gap (surplus)"].A, shown["Budget gap (surplus)"].B, "A is the new council's plan");
    assert.match(await page.locator("#officer-compare").innerText(), /Scenario A\s+The council's plan:/);
    const result = JSON.parse((await downloaded(page, "Download the full result (JSON)")).text);
    assert.equal(result.data_file, "tiny.json");
    assert.equal(result.link_fragment, null);
    assert.equal(await page.getByRole("link", { name: "Briefing for print" }).count(), 0, "a briefing link would show the page's own council");
    assert.deepEqual(visit.trouble.consoleErrors, []);
    assert.deepEqual(visit.trouble.pageErrors, []);
    await visit.context.close();
  });

  test("axe finds nothing at WCAG 2.2 AA in officer view, nor at 320 px", async () => {
    for (const viewport of [{ width: 1280, height: 900 }, { width: 320, height: 640 }]) {
      const visit = await openView("?view=officer", { viewport });
      await changeChoices(visit.page);
      await visit.page.locator(".officer-details > summary").click();
      await visit.page.getByRole("button", { name: "Keep these choices as scenario A" }).click();
      assert.deepEqual(await axe(visit.page), [], `${viewport.width} px`);
      const overflow = await sidewaysOverflow(visit.page);
      assert.ok(overflow <= 0, `no sideways scrolling at ${viewport.width} px (${overflow})`);
      await visit.context.close();
    }
  });
});

describe("briefing for print", { timeout: 180_000 }, () => {
  before(() => {
    cli ??= cliPath();
  });

  test("officer view's 'Briefing for print' opens the briefing for the same choices", async () => {
    const visit = await openView("?view=officer");
    const { page } = visit;
    await changeChoices(page);
    await page.waitForTimeout(400);
    const hash = new URL(page.url()).hash;
    await page.getByRole("link", { name: "Briefing for print" }).click();
    await page.locator("#briefing-mtfs").waitFor();
    assert.equal(new URL(page.url()).search, "?view=briefing");
    assert.equal(new URL(page.url()).hash, hash);
    const { scenario } = await engineNow(page);
    assert.deepEqual(await tableRows(page, "#briefing-mtfs"), cliTable(mtfs("--scenario", scenarioFile(scenario))).rows);
    await visit.context.close();
  });

  test("has the title, date, scenario in words, headline, table, charts, assumptions and sources; Print prints", async () => {
    const visit = await openView("?view=briefing#s1.c2021_4.99");
    const { page } = visit;
    const h1 = page.getByRole("heading", { level: 1 });
    assert.equal(await h1.count(), 1, "the calculator's own heading is out of the way");
    assert.equal(await h1.innerText(), "Hampshire County Council: budget scenario, 2020/21 to 2023/24");
    const today = new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
    assert.match(await page.locator(".briefing__meta").innerText(), new RegExp(`Prepared on ${today}`));
    const scenarioText = await page.locator(".briefing__part").first().innerText();
    assert.match(scenarioText, /The council's plan with one choice changed/);
    assert.match(scenarioText, /Core council tax rise in 2021\/22: 4\.99% \(changed\)/);
    assert.match(await page.locator(".briefing__figures").innerText(), /Local referendum needed\s+2021\/22/);
    assert.equal(await page.locator("#briefing svg.chart").count(), 2);
    // The charts' ids are their own, so their titles and patterns are not the page's.
    const duplicates = await page.evaluate(() => {
      const ids = [...document.querySelectorAll("[id]")].map((e) => e.id);
      return ids.filter((id, i) => ids.indexOf(id) !== i);
    });
    assert.deepEqual(duplicates, []);
    const fills = await page.locator("#briefing [fill^='url(#']").evaluateAll((list) => list.map((e) => e.getAttribute("fill")));
    for (const fill of fills) assert.match(fill, /^url\(#briefing-/);
    assert.match(await page.locator("#briefing").innerText(), /Assumptions and sources/);
    assert.match(await page.locator("#briefing").innerText(), /seed 000 L632/);
    assert.match(await page.locator(".briefing__link").innerText(), /#s2\.c2021_4\.99/);
    await page.getByRole("button", { name: "Print" }).click();
    // Print waits for the briefing's risk figures (its worker) before it prints.
    await page.waitForFunction(() => globalThis.__printed >= 1, null, { timeout: 30_000 });
    assert.equal(await page.evaluate(() => globalThis.__printed), 1);
    // Printed: A4, no controls.
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.locator(".briefing__tools").isVisible(), false);
    assert.equal(await page.locator("#levers").isVisible(), false);
    const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true, printBackground: true });
    assert.ok(pdf.length > 10_000);
    assert.deepEqual(visit.trouble.consoleErrors, []);
    assert.deepEqual(visit.trouble.pageErrors, []);
    assert.deepEqual(await page.evaluate(() => globalThis.__cspViolations), []);
    await visit.context.close();
  });

  test("axe finds nothing at WCAG 2.2 AA in the briefing, on screen and with print media", async () => {
    const visit = await openView("?view=briefing#s1.c2021_4.99");
    assert.deepEqual(await axe(visit.page), [], "screen");
    await visit.page.emulateMedia({ media: "print" });
    assert.deepEqual(await axe(visit.page), [], "print");
    await visit.context.close();
    // On a phone, the document reflows: only the wide tables scroll, inside their own regions.
    const phone = await openView("?view=briefing#s1.c2021_4.99", { viewport: { width: 320, height: 640 } });
    assert.deepEqual(await axe(phone.page), [], "320 px");
    const overflow = await sidewaysOverflow(phone.page);
    assert.ok(overflow <= 0, `no sideways scrolling at 320 px (${overflow})`);
    await phone.context.close();
  });
});
