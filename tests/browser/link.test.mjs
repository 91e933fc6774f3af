// Scenario links: the choices live in the address's fragment, so a link reproduces every
// choice exactly in a fresh browser; Back and Forward step between settled choices; a
// damaged, tampered or outdated link says so and shows the plan; the copy button copies
// the link, or offers it selected in a box where the browser will not.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { axe, load, mounted, openPage, settled, useBrowser } from "./helpers.mjs";

const env = useBrowser();

/** Every control's value, the reserves tick and the headline figures. */
async function state(page) {
  await settled(page);
  return {
    // As numbers: a link holds each value as the engine reads it ("1.50" comes back as 1.5).
    inputs: await page.locator("#levers input[type=number], #levers input[type=range]").evaluateAll((list) =>
      list.map((i) => `${i.id}=${i.value === "" ? "" : Number(i.value)}`),
    ),
    reserves: await page.locator("#use-reserves").isChecked(),
    figures: await page.locator("#figures").innerText(),
    sentence: await page.locator("#sentence").innerText(),
  };
}

/** Opens the page at an address with a fragment, in a fresh context. */
async function visitAt(hash) {
  const visit = await openPage(env.browser, `${env.server.url}${hash}`);
  await visit.visit();
  await visit.page.locator("#app:not([hidden]), .error-summary").first().waitFor();
  await visit.page.waitForFunction(mounted);
  await settled(visit.page);
  return visit;
}

/** Waits until the address shows the choices (it is written at most every 150 ms). */
const addressSettles = (page) => page.waitForTimeout(400);

