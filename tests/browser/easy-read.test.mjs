// The Easy Read view (?view=easy-read) and the paper response form (?view=paper-form), for
// Hampshire's data and the template council's: every option and every choice the engine lists
// is shown (the paper form with one code each, as core/paper.js numbers them); axe finds no
// WCAG 2.2 AA violation on screen or in print; they work by keyboard alone; they read at
// 320 px without scrolling sideways; in print nothing to press shows, nothing is clipped and
// no question of the paper form is split across pages; and a first visit loads neither.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { axe, calculatorShown, openPage, sidewaysOverflow, useBrowser } from "./helpers.mjs";

const env = useBrowser();
const DATA = {
  hampshire: JSON.parse(readFileSync(new URL("../../data/hampshire.json", import.meta.url), "utf8")),
  template: JSON.parse(readFileSync(new URL("../../data/template.json", import.meta.url), "utf8")),
};
const THEMES = ["services", "charges", "income", "council_tax", "reserves", "views"];
/** The options in the page's order (by theme), as the paper form numbers them. */
const ordered = (data) => THEMES.flatMap((theme) => data.options.filter((o) => o.theme === theme));

/** Opens a view with `council`'s data (served in place of Hampshire's). */
async function openView(view, council, options = {}) {
  const visit = await openPage(env.browser, `${env.server.url}index.html?view=${view}`, options);
  if (council !== "hampshire") {
    await visit.page.route("**/data/hampshire.json", (route) => route.fulfill({ contentType: "application/json", body: JSON.stringify(DATA[council]) }));
  }
  await visit.visit();
  await visit.page.locator(view === "paper-form" ? "#paper-form" : "#easy-read").waitFor();
  return visit;
}

function quiet(visit) {
  assert.deepEqual(visit.trouble.consoleErrors, []);
  assert.deepEqual(visit.trouble.pageErrors, []);
  assert.deepEqual(visit.trouble.failedResponses, []);
  assert.deepEqual(visit.trouble.foreignRequests, []);
}

/** Whether the page scrolls sideways at its present width. */
const sideways = async (page) => (await sidewaysOverflow(page)) > 0;

