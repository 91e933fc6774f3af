// Each choice, moved by keyboard, changes the results it should; the warnings appear when
// they should (a referendum, reserves running out); bad numbers are explained beside their
// box; results are announced politely once input settles; axe finds nothing in the
// warning states either.
import { after, afterEach, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { axe, load, row, settled, useBrowser } from "./helpers.mjs";

const env = useBrowser();

describe("the choices, by keyboard", { timeout: 120_000 }, () => {
  let visit;
  let page;
  before(async () => {
    visit = await load(env, { viewport: { width: 1280, height: 900 } });
    page = visit.page;
  });
  afterEach(async () => {
    // Back to the plan between tests, by keyboard too.
    await page.locator("#reset").focus();
    await page.keyboard.press("Enter");
    assert.deepEqual(await row(page, "#gap-chart", "Gap to fill"), ["15.9", "19.1", "46.4", "0.0"]);
  });
  after(async () => {
    assert.deepEqual(visit.trouble.pageErrors, []);
    assert.deepEqual(visit.trouble.consoleErrors, []);
    await visit.context.close();
  });

  /**
   * Focuses a control and presses keys on it, then waits until the results show them: the
   * page draws its first screen before its engine runs, and an input made before then is
   * worked out once the engine runs (core/actions.js, waitForEngine).
   */
  async function press(selector, ...keys) {
    await page.locator(selector).focus();
    for (const key of keys) await page.keyboard.press(key);
    await settled(page);
  }

  test("the engine is asked with only the levers moved from the plan: every answer is the one for every lever, in the same order", async () => {
    // core/engine.js evaluate sends the engine the levers moved, not all of them, and fills
    // in each year's lines when read: the projection (compared as text, so in the same
    // order, a deficit brought forward included) and the link must be those of the whole
    // scenario kept in the state. Random moves by keyboard on random sliders, seeded.
    const sliders = await page.locator("#levers input[type=range]").evaluateAll((inputs) => inputs.map((input) => `#${input.id}`));
    assert.ok(sliders.length >= 10, sliders.join(" "));
    let seed = 2026;
    const next = (n) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    const keys = ["ArrowRight", "ArrowLeft", "PageUp", "PageDown", "End", "Home"];
    let deficits = 0;
    for (let round = 0; round < 12; round += 1) {
      const picked = sliders[next(sliders.length)];
      await press(picked, ...Array.from({ length: 1 + next(3) }, () => keys[next(keys.length)]));
      if (round === 6) await press("#use-reserves", "Space");
      const same = await page.evaluate(() => {
        const state = globalThis.mtfsPage.store.get();
        const { calculator, scenario } = state;
        const whole = calculator.project(scenario);
        return {
          projection: JSON.stringify(state.projection) === JSON.stringify(whole),
          link: state.fragment === calculator.link(scenario),
          deficit: whole.years.some((y) => y.deficit_brought_forward !== undefined),
        };
      });
      deficits += same.deficit ? 1 : 0;
      assert.deepEqual({ projection: same.projection, link: same.link }, { projection: true, link: true }, `after ${picked}`);
    }
    assert.ok(deficits > 0, "some moves carried a deficit forward");
  });

  test("core council tax: 2.00% in 2020/21 needs a referendum, and the notice says so", async () => {
    await press("#core-2020-21-slider", "ArrowRight"); // 1.995% → 2%
    assert.equal(await page.locator("#core-2020-21-input").inputValue(), "2");
    const notice = page.locator("#year-2020-21 .notice");
    assert.equal(await notice.isVisible(), true);
    assert.match(await notice.innerText(), /This rise would need a local referendum in 2020\/21\. A core rise of 2% or more, or a rise of 4% or more in all/);
    assert.deepEqual(await row(page, "#council-tax", "Referendum needed"), ["Yes", "No", "No", "No"]);
    // Band D 2020/21: £1,236.87 × 1.04 = £1,286.34 (the plan's 3.995% gave £1,286.28).
    assert.equal((await row(page, "#council-tax", "Band D, a year"))[0], "£1,286.34");
    assert.match(await page.locator("#sentence").innerText(), /the council tax rise in 2020\/21 would need a local referendum/);
    assert.match(await page.locator("#warnings").innerText(), /would need a local referendum.*What a referendum means/s);
    // 1.99% is under the limit.
    await page.locator("#core-2020-21-input").fill("1.99");
    assert.equal(await notice.isVisible(), false);
    assert.equal(await page.locator("#core-2020-21-slider").inputValue(), "1.99");
    // Typed as 2.00, as a person might: a referendum again.
    await page.locator("#core-2020-21-input").fill("2.00");
    assert.equal(await notice.isVisible(), true);
    assert.deepEqual(await axe(page), []);
  });

  test("the referendum limit is marked on the core and adult social care sliders", async () => {
    const mark = page.locator("#core-2023-24-group .lever__mark");
    assert.equal(await mark.isVisible(), true);
    // The plan as at January 2020 knew only 2% core and 2% adult social care.
    assert.equal(await mark.innerText(), "limit 2%");
    assert.match(await page.locator("#core-2023-24-hint").innerText(), /Referendum limit: 2%/);
    assert.equal(await page.locator("#asc-2021-22-group .lever__mark").innerText(), "allowed 2%");
  });

  test("adult social care precept: a lower rise lowers Band D and widens the gap", async () => {
    const before = await row(page, "#gap-chart", "Budget gap");
    await press("#asc-2021-22-slider", "PageDown"); // 2% → lower
    const value = await page.locator("#asc-2021-22-input").inputValue();
    assert.ok(Number(value) < 2, value);
    const bandD = await row(page, "#council-tax", "Band D, a year");
    assert.equal(bandD[0], "£1,286.28");
    assert.notEqual(bandD[1], "£1,337.60");
    const after = await row(page, "#gap-chart", "Budget gap");
    assert.equal(after[0], before[0]);
    assert.ok(Number(after[1]) > Number(before[1]), `${before[1]} → ${after[1]}`);
  });

  test("social care demand growth raises the net budget of every year", async () => {
    const before = await row(page, "#budget", "Net budget");
    await press("#growth-social-care-slider", "ArrowRight", "ArrowRight"); // 100% → 110%
    assert.equal(await page.locator("#growth-social-care-input").inputValue(), "110");
    const after = await row(page, "#budget", "Net budget");
    for (let t = 0; t < 4; t += 1) assert.ok(Number(after[t].replace(/,/g, "")) > Number(before[t].replace(/,/g, "")), `year ${t}`);
    // Adults' Health and Care: 2020/21 growth of £23.3m, 10% more is £2.3m.
    assert.equal((await row(page, "#budget", "Adults' Health and Care"))[0], "423.7");
  });

  test("other cost pressure (inflation) raises spending", async () => {
    const before = await row(page, "#budget", "Spending before savings");
    await press("#inflation-slider", "ArrowRight"); // +0.1 points a year
    assert.equal(await page.locator("#inflation-input").inputValue(), "0.1");
    const after = await row(page, "#budget", "Spending before savings");
    // 0.1% of the £735.2m 2019/20 budgets is £0.7m more in 2020/21: £837.95m.
    assert.equal(before[0], "837.2");
    assert.equal(after[0], "838.0");
  });

  test("savings delivery: low delivery runs the reserves out, with the section 114 warning", async () => {
    for (const programme of ["tt2019", "tt2021", "tt2023"]) {
      await press(`#delivery-${programme}-slider`, "Home");
      assert.equal(await page.locator(`#delivery-${programme}-input`).inputValue(), "0");
    }
    const figures = await page.locator("#figures").innerText();
    assert.match(figures, /Money set aside to bridge gaps\s+Runs out in 2021\/22/);
    assert.match(
      await page.locator("#sentence").innerText(),
      /^In 2021\/22 the money the council has set aside to bridge budget gaps would run out, leaving £[\d.]+m unfunded: the council would need further savings, other reserves or new one-off money\.$/,
    );
    const warnings = await page.locator("#warnings").innerText();
    assert.match(warnings, /In 2021\/22 the reserves set aside to fill budget gaps run out/);
    assert.match(warnings, /section 114 notice/);
    assert.match(warnings, /Reserves fall below the council's safe minimum/);
    assert.notEqual((await row(page, "#gap-chart", "Not funded"))[1], "0.0");
    assert.equal(await page.locator(".figure--reserves.figure--alert").count(), 1);
    assert.deepEqual(await axe(page), []);
    await page.screenshot({ path: "/tmp/mtfs-reserves-run-out.png", fullPage: true });
  });

  test("savings delay: a year's slip of Tt2023 leaves its £40m undelivered in 2023/24", async () => {
    await press("#delay-tt2023-slider", "ArrowRight");
    assert.equal(await page.locator("#delay-tt2023-input").inputValue(), "1");
    assert.equal(await page.locator("#delay-tt2023-slider").getAttribute("aria-valuetext"), "1 year");
    assert.deepEqual(await row(page, "#gap-chart", "Savings not delivered"), ["-24.1", "19.1", "6.2", "40.0"]);
  });

  test("government funding: a cut lowers funding but not council tax", async () => {
    const councilTax = await row(page, "#budget", "Council tax");
    await press("#funding-slider", "PageDown"); // −10%
    assert.equal(await page.locator("#funding-input").inputValue(), "-10");
    assert.deepEqual(await row(page, "#budget", "Council tax"), councilTax);
    // −10% of £16.8m social care grant and £112.4m business rates: £12.9m less each year.
    assert.deepEqual(await row(page, "#budget", "Total funding"), ["784.3", "817.9", "853.2", "890.2"]);
    assert.deepEqual(await row(page, "#budget", "Social care grant"), ["15.1", "15.1", "15.1", "15.1"]);
  });

  test("reserves: untick to see every gap unfunded", async () => {
    await press("#use-reserves", "Space");
    assert.equal(await page.locator("#use-reserves").isChecked(), false);
    assert.match(await page.locator("#sentence").innerText(), /^Without using its reserves, £15\.9m of the budget in 2020\/21 would not be funded: the council would need further savings or income/);
    // A deficit carries forward until it is paid (docs/model-notes.md): each year's figure is
    // what is owed at its end, £15.9m + £19.1m + £46.4m of gaps by 2022/23 (£34.9m and
    // £81.3m after rounding each year's exact sum), still owed in 2023/24.
    assert.deepEqual(await row(page, "#gap-chart", "Not funded"), ["15.9", "34.9", "81.3", "81.3"]);
    assert.match(await page.locator("#figures").innerText(), /Reserves are not used in this scenario/);
    // Space again: back to using them.
    await press("#use-reserves", "Space");
    assert.deepEqual(await row(page, "#gap-chart", "Not funded"), ["0.0", "0.0", "0.0", "0.0"]);
  });

  test("your band: the bill and its weekly change follow the band chosen", async () => {
    await press("#band", "ArrowDown"); // D → E
    assert.equal(await page.locator("#band").inputValue(), "E");
    const figures = await page.locator("#figures").innerText();
    assert.match(figures, /Band E bill in 2023\/24\s+£1,767\.91 a year\s+£4\.93 a week more than in 2019\/20/);
    await settled(page); // the band table follows the headline
    assert.match(await page.locator("#bands tr.chosen th").innerText(), /Band E \(your band\)/);
    assert.deepEqual(await row(page, "#council-tax", "Band E, change a week"), ["£1.16", "£1.21", "£1.25", "£1.30"]);
    await press("#band", "ArrowUp");
  });

  test("the back-to-the-plan button puts every choice back", async () => {
    await press("#core-2022-23-slider", "End");
    await press("#delivery-tt2021-slider", "PageDown");
    await page.locator("#reset").focus();
    await page.keyboard.press("Enter");
    assert.equal(await page.locator("#core-2022-23-input").inputValue(), "1.99");
    assert.equal(await page.locator("#delivery-tt2021-input").inputValue(), "100");
    assert.equal(
      await page.locator("#sentence").innerText(),
      "The council could balance its budget every year to 2023/24 and keep its reserves above the safe minimum.",
    );
    await page.waitForFunction(() => document.getElementById("announce").textContent.startsWith("Back to the council's plan."));
  });

  test("a number the engine refuses is explained beside its box, and the results wait", async () => {
    const before = await row(page, "#gap-chart", "Gap to fill");
    await page.locator("#delivery-tt2021-input").fill("250");
    const error = page.locator("#delivery-tt2021-error");
    assert.equal(await error.isVisible(), true);
    assert.match(await error.innerText(), /Error:\s*Share of the remaining Transformation to 2021 savings delivered: a percentage from 0 to 200 is expected \(got 250\)/);
    assert.equal(await page.locator("#delivery-tt2021-input").getAttribute("aria-invalid"), "true");
    assert.match(await page.locator("#delivery-tt2021-input").getAttribute("aria-describedby"), /delivery-tt2021-error/);
    assert.match(await error.innerText(), /The results use 100% until you change it\./);
    assert.deepEqual(await row(page, "#gap-chart", "Gap to fill"), before);
    assert.deepEqual(await axe(page), []);
    // The other choices still work meanwhile, and the error stays until the box is corrected.
    await press("#delay-tt2023-slider", "ArrowRight");
    assert.equal((await row(page, "#gap-chart", "Savings not delivered"))[3], "40.0");
    assert.equal(await error.isVisible(), true);
    assert.equal(await page.locator("#delivery-tt2021-input").inputValue(), "250");
    // Corrected: the error goes and the results follow.
    await page.locator("#delivery-tt2021-input").fill("50");
    assert.equal(await error.isVisible(), false);
    assert.notDeepEqual(await row(page, "#gap-chart", "Gap to fill"), before);
  });

  test("a box left with no number says what to enter", async () => {
    const box = page.locator("#core-2021-22-input");
    await box.focus();
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Backspace");
    await page.keyboard.press("Tab");
    assert.match(await page.locator("#core-2021-22-error").innerText(), /Enter a number for core council tax rise in 2021\/22, like 1\.99/);
    await box.fill("1.99");
    assert.equal(await page.locator("#core-2021-22-error").isVisible(), false);
  });

  test("a delay that is not a whole number of years is explained, and the plan's delay kept", async () => {
    await page.locator("#delay-tt2021-input").fill("1.5");
    assert.match(
      await page.locator("#delay-tt2021-error").innerText(),
      /Delay to Transformation to 2021 savings: Enter a whole number of years from 0 to 5\. The results use 0 years until you change it\./,
    );
    assert.equal(await page.locator("#delay-tt2021-slider").inputValue(), "0");
    assert.deepEqual(await row(page, "#gap-chart", "Savings not delivered"), ["-24.1", "19.1", "6.2", "0.0"]);
    await page.locator("#delay-tt2021-input").fill("1");
    assert.equal(await page.locator("#delay-tt2021-error").isVisible(), false);
    assert.notDeepEqual(await row(page, "#gap-chart", "Savings not delivered"), ["-24.1", "19.1", "6.2", "0.0"]);
  });

  test("the headline answers a move in that move's own frame while in sight, and once the page settles while not", async () => {
    // ui/schedule.js: an answer out of sight waits (the figures bar at the foot carries the
    // figures), so a move costs no layout of a part nobody sees.
    const gap = "#figures .figure--gap .figure__value";
    /** Presses `key` on the slider without scrolling to it; resolves with the gap the headline shows in the next frame. */
    const pressSeeing = async (key) => {
      await page.evaluate((gap) => {
        document.getElementById("core-2023-24-slider").focus({ preventScroll: true });
        globalThis.seen = new Promise((resolve) =>
          document.addEventListener("input", () => requestAnimationFrame(() => resolve(document.querySelector(gap).textContent)), { once: true, capture: true }),
        );
      }, gap);
      await page.keyboard.press(key);
      return page.evaluate(() => globalThis.seen);
    };
    const scrollTo = (id) => page.evaluate((id) => new Promise((resolve) => {
      document.getElementById(id).scrollIntoView({ block: "start" });
      requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 50))); // the sight observer has run
    }), id);
    const plan = await page.locator(gap).textContent();

    await scrollTo("figures");
    const highest = await pressSeeing("End");
    assert.notEqual(highest, plan, "in sight, the headline shows the move in the move's frame");
    await settled(page);
    assert.equal(await page.locator(gap).textContent(), highest);

    await scrollTo("reset");
    assert.equal(await page.locator("#figures").evaluate((e) => e.getBoundingClientRect().bottom < 0), true, "the headline is out of sight");
    assert.equal(await pressSeeing("Home"), highest, "out of sight, the headline waits");
    await settled(page);
    const lowest = await page.locator(gap).textContent();
    assert.notEqual(lowest, highest, "once settled, the headline shows the move");
  });

  test("results are announced politely once input settles, not on every key press", async () => {
    const announce = page.locator("#announce");
    assert.equal(await announce.getAttribute("aria-live"), "polite");
    await page.evaluate(() => {
      globalThis.__announcements = 0;
      new MutationObserver(() => (globalThis.__announcements += 1)).observe(document.getElementById("announce"), {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
    await press("#core-2023-24-slider", "ArrowLeft", "ArrowLeft", "ArrowLeft", "ArrowLeft", "ArrowLeft");
    assert.equal(await page.locator("#core-2023-24-input").inputValue(), "1.965");
    await page.waitForFunction(() => document.getElementById("announce").textContent.includes("Band D"));
    await page.waitForTimeout(1200);
    const text = await announce.innerText();
    assert.match(text, /^The council could balance its budget every year to 2023\/24.*In 2023\/24: gap to fill .*; reserves £[\d.]+m; Band D £1,446\.12\.$/);
    // One clearing and one new text, for five key presses.
    assert.ok((await page.evaluate(() => globalThis.__announcements)) <= 2);
  });

  test("the figures bar at the foot of the screen never hides the control in focus", async () => {
    await page.locator("#use-reserves").focus();
    await page.keyboard.press("Tab"); // to the back-to-the-plan button
    assert.equal(await page.evaluate(() => document.activeElement.id), "reset");
    const ticker = page.locator("#ticker");
    assert.equal(await ticker.isVisible(), true, "the bar shows once the headline is out of sight");
    const button = await page.locator("#reset").boundingBox();
    const bar = await ticker.boundingBox();
    assert.ok(button.y + button.height <= bar.y, `button ends at ${button.y + button.height}, bar starts at ${bar.y}`);
    assert.match(await ticker.innerText(), /2023\/24: gap £0 · Reserves £58\.1m · Band D £1,446\.47/);
  });
});