describe("scenario links", { timeout: 120_000 }, () => {
  let plan;
  before(async () => {
    const visit = await load(env);
    plan = await state(visit.page);
    assert.equal(new URL(visit.page.url()).hash, "");
    await visit.context.close();
  });

  test("a link reproduces every choice exactly, set by keyboard, in a fresh browser", async () => {
    const visit = await load(env);
    const { page } = visit;
    const sliders = await page.locator("#levers input[type=range]").all();
    assert.ok(sliders.length >= 15, `${sliders.length} sliders`);
    for (const slider of sliders) {
      const before = await slider.inputValue();
      await slider.focus();
      await page.keyboard.press("ArrowLeft");
      if ((await slider.inputValue()) === before) await page.keyboard.press("ArrowRight");
      assert.notEqual(await slider.inputValue(), before, await slider.getAttribute("id"));
    }
    // A value typed as a person might, trailing zero and all.
    await page.locator("#asc-2022-23-input").fill("1.50");
    await page.locator("#use-reserves").focus();
    await page.keyboard.press("Space");
    await addressSettles(page);
    const chosen = await state(page);
    assert.notDeepEqual(chosen.figures, plan.figures);
    assert.equal(chosen.reserves, false);
    const url = page.url();
    assert.match(new URL(url).hash, /^#s2\.[A-Za-z0-9._~-]+$/);
    // The link writes each value as the engine reads it: "1.50" as 1.5.
    assert.match(url, /a2022_1\.5(~|$)/);
    assert.deepEqual(visit.trouble.consoleErrors, []);
    await visit.context.close();

    const fresh = await visitAt(new URL(url).hash);
    assert.deepEqual(await state(fresh.page), chosen);
    assert.equal(await fresh.page.locator("#link-notice").count(), 0);
    assert.equal(fresh.page.url(), url);
    assert.deepEqual(fresh.trouble.pageErrors, []);
    assert.deepEqual(fresh.trouble.consoleErrors, []);
    await fresh.context.close();
  });

  for (const [what, hash, reason] of [
    ["garbled", "#s1.c2020_2~~", /missing or damaged/],
    ["not a number", "#s1.c2020_two", /value for core council tax rise in 2020\/21 is not a number/],
    ["an unknown year", "#s1.c2031_2", /not in the council's plan/],
    ["an unknown programme", "#s1.dtt2099_50", /not in the council's plan/],
    ["out of range", "#s1.dtt2019_500", /outside what the calculator allows/],
    ["a delay in part-years", "#s1.ltt2019_1.5", /outside what the calculator allows/],
    ["from another version", "#s7.c2020_2", /different version/],
    ["not a scenario at all", "#hello", /not a link to a set of choices/],
  ]) {
    test(`a link that is ${what} says so and shows the plan`, async () => {
      const visit = await visitAt(hash);
      const { page } = visit;
      const notice = page.locator("#link-notice");
      assert.equal(await notice.isVisible(), true);
      const text = await notice.innerText();
      assert.match(text, /The link to a set of choices could not be used/);
      assert.match(text, reason);
      assert.match(text, /showing the council's plan instead/);
      assert.deepEqual(await state(page), plan);
      assert.equal(new URL(page.url()).hash, "");
      assert.deepEqual(visit.trouble.pageErrors, []);
      assert.deepEqual(visit.trouble.consoleErrors, []);
      if (what === "garbled") assert.deepEqual(await axe(page), []);
      await visit.context.close();
    });
  }

  test("a link the engine refuses says so and shows the plan", async () => {
    const visit = await visitAt("#s1.i_-9999");
    const { page } = visit;
    const text = await page.locator("#link-notice").innerText();
    assert.match(text, /could not be used.*The link's value for extra inflation on all costs \(-9999\) is outside what the calculator allows\.\n/s);
    assert.deepEqual(await state(page), plan);
    await visit.context.close();
  });

  test("Back and Forward step between settled choices", async () => {
    const visit = await load(env);
    const { page } = visit;
    await page.locator("#core-2020-21-input").fill("1.5");
    await page.waitForTimeout(1300); // the results settle
    const first = await state(page);
    const firstUrl = page.url();
    await page.locator("#delay-tt2021-slider").focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await page.waitForTimeout(1300);
    const second = await state(page);
    assert.notDeepEqual(second, first);
    await page.goBack();
    await page.waitForFunction((u) => location.href === u, firstUrl);
    assert.deepEqual(await state(page), first);
    await page.goBack();
    assert.equal(new URL(page.url()).hash, "");
    assert.deepEqual(await state(page), plan);
    await page.goForward();
    await page.goForward();
    assert.deepEqual(await state(page), second);
    assert.deepEqual(visit.trouble.pageErrors, []);
    await visit.context.close();
  });

  test("an address edited by hand shows its choices, or the notice", async () => {
    const visit = await load(env);
    const { page } = visit;
    await page.evaluate(() => (location.hash = "#s1.gsocial-care_150"));
    await page.waitForFunction(() => document.querySelector("#growth-social-care-input").value === "150");
    await page.evaluate(() => (location.hash = "#s1.gsocial-care_x"));
    await page.locator("#link-notice").waitFor();
    assert.deepEqual(await state(page), plan);
    await visit.context.close();
  });

  test("the copy button copies the link and says so", async () => {
    const visit = await load(env);
    const { page, context } = visit;
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.server.url });
    await page.locator("#funding-input").fill("-10");
    await addressSettles(page);
    await page.locator("#copy-link").click();
    await page.locator("#share-status", { hasText: "Link copied" }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), page.url());
    assert.match(page.url(), /#s2\.f_-10$/);
    assert.deepEqual(await axe(page), []);
    await visit.context.close();
  });

  test("where the browser will not copy, the link is in a box, selected", async () => {
    const visit = await load(env, {}, (page) =>
      page.addInitScript(() => {
        Object.defineProperty(navigator, "clipboard", { value: { writeText: () => Promise.reject(new Error("no")) } });
      }),
    );
    const { page } = visit;
    await page.locator("#copy-link").focus();
    await page.keyboard.press("Enter");
    await page.locator("#share-status", { hasText: "did not let the page copy" }).waitFor();
    const box = page.locator("#share-url");
    assert.equal(await box.isVisible(), true);
    assert.equal(await box.inputValue(), page.url());
    assert.equal(await page.evaluate(() => document.activeElement.id), "share-url");
    assert.deepEqual(await axe(page), []);
    await visit.context.close();
  });
});
