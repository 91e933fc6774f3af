// The page end to end in headless Chromium: it shows the council's plan first, says what
// went wrong when it cannot, loads nothing from elsewhere, passes axe at WCAG 2.2 AA, and
// works at 320 px wide, at 200% zoom and in print.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { WWW, axe, load, row, settled, sidewaysOverflow, useBrowser } from "./helpers.mjs";

const env = useBrowser();

describe("the council's plan", { timeout: 60_000 }, () => {
  let visit;
  before(async () => {
    visit = await load(env);
  });
  after(() => visit.context.close());

  test("shows Hampshire's plan first: the headline, the charts and every table", async () => {
    const { page } = visit;
    assert.match(await page.locator("#council").innerText(), /Hampshire County Council: the council's plan from 2020\/21 to 2023\/24/);
    assert.equal(
      await page.locator("#sentence").innerText(),
      "The council could balance its budget every year to 2023/24 and keep its reserves above the safe minimum.",
    );
    const figures = await page.locator("#figures").innerText();
    assert.match(figures, /Gap to fill in 2023\/24\s+£0/);
    assert.match(figures, /Reserves at the end of 2023\/24\s+£58\.1m/);
    assert.match(figures, /Band D council tax in 2023\/24\s+£1,446\.47/);
    assert.match(figures, /£1,236\.87 in 2019\/20/);
    assert.match(figures, /Band D bill in 2023\/24\s+£1,446\.47 a year\s+£4\.03 a week more than in 2019\/20/);
    // Band D in 2020/21 and its bands, from the budget papers.
    assert.deepEqual(await row(page, "#council-tax", "Band D, a year"), ["£1,286.28", "£1,337.60", "£1,390.97", "£1,446.47"]);
    assert.deepEqual((await row(page, "#bands", "Band A")).slice(0, 1), ["£857.52"]);
    assert.deepEqual(await row(page, "#bands", "Band H"), ["£2,572.56", "£2,675.20", "£2,781.94", "£2,892.94", "£8.06"]);
    assert.deepEqual(await row(page, "#council-tax", "Referendum needed"), ["No", "No", "No", "No"]);
    // The MTFS table: a caption, one column per year, money in £ million.
    assert.match(await page.locator("#budget caption").innerText(), /2020\/21 to 2023\/24, £ million/);
    assert.deepEqual(await page.locator("#budget thead th").allInnerTexts(), ["2020/21", "2021/22", "2022/23", "2023/24"]);
    assert.deepEqual(await row(page, "#budget", "Net budget"), ["837.2", "830.8", "906.3", "903.2"]);
    assert.deepEqual(await row(page, "#budget", "Budget Bridging Reserve"), ["15.4", "30.4", "5.2", "5.2"]);
    // The gap chart's table: the planned £40m and £40.2m gaps and Tt2021's early and late delivery.
    assert.deepEqual(await row(page, "#gap-chart", "Budget gap"), ["40.0", "0.0", "40.2", "0.0"]);
    assert.deepEqual(await row(page, "#gap-chart", "Savings not delivered"), ["-24.1", "19.1", "6.2", "0.0"]);
    assert.deepEqual(await row(page, "#reserves-chart", "Total reserves"), ["93.6", "89.5", "58.1", "58.1"]);
    // No warnings in the plan.
    assert.equal(await page.locator("#warnings").innerText(), "");
    assert.equal(await page.locator(".notice:visible").count(), 0);
  });

  test("draws both charts as labelled images, each with a table of its figures", async () => {
    const { page } = visit;
    for (const [id, words] of [
      ["#gap-chart", /gap each year.*2020\/21 £15\.9m, 2021\/22 £19\.1m, 2022\/23 £46\.4m, 2023\/24 £0\.0m/],
      ["#reserves-chart", /total reserves.*2020\/21 £93\.6m; 2021\/22 £89\.5m; 2022\/23 £58\.1m; 2023\/24 £58\.1m/],
    ]) {
      const chart = page.locator(`${id} svg[role=img]`);
      assert.equal(await chart.count(), 1);
      const title = await chart.locator("title").textContent();
      assert.match(title, words);
      assert.ok((await chart.locator("rect.bar").count()) >= 4, `${id} has bars`);
      assert.equal(await page.locator(`${id} table`).count(), 1);
    }
    // The minimum is marked on the reserves chart, once a year.
    assert.equal(await page.locator("#reserves-chart line.chart__minimum").count(), 4);
  });

  test("has no console errors, no page errors, no failed requests, no other hosts and no CSP violations", async () => {
    const { trouble, page } = visit;
    assert.deepEqual(trouble.pageErrors, []);
    assert.deepEqual(trouble.failedResponses, []);
    assert.deepEqual(trouble.consoleErrors, []);
    assert.deepEqual(trouble.foreignRequests, []);
    assert.deepEqual(await page.evaluate(() => globalThis.__cspViolations), []);
    // The first screen's code (the site is bundled: app.js and the chunks index.html
    // preloads, scripts/bundle-site.mjs), the engine and the data, each once: the preloads
    // are used, not fetched twice, and no module is fetched twice.
    const preloaded = [...readFileSync(join(WWW, "index.html"), "utf8").matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]);
    assert.ok(preloaded.length >= 1 && preloaded.every((file) => file.startsWith("chunks/")), preloaded.join(" "));
    const paths = trouble.requests.map((url) => new URL(url).pathname.slice(1));
    for (const file of ["app.js", ...preloaded, "pkg/mtfs.js", "pkg/mtfs_bg.wasm", "data/hampshire.json"]) {
      assert.equal(paths.filter((path) => path === file).length, 1, `${file} fetched once`);
    }
    for (const file of paths.filter((path) => path.endsWith(".js"))) {
      assert.equal(paths.filter((path) => path === file).length, 1, `${file} fetched once`);
    }
    // What the first screen draws with is in them: the engine's loader, the sliders, the
    // options and the gap chart (their code, by a name each exports).
    const code = ["app.js", ...preloaded].map((file) => readFileSync(join(WWW, file), "utf8")).join("\n");
    for (const marker of ["mtfs:engine-ready", "lever-form", "budget-builder", "gap-section"]) assert.ok(code.includes(marker), marker);
  });

  test("marks when the first result was shown, for the benchmark", async () => {
    const marks = await visit.page.evaluate(() => performance.getEntriesByType("mark").map((m) => m.name));
    for (const name of ["mtfs:engine-ready", "mtfs:data-loaded", "mtfs:first-result"]) assert.ok(marks.includes(name), name);
  });

  test("passes axe-core at WCAG 2.2 AA", async () => {
    assert.deepEqual(await axe(visit.page), []);
  });

  test("every control has a visible label, and every slider a number box with the same value", async () => {
    const { page } = visit;
    const sliders = page.locator("#levers input[type=range]");
    const count = await sliders.count();
    assert.ok(count >= 14, `${count} sliders`);
    for (let i = 0; i < count; i += 1) {
      const slider = sliders.nth(i);
      const key = await slider.getAttribute("data-key");
      const box = page.locator(`#levers input[type=number][data-key="${key}"]`);
      assert.equal(await box.count(), 1, `${key} has a number box`);
      const label = await page.locator(`#${await slider.getAttribute("aria-labelledby")}`).innerText();
      assert.ok(label.length > 5, `${key} is labelled`);
      assert.equal(await page.locator(`label[for="${await box.getAttribute("id")}"]`).innerText(), label);
      assert.equal(Number(await slider.inputValue()), Number(await box.inputValue()), key);
    }
  });
});

