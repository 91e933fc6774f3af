// The plan against what happened (issue 16; docs/outturn.md): the officer view's tables,
// explanations and forecast bridges agree with `mtfs outturn --format json` (run here, so no
// figure of the council's is written into this test); a figure not published says so and is
// never shown as 0; residents see how the plan fared in the risk section; axe finds nothing.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { axe, load, openPage, settled, useBrowser } from "./helpers.mjs";

const env = useBrowser();
/** The command line, built by `cargo test` (CI runs it before these tests). */
const MTFS = fileURLToPath(new URL("../../target/debug/mtfs", import.meta.url));

function report() {
  if (!existsSync(MTFS)) assert.fail(`${MTFS} is missing: run cargo test (or cargo build) first`);
  return JSON.parse(execFileSync(MTFS, ["outturn", "--format", "json", "--no-back-test"], { encoding: "utf8" }));
}

/** A year's table as the page shows it: per row, its id and each cell's text and data-value. */
const yearRows = (page, year) =>
  page.locator(`#officer-outturn table[data-year="${year}"] tbody tr`).evaluateAll((trs) =>
    trs.map((tr) => ({
      id: tr.dataset.id,
      label: tr.querySelector("th").innerText,
      cells: [...tr.querySelectorAll("td")].map((td) => ({ text: td.innerText, value: td.dataset.value })),
    })),
  );

describe("the plan against what happened", { timeout: 180_000 }, () => {
  let visit;
  let page;
  let r;
  before(async () => {
    r = report();
    visit = await openPage(env.browser, `${env.server.url}?view=officer`, { viewport: { width: 1280, height: 900 } });
    page = visit.page;
    await visit.visit();
    await settled(page);
    await page.locator("#officer-outturn table").first().waitFor();
  });
  after(async () => {
    assert.deepEqual(visit.trouble.pageErrors, []);
    assert.deepEqual(visit.trouble.consoleErrors, []);
    assert.deepEqual(visit.trouble.foreignRequests, []);
    await visit.context.close();
  });

  test("how the plan fared, in the engine's words", async () => {
    assert.equal(await page.locator("#outturn-headline").innerText(), r.resident_headline);
    assert.equal(await page.locator("#outturn-summary").innerText(), r.resident_summary);
  });

  test("each year's table is the command line's comparison, figure by figure", async () => {
    const years = [...r.years, ...r.after_horizon];
    assert.ok(years.length > 0);
    for (const year of years) {
      const rows = await yearRows(page, year.year);
      assert.deepEqual(
        rows.map((row) => row.id),
        [...year.figures.map((f) => f.id), ...year.flags.map((f) => f.id)],
        year.year,
      );
      year.figures.forEach((f, i) => {
        const [plan, outturn, difference, mark, source] = rows[i].cells;
        const where = `${year.year} ${f.id}`;
        assert.equal(rows[i].label, f.label, where);
        assert.equal(plan.value, f.plan ?? "", where);
        assert.equal(outturn.value, f.outturn.value ?? "", where);
        assert.equal(difference.value, f.variance ?? "", where);
        assert.equal(source.text, f.outturn.source, where);
        const m = r.confidence_marks.find((c) => c.confidence === f.outturn.confidence).mark;
        assert.ok(mark.text.startsWith(m), `${where}: ${mark.text}`);
        if (f.outturn.value === null) {
          // Not published: said as such, never as a zero.
          assert.match(outturn.text, /^not published/, where);
          assert.doesNotMatch(outturn.text, /£0|^0/, where);
          assert.equal(difference.text, "–", where);
        }
        if (f.plan === null) assert.match(plan.text, /^not in the plan/, where);
      });
      year.flags.forEach((f, j) => {
        const [plan, outturn] = rows[year.figures.length + j].cells;
        const yes = (b) => (b === null ? null : b ? "yes" : "no");
        assert.equal(plan.text, yes(f.plan) ?? "–", `${year.year} ${f.id}`);
        assert.equal(outturn.text, yes(f.outturn.value) ?? "not published", `${year.year} ${f.id}`);
      });
      const why = await page.locator(`#officer-outturn ul.outturn-why[data-year="${year.year}"] li`).allInnerTexts();
      assert.deepEqual(why, year.explanation, year.year);
    }
  });

  test("how the forecast changed: each bridge between vintages, with its sources", async () => {
    const bridges = r.vintages?.bridges ?? [];
    assert.ok(bridges.length > 0, "the record has vintages");
    for (const b of bridges) {
      const items = await page.locator(`#officer-outturn ul.outturn-bridge[data-from="${b.from}"][data-to="${b.to}"] li`).allInnerTexts();
      assert.equal(items.length, b.changes.length, `${b.from} → ${b.to}`);
      b.changes.forEach((c, i) => {
        assert.ok(items[i].startsWith(c.words), items[i]);
        if (c.to) assert.ok(items[i].includes(c.to.source), items[i]);
      });
    }
    const steps = await page.locator("#officer-outturn ul.outturn-steps li").allInnerTexts();
    assert.deepEqual(steps, (r.gap_forecasts?.steps ?? []).map((s) => s.words));
  });

  test("axe finds nothing at WCAG 2.2 AA, nor at 320 px", async () => {
    assert.deepEqual(await axe(page), []);
    const phone = await openPage(env.browser, `${env.server.url}?view=officer`, { viewport: { width: 320, height: 640 } });
    await phone.visit();
    await settled(phone.page);
    await phone.page.locator("#officer-outturn table").first().waitFor();
    assert.deepEqual(await axe(phone.page), []);
    await phone.context.close();
  });
});

test("residents see how the plan fared in the risk section, loaded with it", async () => {
  const r = report();
  const visit = await load(env, { viewport: { width: 1280, height: 900 } });
  const { page } = visit;
  await settled(page);
  assert.ok(!visit.trouble.requests.some((u) => /outturn/.test(u)), "not part of the first visit");
  await page.locator("#risk").scrollIntoViewIfNeeded();
  await page.locator("#fared-headline").waitFor();
  assert.equal(await page.locator("#fared-headline").innerText(), r.resident_headline);
  assert.equal(await page.locator("#fared-summary").innerText(), r.resident_summary);
  assert.match(await page.locator("#fared-link").getAttribute("href"), /\?view=officer/);
  assert.deepEqual(visit.trouble.consoleErrors, []);
  assert.deepEqual(await axe(page), []);
  await visit.context.close();
});
