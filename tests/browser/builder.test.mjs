// "Balance the budget" (issue 11): the council's own options as radio groups, with the
// running total of what is still to find. A resident balances Hampshire's 2020/21 gap with
// the keyboard alone, and by touch at 320 px; a link with choices (a view included)
// reproduces them in the page, in the command-line calculator and in the embed's message;
// the council tax and reserves options set the levers they name; a council that asks for
// a balanced budget says what is still to find and offers the goal seek's suggestions;
// axe finds nothing at 320 and 1280 px.
//
// The scenario, from Hampshire's figures (`mtfs --link`): with no reserves used, 2020/21
// leaves £15.9m unfunded (its £40.0m gap less £24.1m of savings delivered early), and
// 2021/22 and 2022/23 £19.1m and £46.4m. One point more council tax raises £6.4m in
// 2020/21, leaving £9.4m; the services, charges and income options start from 2021/22, so
// nothing else the council consults on closes 2020/21 that year. With reserves used as
// planned, the budget balances: reserves fill £9.4m in 2020/21 and £14.3m in 2022/23, and
// neither gap comes back the year after.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { axe, calculatorShown, load, openPage, row, settled, sidewaysOverflow, useBrowser } from "./helpers.mjs";

const env = useBrowser();
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TEMPLATE = readFileSync(new URL("../../data/template.json", import.meta.url));

const status = (page) => page.locator("#builder-status").innerText();
const stillToFind = (page) => row(page, "#builder-totals", "Still to find after reserves");
const checked = (page, option) => page.locator(`input[name="option-${option}"]:checked`).getAttribute("value");

/** Presses ArrowDown or ArrowUp on an option's radio group until `level` is checked. */
async function keyTo(page, option, level) {
  const radios = page.locator(`input[name="option-${option}"]`);
  const values = await radios.evaluateAll((list) => list.map((r) => r.value));
  const from = values.indexOf(await checked(page, option));
  const to = values.indexOf(level);
  assert.ok(to >= 0, `${option} has a level ${level}`);
  await page.locator(`input[name="option-${option}"]:checked`).focus();
  for (let i = from; i !== to; i += to > from ? 1 : -1) await page.keyboard.press(to > from ? "ArrowDown" : "ArrowUp");
  assert.equal(await checked(page, option), level);
  await settled(page);
}

