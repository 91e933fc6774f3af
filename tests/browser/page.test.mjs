// The page end to end in headless Chromium: it shows the council's plan, says what went
// wrong when it cannot, loads nothing from elsewhere and passes axe at WCAG 2.2 AA.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { axe, openPage, useBrowser } from "./helpers.mjs";

const SCREENSHOT = "/tmp/mtfs-page.png";

const env = useBrowser();

/** Opens the page and waits until it has shown the plan or a problem. */
async function load(options, prepare = async () => {}) {
  const visit = await openPage(env.browser, env.server.url, options);
  await prepare(visit.page);
  await visit.visit();
  await visit.page.locator("#results:not([hidden]), .error-summary").first().waitFor();
  return visit;
}

describe("the council's plan", { timeout: 60_000 }, () => {
  let visit;
  before(async () => {
    visit = await load();
  });
  after(() => visit.context.close());

  test("shows Hampshire's base case", async () => {
    const { page } = visit;
    const text = await page.locator("main").innerText();
    assert.match(text, /Hampshire County Council/);
    // Band D in 2020/21, from the budget papers.
    const firstYear = page.locator("#council-tax tbody tr").first();
    assert.equal(await firstYear.locator("th").innerText(), "2020/21");
    assert.equal(await firstYear.locator("td").first().innerText(), "£1,286.28");
    // The MTFS table: a caption, one column per year, money in £ million.
    const caption = await page.locator("#budget caption").innerText();
    assert.match(caption, /2020\/21 to 2023\/24, £ million/);
    const years = await page.locator("#budget thead th").allInnerTexts();
    assert.deepEqual(years, ["2020/21", "2021/22", "2022/23", "2023/24"]);
    const net = await page.locator("#budget tr", { hasText: "Net budget" }).locator("td").allInnerTexts();
    assert.equal(net.length, 4);
    for (const cell of net) assert.match(cell, /^\d{1,3}(,\d{3})*\.\d$/);
    // The summary says something either way.
    assert.ok((await page.locator("#summary").innerText()).length > 50);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  test("has no console errors, no page errors, no failed requests and no other hosts", () => {
    const { trouble } = visit;
    assert.deepEqual(trouble.pageErrors, []);
    assert.deepEqual(trouble.failedResponses, []);
    assert.deepEqual(trouble.consoleErrors, []);
    assert.deepEqual(trouble.foreignRequests, []);
    for (const file of ["app.js", "pkg/mtfs.js", "pkg/mtfs_bg.wasm", "data/hampshire.json"]) {
      assert.ok(trouble.requests.some((url) => url.endsWith(file)), `requested ${file}`);
    }
  });

  test("passes axe-core at WCAG 2.2 AA", async () => {
    assert.deepEqual(await axe(visit.page), []);
  });
});

describe("at 320 pixels wide", { timeout: 60_000 }, () => {
  test("the page does not scroll sideways; wide tables scroll in their own region", async () => {
    const visit = await load({ viewport: { width: 320, height: 640 } });
    const { page } = visit;
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px too wide`);
    const region = page.locator("#budget [role=region]");
    assert.equal(await region.getAttribute("tabindex"), "0");
    assert.deepEqual(await axe(page), []);
    await visit.context.close();
  });
});

describe("when something goes wrong, the page says what and what to do", { timeout: 60_000 }, () => {
  async function problemShown(prepare) {
    const visit = await load({}, prepare);
    const summary = visit.page.locator(".error-summary");
    await summary.waitFor();
    assert.equal(await visit.page.locator("#results").isHidden(), true);
    const focused = await visit.page.evaluate(() => document.activeElement?.className);
    assert.equal(focused, "error-summary", "the problem takes focus");
    assert.deepEqual(visit.trouble.pageErrors, []);
    assert.deepEqual(await axe(visit.page), []);
    const text = await summary.innerText();
    await visit.context.close();
    return text;
  }

  test("a data set with a mistake: each field and its problem", async () => {
    const text = await problemShown((page) =>
      page.route("**/data/hampshire.json", async (route) => {
        const data = await (await route.fetch()).json();
        data.services[0].base.value = "12,5m";
        await route.fulfill({ json: data });
      }),
    );
    assert.match(text, /There is a problem with the council's figures/);
    assert.match(text, /services\[0\]\.base\.value: not a number: "12,5m"/);
  });

  test("the data cannot be downloaded", async () => {
    const text = await problemShown((page) =>
      page.route("**/data/hampshire.json", (route) => route.fulfill({ status: 404, body: "" })),
    );
    assert.match(text, /could not be loaded/);
    assert.match(text, /404/);
    assert.match(text, /reload the page/);
  });

  test("the data is not JSON", async () => {
    const text = await problemShown((page) =>
      page.route("**/data/hampshire.json", (route) => route.fulfill({ body: "<html>oops</html>" })),
    );
    assert.match(text, /could not be loaded/);
  });

  test("no WebAssembly in this browser", async () => {
    const text = await problemShown((page) => page.addInitScript(() => delete globalThis.WebAssembly));
    assert.match(text, /cannot run this calculator/);
    assert.match(text, /WebAssembly/);
  });

  test("the engine does not load", async () => {
    const text = await problemShown((page) =>
      page.route("**/pkg/mtfs_bg.wasm", (route) => route.fulfill({ status: 404, body: "" })),
    );
    assert.match(text, /could not start/);
  });
});