describe("at 320 pixels wide", { timeout: 60_000 }, () => {
  test("the page does not scroll sideways; wide tables scroll in their own region", async () => {
    const visit = await load(env, { viewport: { width: 320, height: 640 } });
    const { page } = visit;
    const overflow = await sidewaysOverflow(page);
    assert.ok(overflow <= 0, `page is ${overflow}px too wide`);
    const region = page.locator("#budget [role=region]");
    assert.equal(await region.getAttribute("tabindex"), "0");
    // The charts are drawn to fit. Out of sight, they are drawn when the browser is idle,
    // which a busy machine can delay: settled() draws them now.
    await settled(page);
    const chartWidth = await page.locator("#gap-chart svg").evaluate((svg) => svg.getBoundingClientRect().width);
    assert.ok(chartWidth <= 290, `chart is ${chartWidth}px wide`);
    assert.deepEqual(await axe(page), []);
    await page.screenshot({ path: "/tmp/mtfs-320.png", fullPage: true });
    await visit.context.close();
  });
});

describe("at 200% zoom (1280 × 720 shown as 640 × 360)", { timeout: 60_000 }, () => {
  test("nothing scrolls sideways, and no bar covers the page", async () => {
    const visit = await load(env, { viewport: { width: 640, height: 360 }, deviceScaleFactor: 2 });
    const { page } = visit;
    const overflow = await sidewaysOverflow(page);
    assert.ok(overflow <= 0, `page is ${overflow}px too wide`);
    await page.locator("#reset").scrollIntoViewIfNeeded();
    assert.equal(await page.locator("#ticker").isVisible(), false, "the figures bar stays out of the way when the screen is short");
    assert.deepEqual(await axe(page), []);
    await visit.context.close();
  });
});