describe("balance the budget", { timeout: 240_000 }, () => {
  test("the plan: the gap to close, the options by theme, each 1% of council tax, and reserves filling a gap that comes back", async () => {
    const visit = await load(env, { viewport: { width: 1280, height: 900 } });
    const { page } = visit;
    assert.match(await page.locator("#builder-gap").innerText(), /gap before reserves is £15\.9m in 2020\/21, £19\.1m in 2021\/22 and £46\.4m in 2022\/23/);
    assert.deepEqual(await page.locator("#builder-options h3").allInnerTexts(), ["Services", "Charges", "Income", "Council tax", "Reserves", "Your views"]);
    // Each 1% on core council tax, from the engine (`mtfs options`: 6,424 in 2020/21).
    assert.match(await page.locator("#builder-one-point").innerText(), /^Each 1% more on core council tax raises £6\.4m in 2020\/21, £6\.8m in 2021\/22, £7\.1m in 2022\/23 and £7\.4m in 2023\/24\.$/);
    // A level: its label, its consequence and its £ effect per year.
    const reduce = page.locator("#option-universal-services--reduce");
    assert.equal(await reduce.isChecked(), false);
    assert.equal(await page.getByRole("radio", { name: "Make the savings proposed in 2017" }).count(), 1);
    assert.match(await page.locator("#option-universal-services--reduce-hint").innerText(), /cut back as the council proposed in 2017[\s\S]*Lowers the gap by £5\.3m a year from 2021\/22\./);
    assert.match(await page.locator("#option-home-to-school-transport--no-savings-hint").innerText(), /Adds £4\.05m a year to the gap\./);
    assert.match(await page.locator("#option-traded-income--grow-20-hint").innerText(), /Lowers the gap by £1\.95m in 2021\/22 and £3\.9m a year from 2022\/23\./);
    // Limits the council must keep, beside the option.
    assert.match(await page.locator("#option-hwrc-charges").innerText(), /A limit the council must keep[\s\S]*free of charge/);
    // A view is its question, with agree, disagree or no view.
    const view = page.getByRole("group", { name: "Should the County Council explore changing local government arrangements in Hampshire?" });
    assert.deepEqual(await view.getByRole("radio").evaluateAll((list) => list.map((r) => r.labels[0].innerText)), ["Agree", "Disagree", "No view"]);
    // Balanced, as the engine defines it, with the gap before reserves said plainly.
    assert.equal(await status(page), "Your budget balances every year to 2023/24, with reserves filling gaps.");
    assert.deepEqual(await stillToFind(page), ["0.0", "0.0", "0.0", "0.0"]);
    const warning = await page.locator("#builder-reserves").innerText();
    assert.match(warning, /Reserves are filling a gap that comes back/);
    assert.match(warning, /Reserves fill a gap of £15\.9m in 2020\/21, £19\.1m in 2021\/22 and £46\.4m in 2022\/23\./);
    assert.match(warning, /comes back each year until savings, income or council tax close it/);
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(visit.trouble.pageErrors, []);
    assert.deepEqual(visit.trouble.consoleErrors, []);
    await visit.context.close();
  });

  test("a resident balances Hampshire's 2020/21 gap with the keyboard alone", async () => {
    const visit = await load(env, { viewport: { width: 1280, height: 900 } });
    const { page } = visit;
    // Start from "do not use reserves": every year must balance on its own.
    await keyTo(page, "reserves", "no-reserves");
    assert.equal(await status(page), "Still to find: £15.9m in 2020/21, £34.9m by the end of 2021/22, £81.3m by the end of 2022/23 and £81.3m by the end of 2023/24 (a deficit is carried into the next year until it is paid), with no reserves used.");
    assert.deepEqual(await stillToFind(page), ["15.9", "34.9", "81.3", "81.3"]);
    assert.equal(await page.locator("#builder-reserves").isHidden(), true);
    // The option sets the levers it names: reserves are not used, and the tick says why.
    assert.equal(await page.locator("#use-reserves").isChecked(), false);
    assert.equal(await page.locator("#use-reserves").isDisabled(), true);
    assert.match(await page.locator("#use-reserves-set").innerText(), /Set by your choice “Do not use reserves to fill gaps” for “Using reserves”/);

    // One point more council tax: £6.4m in 2020/21 (a referendum, which the page says).
    await keyTo(page, "council-tax", "one-point-more");
    assert.deepEqual(await stillToFind(page), ["9.4", "14.9", "39.8", "9.6"]);
    assert.equal(await page.locator("#core-2020-21-input").inputValue(), "2.995");
    assert.equal(await page.locator("#core-2020-21-input").isDisabled(), true);
    assert.match(await page.locator("#sentence").innerText(), /would need a local referendum/);

    // Savings, charges and income from 2021/22.
    await keyTo(page, "universal-services", "reduce");
    await keyTo(page, "hwrc-charges", "access-charge");
    await keyTo(page, "traded-income", "grow-20");
    await keyTo(page, "youth-grants", "end");
    assert.deepEqual(await stillToFind(page), ["9.4", "7.4", "21.7", "0.0"]);
    assert.equal(await status(page), "Still to find: £9.4m in 2020/21, £7.4m by the end of 2021/22 and £21.7m by the end of 2022/23 (a deficit is carried into the next year until it is paid), with no reserves used.");

    // Nothing else the council consults on closes 2020/21 that year: reserves, as planned, do.
    await keyTo(page, "reserves", "as-planned");
    assert.equal(await status(page), "Your budget balances every year to 2023/24, with reserves filling gaps.");
    assert.deepEqual(await stillToFind(page), ["0.0", "0.0", "0.0", "0.0"]);
    assert.deepEqual(await row(page, "#builder-totals", "Gap before reserves with your choices"), ["9.4", "-2.0", "14.3", "-40.9"]);
    const warning = await page.locator("#builder-reserves").innerText();
    assert.match(warning, /Reserves are filling a gap\n/);
    assert.match(warning, /Reserves fill a gap of £9\.4m in 2020\/21 and £14\.3m in 2022\/23\./);
    assert.match(warning, /This gap does not come back/);
    assert.equal(await page.locator("#use-reserves").isDisabled(), false);
    // The headline agrees, and the live region reads the verdict once the choices settle.
    assert.match(await page.locator("#sentence").innerText(), /^The council could balance its budget every year to 2023\/24/);
    await page.locator("#announce", { hasText: "Your budget balances every year" }).waitFor();
    await page.waitForTimeout(400);
    const hash = new URL(page.url()).hash;
    for (const part of ["ocouncil-tax_one-point-more", "ouniversal-services_reduce", "ohwrc-charges_access-charge", "otraded-income_grow-20", "oyouth-grants_end"]) {
      assert.ok(hash.includes(part), `${hash} has ${part}`);
    }
    assert.doesNotMatch(hash, /oreserves_/);
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(visit.trouble.pageErrors, []);
    assert.deepEqual(visit.trouble.consoleErrors, []);
    await visit.context.close();
  });

  test("and by touch on a 320 px phone, axe clean", async () => {
    const visit = await load(env, { viewport: { width: 320, height: 640 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
    const { page } = visit;
    // A tap on a level's words (its label), as a thumb would.
    const tap = async (option, level, words) => {
      const label = page.locator(`label[for="option-${option}--${level}"]`);
      assert.match(await label.innerText(), new RegExp(`^${words}`));
      await label.tap();
      assert.equal(await checked(page, option), level);
      await settled(page);
    };
    await tap("reserves", "no-reserves", "Do not use reserves to fill gaps");
    assert.deepEqual(await stillToFind(page), ["15.9", "34.9", "81.3", "81.3"]);
    await tap("council-tax", "one-point-more", "One point more each year");
    await tap("universal-services", "reduce", "Make the savings proposed in 2017");
    await tap("hwrc-charges", "access-charge", "Charge residents to use the centres");
    await tap("traded-income", "grow-20", "Grow this income by a fifth");
    await tap("youth-grants", "end", "End the grants altogether");
    assert.deepEqual(await stillToFind(page), ["9.4", "7.4", "21.7", "0.0"]);
    await tap("reserves", "as-planned", "Use reserves as planned");
    assert.equal(await status(page), "Your budget balances every year to 2023/24, with reserves filling gaps.");
    // Nothing wider than the phone, and each level's label is a touch target of 40 px or more.
    assert.ok((await sidewaysOverflow(page)) <= 0, "no sideways scrolling");
    const heights = await page.locator("#builder .radio").evaluateAll((list) => list.map((r) => r.getBoundingClientRect().height));
    assert.ok(Math.min(...heights) >= 40, `smallest level ${Math.min(...heights)} px`);
    assert.deepEqual(await axe(page), []);
    await page.screenshot({ path: "/tmp/mtfs-builder-320.png", fullPage: false });
    assert.deepEqual(visit.trouble.pageErrors, []);
    assert.deepEqual(visit.trouble.consoleErrors, []);
    await visit.context.close();
  });
});

describe("a link with choices", { timeout: 240_000 }, () => {
  // Written in any order; the page writes it back in the engine's order (the data's options').
  const FRAGMENT = "#s2.c2021_2.5~ocouncil-tax_one-point-more~ouniversal-services_reduce~oreserves_no-reserves~olocal-government_agree~ocharging-powers_disagree";
  const WRITTEN = "#s2.c2021_2.5~ouniversal-services_reduce~ocharging-powers_disagree~olocal-government_agree~ocouncil-tax_one-point-more~oreserves_no-reserves";
  let page;
  let visit;
  before(async () => {
    visit = await openPage(env.browser, `${env.server.url}${FRAGMENT}`);
    await visit.visit();
    await calculatorShown(visit.page);
    page = visit.page;
    await settled(page);
  });
  after(() => visit.context.close());

  test("opens with its choices, views included", async () => {
    assert.equal(await page.locator("#link-notice").count(), 0);
    for (const [option, level] of [
      ["council-tax", "one-point-more"],
      ["universal-services", "reduce"],
      ["reserves", "no-reserves"],
      ["local-government", "agree"],
      ["charging-powers", "disagree"],
      ["hwrc-charges", "no-charge"],
    ]) {
      assert.equal(await checked(page, option), level, option);
    }
    // A lever the option does not set is the plan's own (2%: the plan as at January 2020).
    assert.equal(await page.locator("#asc-2021-22-input").inputValue(), "2");
    assert.equal(new URL(page.url()).hash, WRITTEN);
    assert.deepEqual(visit.trouble.consoleErrors, []);
  });

  test("the command-line calculator works out the same figures from it", async () => {
    // `cargo test` builds target/debug/mtfs before the page's tests run (make test); a
    // missing binary fails the test rather than skipping it.
    const mtfs = process.env.MTFS_BIN ?? `${ROOT}target/debug/mtfs`;
    assert.ok(existsSync(mtfs), `${mtfs} is missing: run cargo test (or cargo build) first`);
    const cli = JSON.parse(execFileSync(mtfs, ["--link", FRAGMENT, "--format", "json"], { cwd: ROOT, encoding: "utf8" }));
    const shown = await page.evaluate(() => globalThis.mtfsPage.store.get().projection);
    assert.deepEqual(shown.choices, cli.choices);
    assert.deepEqual(shown.years, cli.years);
    assert.deepEqual(shown.summary, cli.summary);
  });

  test("the embed carries the options, their £ per year, the views and whether it balances", async () => {
    const host = await openPage(env.browser, `${env.server.url}consultation-example.html`);
    await host.page.addInitScript(() => {
      if (window !== window.top) return;
      globalThis.__received = [];
      addEventListener("message", (event) => globalThis.__received.push(event.data));
    });
    await host.visit();
    await host.page.locator("#calculator-status", { hasText: "The calculator shows" }).waitFor();
    const frame = host.page.frame({ url: /index\.html\?embed=1/ });
    await calculatorShown(frame);
    // The builder comes first in the embed too.
    assert.equal(await frame.locator("#app > section").first().getAttribute("id"), "builder");
    await host.page.evaluate((fragment) => document.querySelector("iframe").contentWindow.postMessage({ protocol: "mtfs-embed", version: 1, type: "set-scenario", fragment, id: "link" }, "*"), FRAGMENT);
    const handle = await host.page.waitForFunction(() => globalThis.__received.find((m) => m?.id === "link"));
    const message = await handle.jsonValue();
    assert.equal(message.type, "scenario");
    assert.equal(message.fragment, WRITTEN);
    assert.equal(message.balances, false);
    assert.equal(message.require_balance, false);
    assert.equal(message.usesReserves, false);
    const byId = Object.fromEntries(message.options.map((o) => [o.id, o]));
    assert.deepEqual(Object.keys(byId).length, 11);
    assert.deepEqual([byId["universal-services"].level, byId["universal-services"].changed], ["reduce", true]);
    assert.equal(byId["universal-services"].label, "Make the savings proposed in 2017");
    assert.deepEqual(byId["universal-services"].effect, { "2020/21": "0.00", "2021/22": "5300000.00", "2022/23": "5300000.00", "2023/24": "5300000.00" });
    assert.deepEqual([byId["local-government"].level, byId["local-government"].label, byId["local-government"].theme], ["agree", "Agree", "views"]);
    assert.match(byId["local-government"].question, /local government arrangements/);
    assert.deepEqual([byId["charging-powers"].level, byId["hwrc-charges"].changed], ["disagree", false]);
    assert.ok(message.choices.some((c) => c.changed && /local government arrangements in Hampshire\?: Agree$/.test(c.text)));
    assert.equal(await frame.locator("#option-local-government--agree").isChecked(), true);
    // The same figures as the page opened on the link.
    const mine = await page.evaluate(() => globalThis.mtfsPage.store.get().projection.years.map((y) => [y.total_gap, y.unfunded, y.band_d]));
    assert.deepEqual(message.years.map((y) => [y.total_gap, y.unfunded, y.band_d]), mine);
    assert.deepEqual(host.trouble.pageErrors, []);
    assert.deepEqual(host.trouble.consoleErrors, []);
    await host.context.close();
  });
});

describe("a council that asks for a balanced budget", { timeout: 240_000 }, () => {
  test("says what is still to find and offers the goal seek's suggestions, options included", async () => {
    const visit = await load(env, { viewport: { width: 1280, height: 900 } });
    const { page } = visit;
    await page.locator("#data-file").setInputFiles({ name: "template.json", mimeType: "application/json", buffer: TEMPLATE });
    await page.locator("#own-data-status", { hasText: "Wessex Vale County Council's plan" }).waitFor();
    await settled(page);
    assert.equal(await page.locator("#builder-suggest").isHidden(), true, "balanced: nothing to suggest");
    await keyTo(page, "reserves", "no-reserves");
    const said = await status(page);
    assert.match(said, /^The council asks for a budget that balances\. Still to find: £[\d.,m]+ in 20\d\d\/\d\d/);
    await page.locator("#builder-suggest-button").focus();
    await page.keyboard.press("Enter");
    const answer = page.locator("#builder-suggestions");
    await answer.locator("ul").first().waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), "builder-suggestions");
    const text = await answer.innerText();
    assert.match(text, /No one option balances the budget on its own|Each of these options, on its own, would keep every year balanced/);
    assert.match(text, /council tax/i);
    // Choosing a suggestion changes the choices like any other.
    const before = await stillToFind(page);
    await answer.getByRole("button", { name: /^Choose “/ }).first().click();
    await settled(page);
    assert.notDeepEqual(await stillToFind(page), before);
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(visit.trouble.pageErrors, []);
    assert.deepEqual(visit.trouble.consoleErrors, []);
    await visit.context.close();
  });
});
