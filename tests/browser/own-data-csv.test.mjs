// "Use your own council's data" from spreadsheet files (issue 14): a finance officer chooses
// the data set's section CSV files together (docs/data-format.md, "Spreadsheet files"); the
// engine's one rule for them (src/sheet.rs, run by the second wasm module) turns them into
// the data set, the page runs on it exactly as on the JSON file, and offers that JSON file
// to download. A broken file is named by file, row and column, as `mtfs from-csv` names it.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { axe, load, settled, useBrowser } from "./helpers.mjs";

const env = useBrowser();
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TEMPLATE = readFileSync(join(ROOT, "data/template.json"), "utf8");
// The template's section files, made now by the CLI (target/debug/mtfs: `cargo test` and
// scripts/build-web.sh build it).
const dir = mkdtempSync(join(tmpdir(), "mtfs-csv-"));
execFileSync(join(ROOT, "target/debug/mtfs"), ["to-csv", "data/template.json", dir], { cwd: ROOT });
const CSV = readdirSync(dir)
  .sort()
  .map((name) => ({ name, mimeType: "text/csv", buffer: readFileSync(join(dir, name)) }));
rmSync(dir, { recursive: true });

describe("a data set's spreadsheet files from the officer's computer", { timeout: 120_000 }, () => {
  let visit;
  let page;
  let fromJson;
  // The template has a branding section, whose introduction becomes the lede. The branding
  // module loads once a data set with branding is shown, after the status says so: the lede
  // is waited for, not read at once (it raced on CI, as in template.test.mjs).
  const branded = () => page.locator("#council", { hasText: JSON.parse(TEMPLATE).branding.introduction.slice(0, 60) }).waitFor();
  before(async () => {
    visit = await load(env);
    page = visit.page;
    // The template as its JSON file, for the figures the CSV files must give.
    await page.locator("#data-file").setInputFiles({ name: "template.json", mimeType: "application/json", buffer: Buffer.from(TEMPLATE) });
    await page.locator("#own-data-status", { hasText: "from template.json" }).waitFor();
    await settled(page);
    await branded();
    fromJson = { council: await page.locator("#council").innerText(), figures: await page.locator("#figures").innerText() };
    assert.equal(await page.locator("#own-data-download").isVisible(), false, "a JSON file is not offered back");
    await page.locator("#use-default").click();
    await page.locator("#own-data-status", { hasText: "plan again" }).waitFor();
  });
  after(async () => {
    assert.deepEqual(visit.trouble.pageErrors, []);
    assert.deepEqual(visit.trouble.consoleErrors, []);
    assert.deepEqual(visit.trouble.foreignRequests, []);
    assert.deepEqual(visit.trouble.sent, []);
    await visit.context.close();
  });

  test("a broken file is named by file, row and column, and changes nothing", async () => {
    const hampshire = await page.locator("#figures").innerText();
    const services = CSV.find((f) => f.name === "services.csv");
    const lines = services.buffer.toString("utf8").split("\n");
    const at = lines.findIndex((l) => l.startsWith("[0].base,"));
    assert.ok(at > 0, "the template's first service has a base row");
    const cells = lines[at].split(",");
    lines[at] = [cells[0], '"12,5m"', ...cells.slice(2)].join(",");
    const broken = CSV.map((f) => (f === services ? { ...f, buffer: Buffer.from(lines.join("\n")) } : f));
    await page.locator("#data-file").setInputFiles(broken);
    const summary = page.locator("#own-data-errors .error-summary");
    await summary.waitFor();
    assert.match(await summary.innerText(), new RegExp(`cannot use the ${CSV.length} spreadsheet files, so it still shows Hampshire County Council's figures`));
    const items = await summary.locator("li").allInnerTexts();
    assert.ok(
      items.some((i) => i.startsWith(`services.csv row ${at + 1}, column "value": `) && i.includes('"12,5m"')),
      items.join("\n"),
    );
    assert.equal(await page.evaluate(() => document.activeElement.className), "error-summary");
    assert.equal(await page.locator("#figures").innerText(), hampshire);
    assert.equal(await page.locator("#own-data-download").isVisible(), false);
    assert.deepEqual(await axe(page), []);
    // The rule ran in the second module, fetched now: the first visit did not carry it.
    assert.ok(visit.trouble.requests.some((r) => r.includes("/pkg/mtfs_insight_bg.wasm")));
  });

  test("the template's files give the same plan as its JSON file, and that file to download", async () => {
    await page.locator("#data-file").setInputFiles(CSV);
    await page.locator("#own-data-status", { hasText: `now shows ${JSON.parse(TEMPLATE).council}'s plan, from the ${CSV.length} spreadsheet files` }).waitFor();
    assert.equal(await page.locator("#own-data-errors").innerText(), "");
    await settled(page);
    await branded();
    assert.equal(await page.locator("#council").innerText(), fromJson.council);
    assert.equal(await page.locator("#figures").innerText(), fromJson.figures);
    const link = page.locator("#own-data-download");
    assert.match(await link.innerText(), /^Download .*'s data file \(JSON\)$/);
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    assert.match(download.suggestedFilename(), /^[a-z0-9-]+\.json$/);
    const saved = readFileSync(await download.path(), "utf8");
    // The data set itself, not a copy of the template: the JSON file's order of keys is the
    // engine's (src/sheet.rs), the content the template's.
    assert.deepEqual(JSON.parse(saved), JSON.parse(TEMPLATE));
    assert.deepEqual(await axe(page), []);
  });

  test("files dropped together are read too, and going back takes the download away", async () => {
    await page.locator("#use-default").click();
    await page.locator("#own-data-status", { hasText: "plan again" }).waitFor();
    assert.equal(await page.locator("#own-data-download").isVisible(), false);
    const files = await page.evaluateHandle(
      (all) => {
        const transfer = new DataTransfer();
        for (const f of all) transfer.items.add(new File([f.text], f.name, { type: "text/csv" }));
        return transfer;
      },
      CSV.map((f) => ({ name: f.name, text: f.buffer.toString("utf8") })),
    );
    await page.dispatchEvent("#drop-zone", "drop", { dataTransfer: files });
    await page.locator("#own-data-status", { hasText: "spreadsheet files" }).waitFor();
    await settled(page);
    assert.equal(await page.locator("#figures").innerText(), fromJson.figures);
    await page.locator("#use-default").click();
    await page.locator("#own-data-status", { hasText: "plan again" }).waitFor();
  });
});
