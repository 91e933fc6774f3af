// Welsh (issue 15): ?lang=cy and the browser's language give the page in Welsh, with
// <html lang="cy">, and no English left on it: every visible text and every aria-label,
// title, placeholder, alt and aria-valuetext is checked for English words. Words the data
// file gives in English only (the council's own names and texts, with no Welsh beside them)
// are a data gap, not a missing catalogue string: they are marked lang="en", or are names
// from the data inside a Welsh sentence, and are left out of the check. The switch
// ("Cymraeg" / "English") works by keyboard and keeps the rest of the address; axe passes
// on the Welsh page; the sentences the engine writes (warnings, link problems) are Welsh;
// the risk section (once scrolled to and worked out), a refused lever value, the
// accessibility statement and the paper form's closing date are Welsh; and an English
// first visit fetches no catalogue.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { axe, calculatorShown, openPage, settled, useBrowser } from "./helpers.mjs";

const env = useBrowser();
const HAMPSHIRE = JSON.parse(readFileSync(new URL("../../data/hampshire.json", import.meta.url), "utf8"));
const TEMPLATE = JSON.parse(readFileSync(new URL("../../data/template.json", import.meta.url), "utf8"));

/** Words that are English and not Welsh: one left on the Welsh page is an untranslated string. */
const ENGLISH = new Set(
  ("the and of to are your you with for this that from would will what which not by its or if has have was were " +
    "year years council budget reserves savings gap tax choose choices plan more less still find spending funding " +
    "minimum safe change week show shows link file figures balance balanced money each every than when there " +
    "could should must need needs use used using costs rise loading").split(" "),
);

/** Every string in the data (names, descriptions, consequences) long enough to be a name, longest first. */
function dataStrings(value, out = new Set()) {
  if (typeof value === "string" && value.length >= 6 && /[a-z]/i.test(value)) {
    out.add(value.trim());
    out.add(value.replace(/\s*\(.*\)$/, "").trim()); // a name as the page lists it, without its note
  }
  else if (Array.isArray(value)) value.forEach((v) => dataStrings(v, out));
  else if (value && typeof value === "object") Object.values(value).forEach((v) => dataStrings(v, out));
  return out;
}
const DATA_WORDS = [...dataStrings(HAMPSHIRE)].sort((a, b) => b.length - a.length);

/**
 * The English found in `scope` of the page: each visible text (outside elements marked
 * lang="en") and each labelling attribute, with the data's own words taken out first.
 */
async function englishLeft(page, scope = "body", data = HAMPSHIRE) {
  const dataWords = data === HAMPSHIRE ? DATA_WORDS : [...dataStrings(data)].sort((a, b) => b.length - a.length);
  const texts = await page.evaluate((scope) => {
    const out = [];
    const root = document.querySelector(scope);
    const visible = (el) => el.checkVisibility({ checkOpacity: false, checkVisibilityCSS: true }) || el.closest(".visually-hidden");
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!node.data.trim() || el.closest("[lang='en'], script, style, noscript, [hidden], [aria-hidden='true']")) continue;
      if (!visible(el)) continue;
      out.push(node.data);
    }
    for (const el of root.querySelectorAll("[aria-label], [title], [placeholder], [alt], [aria-valuetext]")) {
      if (el.closest("[lang='en']")) continue;
      for (const name of ["aria-label", "title", "placeholder", "alt", "aria-valuetext"]) {
        const value = el.getAttribute(name);
        if (value) out.push(value);
      }
    }
    return out;
  }, scope);
  const found = [];
  for (let text of texts) {
    for (const name of dataWords) text = text.split(name).join(" ");
    const words = text.toLowerCase().split(/[^a-z]+/).filter((w) => ENGLISH.has(w));
    if (words.length > 0) found.push(`${text.trim().slice(0, 160)} [${words.join(", ")}]`);
  }
  return found;
}

function quiet(visit) {
  assert.deepEqual(visit.trouble.consoleErrors, []);
  assert.deepEqual(visit.trouble.pageErrors, []);
  assert.deepEqual(visit.trouble.failedResponses, []);
}

async function openWelsh(address, options) {
  const visit = await openPage(env.browser, `${env.server.url}${address}`, options);
  await visit.visit();
  await calculatorShown(visit.page);
  await settled(visit.page);
  return visit;
}

