// The page's weight: everything a first visit downloads (HTML, CSS, JS, wasm, data),
// measured as gzip -9 would send it, must stay within the budget.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { WWW, openPage, useBrowser } from "./helpers.mjs";

// The product's budget is 150 kB (issue 11; issue 13 aims for 120 kB). A first visit was
// 221.6 kB once the options builder, links in Rust and the engine's checked arithmetic
// landed (the first wasm module grew 93.9 -> 140.9 kB gzip); the built site (scripts and
// styles minified, scripts/build-web.sh) and a leaner first module (no f64 formatting, no
// general decimal parser, results as JSON text) brought it to 186.4 kB; the nations' council
// tax rules (issue 14) added 6.9 kB to the first module and Easy Read's links a little: 194.0 kB;
// the risk ranges' evidence in the data and the dated plan (issue 16) 3.2 kB more: 197.2 kB.
// This ceiling stops it growing while
// issue 11 stays open to bring it under 150 kB: lower it with every saving, and back to
// 150 * 1000 when the page is there (README, Speed, says where the rest is).
const BUDGET = 198 * 1000; // bytes, gzipped

const env = useBrowser();

test(`the page downloads at most ${BUDGET / 1000} kB gzipped`, { timeout: 60_000 }, async () => {
  // What the page really fetches, so nothing it loads can be left out of the sum.
  const visit = await openPage(env.browser, env.server.url);
  await visit.visit();
  await visit.page.locator("#app:not([hidden])").waitFor();
  await visit.context.close();

  const files = [...new Set(visit.trouble.requests.map((url) => new URL(url).pathname))].map((path) =>
    path.endsWith("/") ? `${path}index.html` : path,
  );
  let raw = 0;
  let gzip = 0;
  const lines = [];
  for (const file of files) {
    const bytes = readFileSync(join(WWW, file));
    const zipped = gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length;
    gzip += zipped;
    lines.push(`${file.padEnd(28)} ${String(bytes.length).padStart(8)} ${String(zipped).padStart(8)}`);
  }
  console.log(
    [`${"file".padEnd(28)} ${"bytes".padStart(8)} ${"gzip".padStart(8)}`, ...lines,
      `${"total".padEnd(28)} ${String(raw).padStart(8)} ${String(gzip).padStart(8)}  (budget ${BUDGET} gzip)`].join("\n"),
  );
  assert.ok(files.some((f) => f.endsWith(".wasm")), "the wasm module is counted");
  assert.ok(gzip <= BUDGET, `${gzip} bytes gzipped is over the budget of ${BUDGET}`);
});
