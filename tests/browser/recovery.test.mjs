// The page survives the engine failing (issue 10). The browser build aborts on a panic, so
// a bug in the engine is a WebAssembly trap (a RuntimeError) that leaves that instance
// unusable. Each test makes the engine's next call trap for real: it wraps a method of the
// engine's generated glue so that it calls `__trapForTests` (src/wasm.rs), which panics
// inside the module. The page must say so plainly, keep the results it showed, start a
// fresh engine and work out the next change correctly, with no uncaught exception.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { axe, calculatorShown, load, openPage, row, settled, useBrowser } from "./helpers.mjs";

const env = useBrowser();
const TINY = readFileSync(new URL("../fixtures/tiny.json", import.meta.url), "utf8");

/**
 * Makes the next call of `method` on the glue's Calculator (in `module`, as the page or
 * worker imported it) trap inside the engine, once.
 */
function trapNext(target, method, module = "./pkg/mtfs.js") {
  return target.evaluate(
    async ([method, module]) => {
      const glue = await import(module);
      const real = glue.Calculator.prototype[method];
      glue.Calculator.prototype[method] = function () {
        glue.Calculator.prototype[method] = real;
        glue.__trapForTests();
      };
    },
    [method, module],
  );
}

const shownNow = async (page) => ({
  figures: await page.locator("#figures").innerText(),
  bandD: await row(page, "#council-tax", "Band D, a year"),
  gap: await row(page, "#budget", "Budget gap"),
});

/** What a fresh page shows for a link: the engine's own figures for those choices. */
async function figuresFor(hash) {
  const visit = await openPage(env.browser, `${env.server.url}${hash}`);
  await visit.visit();
  await calculatorShown(visit.page);
  const shown = await shownNow(visit.page);
  await visit.context.close();
  return shown;
}

