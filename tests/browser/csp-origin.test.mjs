// The deploy step for Safari's embed (docs/embed.md, "Safari and the page's own origin"):
// scripts/csp_origin.py writes the origin the files are served from beside each 'self' in
// every page's CSP, replaces the one it wrote before, and refuses anything that is not an
// origin; scripts/serve.py writes the origin each request was made to. The embed in WebKit
// itself: tests/cross-browser/embed.test.mjs.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import { get } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "./helpers.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SCRIPT = join(ROOT, "scripts/csp_origin.py");
const csp = (html) => /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)[1];

function deployCopy() {
  const dir = mkdtempSync(join(tmpdir(), "mtfs-deploy-"));
  for (const name of ["index.html", "analyse.html", "data-guide.html", "consultation-example.html"]) {
    cpSync(join(ROOT, "www", name), join(dir, name));
  }
  return dir;
}

describe("the calculator's origin in its CSP", () => {
  test("csp_origin.py writes it beside every 'self', and a second run replaces it", () => {
    const dir = deployCopy();
    const source = readFileSync(join(ROOT, "www/index.html"), "utf8");
    const selfs = csp(source).match(/'self'/g).length;
    assert.ok(selfs >= 3);
    execFileSync("python3", [SCRIPT, "https://Calculator.Example.gov.uk", dir]);
    const once = readFileSync(join(dir, "index.html"), "utf8");
    assert.equal(csp(once).match(/'self' https:\/\/calculator\.example\.gov\.uk(;| )/g).length, selfs);
    // Only the policy changed: the rest of the page, the inline script's hash included, is as it was.
    assert.equal(once.replaceAll(" https://calculator.example.gov.uk", ""), source);
    assert.match(csp(readFileSync(join(dir, "analyse.html"), "utf8")), /worker-src 'self' https:\/\/calculator\.example\.gov\.uk;/);
    execFileSync("python3", [SCRIPT, "http://127.0.0.1:8000", dir]);
    const twice = readFileSync(join(dir, "index.html"), "utf8");
    assert.equal(twice.replaceAll(" http://127.0.0.1:8000", ""), source);
    assert.doesNotMatch(twice, /example\.gov\.uk/);
  });

  test("it refuses what is not an origin, and changes nothing", () => {
    const dir = deployCopy();
    for (const bad of ["https://x.example/calculator/", "*", "null", "ftp://x.example", "https://x.example'; script-src *", "https://a@x.example"]) {
      const run = spawnSync("python3", [SCRIPT, bad, dir], { encoding: "utf8" });
      assert.equal(run.status, 1, bad);
      assert.match(run.stderr, /csp_origin: /, bad);
    }
    assert.equal(readFileSync(join(dir, "index.html"), "utf8"), readFileSync(join(ROOT, "www/index.html"), "utf8"));
  });

  test("serve.py writes the origin each page was asked for at", async () => {
    const server = await serve();
    try {
      const port = new URL(server.url).port;
      for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
        // node:http, not fetch: fetch will not send another Host.
        const html = await new Promise((resolve, reject) =>
          get({ host: "127.0.0.1", port, path: "/index.html", headers: { host } }, (response) => {
            let body = "";
            response.setEncoding("utf8").on("data", (chunk) => (body += chunk)).on("end", () => resolve(body));
          }).on("error", reject),
        );
        assert.match(csp(html), new RegExp(`script-src 'self' http://${host.replace(/\./g, "\\.")} 'wasm-unsafe-eval'`));
      }
      const root = await (await fetch(server.url)).text();
      assert.match(csp(root), /connect-src 'self' http:\/\/127\.0\.0\.1:\d+;/);
    } finally {
      server.close();
    }
  });
});
