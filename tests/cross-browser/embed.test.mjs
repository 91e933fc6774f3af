// The consultation embed in Firefox ESR and WebKitGTK (harness.mjs), as on the example host
// page (www/consultation-example.html): sandboxed, with an opaque origin; it loads with no
// errors or CSP violations (WebKit's 'self' bug: docs/embed.md); its messages reach the
// host (ready, height, the scenario when a control settles) and the host's reach it
// (set-scenario, get-scenario, an error for a bad one); an embed listing another origin
// sends that page nothing. tests/browser/embed.test.mjs tests all of it, and more, in Chromium.
import { after, before, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { BROWSERS, NO_TROUBLE, fetchCounts, trouble, useBrowser } from "./harness.mjs";

const PROTOCOL = "mtfs-embed";

// State a test keeps in a page is kept on `window`: geckodriver runs each script in a
// sandbox whose globalThis is not the page's window.

/** From now on, the top page records the messages its iframe sends it. */
function record() {
  window.__received = [];
  addEventListener("message", (event) => {
    if (event.source === document.querySelector("iframe").contentWindow) window.__received.push({ data: event.data, origin: event.origin });
  });
  return true;
}

/** A request from the top page to the iframe. */
function ask(protocol, message) {
  document.querySelector("iframe").contentWindow.postMessage({ protocol, version: 1, ...message }, "*");
  return true;
}

/** The message recorded whose data has all of `fields`. */
const replyWith = (fields) => window.__received.find((m) => Object.entries(fields).every(([k, v]) => m.data?.[k] === v))?.data;

for (const name of BROWSERS) {
  describe(`the consultation embed in ${name}`, { timeout: 120_000 }, () => {
    const env = useBrowser(name);
    let s;
    let from;
    before(async () => {
      s = env.session;
      from = env.server.requests.length;
      await s.goto(`${env.server.url}consultation-example.html`);
      // The example page says so when the calculator's "ready" message has reached it.
      await s.waitFor(() => /The calculator shows Hampshire County Council's plan/.test(document.querySelector("#calculator-status").textContent), [], {
        what: "the host page to hear 'ready' from the embed",
      });
      await s.evaluate(record);
    });
    beforeEach(async () => {
      await s.frame(null); // a test that failed in the iframe leaves the next one at the top
    });

    test("loads sandboxed, with an opaque origin, no errors or CSP violations, each file fetched once", async () => {
      assert.equal(await s.evaluate(() => document.querySelector("#calculator").getAttribute("sandbox")), "allow-scripts");
      assert.deepEqual(await trouble(s), NO_TROUBLE, "the host page");
      await s.frame("#calculator");
      try {
        assert.equal(await s.evaluate(() => origin), "null");
        assert.deepEqual(await trouble(s), NO_TROUBLE, "the embed");
        assert.match(await s.evaluate(() => document.querySelector("#sentence").innerText), /The council could/);
        assert.ok(await s.evaluate(() => document.documentElement.classList.contains("embed")));
        assert.ok((await s.evaluate(() => document.querySelectorAll("#levers input[type=range]").length)) >= 15);
      } finally {
        await s.frame(null);
      }
      // In the sandboxed frame every fetch is a CORS request from "null"; each file is fetched once.
      assert.deepEqual(fetchCounts(env.server, ["/index.html", "/pkg/mtfs_bg.wasm", "/data/hampshire.json"], from), {
        "/index.html": 1,
        "/pkg/mtfs_bg.wasm": 1,
        "/data/hampshire.json": 1,
      });
    });

    test("the host follows the embed's height", async () => {
      await s.frame("#calculator");
      const content = await s.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
      await s.frame(null);
      assert.ok(content > 600, `the embed is ${content} px high`);
      await s.waitFor((h) => Math.abs(document.querySelector("#calculator").getBoundingClientRect().height - h) <= 1, [content], {
        what: `the iframe to be ${content} px high`,
      });
    });

    test("a control moved in the embed reaches the host's form once it settles", async () => {
      await s.typeInFrame("#calculator", "#core-2020-21-input", "4");
      await s.waitFor(() => document.querySelector("#scenario-fragment").value === "#s2.c2020_4", [], { what: "the scenario in the form" });
      const message = await s.evaluate(replyWith, { type: "scenario", reason: "changed" });
      assert.equal(message.protocol, PROTOCOL);
      assert.equal(message.scenario.core_pct["2020/21"], "4");
      assert.equal(message.years[0].band_d, "1311.08");
      assert.match(await s.evaluate(() => document.querySelector("#scenario-summary").value), /Band D council tax £1,311\.08; a local referendum would be needed\./);
    });

    test("the host sets a scenario and asks for it; a bad one gets an error it can show", async () => {
      await s.evaluate(ask, PROTOCOL, { type: "set-scenario", fragment: "#s1.c2021_1.5~r_0", id: 7 });
      const set = await s.waitFor(replyWith, [{ id: 7 }], { what: "the reply to set-scenario" });
      assert.equal(set.type, "scenario");
      assert.equal(set.fragment, "#s2.c2021_1.5~r_0");
      assert.equal(set.usesReserves, false);
      await s.frame("#calculator");
      assert.equal(await s.evaluate(() => document.querySelector("#core-2021-22-input").value), "1.5");
      assert.equal(await s.evaluate(() => document.querySelector("#use-reserves").checked), false);
      await s.frame(null);

      await s.evaluate(ask, PROTOCOL, { type: "get-scenario", id: "q1" });
      const got = await s.waitFor(replyWith, [{ id: "q1" }], { what: "the reply to get-scenario" });
      assert.equal(got.reason, "requested");
      assert.match(got.link, /\/index\.html#s2\.c2021_1\.5~r_0$/);

      await s.evaluate(ask, PROTOCOL, { type: "set-scenario", fragment: "#s1.c2020_x", id: "bad" });
      const refused = await s.waitFor(replyWith, [{ id: "bad" }], { what: "the error reply" });
      assert.equal(refused.code, "refused");
      await s.waitFor(() => /could not change its choices/.test(document.querySelector("#calculator-error").textContent));
      // Every message came from the sandboxed frame, whose origin is "null".
      assert.ok(await s.evaluate(() => window.__received.every((m) => m.origin === "null")));
      await s.frame("#calculator");
      assert.deepEqual(await trouble(s), NO_TROUBLE, "the embed, after the messages");
      await s.frame(null);
    });

    test("an embed listing another origin sends this page nothing and ignores its requests", async () => {
      // The example page on origin B (localhost: the same server), its iframe listing only A.
      const a = new URL(env.server.url).origin;
      const b = a.replace("127.0.0.1", "localhost");
      await s.goto(`${b}/consultation-example.html`);
      await s.waitFor(() => document.querySelector("#calculator").src);
      // The example page's own iframe lists B, and may already be talking to it: it is
      // replaced by a blank page first, so nothing it sent is taken for the next one's.
      await s.evaluate(() => {
        const frame = document.querySelector("#calculator");
        frame.addEventListener("load", () => (window.__blank = true), { once: true });
        frame.src = "about:blank";
        return true;
      });
      await s.waitFor(() => window.__blank);
      await new Promise((resolve) => setTimeout(resolve, 500));
      await s.evaluate((host) => {
        window.__received = [];
        addEventListener("message", (event) => window.__received.push(event.data));
        const frame = document.querySelector("#calculator");
        const src = new URL("index.html", location.href);
        src.searchParams.set("embed", "1");
        src.searchParams.set("host", host);
        frame.src = src.href;
        return true;
      }, `${a},https://consult.example.gov.uk`);
      await s.frame("#calculator");
      await s.waitFor(() => location.search.includes("consult.example") && document.querySelector("#app:not([hidden])"));
      await s.frame(null);
      await s.evaluate(ask, PROTOCOL, { type: "set-scenario", fragment: "#s1.c2020_4", id: 1 });
      await s.evaluate(ask, PROTOCOL, { type: "get-scenario", id: 2 });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.deepEqual(await s.evaluate(() => window.__received), []);
      await s.frame("#calculator");
      assert.equal(await s.evaluate(() => document.querySelector("#core-2020-21-input").value), "1.995");
      assert.deepEqual(await trouble(s), NO_TROUBLE);
      await s.frame(null);
    });
  });
}