describe("when the engine fails", { timeout: 180_000 }, () => {
  test("the page says so, keeps its results, restarts the engine, and the next change is right", async () => {
    const visit = await load(env);
    const { page, trouble } = visit;
    await page.locator("#core-2020-21-input").fill("3");
    await page.waitForTimeout(300);
    await settled(page);
    const before = await shownNow(page);

    await trapNext(page, "viewAndLink");
    await page.locator("#core-2021-22-input").fill("4");
    const notice = page.locator("#status #engine-notice");
    await notice.waitFor();
    assert.match(await notice.innerText(), /The calculator hit a problem\s+It could not recover from it on its own, so it has restarted\. Your choices are kept, except the last change you made/);
    await settled(page);
    // The last good results stay, with the choices they belong to.
    assert.deepEqual(await shownNow(page), before);
    assert.equal(await page.locator("#core-2021-22-input").inputValue(), "1.99");
    assert.equal(await page.locator("#core-2020-21-input").inputValue(), "3");
    assert.equal(await page.locator("#app").isHidden(), false);

    // The next change is worked out by the fresh engine, exactly as a fresh page would.
    await page.locator("#core-2021-22-input").fill("4");
    await page.waitForTimeout(400);
    await settled(page);
    assert.match(page.url(), /#s2\.c2020_3~c2021_4$/);
    assert.deepEqual(await shownNow(page), await figuresFor("#s1.c2020_3~c2021_4"));
    assert.deepEqual(trouble.pageErrors, []);
    assert.deepEqual(trouble.consoleErrors, []);
    assert.deepEqual(await axe(page), []);
    await visit.context.close();
  });

  test("a failure while checking a data file is a plain problem; the page's own figures stay and work", async () => {
    const visit = await load(env);
    const { page, trouble } = visit;
    const hampshire = await page.locator("#figures").innerText();
    await trapNext(page, "project");
    await page.locator("#data-file").setInputFiles({ name: "tiny.json", mimeType: "application/json", buffer: Buffer.from(TINY) });
    const item = page.locator("#own-data-errors li");
    await item.waitFor();
    assert.match(await item.innerText(), /^The calculator hit a problem of its own while checking the file/);
    assert.equal(await page.locator("#figures").innerText(), hampshire);
    // Hampshire's calculator is made again in the fresh engine at its next call.
    const bandD = await row(page, "#council-tax", "Band D, a year");
    await page.locator("#core-2020-21-input").fill("2.5");
    await page.waitForTimeout(300);
    assert.notDeepEqual(await row(page, "#council-tax", "Band D, a year"), bandD);
    // And the same file, chosen again, is read.
    await page.locator("#data-file").setInputFiles({ name: "tiny.json", mimeType: "application/json", buffer: Buffer.from(TINY) });
    await page.locator("#own-data-status", { hasText: "now shows Tiny Test Council's plan" }).waitFor();
    assert.deepEqual(trouble.pageErrors, []);
    assert.deepEqual(trouble.consoleErrors, []);
    assert.deepEqual(await axe(page), []);
    await visit.context.close();
  });

  test("if the engine cannot restart, the results stay and the notice says to reload", async () => {
    const visit = await load(env, {}, (page) => page.route(/\/pkg\/mtfs\.js\?restart=/, (route) => route.abort()));
    const { page, trouble } = visit;
    await page.locator("#data-file").setInputFiles({ name: "tiny.json", mimeType: "application/json", buffer: Buffer.from(TINY) });
    await page.locator("#own-data-status", { hasText: "now shows Tiny Test Council's plan" }).waitFor();
    await settled(page);
    const before = await shownNow(page);
    await trapNext(page, "viewAndLink");
    await page.locator("#core-2021-22-input").fill("4");
    const notice = page.locator("#status #engine-notice");
    await notice.waitFor();
    assert.match(await notice.innerText(), /could not restart\. The results shown are for the choices shown, but it cannot work out new ones\. Reload the page to carry on, then choose your data file again\./);
    // Further changes keep the results and the choices they belong to; nothing is thrown.
    await page.locator("#core-2020-21-input").fill("4");
    await page.waitForTimeout(300);
    assert.deepEqual(await shownNow(page), before);
    assert.equal(await page.locator("#core-2020-21-input").inputValue(), "1.99");
    // Back to the page's own council: its plan, worked out before, is shown.
    await page.locator("#use-default").click();
    await page.locator("#own-data-status", { hasText: "Hampshire County Council's plan again" }).waitFor();
    assert.match(await page.locator("#council").innerText(), /^Hampshire County Council/);
    await page.locator("#core-2021-22-input").fill("4");
    await page.locator("#engine-notice").waitFor();
    assert.match(await page.locator("#engine-notice").innerText(), /the address keeps your choices/);
    assert.equal(await page.locator("#core-2021-22-input").inputValue(), "1.99");
    assert.deepEqual(trouble.pageErrors, []);
    // The only console error is the refused restart itself.
    assert.ok(trouble.consoleErrors.every((e) => /Failed to load resource|mtfs\.js\?restart/.test(e)), trouble.consoleErrors.join("\n"));
    assert.deepEqual(await axe(page), []);
    await visit.context.close();
  });

  test("the risk worker's engine failing is shown; the next change starts a new worker", async () => {
    const visit = await load(env);
    const { page, trouble } = visit;
    await page.locator("#risk").scrollIntoViewIfNeeded();
    await page.locator("#risk-sentence").waitFor();
    await page.waitForFunction(() => globalThis.mtfsInsight);
    await page.evaluate(() => globalThis.mtfsInsight.settled());
    const [worker] = page.workers();
    await trapNext(worker, "goalSeek", "../../pkg/mtfs_insight.js");
    // The worker works only while its section is near the screen.
    await page.locator("#core-2021-22-input").fill("3");
    await page.locator("#risk").scrollIntoViewIfNeeded();
    const error = page.locator("#risk-error");
    await error.waitFor();
    assert.match(await error.innerText(), /could not work these figures out: it hit a problem it could not recover from on its own\. It will start again when you next change a choice\./);
    await page.evaluate(() => globalThis.mtfsInsight.settled());
    // The main page was not touched: its figures follow the change.
    assert.match(page.url(), /#s2\.c2021_3$/);
    await page.locator("#core-2021-22-input").fill("3.5");
    await page.locator("#risk").scrollIntoViewIfNeeded();
    await page.locator("#risk-sentence").waitFor();
    await page.evaluate(() => globalThis.mtfsInsight.settled());
    assert.equal(await page.locator("#risk-error").count(), 0);
    assert.match(await page.locator("#risk-sentence").innerText(), /simulated futures/);
    assert.match(await page.locator("#goal-verdict").innerText(), /./);
    assert.deepEqual(trouble.pageErrors, []);
    assert.deepEqual(trouble.consoleErrors, []);
    await visit.context.close();
  });

  test("officer view: a failure listing the sources is plain, the tables stay, and the next data set lists them", async () => {
    const visit = await openPage(env.browser, `${env.server.url}index.html?view=officer`);
    await visit.visit();
    const { page, trouble } = visit;
    await page.locator("#officer-mtfs").waitFor();
    await page.locator(".officer-sources").waitFor();
    await trapNext(page, "figures", "./pkg/mtfs_insight.js");
    await page.locator("#data-file").setInputFiles({ name: "tiny.json", mimeType: "application/json", buffer: Buffer.from(TINY) });
    await page.locator("#own-data-status", { hasText: "now shows Tiny Test Council's plan" }).waitFor();
    const failed = page.locator("#officer p.error-text", { hasText: "could not be listed" });
    await failed.waitFor();
    assert.match(await failed.innerText(), /The assumptions and sources could not be listed: the calculator hit a problem it could not recover from on its own\./);
    assert.match(await page.locator("#officer-mtfs").innerText(), /Tiny Test Council/);
    // A main-engine failure in officer view: the notice, and the tables still there.
    await trapNext(page, "viewAndLink");
    await page.locator("#core-2020-21-input").fill("3");
    await page.locator("#engine-notice").waitFor();
    assert.match(await page.locator("#officer-mtfs").innerText(), /Tiny Test Council/);
    await page.locator("#use-default").click();
    await page.locator(".officer-sources").waitFor();
    assert.match(await page.locator("#officer-mtfs").innerText(), /Hampshire County Council/);
    assert.deepEqual(trouble.pageErrors, []);
    assert.deepEqual(trouble.consoleErrors, []);
    assert.deepEqual(await axe(page), []);
    await visit.context.close();
  });
});
