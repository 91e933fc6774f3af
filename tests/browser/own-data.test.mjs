// "Use your own council's data": a data file from the person's computer is read in the
// browser (nothing is uploaded), every mistake in it is listed with its field's path, and a
// good file replaces the page's own data, choices and all, until the person goes back.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { axe, load, requestsSince, row, settled, useBrowser } from "./helpers.mjs";

const env = useBrowser();
const TINY = readFileSync(new URL("../fixtures/tiny.json", import.meta.url), "utf8");

describe("a data file from the person's computer", { timeout: 120_000 }, () => {
  let visit;
  let page;
  let hampshire;
  before(async () => {
    visit = await load(env);
    page = visit.page;
    hampshire = await page.locator("#figures").innerText();
  });
  after(async () => {
    assert.deepEqual(visit.trouble.pageErrors, []);
    assert.deepEqual(visit.trouble.consoleErrors, []);
    assert.deepEqual(visit.trouble.foreignRequests, []);
    await visit.context.close();
  });

  const choose = (name, text) =>
    page.locator("#data-file").setInputFiles({ name, mimeType: "application/json", buffer: Buffer.from(text) });

  test("a file with mistakes lists every one with its field, and changes nothing", async () => {
    const broken = JSON.parse(TINY);
    broken.council_tax.tax_base.value = "-1200";
    broken.years = ["2020/21", "2022/23"];
    broken.services[1].inflation_pct["2021/22"].value = "-200";
    const requests = visit.trouble.requests.length;
    await choose("broken.json", JSON.stringify(broken, null, 2));
    const summary = page.locator("#own-data-errors .error-summary");
    await summary.waitFor();
    assert.match(await summary.innerText(), /There is a problem with the file\s+The calculator cannot use broken\.json, so it still shows Hampshire County Council's figures/);
    const items = await summary.locator("li").allInnerTexts();
    assert.ok(items.length >= 3, items.join("\n"));
    assert.ok(items.some((i) => i.startsWith("council_tax.tax_base")), items.join("\n"));
    assert.ok(items.some((i) => i.startsWith("years")), items.join("\n"));
    assert.ok(items.some((i) => i.startsWith("services")), items.join("\n"));
    assert.equal(await page.evaluate(() => document.activeElement.className), "error-summary");
    assert.equal(await page.locator("#figures").innerText(), hampshire);
    assert.deepEqual(await axe(page), []);
    // Nothing was sent anywhere: the only requests are for the page's own file-reading code,
    // and its engine if it had not loaded yet (it loads when the browser is idle).
    assert.deepEqual(requestsSince(visit.trouble, requests, ["/components/own-data/read-file.js", "/pkg/mtfs.js", "/pkg/mtfs_bg.wasm"]), []);
    assert.deepEqual(visit.trouble.sent, []);
  });

  test("a file that is not JSON says so, with the line and column", async () => {
    await choose("typo.json", TINY.replace('"council": "Tiny Test Council",', '"council": "Tiny Test Council"'));
    const item = page.locator("#own-data-errors li");
    await item.waitFor();
    assert.match(await item.innerText(), /The file is not valid JSON: .*line 4 column \d+/);
  });

  test("a good file replaces the council, its years and its choices; links are not written", async () => {
    await page.locator("#core-2020-21-input").fill("2.5"); // a choice made for Hampshire
    await page.waitForTimeout(400);
    assert.match(page.url(), /#s2\./);
    await choose("tiny.json", TINY);
    await page.locator("#use-default").waitFor();
    assert.equal(await page.locator("#own-data-errors").innerText(), "");
    assert.match(await page.locator("#council").innerText(), /^Tiny Test Council: the council's plan from 2020\/21 to 2021\/22/);
    await page.locator("#own-data-status", { hasText: "now shows Tiny Test Council's plan, from tiny.json" }).waitFor();
    await settled(page);
    assert.deepEqual(await page.locator("#budget thead th").allInnerTexts(), ["2020/21", "2021/22"]);
    assert.deepEqual(await page.locator("#levers .year__legend").allInnerTexts(), ["2020/21", "2021/22", "Savings programme", "Extra savings each year, on top of the plan"]);
    assert.equal(await page.locator("#core-2020-21-input").inputValue(), "1.99");
    assert.equal(await page.locator("#core-2022-23-input").count(), 0);
    assert.equal(new URL(page.url()).hash, "");
    // Choices still work, and no link is written for another council's figures.
    const before = await row(page, "#council-tax", "Band D, a year");
    await page.locator("#core-2021-22-slider").focus();
    await page.keyboard.press("End");
    await page.waitForTimeout(400);
    assert.notDeepEqual(await row(page, "#council-tax", "Band D, a year"), before);
    assert.equal(new URL(page.url()).hash, "");
    assert.equal(await page.locator("#copy-link").isVisible(), false);
    assert.match(await page.locator("#share-hint").innerText(), /not available while you use your own data file/);
    assert.match(await page.locator("#about").innerText(), /two-year fictional council/);
    assert.deepEqual(await axe(page), []);
  });

  test("going back puts Hampshire's data and plan back", async () => {
    await page.locator("#use-default").click();
    await page.locator("#own-data-status", { hasText: "Hampshire County Council's plan again" }).waitFor();
    assert.match(await page.locator("#council").innerText(), /^Hampshire County Council: the council's plan from 2020\/21 to 2023\/24/);
    await settled(page);
    assert.equal(await page.locator("#figures").innerText(), hampshire);
    assert.equal(await page.locator("#use-default").isVisible(), false);
    assert.equal(await page.locator("#copy-link").isVisible(), true);
    // Links work again.
    await page.locator("#funding-input").fill("-5");
    await page.waitForTimeout(400);
    assert.match(page.url(), /#s2\.f_-5$/);
  });

  test("a file dropped on the page is read too", async () => {
    const files = await page.evaluateHandle((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], "dropped.json", { type: "application/json" }));
      return transfer;
    }, TINY);
    await page.dispatchEvent("#drop-zone", "dragover", { dataTransfer: files });
    assert.match(await page.locator("#drop-zone").getAttribute("class"), /drop--over/);
    await page.dispatchEvent("#drop-zone", "drop", { dataTransfer: files });
    await page.locator("#own-data-status", { hasText: "Tiny Test Council's plan, from dropped.json" }).waitFor();
    assert.match(await page.locator("#council").innerText(), /^Tiny Test Council/);
    assert.equal(new URL(page.url()).hash, "");
    await page.locator("#use-default").click();
    await page.locator("#own-data-status", { hasText: "Hampshire County Council's plan again" }).waitFor();
  });
});
