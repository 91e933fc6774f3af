// The page in Firefox ESR and WebKitGTK (harness.mjs), as a resident and an officer use it:
// it shows the council's plan with no errors and nothing from other hosts; a typed choice
// changes the results and the address, and a link opens its choices; the officer view's
// table and CSV download are the command line's; a data file from the person's computer
// replaces the council, and one with mistakes is refused; the risk section's worker gives
// the engine's figures for seed 42. tests/browser/ tests all of it, and more, in Chromium.
import { before, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { BROWSERS, NO_TROUBLE, fetchCounts, open, settled, trouble, useBrowser } from "./harness.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TINY = fileURLToPath(new URL("../fixtures/tiny.json", import.meta.url));

/** The command line (`cargo test` builds it first in `make test`; built here if missing). */
function mtfs(...args) {
  const built = process.env.MTFS_BIN ?? join(ROOT, "target", "debug", "mtfs");
  if (!existsSync(built)) execFileSync("cargo", ["build", "--quiet", "--bin", "mtfs"], { cwd: ROOT, stdio: "inherit" });
  return execFileSync(built, args, { encoding: "utf8" });
}

const text = (css) => document.querySelector(css)?.innerText;

for (const name of BROWSERS) {
  describe(`the page in ${name}`, { timeout: 180_000 }, () => {
    const env = useBrowser(name);
    let s;
    before(() => {
      s = env.session;
    });
    beforeEach(async () => {
      await s.frame(null);
    });

    test("shows the council's plan: no errors, nothing from other hosts, the engine and data fetched once", async () => {
      const from = await open(env);
      assert.match(await s.evaluate(text, "#sentence"), /^The council could balance its budget every year to 2023\/24/);
      assert.match(await s.evaluate(text, "#council"), /^Hampshire County Council: the council's plan from 2020\/21 to 2023\/24/);
      await settled(s);
      assert.match(await s.evaluate(text, "#council-tax"), /Band D, a year/);
      assert.deepEqual(await trouble(s), NO_TROUBLE);
      // Once each, WebKit too: the data is fetched by the page's head script, not a
      // <link rel="preload"> (which WebKit does not hand to fetch(): docs/embed.md), and the
      // engine after the first screen, when the browser is idle (awaited here).
      await s.evaluate(async () => {
        await globalThis.mtfsPage.engine();
        return true;
      });
      const counts = fetchCounts(env.server, ["/pkg/mtfs_bg.wasm", "/data/hampshire.json", "/data/hampshire.first.json", "/app.js"], from);
      assert.deepEqual(counts, { "/pkg/mtfs_bg.wasm": 1, "/data/hampshire.json": 1, "/data/hampshire.first.json": 1, "/app.js": 1 });
      // The CSP names the origin it is served from beside 'self' (scripts/csp_origin.py).
      const csp = await s.evaluate(() => document.querySelector("meta[http-equiv=Content-Security-Policy]").content);
      assert.match(csp, new RegExp(`script-src 'self' ${new URL(env.server.url).origin} `));
    });

    test("a typed council tax rise changes the results and the address; a link opens its choices", async () => {
      await settled(s);
      const before = await s.evaluate(text, "#council-tax");
      await s.type("#core-2020-21-input", "4");
      await s.waitFor(() => location.hash === "#s2.c2020_4", [], { what: "the address to hold the choice" });
      await settled(s);
      assert.notEqual(await s.evaluate(text, "#council-tax"), before);
      assert.match(await s.evaluate(text, "#council-tax"), /£1,311\.08/);
      await s.goto(`${env.server.url}?fresh#s2.c2021_1.5~r_0`);
      await s.waitFor(() => document.querySelector("#core-2021-22-input")?.value === "1.5", [], { what: "the link's choices" });
      assert.equal(await s.evaluate(() => document.querySelector("#use-reserves").checked), false);
      assert.deepEqual(await trouble(s), NO_TROUBLE);
    });

    test("officer view: the full table and its CSV download are the command line's", async () => {
      await s.goto(`${env.server.url}?view=officer`);
      await s.waitFor(() => document.querySelector("#officer-mtfs tbody td"), [], { what: "the officer table" });
      await settled(s);
      assert.deepEqual(await s.evaluate(() => [...document.querySelectorAll("#officer-mtfs thead th")].map((th) => th.textContent)), [
        "2020/21",
        "2021/22",
        "2022/23",
        "2023/24",
      ]);
      await s.clickButton("Download the table (CSV)");
      const csv = await s.waitFor(() => window.__lastDownload(), [], { what: "the CSV download" });
      assert.match(csv.name, /^mtfs-hampshire-county-council-\d{4}-\d{2}-\d{2}\.csv$/);
      assert.equal(csv.text.replace(/^\uFEFF/, ""), mtfs("--format", "csv"));
      assert.deepEqual(await trouble(s), NO_TROUBLE);
    });

    test("a data file from the computer replaces the council; one with mistakes is refused", async () => {
      await open(env);
      const dir = mkdtempSync(join(tmpdir(), "mtfs-cross-"));
      const broken = JSON.parse(readFileSync(TINY, "utf8"));
      broken.council_tax.tax_base.value = "-1200";
      writeFileSync(join(dir, "broken.json"), JSON.stringify(broken));
      await s.type("#data-file", join(dir, "broken.json"), { clear: false });
      await s.waitFor(() => document.querySelector("#own-data-errors .error-summary"), [], { what: "the list of mistakes" });
      assert.match(await s.evaluate(text, "#own-data-errors"), /council_tax\.tax_base/);
      assert.match(await s.evaluate(text, "#council"), /^Hampshire County Council/);
      // Cleared first: the input takes several files (spreadsheet files), so a path typed is added to those chosen.
      await s.type("#data-file", TINY);
      await s.waitFor(() => /now shows Tiny Test Council's plan, from tiny\.json/.test(document.querySelector("#own-data-status").textContent), [], {
        what: "the council's own data in use",
      });
      assert.match(await s.evaluate(text, "#council"), /^Tiny Test Council: the council's plan from 2020\/21 to 2021\/22/);
      await settled(s);
      assert.deepEqual(await s.evaluate(() => [...document.querySelectorAll("#budget thead th")].map((th) => th.innerText)), ["2020/21", "2021/22"]);
      assert.deepEqual(await trouble(s), NO_TROUBLE);
    });

    test("the risk section's worker gives the engine's figures for seed 42", async () => {
      await open(env);
      // It loads when the section comes near the screen. Scrolled to at every look: the
      // charts above it are drawn when the browser is idle and can push it out of sight again.
      await s.waitFor(
        () => {
          document.querySelector("#risk").scrollIntoView();
          return Boolean(window.mtfsInsight);
        },
        [],
        { what: "the risk section to load", interval: 250 },
      );
      await s.evaluate(async () => {
        await window.mtfsPage.settled();
        await window.mtfsInsight.settled();
        return true;
      });
      // The engine's own sentences: the two `mtfs risk` prints first under its table.
      const out = mtfs("risk", "--paths", "10000", "--seed", "42").trimEnd().split("\n");
      const [belowMinimum, runsOut] = out.slice(-4);
      assert.equal(await s.evaluate(text, "#risk-sentence"), `${belowMinimum} ${runsOut}`);
      assert.equal(await s.evaluate(() => document.querySelector("#risk-part").getAttribute("aria-busy")), "false");
      assert.deepEqual(await trouble(s), NO_TROUBLE);
    });

    test("the checks above can fail: an error thrown, a promise refused and a request the CSP blocks are all seen", async () => {
      await open(env);
      await s.evaluate(() => {
        window.__misbehave();
        return true;
      });
      const seen = await s.waitFor(async () => {
        const t = window.__trouble();
        return t.errors.length && t.rejections.length && t.csp.length && t;
      }, [], { what: "the hooks to see all three" });
      assert.match(seen.errors.join("\n"), /thrown by the test/);
      assert.match(seen.rejections.join("\n"), /refused by the test/);
      assert.match(seen.csp.join("\n"), /connect-src.*example\.invalid/, JSON.stringify(seen));
    });
  });
}
