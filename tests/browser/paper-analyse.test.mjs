// A paper response typed into the analysis page (analyse.html, "Type in paper responses")
// counts exactly as the online response with the same choices: a resident's choices made on
// the calculator page give a link; the same choices ticked on the paper form give codes
// (read from the printed form itself); typed in, by code or by picking, they give the same
// link and the analysis's JSON is byte for byte the same as for the online link. For
// Hampshire's data and the template council's (its data file chosen on the analysis page).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { axe, calculatorShown, openPage, settled, useBrowser } from "./helpers.mjs";

const env = useBrowser();
const TEMPLATE = readFileSync(new URL("../../data/template.json", import.meta.url), "utf8");

const CASES = {
  hampshire: {
    data: null,
    choices: { "universal-services": "reduce", "home-to-school-transport": "no-savings", "council-tax": "freeze", "charging-powers": "agree", "financial-strategy": "disagree" },
  },
  template: {
    data: { name: "template.json", mimeType: "application/json", buffer: Buffer.from(TEMPLATE) },
    choices: { libraries: "fewer-hours", "bus-subsidies": "withdraw", reserves: "no-reserves", "unitary-council": "agree" },
  },
};

/** Opens the resident's page (with `council`'s data in Hampshire's place). */
async function openMain(path, council) {
  const visit = await openPage(env.browser, `${env.server.url}${path}`);
  if (council === "template") await visit.page.route("**/data/hampshire.json", (route) => route.fulfill({ contentType: "application/json", body: TEMPLATE }));
  await visit.visit();
  return visit;
}

/** The online link for `choices`: chosen on the calculator page, as a resident would. */
async function onlineLink(council, choices) {
  const visit = await openMain("index.html", council);
  const { page } = visit;
  await calculatorShown(page);
  for (const [option, level] of Object.entries(choices)) await page.locator(`label[for="option-${option}--${level}"]`).click();
  await settled(page);
  const fragment = await page.evaluate(() => globalThis.mtfsPage.store.get().fragment);
  await visit.context.close();
  return fragment;
}

/** The codes beside the chosen levels on the printed paper form. */
async function paperCodes(council, choices) {
  const visit = await openMain("index.html?view=paper-form", council);
  const { page } = visit;
  await page.locator("#paper-form").waitFor();
  const codes = [];
  for (const [option, level] of Object.entries(choices)) {
    const q = page.locator(`#paper-q-${option}`);
    const labels = (await q.locator(".paper-choice__label").allInnerTexts()).map((l) => l.replace(" (the council's plan)", ""));
    const data = JSON.parse(council === "template" ? TEMPLATE : readFileSync(new URL("../../data/hampshire.json", import.meta.url), "utf8"));
    const wanted = data.options.find((o) => o.id === option).levels.find((l) => l.id === level).label;
    const at = labels.indexOf(wanted);
    assert.ok(at >= 0, `${option}/${level} on the form`);
    codes.push((await q.locator(".paper-code").nth(at).innerText()).replace(/^Code\s*/, ""));
  }
  await visit.context.close();
  return codes;
}

async function openAnalyse(data, first = "universal-services") {
  const visit = await openPage(env.browser, `${env.server.url}analyse.html`);
  await visit.visit();
  await visit.page.locator("#analyse-button").waitFor();
  if (data) {
    await visit.page.locator("#data-details > summary").click();
    await visit.page.locator("#data-file").setInputFiles(data);
  }
  await visit.page.locator("#paper-codes-field").waitFor();
  // The codes are for this council's options once its questions are listed.
  await visit.page.locator(`#paper-pick-${first}`).waitFor({ state: "attached" });
  return visit;
}

const finished = (page) =>
  page.waitForFunction(() => globalThis.mtfsAnalyse.state().run.phase === "done", null, { timeout: 120_000, polling: 100 }).then(() => page.evaluate(() => globalThis.mtfsAnalyse.settled()));

for (const [council, { data, choices }] of Object.entries(CASES)) {
  describe(`a typed paper response, ${council}'s data`, { timeout: 240_000 }, () => {
    let fragment;
    let codes;
    let online;
    before(async () => {
      fragment = await onlineLink(council, choices);
      codes = await paperCodes(council, choices);
      // The online response, analysed as an export with one row.
      const visit = await openAnalyse(data, Object.keys(choices)[0]);
      const csv = `link,channel\r\n${fragment},online\r\n`;
      await visit.page.locator("#responses-file").setInputFiles({ name: "online.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
      await visit.page.waitForFunction(() => globalThis.mtfsAnalyse.state().file?.peeking === false);
      await visit.page.locator("#analyse-button").click();
      await finished(visit.page);
      online = await visit.page.evaluate(() => globalThis.mtfsAnalyse.state().result.json);
      await visit.context.close();
    });

    test("typed by code, it gives the same analysis as the online link, byte for byte", async () => {
      assert.match(fragment, /^#s\d/);
      const visit = await openAnalyse(data, Object.keys(choices)[0]);
      const { page } = visit;
      await page.locator("#paper-codes").fill(codes.join(" ").toLowerCase());
      await page.locator("#paper-add").click();
      assert.match(await page.locator("#paper-status").innerText(), /Response 1 added/);
      assert.deepEqual(await page.locator("#paper-table tbody td").first().innerText(), codes.join(" "));
      await page.locator("#paper-analyse").click();
      await finished(page);
      const typed = await page.evaluate(() => globalThis.mtfsAnalyse.state().result.json);
      assert.equal(typed, online);
      const analysis = JSON.parse(typed);
      assert.equal(analysis.valid, 1);
      assert.deepEqual(analysis.refused, []);
      // The paper row's link is the online one.
      const download = page.waitForEvent("download");
      await page.locator("#paper-download").click();
      const rows = readFileSync(await (await download).path(), "utf8");
      assert.equal(rows, `link,channel\r\n${fragment},paper\r\n`);
      assert.deepEqual(visit.trouble.consoleErrors, []);
      assert.deepEqual(visit.trouble.pageErrors, []);
      assert.deepEqual(visit.trouble.sent, []);
      await visit.context.close();
    });

    test("picked from the lists, it gives the same codes", async () => {
      const visit = await openAnalyse(data, Object.keys(choices)[0]);
      const { page } = visit;
      await page.locator(".paper-pick > summary").click();
      for (const [i, option] of Object.keys(choices).entries()) await page.locator(`#paper-pick-${option}`).selectOption(codes[i]);
      assert.deepEqual((await page.locator("#paper-codes").inputValue()).split(" ").sort(), [...codes].sort());
      assert.deepEqual(await axe(page), []);
      await visit.context.close();
    });
  });
}

describe("mistakes in the codes", { timeout: 120_000 }, () => {
  let visit;
  before(async () => {
    visit = await openAnalyse(null);
  });
  after(() => visit.context.close());

  test("two answers to one question, or a code not on the form, are named and nothing is added", async () => {
    const { page } = visit;
    await page.locator("#paper-codes").fill("1A 1B 99Z");
    await page.locator("#paper-add").click();
    const error = await page.locator("#paper-codes-error").innerText();
    assert.match(error, /Question 1 has two answers, 1A and 1B/);
    assert.match(error, /no choice with the code 99Z/);
    assert.equal(await page.locator("#paper-codes").getAttribute("aria-invalid"), "");
    assert.equal(await page.evaluate(() => globalThis.mtfsAnalyse.paper().length), 0);
    assert.deepEqual(await axe(page), []);
  });
});
