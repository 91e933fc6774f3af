// The template and the guide for a finance officer preparing their own council's file:
// the guide (www/data-guide.html) is accessible, quiet and has no broken links; the
// calculator page links both from "Use your own council's data"; and the template, as the
// page serves it for download, loads through that section's file input as the fictional
// council's plan.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { axe, load, openPage, requestsSince, settled, useBrowser } from "./helpers.mjs";

const env = useBrowser();
const TEMPLATE = readFileSync(new URL("../../data/template.json", import.meta.url), "utf8");

describe("the guide for finance officers", { timeout: 120_000 }, () => {
  let visit;
  let page;
  before(async () => {
    visit = await openPage(env.browser, new URL("data-guide.html", env.server.url).href);
    page = visit.page;
    await visit.visit();
  });
  after(async () => {
    await visit.context.close();
  });

  test("has no accessibility violations (WCAG 2.2 AA), errors or requests elsewhere", async () => {
    assert.equal(await page.locator("h1").innerText(), "Preparing your council's data file");
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(visit.trouble.consoleErrors, []);
    assert.deepEqual(visit.trouble.pageErrors, []);
    assert.deepEqual(visit.trouble.failedResponses, []);
    assert.deepEqual(visit.trouble.foreignRequests, []);
    assert.deepEqual(await page.evaluate(() => globalThis.__cspViolations), []);
    // Its own stylesheet loaded (CSP allows only this site's): examples wrap, not scroll.
    assert.equal(await page.locator("pre").first().evaluate((e) => getComputedStyle(e).whiteSpace), "pre-wrap");
  });

  test("every link on it resolves: pages and files with 200, anchors to a heading", async () => {
    const hrefs = await page.locator("a[href], link[href]").evaluateAll((links) => links.map((a) => a.href));
    assert.ok(hrefs.length >= 10, hrefs.join("\n"));
    const here = new URL(page.url());
    for (const href of new Set(hrefs)) {
      const url = new URL(href);
      assert.equal(url.origin, here.origin, `${href} is on another site`);
      if (url.pathname === here.pathname && url.hash) {
        assert.equal(await page.locator(url.hash).count(), 1, `no target for ${href}`);
        continue;
      }
      const response = await page.request.get(href);
      assert.equal(response.status(), 200, href);
    }
    // The download is the template itself.
    const template = await page.request.get(new URL("data/template.json", here).href);
    assert.equal(await template.text(), TEMPLATE);
  });

  test("reads at 320 px wide without scrolling sideways", async () => {
    await page.setViewportSize({ width: 320, height: 640 });
    const { scroll, width } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      width: document.documentElement.clientWidth,
    }));
    assert.ok(scroll <= width, `${scroll} px of content in ${width} px`);
    assert.deepEqual(await axe(page), []);
  });
});

describe("the template from the calculator page", { timeout: 120_000 }, () => {
  let visit;
  let page;
  before(async () => {
    visit = await load(env);
    page = visit.page;
  });
  after(async () => {
    assert.deepEqual(visit.trouble.pageErrors, []);
    assert.deepEqual(visit.trouble.consoleErrors, []);
    assert.deepEqual(visit.trouble.foreignRequests, []);
    await visit.context.close();
  });

  test("the own-data section links the guide and the template", async () => {
    const section = page.locator("#own-data");
    assert.equal(await section.locator('a[href="data-guide.html"]').innerText(), "the guide for finance officers");
    assert.equal(await section.locator('a[href="data/template.json"]').innerText(), "the template");
  });

  test("the template downloads and, chosen in the file input, replaces the plan with the fictional council's", async () => {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator('#own-data a[href="data/template.json"]').click(),
    ]);
    assert.equal(download.suggestedFilename(), "template.json");
    const saved = readFileSync(await download.path()); // Playwright keeps it under a made-up name
    assert.equal(saved.toString("utf8"), TEMPLATE);

    const requests = visit.trouble.requests.length;
    await page.locator("#data-file").setInputFiles({ name: download.suggestedFilename(), mimeType: "application/json", buffer: saved });
    await page.locator("#use-default").waitFor();
    assert.equal(await page.locator("#own-data-errors").innerText(), "");
    await page.locator("#own-data-status", { hasText: "now shows Wessex Vale County Council's plan, from template.json" }).waitFor();
    // The template has a branding section: its introduction is the lede, and its name heads the
    // page. The branding module loads when a data set has branding, after the status says
    // which plan is shown, so the lede is waited for, not read at once (it raced on CI).
    await page.locator("#council", { hasText: /^Wessex Vale County Council must set a balanced budget each year/ }).waitFor();
    assert.equal(await page.locator(".header__name").innerText(), "Wessex Vale County Council");
    assert.match(await page.locator("#about").innerText(), /A fictional council, invented as a template/);
    await settled(page);
    assert.deepEqual(await page.locator("#budget thead th").allInnerTexts(), ["2020/21", "2021/22", "2022/23", "2023/24"]);
    const legends = await page.locator("#levers .year__legend").allInnerTexts();
    for (const name of ["Efficiency programme 2019", "Vale 2021 transformation", "Future Vale 2023"]) {
      assert.ok(legends.includes(name), legends.join(", "));
    }
    // The template states police and fire precepts: the headline shows the council's share
    // and, apart from it, the whole bill (issue 14). 2023/24: 1,539.50 + 255 + 81 = 1,875.50.
    const bandD = await page.locator(".figure--band-d").innerText();
    assert.match(bandD, /Band D in 2023\/24: your council's share/);
    assert.match(bandD, /Your whole bill \(with Police and Crime Commissioner and Fire and Rescue Authority\): £1,875\.50/);
    // The template's plan runs reserves below the safe minimum in its last year.
    assert.match(await page.locator("#warnings").innerText(), /safe minimum of £15m in 2023\/24/);
    assert.deepEqual(await axe(page), []);
    // Reading the file sent nothing anywhere (the page's own file-reading code aside, the
    // template's branding: its code and its logo, and the risk section's code, which loads
    // when that section comes near the screen, as the new plan's layout can bring it: all
    // from this site).
    const insight = ["/views/insight/index.js", "/views/insight/worker.js", "/views/insight/insight.css", "/pkg/mtfs_insight.js", "/pkg/mtfs_insight_bg.wasm"];
    assert.deepEqual(requestsSince(visit.trouble, requests, ["/components/own-data/read-file.js", "/components/budget-builder/suggestions.js", "/views/branding/index.js", "/branding/wessex-vale.svg", ...insight]), []);
    assert.deepEqual(visit.trouble.sent, []);
  });
});
