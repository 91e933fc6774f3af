// The site deployed under a sub-path (https://council.example/calculator/), not at a host's
// root: every file the page, its views and its workers ask for is the site's own, under that
// path. The built site is bundled (scripts/build-web.sh), so a module's code may run from a
// file in another folder than its source (chunks/); a URL resolved against the module's own
// address would then point elsewhere, and at a host's root the browser would quietly clamp
// "../" and find the file anyway. Here it would not: each part that names a file of its own
// is exercised (the engine and its wasm, the Welsh catalogue, each view's stylesheet, the
// second engine module, the risk section's worker, the analysis page and its worker).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { WWW, launch, mounted, openPage, serve, settled } from "./helpers.mjs";

const PREFIX = "/calculator/";
const fixture = (name) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const env = { server: undefined, browser: undefined, root: undefined };

before(async () => {
  // A folder with the built site in it as calculator/, served as the host's root.
  env.root = mkdtempSync(join(tmpdir(), "mtfs-sub-path-"));
  symlinkSync(WWW, join(env.root, "calculator"), "dir");
  env.server = await serve([], env.root);
  env.browser = await launch();
});
after(async () => {
  await env.browser?.close();
  env.server?.close();
  rmSync(env.root, { recursive: true, force: true });
});

/** Opens `address` under the sub-path and waits for `selector`. */
async function open(address, selector) {
  const visit = await openPage(env.browser, `${env.server.url}${PREFIX.slice(1)}${address}`);
  await visit.visit();
  await visit.page.locator(selector).first().waitFor({ timeout: 60_000 });
  await visit.page.waitForFunction(mounted, null, { timeout: 60_000 });
  return visit;
}

/** Nothing failed, and every request was for the site's own files, under the sub-path; `wanted` among them. */
async function allUnderPrefix(visit, wanted = []) {
  const { trouble, page } = visit;
  await page.waitForLoadState("networkidle");
  const paths = trouble.requests.map((url) => new URL(url).pathname);
  assert.deepEqual(trouble.pageErrors, []);
  assert.deepEqual(trouble.consoleErrors, []);
  assert.deepEqual(trouble.failedResponses, []);
  assert.deepEqual(await page.evaluate(() => globalThis.__cspViolations), []);
  assert.deepEqual(paths.filter((path) => !path.startsWith(PREFIX)), [], "every request under the sub-path");
  for (const file of wanted) assert.ok(paths.includes(`${PREFIX}${file}`), `requested ${PREFIX}${file}:\n${paths.join("\n")}`);
  await visit.context.close();
}

describe(`the site served under ${PREFIX}`, { timeout: 240_000 }, () => {
  test("the page, its engine and a slider moved", async () => {
    const visit = await open("", "#app:not([hidden])");
    await visit.page.waitForFunction(() => performance.getEntriesByName("mtfs:engine-ready").length > 0);
    await visit.page.locator("#delivery-tt2023-slider").focus();
    await visit.page.keyboard.press("Home");
    await settled(visit.page);
    await allUnderPrefix(visit, ["app.js", "pkg/mtfs.js", "pkg/mtfs_bg.wasm", "data/hampshire.json", "data/hampshire.first.json"]);
  });

  test("in Welsh (?lang=cy): the catalogue", async () => {
    const visit = await open("?lang=cy", "#app:not([hidden])");
    assert.equal(await visit.page.evaluate(() => document.documentElement.lang), "cy");
    await allUnderPrefix(visit, ["ui/welsh.js", "locales/cy.json"]);
  });

  for (const [view, selector] of [["officer", ".officer-sources"], ["easy-read", "#easy-read"], ["accessibility", "#statement"]]) {
    test(`?view=${view}: the view and its stylesheet`, async () => {
      const visit = await open(`?view=${view}`, selector);
      const css = { officer: "officer.css", "easy-read": "easy-read.css", accessibility: "statement.css" }[view];
      await visit.page.waitForFunction((href) => [...document.styleSheets].some((s) => s.href?.endsWith(href) && s.cssRules.length > 0), css);
      // The officer view's sources come from the second engine module.
      const more = view === "officer" ? ["pkg/mtfs_insight.js", "pkg/mtfs_insight_bg.wasm"] : [];
      await allUnderPrefix(visit, [`views/${view}/index.js`, `views/${view}/${css}`, ...more]);
    });
  }

  test("?embed=1: the embed's stylesheet", async () => {
    const visit = await open("?embed=1", "#app:not([hidden])");
    await visit.page.waitForFunction(() => [...document.styleSheets].some((s) => s.href?.endsWith("embed.css") && s.cssRules.length > 0));
    await allUnderPrefix(visit, ["views/embed/index.js", "views/embed/embed.css"]);
  });

  test("the risk section: its stylesheet, its worker and the worker's engine", async () => {
    const visit = await open("", "#app:not([hidden])");
    await visit.page.locator("#risk").scrollIntoViewIfNeeded();
    await visit.page.waitForFunction(() => globalThis.mtfsInsight);
    await settled(visit.page);
    await visit.page.locator("#risk-heading").scrollIntoViewIfNeeded();
    await visit.page.evaluate(() => globalThis.mtfsInsight.settled());
    assert.match(await visit.page.locator("#risk-sentence").innerText(), /\S/);
    await allUnderPrefix(visit, ["views/insight/index.js", "views/insight/insight.css", "views/insight/worker.js", "pkg/mtfs_insight.js", "pkg/mtfs_insight_bg.wasm"]);
  });

  test("analyse.html: its worker reads the council's data and analyses a file", async () => {
    const visit = await open("analyse.html", "#analyse-button");
    const { page } = visit;
    await page.locator("#responses-file").setInputFiles(fixture("responses-small.csv"));
    await page.waitForFunction(() => globalThis.mtfsAnalyse.state().file?.peeking === false);
    await page.locator("#analyse-button").click();
    await page.waitForFunction(() => !["running", "finishing"].includes(globalThis.mtfsAnalyse.state().run.phase), null, { timeout: 120_000, polling: 100 });
    // No data file chosen: the worker analysed against Hampshire's, which it fetched itself.
    assert.equal(await page.evaluate(() => globalThis.mtfsAnalyse.state().run.phase), "done");
    assert.equal(await page.locator("#count-rows").innerText(), "10");
    await allUnderPrefix(visit, ["analyse/main.js", "analyse/worker.js", "analyse/analyse.css"]);
  });
});