describe("in print", { timeout: 60_000 }, () => {
  test("prints the headline, the charts, the tables and the choices, not the controls", async () => {
    const visit = await load(env);
    const { page } = visit;
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.locator("#controls").isVisible(), false);
    assert.equal(await page.locator("#ticker").isVisible(), false);
    for (const id of ["#figures", "#gap-chart svg", "#reserves-chart svg", "#budget table", "#bands table", "#choices-list"]) {
      assert.equal(await page.locator(id).isVisible(), true, `${id} prints`);
    }
    assert.match(await page.locator("#choices-list").innerText(), /Core council tax rise in 2020\/21: 1\.995%/);
    await page.screenshot({ path: "/tmp/mtfs-print.png", fullPage: true });
    await visit.context.close();
  });
});

describe("sections out of sight, as served", { timeout: 60_000 }, () => {
  // The page leaves a section out of sight unrendered (content-visibility: auto) so that an
  // input lays out and paints only what is on screen (README, "Speed"). The other tests see
  // every section rendered (helpers.mjs, openPage); these see the page as a resident does.
  const rendered = (page, selector) => page.locator(selector).evaluate((e) => e.innerText.trim().length > 0);

  test("are left unrendered, then drawn in full as they come into sight", async () => {
    const visit = await load(env, { asServed: true, viewport: { width: 1280, height: 720 } });
    const { page } = visit;
    await page.evaluate(() => globalThis.mtfsPage.engine());
    for (const selector of ["#builder", "#glance", "#controls", "#results > section"]) {
      assert.equal(await page.locator(selector).first().evaluate((e) => getComputedStyle(e).contentVisibility), "auto", selector);
    }
    assert.equal(await rendered(page, "#budget"), false, "the budget table, far below, is not rendered");
    // Moving a lever far down the form changes the tables out of sight.
    await page.locator("#core-2021-22-input").fill("4.99");
    await page.locator("#core-2021-22-input").press("Tab");
    await page.locator("#budget").scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelector("#budget").innerText.includes("Net budget"));
    assert.match(await page.locator("#budget").innerText(), /Council tax/);
    await page.locator("#gap-chart").scrollIntoViewIfNeeded();
    await page.locator("#gap-chart svg[role=img]").waitFor();
    // A section that comes into sight is rendered at the next frame, not at once.
    await page.waitForFunction(() => document.querySelector("#gap-chart").innerText.trim().length > 0);
    // What it shows is the lever's result, the same as the page with every section rendered.
    const asServed = await row(page, "#council-tax", "Band D, a year");
    const shown = await load(env);
    await shown.page.locator("#core-2021-22-input").fill("4.99");
    await shown.page.locator("#core-2021-22-input").press("Tab");
    await shown.page.evaluate(() => globalThis.mtfsPage.settled());
    assert.deepEqual(asServed, await row(shown.page, "#council-tax", "Band D, a year"));
    assert.notEqual(asServed[1], "£1,337.60", "the rise changed 2021/22's Band D");
    await shown.context.close();
    await visit.context.close();
  });

  test("print in full, never having been in sight", async () => {
    const visit = await load(env, { asServed: true, viewport: { width: 1280, height: 720 } });
    const { page } = visit;
    await page.emulateMedia({ media: "print" });
    for (const id of ["#figures", "#gap-chart svg", "#reserves-chart svg", "#budget table", "#bands table"]) {
      assert.equal(await page.locator(id).isVisible(), true, `${id} prints`);
    }
    assert.equal(await rendered(page, "#budget"), true);
    await visit.context.close();
  });
});

describe("when something goes wrong, the page says what and what to do", { timeout: 60_000 }, () => {
  async function problemShown(prepare) {
    const visit = await load(env, {}, prepare);
    const summary = visit.page.locator(".error-summary");
    await summary.waitFor();
    assert.equal(await visit.page.locator("#app").isHidden(), true);
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

  test("a browser without requestIdleCallback (Safari) still draws every table", async () => {
    const visit = await load(env, {}, (page) => page.addInitScript(() => delete globalThis.requestIdleCallback));
    const { page } = visit;
    await page.locator("#delivery-tt2023-slider").focus();
    await page.keyboard.press("Home");
    // Out of sight, the MTFS table is drawn on the fallback's timer, without help from settled().
    await page.waitForFunction(
      () => document.querySelector("#budget tbody tr.total:last-child td:last-child")?.textContent !== "0.0",
    );
    assert.deepEqual(visit.trouble.pageErrors, []);
    await visit.context.close();
  });

  test("the engine does not load", async () => {
    const text = await problemShown((page) =>
      page.route("**/pkg/mtfs_bg.wasm", (route) => route.fulfill({ status: 404, body: "" })),
    );
    assert.match(text, /could not start/);
  });
});