describe("the page in Welsh", { timeout: 120_000 }, () => {
  test("?lang=cy: <html lang=cy>, the switch says English, and no English is left", async () => {
    const visit = await openWelsh("index.html?lang=cy");
    const { page } = visit;
    assert.equal(await page.getAttribute("html", "lang"), "cy");
    assert.equal(await page.locator("h1").innerText(), "Mantoli cyllideb y cyngor: beth os bydd pethau'n newid?");
    const link = page.locator("#lang-switch");
    assert.equal(await link.innerText(), "English");
    assert.equal(await link.getAttribute("lang"), "en");
    assert.deepEqual(await englishLeft(page), []);
    quiet(visit);
    await visit.context.close();
  });

  test("the engine's sentences are Welsh: warnings with no reserves used, and the headline", async () => {
    const visit = await openWelsh("index.html?lang=cy");
    const { page } = visit;
    await page.locator("#use-reserves").uncheck();
    await settled(page);
    const warnings = await page.locator("#warnings li").allInnerTexts();
    assert.ok(warnings.length > 0, "unticking reserves gives warnings");
    assert.ok(
      warnings.some((w) => w.startsWith("Nid yw'r senario hwn yn defnyddio cronfeydd wrth gefn")),
      `the engine's warning in Welsh: ${warnings.join(" | ")}`,
    );
    assert.deepEqual(await englishLeft(page), []);
    quiet(visit);
    await visit.context.close();
  });

  test("a link the engine refuses is explained in Welsh", async () => {
    const visit = await openWelsh("index.html?lang=cy#s2.zz_1");
    const notice = await visit.page.locator("#link-notice").innerText();
    assert.match(notice, /Ni ellid defnyddio'r ddolen/);
    assert.match(notice, /Mae'r ddolen yn enwi dewis, blwyddyn, opsiwn neu raglen arbedion nad yw yng nghynllun y cyngor\./);
    assert.deepEqual(await englishLeft(visit.page), []);
    await visit.context.close();
  });

  test("a browser whose first language is Welsh gets Welsh; ?lang=en overrides it", async () => {
    const welsh = await openWelsh("index.html", { locale: "cy-GB" });
    assert.equal(await welsh.page.getAttribute("html", "lang"), "cy");
    await welsh.context.close();
    const english = await openWelsh("index.html?lang=en", { locale: "cy-GB" });
    assert.equal(await english.page.getAttribute("html", "lang"), "en-GB");
    assert.equal(await english.page.locator("#lang-switch").innerText(), "Cymraeg");
    await english.context.close();
  });

  test("the switch works by keyboard and keeps the rest of the address, fragment too", async () => {
    const visit = await openWelsh("index.html?lang=en");
    const { page } = visit;
    // A choice, so the address holds a fragment to keep.
    await page.locator("#use-reserves").uncheck();
    await settled(page);
    await page.waitForFunction(() => location.hash.length > 1);
    const hash = await page.evaluate(() => location.hash);
    await page.locator("#lang-switch").focus();
    await Promise.all([page.waitForURL(/lang=cy/), page.keyboard.press("Enter")]);
    await calculatorShown(page);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get("lang"), "cy");
    assert.equal(url.hash, hash, "the choices came along");
    assert.equal(await page.getAttribute("html", "lang"), "cy");
    assert.equal(await page.locator("#use-reserves").isChecked(), false, "and are shown");
    await visit.context.close();
  });

  test("axe finds no WCAG 2.2 AA violation on the Welsh page", async () => {
    const visit = await openWelsh("index.html?lang=cy");
    assert.deepEqual(await axe(visit.page), []);
    await visit.context.close();
  });

  test("the embed in Welsh: no English left, and its messages carry lang: cy", async () => {
    const origin = new URL(env.server.url).origin;
    const visit = await openPage(env.browser, `${env.server.url}welsh-host.html`);
    // A host page of our own, framing the embed with &lang=cy, recording its messages.
    await visit.page.route("**/welsh-host.html", (route) =>
      route.fulfill({
        contentType: "text/html",
        body: `<!doctype html><html lang="cy"><title>Ymgynghoriad</title><script>globalThis.got = []; addEventListener("message", (e) => got.push(e.data));</script>
<iframe sandbox="allow-scripts" title="Cyfrifiannell" style="width:700px;height:4000px" src="index.html?embed=1&lang=cy&host=${encodeURIComponent(origin)}"></iframe>`,
      }),
    );
    await visit.visit();
    await visit.page.waitForFunction(() => globalThis.got.some((m) => m?.type === "ready"), null, { timeout: 60_000 });
    const frame = visit.page.frame({ url: /embed=1/ });
    await settled(frame);
    const ready = await visit.page.evaluate(() => globalThis.got.find((m) => m.type === "ready"));
    assert.equal(ready.lang, "cy");
    assert.equal(ready.version, 1);
    assert.equal(await frame.evaluate(() => document.documentElement.lang), "cy");
    assert.deepEqual(await englishLeft(frame), []);
    await visit.context.close();
  });

  for (const view of ["easy-read", "paper-form"]) {
    test(`${view} in Welsh: no English left, with Hampshire's data (English only) and the template's (with Welsh)`, async () => {
      for (const data of [HAMPSHIRE, TEMPLATE]) {
        const visit = await openPage(env.browser, `${env.server.url}index.html?view=${view}&lang=cy`);
        if (data === TEMPLATE) {
          await visit.page.route("**/data/hampshire.json", (route) => route.fulfill({ contentType: "application/json", body: JSON.stringify(TEMPLATE) }));
        }
        await visit.visit();
        const root = view === "paper-form" ? "#paper-form" : "#easy-read";
        await visit.page.locator(root).waitFor();
        assert.equal(await visit.page.getAttribute("html", "lang"), "cy");
        assert.deepEqual(await englishLeft(visit.page, root, data), []);
        if (data === TEMPLATE) {
          // The template gives Welsh for every option: none is shown in English.
          assert.equal(await visit.page.locator(`${root} [lang='en']`).count(), 0);
          assert.ok((await visit.page.locator(root).innerText()).includes(TEMPLATE.options[0].cy.title));
        } else {
          assert.ok((await visit.page.locator(`${root} [lang='en']`).count()) > 0, "Hampshire's English options are marked lang=en");
        }
        await visit.context.close();
      }
    });
  }

  test("the risk section in Welsh: scrolled into view and worked out, no English left", async () => {
    const visit = await openWelsh("index.html?lang=cy");
    const { page } = visit;
    await page.locator("#risk").scrollIntoViewIfNeeded();
    await page.waitForFunction(() => globalThis.mtfsInsight);
    await settled(page);
    await page.locator("#risk-heading").scrollIntoViewIfNeeded();
    await page.evaluate(() => globalThis.mtfsInsight.settled());
    // Drawn: the fan chart's table, the runway, the goal seek's verdict and both drivers' tables.
    for (const id of ["#risk-table", "#runway-table", "#goal-verdict", "#waterfall-table", "#sensitivity-table"]) {
      await page.locator(id).waitFor();
    }
    assert.match(await page.locator("#risk-table caption").innerText(), /^Cyfanswm y cronfeydd wrth gefn/);
    assert.deepEqual(await englishLeft(page, "#risk"), []);
    quiet(visit);
    await visit.context.close();
  });

  test("a typed value the engine refuses is explained beside the lever in Welsh", async () => {
    const visit = await openWelsh("index.html?lang=cy");
    const { page } = visit;
    // As levers.test.mjs does in English: the engine's range check (src/scenario.rs).
    await page.locator("#delivery-tt2021-input").fill("250");
    await settled(page);
    const error = page.locator("#delivery-tt2021-error");
    await error.waitFor();
    const text = await error.innerText();
    assert.match(text, /disgwylir canran o 0 i 200 \(cafwyd 250\)/, text);
    assert.deepEqual(await englishLeft(page, "#delivery-tt2021-error"), []);
    await visit.context.close();
  });

  test("the accessibility statement in Welsh: no English left, and axe passes", async () => {
    const visit = await openPage(env.browser, `${env.server.url}index.html?view=accessibility&lang=cy`);
    await visit.visit();
    const { page } = visit;
    await page.locator("#statement").waitFor();
    assert.equal(await page.getAttribute("html", "lang"), "cy");
    assert.equal(await page.locator("#statement-title").innerText(), `Datganiad hygyrchedd ar gyfer cyfrifiannell cyllideb ${HAMPSHIRE.council}`);
    assert.deepEqual(await englishLeft(page, "#statement"), []);
    assert.deepEqual(await axe(page), []);
    quiet(visit);
    await visit.context.close();
  });

  test("the paper form gives the template council's closing date in Welsh", async () => {
    const visit = await openPage(env.browser, `${env.server.url}index.html?view=paper-form&lang=cy`);
    await visit.page.route("**/data/hampshire.json", (route) => route.fulfill({ contentType: "application/json", body: JSON.stringify(TEMPLATE) }));
    await visit.visit();
    await visit.page.locator("#paper-form").waitFor();
    const text = await visit.page.locator("#paper-form").innerText();
    // The template's consultation.closing_date is 2020-01-31, a Friday.
    assert.equal(TEMPLATE.consultation.closing_date, "2020-01-31");
    assert.ok(text.includes("Dydd Gwener 31 Ionawr 2020"), text);
    assert.ok(!/Friday|January/.test(text), "no English day or month name");
    await visit.context.close();
  });

  test("an English first visit fetches no Welsh", async () => {
    const visit = await openWelsh("index.html");
    assert.ok(!visit.trouble.requests.some((url) => url.includes("locales/") || url.includes("welsh.js")), visit.trouble.requests.join("\n"));
    await visit.context.close();
  });
});
