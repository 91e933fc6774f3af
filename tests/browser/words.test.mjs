// Words that mean what the model computes (issue 16): when the money the council has set
// aside to bridge gaps runs out, the page, the risk section, the officer view, the briefing
// and the embed's scenario message say so, with what a council does then, and never that
// the budget "cannot be balanced". The command line is checked in tests/words.rs.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { WWW, axe, load, openPage, settled, useBrowser } from "./helpers.mjs";

const env = useBrowser();
const WRONG = /cannot (be )?balanced?|could not (set a )?balance/i;

/** Every page script and document, except the generated engine. */
function sources(dir = WWW) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "pkg" || name === "data" ? [] : sources(path);
    return /\.(js|html)$/.test(name) ? [path] : [];
  });
}

/** A file's text without its comments (which may quote the words to avoid). */
const uncommented = (text) => text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/<!--[\s\S]*?-->/g, "").replace(/(^|[^:])\/\/.*$/gm, "$1");

test("no page script or document has the words 'cannot be balanced'", () => {
  const found = sources().filter((path) => WRONG.test(uncommented(readFileSync(path, "utf8"))));
  assert.deepEqual(found, []);
});

/** The page on choices where the bridging money runs out: every programme delivers half. */
async function failing(page) {
  for (const programme of ["tt2019", "tt2021", "tt2023"]) await page.locator(`#delivery-${programme}-input`).fill("50");
  await settled(page);
  const p = await page.evaluate(() => globalThis.mtfsPage.store.get().projection);
  assert.ok(p.summary.first_unfunded_year, "these choices run the bridging money out");
  return page.evaluate(() => globalThis.mtfsPage.store.get().fragment);
}

describe("when the money set aside to bridge gaps runs out", { timeout: 240_000 }, () => {
  let fragment;

  test("the page and its risk section say so, and never that the budget cannot be balanced", async () => {
    const visit = await load(env, { viewport: { width: 1280, height: 900 } });
    const { page } = visit;
    fragment = await failing(page);
    await page.locator("#risk").scrollIntoViewIfNeeded();
    await page.waitForFunction(() => globalThis.mtfsInsight);
    await settled(page);
    await page.locator("#risk-heading").scrollIntoViewIfNeeded();
    await page.evaluate(() => globalThis.mtfsInsight.settled());
    await page.locator("#runway-table").waitFor();
    const text = await page.locator("body").innerText();
    assert.doesNotMatch(text, WRONG);
    assert.match(await page.locator("#sentence").innerText(), /the money the council has set aside to bridge budget gaps would run out/);
    assert.match(await page.locator("#risk-sentence").innerText(), /the money the council has set aside to bridge budget gaps runs out by/);
    assert.match(await page.locator("#runway-words").innerText(), /^In the middle future, the money set aside to bridge gaps runs out (in the first year|within \d years)/);
    assert.match(await page.locator("#runway-what-then").innerText(), /further savings, other reserves .* or new one-off money.*section 114 notice.*well under 1 in 100 councils a year/);
    assert.match(await page.locator("#goal-verdict").innerText(), /is the first year that is not safe: the money set aside to bridge gaps runs out/);
    assert.deepEqual(visit.trouble.consoleErrors, []);
    assert.deepEqual(visit.trouble.pageErrors, []);
    assert.deepEqual(await axe(page), []);

    // The embed's scenario message, as a host would receive it for these choices.
    const message = await page.evaluate(async () => (await import("/views/embed/index.js")).scenarioMessage(globalThis.mtfsPage.store.get()));
    assert.doesNotMatch(JSON.stringify(message), WRONG);
    assert.equal(message.balances, false);
    assert.equal(message.runs_out.year, message.summary.first_unfunded_year);
    assert.equal(message.runs_out.unfunded, message.years.find((y) => y.year === message.runs_out.year).unfunded);
    assert.match(message.runs_out.note, /section 114 notice/);
    assert.match(message.sentence, /would run out/);
    await visit.context.close();
  });

  for (const view of ["officer", "briefing"]) {
    test(`the ${view} view says so too`, async () => {
      const visit = await openPage(env.browser, `${env.server.url}?view=${view}${fragment}`, { viewport: { width: 1280, height: 900 } });
      const { page } = visit;
      await visit.visit();
      await page.locator("#app:not([hidden])").waitFor({ state: "attached" });
      await settled(page);
      if (view === "briefing") await page.locator("#briefing-runway-table").waitFor();
      else await page.locator("#officer-outturn table").first().waitFor();
      const text = await page.locator("body").innerText();
      assert.doesNotMatch(text, WRONG);
      if (view === "briefing") {
        assert.match(await page.locator("#briefing-risk-sentence").innerText(), /bridge budget gaps runs out by/);
        assert.match(await page.locator("#briefing-runway-what-then").innerText(), /section 114 notice/);
        assert.match(text, /Money set aside to bridge gaps runs out\s+In \d{4}\/\d{2}/);
      }
      assert.deepEqual(visit.trouble.consoleErrors, []);
      assert.deepEqual(visit.trouble.pageErrors, []);
      assert.deepEqual(await axe(page), []);
      await visit.context.close();
    });
  }
});