for (const council of ["hampshire", "template"]) {
  const data = DATA[council];
  const options = ordered(data);

  describe(`Easy Read, ${council}'s data`, { timeout: 120_000 }, () => {
    let visit;
    let page;
    before(async () => {
      visit = await openView("easy-read", council);
      page = visit.page;
    });
    after(() => visit.context.close());

    test("shows every option with each choice, its consequence and its effect in simple words", async () => {
      assert.equal(await page.locator("h1:visible").count(), 1, "one h1 shown: the calculator's own is hidden");
      assert.equal(await page.locator("h1:visible").innerText(), "Your council's budget: Easy Read");
      const text = await page.locator("#easy-read").innerText();
      assert.ok(text.includes(`This is about ${data.council}.`), "the council's name, from the data");
      assert.equal(await page.locator(".er-option").count(), options.length);
      for (const [i, option] of options.entries()) {
        const section = page.locator(`#er-option-${option.id}`);
        assert.equal(await section.locator("h3").innerText(), `${i + 1}. ${option.title}`);
        const levels = await section.locator(".er-level__label").allInnerTexts();
        assert.deepEqual(levels, option.levels.map((l) => l.label));
        const words = await section.innerText();
        if (option.theme === "views") assert.ok(words.includes(option.question), option.id);
        else for (const level of option.levels) assert.ok(words.includes(level.consequence), `${option.id}/${level.id}`);
      }
      // The effects are worded simply, as "saves about £… a year".
      assert.match(text, /Saves about £[\d.,]+( million)? a year/);
      assert.doesNotMatch(text, /undefined|NaN|\[object/);
      // Its pictures are the project's own inline drawings, hidden from screen readers.
      const pictures = await page.locator("#easy-read svg").evaluateAll((all) => all.map((s) => s.getAttribute("aria-hidden")));
      assert.ok(pictures.length > options.length);
      assert.ok(pictures.every((a) => a === "true"));
      assert.equal(await page.locator("#easy-read img").count(), 0);
      quiet(visit);
    });

    test("has no accessibility violations (WCAG 2.2 AA), on screen and in print", async () => {
      assert.deepEqual(await axe(page), []);
      await page.emulateMedia({ media: "print" });
      try {
        assert.deepEqual(await axe(page), []);
      } finally {
        await page.emulateMedia({ media: "screen" });
      }
    });

    test("reads at 320 px wide without scrolling sideways, in larger type", async () => {
      await page.setViewportSize({ width: 320, height: 640 });
      assert.equal(await sideways(page), false);
      const size = await page.locator(".er-level__text p").first().evaluate((p) => parseFloat(getComputedStyle(p).fontSize));
      assert.ok(size >= 19, `body text is ${size}px`);
      await page.setViewportSize({ width: 1280, height: 720 });
    });

    test("prints cleanly: nothing to press, nothing clipped", async () => {
      await page.emulateMedia({ media: "print" });
      await page.setViewportSize({ width: 680, height: 960 }); // A4 less its margins, at 96 dpi
      try {
        const shown = await page.locator("#easy-read a:visible, #easy-read button:visible, .header:visible").count();
        assert.equal(shown, 0, "links, buttons and the header are left out of print");
        assert.equal(await sideways(page), false);
        assert.equal(await page.locator(".er-level").first().evaluate((n) => getComputedStyle(n).breakInside), "avoid");
        const pdf = await page.pdf({ format: "A4" });
        assert.ok(pdf.length > 10_000);
      } finally {
        await page.emulateMedia({ media: "screen" });
        await page.setViewportSize({ width: 1280, height: 720 });
      }
    });
  });

  describe(`the paper form, ${council}'s data`, { timeout: 120_000 }, () => {
    let visit;
    let page;
    before(async () => {
      visit = await openView("paper-form", council);
      page = visit.page;
    });
    after(() => visit.context.close());

    test("has every option with a tick box and a code for each choice, comments and how to return it", async () => {
      assert.equal(await page.locator("h1:visible").innerText(), "Budget consultation: paper response form");
      assert.equal(await page.locator(".paper-q").count(), options.length);
      for (const [i, option] of options.entries()) {
        const q = page.locator(`#paper-q-${option.id}`);
        const title = option.theme === "views" ? option.question : option.title;
        assert.equal(await q.locator("h3").innerText(), `Question ${i + 1}: ${title}`);
        assert.equal(await q.locator(".paper-box").count(), option.levels.length);
        const codes = (await q.locator(".paper-code").allInnerTexts()).map((t) => t.replace(/^Code\s*/, ""));
        assert.deepEqual(codes, option.levels.map((_, j) => `${i + 1}${"ABCDEFGH"[j]}`));
        const labels = await q.locator(".paper-choice__label").allInnerTexts();
        assert.deepEqual(labels.map((l) => l.replace(" (the council's plan)", "")), option.levels.map((l) => l.label));
      }
      assert.equal(await page.locator(".paper-comments .paper-line").count(), 10);
      assert.match(await page.locator(".paper-return").innerText(), /How to give us this form/);
      // Nothing on the form itself is a control: boxes are drawn, to tick with a pen.
      assert.equal(await page.locator("#paper-form input, #paper-form select, #paper-form textarea").count(), 0);
      quiet(visit);
    });

    test("has no accessibility violations (WCAG 2.2 AA), on screen and in print", async () => {
      assert.deepEqual(await axe(page), []);
      await page.emulateMedia({ media: "print" });
      try {
        assert.deepEqual(await axe(page), []);
      } finally {
        await page.emulateMedia({ media: "screen" });
      }
    });

    test("reads at 320 px wide without scrolling sideways", async () => {
      await page.setViewportSize({ width: 320, height: 640 });
      assert.equal(await sideways(page), false);
      await page.setViewportSize({ width: 1280, height: 720 });
    });

    test("prints on A4: nothing to press, nothing clipped, no question split across pages", async () => {
      await page.emulateMedia({ media: "print" });
      await page.setViewportSize({ width: 680, height: 960 });
      try {
        assert.equal(await page.locator("#paper-form a:visible, #paper-form button:visible, .header:visible, .skip-link:visible").count(), 0);
        assert.equal(await sideways(page), false);
        // No text is cut off inside a question's box.
        const clipped = await page.locator(".paper-q, .paper-choice").evaluateAll((all) => all.filter((n) => n.scrollWidth > n.clientWidth + 1).length);
        assert.equal(clipped, 0);
        const breaks = await page.locator(".paper-q").evaluateAll((all) => [...new Set(all.map((n) => getComputedStyle(n).breakInside))]);
        assert.deepEqual(breaks, ["avoid"]);
        // Each question fits on one A4 page (its height less than the page's printable height).
        const tallest = await page.locator(".paper-q").evaluateAll((all) => Math.max(...all.map((n) => n.getBoundingClientRect().height)));
        assert.ok(tallest < 960, `the tallest question is ${tallest}px`);
        const pdf = await page.pdf({ format: "A4", margin: { top: "15mm", bottom: "17mm", left: "15mm", right: "15mm" } });
        assert.ok(pdf.length > 10_000);
      } finally {
        await page.emulateMedia({ media: "screen" });
        await page.setViewportSize({ width: 1280, height: 720 });
      }
    });
  });
}

describe("by keyboard, and from the resident's page", { timeout: 120_000 }, () => {
  test("the resident's page links both views near “Balance the budget”, and loads neither", async () => {
    const visit = await openPage(env.browser, env.server.url);
    await visit.visit();
    await calculatorShown(visit.page);
    const links = visit.page.locator("#builder-other a");
    assert.deepEqual(await links.allInnerTexts(), ["Easy Read version of the options", "Paper response form to print"]);
    assert.ok(!visit.trouble.requests.some((u) => u.includes("/views/easy-read/")), "the views are not part of a first visit");
    // By keyboard: focus the link and press Enter.
    await links.first().focus();
    await visit.page.keyboard.press("Enter");
    await visit.page.locator("#easy-read").waitFor();
    quiet(visit);
    await visit.context.close();
  });

  test("Easy Read and the paper form work with the keyboard alone", async () => {
    for (const view of ["easy-read", "paper-form"]) {
      const visit = await openView(view, "hampshire");
      const { page } = visit;
      const reached = [];
      for (let i = 0; i < 8; i += 1) {
        await page.keyboard.press("Tab");
        reached.push(
          await page.evaluate(() => {
            const a = document.activeElement;
            const box = a.getBoundingClientRect();
            return { text: a.textContent.trim(), visible: box.width > 0 && box.height > 0 && getComputedStyle(a).visibility !== "hidden" };
          }),
        );
      }
      const names = reached.map((r) => r.text);
      assert.ok(names.includes("Back to the calculator"), `${view}: ${names}`);
      assert.ok(names.some((n) => n.startsWith("Print")), `${view}: ${names}`);
      assert.ok(reached.every((r) => r.visible || r.text === "Skip to main content"), `${view}: focus on something hidden`);
      // The other view, by keyboard.
      const other = view === "easy-read" ? "Paper form to print" : "Easy Read version";
      await page.getByRole("link", { name: other }).first().focus();
      await page.keyboard.press("Enter");
      await page.locator(view === "easy-read" ? "#paper-form" : "#easy-read").waitFor();
      quiet(visit);
      await visit.context.close();
    }
  });
});
