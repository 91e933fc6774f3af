// The accessibility statement (?view=accessibility) and the views it speaks for. Every view
// in www/views/accessibility/checked.js (the list the statement prints as "the views
// checked") links to the statement and has no axe violation at WCAG 2.2 AA: so the
// statement claims no check that this test does not make. The statement itself: the
// council's name and contact details from the data, the enforcement procedure, the
// compliance status and known gaps, the checked views and the build's date.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { axe, mounted, openPage, useBrowser } from "./helpers.mjs";
import { CHECKED_VIEWS, CHECKED_WITH } from "../../www/views/accessibility/checked.js";

const env = useBrowser();
const DATA = {
  hampshire: JSON.parse(readFileSync(new URL("../../data/hampshire.json", import.meta.url), "utf8")),
  template: JSON.parse(readFileSync(new URL("../../data/template.json", import.meta.url), "utf8")),
};
const BUILD = JSON.parse(readFileSync(new URL("../../target/site/build.json", import.meta.url), "utf8"));

/** What shows that each view has finished drawing. */
function ready(address) {
  if (address.startsWith("analyse.html")) return "#analyse-button";
  if (address.startsWith("data-guide.html")) return "#own-name";
  if (address.includes("embed=1")) return "#embed-source";
  if (address.includes("view=officer")) return ".officer-sources";
  if (address.includes("view=briefing")) return ".officer-sources";
  if (address.includes("view=easy-read")) return "#easy-read";
  if (address.includes("view=paper-form")) return "#paper-form";
  if (address.includes("view=accessibility")) return "#statement";
  return "#app:not([hidden])";
}

async function open(address, council = "hampshire") {
  const visit = await openPage(env.browser, `${env.server.url}${address}`);
  if (council !== "hampshire") {
    await visit.page.route("**/data/hampshire.json", (route) => route.fulfill({ contentType: "application/json", body: JSON.stringify(DATA[council]) }));
  }
  await visit.visit();
  await visit.page.locator(ready(address)).first().waitFor({ timeout: 60_000 });
  await visit.page.waitForFunction(mounted, null, { timeout: 60_000 });
  return visit;
}

test("the checks the statement lists are the test helper's axe tags", () => {
  // helpers.mjs axe() runs exactly these tags; the statement prints them in words.
  const helper = readFileSync(new URL("./helpers.mjs", import.meta.url), "utf8");
  assert.ok(helper.includes(JSON.stringify(CHECKED_WITH.tags).replaceAll(",", ", ")), "helpers.mjs axe() tags differ from checked.js");
  assert.deepEqual(CHECKED_WITH.browsers, ["Chromium (headless)"], "these tests run in Chromium only");
});

for (const view of CHECKED_VIEWS) {
  test(`${view.name} (${view.address}) links to the accessibility statement and passes axe`, { timeout: 120_000 }, async () => {
    const visit = await open(view.address);
    const { page } = visit;
    const link = page.locator("#accessibility-link");
    assert.equal(await link.count(), 1, "one link to the statement");
    assert.ok(await link.isVisible(), "the link shows");
    const href = await link.evaluate((a) => new URL(a.href));
    assert.equal(href.pathname.replace(/.*\//, "") || "index.html", "index.html");
    assert.equal(new URL(await link.evaluate((a) => a.href)).searchParams.get("view"), "accessibility");
    if (view.address.includes("embed=1")) {
      assert.equal(await link.getAttribute("target"), "_blank", "the embed opens the statement outside its frame");
      assert.match(await link.innerText(), /opens in a new tab/);
    }
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(visit.trouble.pageErrors, []);
    assert.deepEqual(visit.trouble.foreignRequests, []);
    await visit.context.close();
  });
}

describe("the statement", { timeout: 120_000 }, () => {
  for (const council of ["hampshire", "template"]) {
    test(`for ${council}'s data: name, contact details, status, gaps, enforcement, what was tested and when`, async () => {
      const data = DATA[council];
      const visit = await open("index.html?view=accessibility", council);
      const { page } = visit;
      const text = await page.locator("#statement").innerText();
      assert.equal(await page.locator("h1:visible").count(), 1, "the calculator's own heading is hidden");
      assert.equal(await page.locator("h1:visible").innerText(), `Accessibility statement for ${data.council}'s budget calculator`);
      assert.ok(text.includes(data.contact.email), "the contact email, from the data");
      assert.equal(await page.locator(`#statement a[href="mailto:${data.contact.email}"]`).count(), 2);
      assert.ok(text.includes(data.contact.address), "the postal address, from the data");
      if (data.contact.phone) assert.ok(text.includes(data.contact.phone));
      assert.match(text, /partially compliant with the Web Content Accessibility Guidelines \(WCAG\) version 2\.2 AA/);
      assert.match(text, /What is not accessible, and why/);
      assert.match(text, /Equality and Human Rights Commission \(EHRC\)/);
      assert.match(text, /Equality Advisory and Support Service \(EASS\)/);
      assert.match(text, /Equality Commission for Northern Ireland \(ECNI\)/);
      assert.match(text, /Public Sector Bodies \(Websites and Mobile Applications\) \(No\. 2\) Accessibility Regulations 2018/);
      const views = await page.locator("#statement-views li").allInnerTexts();
      assert.deepEqual(views, CHECKED_VIEWS.map((v) => v.name), "the statement lists exactly the views this file checks");
      assert.ok(text.includes("in Chromium (headless)"));
      assert.equal(await page.locator("#statement-built").innerText(), `This copy of the calculator was built from its code of ${BUILD.date} (version ${BUILD.commit}).`);
      assert.deepEqual(await axe(page), []);
      assert.deepEqual(visit.trouble.pageErrors, []);
      await visit.context.close();
    });
  }

  test("without contact details, it says to use the council's usual ones", async () => {
    const data = structuredClone(DATA.template);
    delete data.contact;
    DATA.plain = data;
    const visit = await open("index.html?view=accessibility", "plain");
    assert.match(await visit.page.locator("#statement").innerText(), /this calculator's data does not give them yet/);
    await visit.context.close();
  });
});
