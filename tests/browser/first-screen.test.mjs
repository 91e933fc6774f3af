// The first screen before the engine (issue 13): the page's own plan is drawn from the
// engine's answers worked out when the site was built (`mtfs first-screen`, written to
// data/hampshire.first.json by scripts/build-web.sh), and the engine (134 kB gzip) loads
// when the resident starts to use the calculator or the browser is idle. These tests check
// that those answers are the live engine's, to the byte; that nothing on screen changes
// when the engine takes over; that a resident who acts before it has loaded loses nothing;
// and that a data file edited without rebuilding the site is never drawn from stale answers.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { calculatorShown, load, openPage, settled, useBrowser } from "./helpers.mjs";

const env = useBrowser();

const engineReady = (page) => page.evaluate(() => performance.getEntriesByName("mtfs:engine-ready").length > 0);

describe("the first screen, drawn before the engine loads", { timeout: 120_000 }, () => {
  test("its answers are the live engine's, byte for byte (the plan and the options)", async () => {
    const visit = await load(env);
    const { page } = visit;
    assert.equal(await page.evaluate(() => globalThis.mtfsPage.firstScreen !== null), true, "drawn from the first screen's answers");
    await page.evaluate(() => globalThis.mtfsPage.engine());
    const same = await page.evaluate(async () => {
      const glue = await import("/pkg/mtfs.js"); // the page's own engine module, running
      const data = await (await fetch("/data/hampshire.json")).json();
      const live = new glue.Calculator(data);
      const built = (await (await fetch("/data/hampshire.first.json")).json()).answers;
      const text = JSON.stringify;
      const state = globalThis.mtfsPage.store.get();
      return {
        plan: text(built.plan) === text(live.project(null)),
        options: text(built.options) === text(live.options()),
        shownPlan: text(state.plan) === text(live.project(null)),
        shownOptions: text(state.optionList) === text(live.options()),
        // The plan's own scenario, worked out by the engine now running, is the plan shown.
        planScenario: text(state.calculator.project(state.scenario)) === text(live.project(state.scenario)),
      };
    });
    assert.deepEqual(same, { plan: true, options: true, shownPlan: true, shownOptions: true, planScenario: true });
    assert.deepEqual(visit.trouble.pageErrors, []);
    assert.deepEqual(visit.trouble.consoleErrors, []);
    await visit.context.close();
  });

  test("is shown without the engine, and nothing on it changes when the engine takes over", async () => {
    const { visit, release } = await heldBack();
    const { page } = visit;
    await settled(page);
    assert.equal(await engineReady(page), false, "the engine has not loaded");
    assert.match(await page.locator("#figures").innerText(), /£/, "the headline is drawn");
    assert.equal(await page.locator("#budget table").count(), 1, "the MTFS table is drawn");
    const before = await page.locator("#main").innerHTML();
    release();
    await page.evaluate(() => globalThis.mtfsPage.engine());
    assert.equal(await engineReady(page), true);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await settled(page);
    assert.equal(await page.locator("#main").innerHTML(), before, "the page is the same, element for element");
    assert.deepEqual(visit.trouble.pageErrors, []);
    await visit.context.close();
  });

  test("a resident who acts before the engine has loaded loses nothing: each input is answered once it runs", async () => {
    const { visit, release } = await heldBack();
    const { page } = visit;
    const plan = await page.locator("#figures").innerText();
    await page.locator("#delivery-tt2023-slider").focus();
    await page.keyboard.press("Home"); // none of Tt2023's savings delivered
    await page.locator("#core-2020-21-input").fill("3");
    await page.waitForTimeout(200);
    assert.equal(await engineReady(page), false, "still loading");
    assert.equal(await page.locator("#figures").innerText(), plan, "nothing worked out yet");
    assert.equal(await page.locator("#core-2020-21-input").inputValue(), "3", "what was typed stays");
    release();
    await settled(page);
    const state = await page.evaluate(() => {
      const s = globalThis.mtfsPage.store.get();
      const text = JSON.stringify;
      return {
        moved: [...s.values.keys()].sort(),
        answered: text(s.projection) === text(s.calculator.project(s.scenario)),
        fragment: s.fragment,
      };
    });
    assert.equal(state.moved.length, 2, `both inputs kept: ${state.moved}`);
    assert.equal(state.answered, true, "the results are the engine's for both inputs");
    assert.notEqual(await page.locator("#figures").innerText(), plan, "the headline shows them");
    // The same choices from a link, on a page whose engine loads at once: the same headline.
    const shown = await page.locator("#figures").innerText();
    // Opened at the link's address (not the page and then the fragment: that is a change
    // of fragment in a page already running, which raced the headline's read on CI).
    const linked = await openPage(env.browser, `${env.server.url}${state.fragment}`);
    await linked.visit();
    await calculatorShown(linked.page);
    await settled(linked.page);
    assert.equal(await linked.page.locator("#figures").innerText(), shown);
    assert.deepEqual(visit.trouble.pageErrors, []);
    assert.deepEqual(visit.trouble.consoleErrors, []);
    await linked.context.close();
    await visit.context.close();
  });

  test("a data file edited without rebuilding the site is worked out by the engine, not drawn from stale answers", async () => {
    const visit = await load(env, {}, (page) =>
      page.route("**/data/hampshire.json", async (route) => {
        const data = await (await route.fetch()).json();
        data.services[0].base.value = "395455000"; // £10m more for the first service
        await route.fulfill({ json: data });
      }),
    );
    const { page } = visit;
    const seen = await page.evaluate(async () => {
      const marks = (name) => performance.getEntriesByName(name)[0]?.startTime;
      const built = (await (await fetch("/data/hampshire.first.json")).json()).answers.plan;
      const shown = globalThis.mtfsPage.store.get().plan;
      return {
        firstScreen: globalThis.mtfsPage.firstScreen,
        engineFirst: marks("mtfs:engine-ready") < marks("mtfs:first-result"),
        builtBudget: built.years[0].services[0].budget,
        shownBudget: shown.years[0].services[0].budget,
      };
    });
    assert.equal(seen.firstScreen, null, "the built answers are not used");
    assert.equal(seen.engineFirst, true, "the engine loaded before the plan was shown");
    assert.notEqual(seen.shownBudget, seen.builtBudget, "the plan shown is the edited file's");
    await visit.context.close();
  });
});

/** The page, its engine's wasm held back until `release()`: a slow start on demand. */
async function heldBack() {
  let release;
  const gate = new Promise((resolve) => (release = resolve));
  const visit = await load(env, {}, (page) =>
    page.route("**/pkg/mtfs_bg.wasm", async (route) => {
      await gate;
      await route.continue();
    }),
  );
  return { visit, release };
}
