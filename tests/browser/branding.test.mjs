// The council's own look from its data (branding) and the paper form's details
// (consultation.closing_date, return_address): the template council shows its name, logo,
// introduction and colours (applied through CSS custom properties with no CSP violation),
// and passes axe; &brand=0 keeps the calculator's own look; a colour pair that fails WCAG
// 2.2 AA is refused with the engine's message, not used; Hampshire's data, with no
// branding, never loads the branding code; the closing date shows in words.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { axe, mounted, openPage, useBrowser } from "./helpers.mjs";

const env = useBrowser();
const TEMPLATE = JSON.parse(readFileSync(new URL("../../data/template.json", import.meta.url), "utf8"));

/** Opens `address` with `data` served in place of Hampshire's (null: Hampshire's own). */
async function open(address, data, marker = "#app:not([hidden]), .error-summary") {
  const visit = await openPage(env.browser, `${env.server.url}${address}`);
  if (data) await visit.page.route("**/data/hampshire.json", (route) => route.fulfill({ contentType: "application/json", body: JSON.stringify(data) }));
  await visit.visit();
  await visit.page.locator(marker).first().waitFor({ timeout: 60_000 });
  await visit.page.waitForFunction(mounted, null, { timeout: 60_000 });
  return visit;
}

const colour = (page, selector, property) => page.locator(selector).first().evaluate((node, p) => getComputedStyle(node)[p], property);
const csp = (page) => page.evaluate(() => globalThis.__cspViolations);

describe("branding from the data", { timeout: 120_000 }, () => {
  test("the template council's name, logo, introduction and colours show, with no CSP violation, and axe passes", async () => {
    const visit = await open("index.html", TEMPLATE);
    const { page } = visit;
    await page.locator(".header__name").waitFor();
    assert.equal(await page.locator(".header__name").innerText(), TEMPLATE.council);
    const logo = page.locator(".header__logo");
    assert.equal(await logo.getAttribute("src"), TEMPLATE.branding.logo.src);
    assert.equal(await logo.getAttribute("alt"), TEMPLATE.branding.logo.alt);
    await page.waitForFunction(() => document.querySelector(".header__logo")?.complete);
    assert.ok((await logo.evaluate((img) => img.naturalWidth)) > 0, "the logo file is served and drawn");
    assert.equal(await page.locator("#council").innerText(), TEMPLATE.branding.introduction);
    // The colours, set as custom properties from the validated data (CSSOM: allowed by style-src 'self').
    assert.equal(await colour(page, ".header", "backgroundColor"), "rgb(29, 79, 58)");
    assert.equal(await colour(page, ".header", "color"), "rgb(255, 255, 255)");
    assert.equal(await colour(page, "#accessibility-link", "color"), "rgb(29, 92, 138)");
    assert.deepEqual(await csp(page), []);
    assert.deepEqual(visit.trouble.consoleErrors, []);
    assert.deepEqual(visit.trouble.foreignRequests, []);
    assert.deepEqual(await axe(page), []);
    await visit.context.close();
  });

  test("&brand=0 keeps the calculator's own look", async () => {
    const visit = await open("index.html?brand=0", TEMPLATE);
    const { page } = visit;
    assert.equal(await page.locator(".header__title").innerText(), "Council budget calculator");
    assert.equal(await colour(page, ".header", "backgroundColor"), "rgb(11, 12, 12)");
    assert.equal(await colour(page, "#accessibility-link", "color"), "rgb(29, 112, 184)");
    assert.ok(!visit.trouble.requests.some((url) => url.includes("/views/branding/")), "the branding code is not loaded");
    await visit.context.close();
  });

  test("Hampshire's data has no branding section: its code is not loaded and the page keeps its look", async () => {
    const visit = await open("index.html", null);
    assert.equal(await visit.page.locator(".header__title").innerText(), "Council budget calculator");
    assert.ok(!visit.trouble.requests.some((url) => url.includes("/views/branding/")));
    await visit.context.close();
  });

  test("a colour pair that fails contrast is refused with the pair and its ratio, and not used", async () => {
    const data = structuredClone(TEMPLATE);
    data.branding.colours.link = "#7fbf7f";
    const visit = await open("index.html", data);
    const { page } = visit;
    const summary = page.locator(".error-summary");
    await summary.waitFor();
    assert.ok((await summary.innerText()).includes("branding.colours.link: #7fbf7f on #ffffff is 2.17:1; text needs at least 4.5:1"), await summary.innerText());
    assert.notEqual(await colour(page, "#accessibility-link", "color"), "rgb(127, 191, 127)");
    assert.deepEqual(await axe(page), []);
    await visit.context.close();
  });
});

describe("the paper form's details from the data", { timeout: 120_000 }, () => {
  test("the paper form prints the closing date in words and the return address", async () => {
    const visit = await open("index.html?view=paper-form", TEMPLATE, "#paper-form");
    const text = await visit.page.locator("#paper-form .paper-return").innerText();
    assert.match(text, /Please send it by Friday 31 January 2020\./);
    assert.ok(text.includes(TEMPLATE.consultation.return_address));
    assert.match(text, /Closing date:\s+Friday 31 January 2020/);
    await visit.context.close();
  });

  test("Easy Read says when and where to send an answer", async () => {
    const visit = await open("index.html?view=easy-read", TEMPLATE, "#easy-read");
    const text = await visit.page.locator("#easy-read .er-next").innerText();
    assert.ok(text.includes("Friday 31 January 2020"));
    assert.ok(text.includes(TEMPLATE.consultation.return_address));
    await visit.context.close();
  });

  test("Hampshire's form gives its closing date from seed 003 and leaves the address to write in", async () => {
    const visit = await open("index.html?view=paper-form", null, "#paper-form");
    const text = await visit.page.locator("#paper-form .paper-return").innerText();
    assert.match(text, /Please send it by Monday 21 August 2017\./);
    assert.equal(await visit.page.locator("#paper-form .paper-return .paper-field__space").count(), 1, "a line to write the address on");
    await visit.context.close();
  });
});
