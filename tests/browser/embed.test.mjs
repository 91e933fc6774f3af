// The consultation embed (index.html?embed=1) in a sandboxed iframe on the example
// consultation page (www/consultation-example.html), and its postMessage interface
// (docs/embed.md): the host follows the embed's height, receives the resident's scenario
// when a control settles and on request, can set a scenario, and gets an error it can show
// for a bad one; an embed configured for another origin sends nothing and takes no orders;
// nothing is stored; axe is clean in the embed view and on the host page.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { axe, calculatorShown, openPage, settled, sidewaysOverflow, useBrowser } from "./helpers.mjs";

const env = useBrowser();
const PROTOCOL = "mtfs-embed";

/** Records, in the top page only, every message that reaches it: { data, origin, fromFrame }. */
function recordMessages() {
  if (window !== window.top) return;
  globalThis.__received = [];
  addEventListener("message", (event) =>
    globalThis.__received.push({
      data: event.data,
      origin: event.origin,
      fromFrame: event.source === document.querySelector("iframe")?.contentWindow,
    }),
  );
}

const received = (page) => page.evaluate(() => globalThis.__received);

/** A request from the top page to the iframe (the sandboxed frame's origin cannot be named, so "*"). */
const ask = (page, message) =>
  page.evaluate(
    ([protocol, m]) => document.querySelector("iframe").contentWindow.postMessage({ protocol, version: 1, ...m }, "*"),
    [PROTOCOL, message],
  );

/** Waits for the message from the iframe whose fields include all of `fields`; returns its data. */
async function reply(page, fields) {
  const handle = await page.waitForFunction(
    (want) =>
      globalThis.__received.find((m) => m.fromFrame && Object.entries(want).every(([k, v]) => m.data?.[k] === v))?.data,
    fields,
  );
  return handle.jsonValue();
}

/** CSP violations recorded in a page or frame (helpers.mjs's init script runs in both). */
const violations = (target) => target.evaluate(() => globalThis.__cspViolations ?? ["(not recorded)"]);

/** The example host page, loaded with the calculator ready in its iframe. */
async function openHost(options = {}) {
  const visit = await openPage(env.browser, `${env.server.url}consultation-example.html`, options);
  await visit.page.addInitScript(recordMessages);
  await visit.visit();
  await visit.page.locator("#calculator-status", { hasText: "The calculator shows" }).waitFor();
  const frame = visit.page.frame({ url: /index\.html\?embed=1/ });
  await calculatorShown(frame);
  await settled(frame);
  return { ...visit, frame, embed: visit.page.frameLocator("#calculator") };
}

describe("the consultation embed on the example host page", { timeout: 180_000 }, () => {
  let host;
  before(async () => {
    host = await openHost();
  });
  after(async () => {
    await host?.context.close();
  });

  test("loads in a sandboxed iframe (opaque origin) with no console errors, CSP violations or other hosts", async () => {
    const { page, frame, trouble } = host;
    assert.equal(await page.locator("#calculator").getAttribute("sandbox"), "allow-scripts");
    assert.equal(await frame.evaluate(() => origin), "null");
    const src = new URL(await page.locator("#calculator").getAttribute("src"), env.server.url);
    assert.equal(src.searchParams.get("embed"), "1");
    assert.equal(src.searchParams.get("host"), new URL(env.server.url).origin);
    assert.deepEqual(trouble.pageErrors, []);
    assert.deepEqual(trouble.consoleErrors, []);
    assert.deepEqual(trouble.failedResponses, []);
    assert.deepEqual(trouble.foreignRequests, []);
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(await violations(frame), []);
    // The calculator really runs in the frame: the engine answered and the choices are there.
    assert.match(await frame.locator("#sentence").innerText(), /The council could/);
    assert.ok((await frame.locator("#levers input[type=range]").count()) >= 15);
  });

  test("the embed shows the compact layout: figures, choices, gap, reserves and council tax, and its source", async () => {
    const { embed, page } = host;
    // Chromium draws a cross-origin frame only once it is in sight, so the charts come then.
    await page.locator("#calculator").scrollIntoViewIfNeeded();
    await embed.locator("#gap-chart svg.chart").waitFor();
    await embed.locator("#reserves-chart svg.chart").waitFor();
    for (const shown of ["#sentence", "#figures", "#levers", "#gap-chart svg", "#reserves-chart svg", "#council-tax table", "#embed-source"]) {
      assert.equal(await embed.locator(shown).first().isVisible(), true, `${shown} is shown`);
    }
    for (const left of [".header", "#copy-link", "#own-data", "#budget", "#ticker", "#about"]) {
      assert.equal(await embed.locator(left).first().isVisible(), false, `${left} is left out`);
    }
    // The tables behind the charts, and every band's council tax, are folded away until asked for.
    for (const box of ["#gap-chart", "#reserves-chart", "#bands"]) {
      assert.equal(await embed.locator(`${box} details table`).isVisible(), false, `${box}'s table is folded`);
    }
    const summary = embed.locator("#gap-chart details summary");
    assert.equal(await summary.innerText(), "Show the gap as a table");
    await summary.focus();
    await host.page.keyboard.press("Enter");
    await embed.locator("#gap-chart details table").waitFor();
    assert.match(await embed.locator("#gap-chart details table").innerText(), /Gap to fill from reserves/);
    assert.match(
      await embed.locator("#embed-source").innerText(),
      /^Hampshire County Council\. Figures: Hampshire's medium-term financial strategy as planned in January 2020/,
    );
  });

  test("the host gets the embed's height and the iframe follows it, with nothing to scroll", async () => {
    const { page, frame } = host;
    const heights = (await received(page)).filter((m) => m.fromFrame && m.data.type === "height");
    assert.ok(heights.length >= 1, "at least one height message");
    assert.ok(heights.every((m) => m.data.protocol === PROTOCOL && m.data.version === 1 && Number.isInteger(m.data.height)));
    // The last height sent is the content's height, and the iframe has it.
    const content = () => frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
    const lastHeight = async () => (await received(page)).filter((m) => m.fromFrame && m.data.type === "height").pop().data.height;
    for (let i = 0; i < 20 && (await lastHeight()) !== (await content()); i++) await page.waitForTimeout(100);
    assert.equal(await lastHeight(), await content());
    const last = await lastHeight();
    assert.equal(await page.evaluate(() => document.querySelector("#calculator").getBoundingClientRect().height), last);
    assert.equal(await frame.evaluate(() => document.documentElement.scrollHeight <= innerHeight), true);
    // The first message was "ready", naming the council.
    const first = (await received(page)).find((m) => m.fromFrame).data;
    assert.deepEqual(first, { protocol: PROTOCOL, version: 1, lang: "en", type: "ready", council: "Hampshire County Council", versions: [1] });
  });

  test("a control moved in the iframe sends the scenario once it settles, and the form shows it", async () => {
    const { page, embed, frame } = host;
    const entries = await page.evaluate(() => history.length);
    await embed.locator("#core-2020-21-input").fill("4");
    const message = await reply(page, { type: "scenario", reason: "changed" });
    // Embedded, the choices replace the frame's address but never add to the host page's
    // history: Back leaves the consultation page rather than stepping through them.
    assert.equal(await page.evaluate(() => history.length), entries);
    assert.match(frame.url(), /#s2\.c2020_4$/);
    assert.equal(message.fragment, "#s2.c2020_4");
    assert.equal(message.council, "Hampshire County Council");
    assert.equal(message.scenario.core_pct["2020/21"], "4");
    assert.equal(message.usesReserves, true);
    assert.deepEqual(
      message.choices.filter((c) => c.changed).map((c) => c.text),
      ["Core council tax rise in 2020/21: 4%"],
    );
    assert.deepEqual(message.years.map((y) => y.year), ["2020/21", "2021/22", "2022/23", "2023/24"]);
    for (const y of message.years) {
      for (const money of [y.gap, y.total_gap, y.total_reserves, y.band_d]) assert.match(money, /^-?\d+\.\d{2}$/);
      assert.equal(typeof y.referendum, "boolean");
    }
    assert.equal(message.years[0].referendum, true);
    assert.deepEqual(message.summary.referendum_years, ["2020/21"]);
    // The figures are the calculator's own: Band D as its council tax table shows it.
    await settled(host.frame);
    const bandD = await embed.locator("#council-tax tr", { hasText: "Band D, a year" }).locator("td").allInnerTexts();
    const pounds = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP" });
    assert.deepEqual(bandD, message.years.map((y) => pounds.format(y.band_d)));
    // Into the response: a summary to read, the fragment in a hidden field.
    await page.waitForFunction(() => document.querySelector("#scenario-fragment").value === "#s2.c2020_4");
    const summary = await page.locator("#scenario-summary").inputValue();
    assert.match(summary, /Core council tax rise in 2020\/21: 4%/);
    assert.match(summary, /2020\/21: gap to fill .*; Band D council tax £1,311\.08; a local referendum would be needed\./);
    assert.equal(await page.locator("#scenario-summary").getAttribute("readonly"), "");
    assert.equal(await page.locator("#scenario-fragment").getAttribute("type"), "hidden");
  });

  test("on request, the host gets the scenario with its id", async () => {
    const { page } = host;
    await ask(page, { type: "get-scenario", id: "q1" });
    const message = await reply(page, { id: "q1" });
    assert.equal(message.type, "scenario");
    assert.equal(message.reason, "requested");
    assert.equal(message.fragment, "#s2.c2020_4");
    assert.match(message.link, /\/index\.html#s2\.c2020_4$/);
  });

  test("the host sets a scenario and the iframe shows it; the reply carries its results", async () => {
    const { page, embed } = host;
    await ask(page, { type: "set-scenario", fragment: "#s1.c2021_1.5~r_0", id: 7 });
    const message = await reply(page, { id: 7 });
    assert.equal(message.type, "scenario");
    assert.equal(message.reason, "set");
    assert.equal(message.fragment, "#s2.c2021_1.5~r_0");
    assert.equal(message.usesReserves, false);
    assert.equal(await embed.locator("#core-2021-22-input").inputValue(), "1.5");
    assert.equal(await embed.locator("#core-2020-21-input").inputValue(), "1.995");
    assert.equal(await embed.locator("#use-reserves").isChecked(), false);
    await page.waitForFunction(() => document.querySelector("#scenario-fragment").value === "#s2.c2021_1.5~r_0");
    // The example's own button: back to the council's plan.
    // By keyboard: a click just after scrolling may reach the iframe's process first (Chromium
    // routes input to an out-of-process frame by regions it updates after the scroll).
    await page.locator("#start-again").focus();
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.querySelector("#scenario-fragment").value === "");
    assert.equal(await embed.locator("#core-2021-22-input").inputValue(), "1.99");
    assert.equal(await embed.locator("#use-reserves").isChecked(), true);
    assert.match(await page.locator("#scenario-summary").inputValue(), /You kept every choice at Hampshire County Council's plan\./);
  });

  test("a bad set-scenario, an unknown version or type get error replies; the choices stay", async () => {
    const { page, embed, frame } = host;
    await ask(page, { type: "set-scenario", fragment: "#s1.c2021_2.5" });
    await page.waitForFunction(() => document.querySelector("#scenario-fragment").value === "#s2.c2021_2.5");
    const before = await frame.locator("#levers input[type=number]").evaluateAll((list) => list.map((i) => i.value));

    await ask(page, { type: "set-scenario", fragment: "#s1.c2020_x", id: "bad" });
    const refused = await reply(page, { id: "bad" });
    assert.equal(refused.type, "error");
    assert.equal(refused.code, "refused");
    assert.equal(refused.request, "set-scenario");
    assert.match(refused.message, /could not be used: The link's value for core council tax rise in 2020\/21 is not a number/);
    await page.locator("#calculator-error", { hasText: "The calculator could not change its choices" }).waitFor();

    await ask(page, { type: "set-scenario", fragment: "#s1.i_-9999", id: "engine" });
    const engine = await reply(page, { id: "engine" });
    assert.equal(engine.code, "refused");
    assert.match(engine.message, /value for extra inflation on all costs \(-9999\) is outside what the calculator allows/);

    await ask(page, { type: "set-scenario", fragment: 42, id: "type" });
    assert.equal((await reply(page, { id: "type" })).code, "bad-request");

    await page.evaluate((protocol) => document.querySelector("iframe").contentWindow.postMessage({ protocol, version: 2, type: "get-scenario", id: "v2" }, "*"), PROTOCOL);
    const version = await reply(page, { id: "v2" });
    assert.equal(version.code, "unsupported-version");
    assert.deepEqual(version.versions, [1]);
    assert.match(version.message, /version 1/);

    await ask(page, { type: "make-tea", id: "tea" });
    const unknown = await reply(page, { id: "tea" });
    assert.equal(unknown.code, "unknown-type");
    assert.match(unknown.message, /get-scenario, subscribe, unsubscribe, set-scenario/);

    // Messages of another protocol, or not objects at all, are ignored without a reply.
    const count = (await received(page)).length;
    await page.evaluate(() => {
      const w = document.querySelector("iframe").contentWindow;
      w.postMessage("hello", "*");
      w.postMessage(null, "*");
      w.postMessage({ protocol: "something-else", type: "get-scenario" }, "*");
    });
    await page.waitForTimeout(300);
    assert.equal((await received(page)).length, count);

    assert.deepEqual(await frame.locator("#levers input[type=number]").evaluateAll((list) => list.map((i) => i.value)), before);
    assert.equal(await embed.locator("#core-2021-22-input").inputValue(), "2.5");
    assert.deepEqual(host.trouble.pageErrors, []);
    assert.deepEqual(host.trouble.consoleErrors, []);
  });

  test("unsubscribed, the host hears nothing more on a change; get-scenario still answers", async () => {
    const { page, embed } = host;
    await ask(page, { type: "unsubscribe", id: "u" });
    assert.equal((await reply(page, { id: "u" })).type, "unsubscribed");
    const count = (await received(page)).filter((m) => m.data.type === "scenario").length;
    await embed.locator("#core-2022-23-input").fill("2.5");
    await page.waitForTimeout(1600); // past the 1 s the results take to settle
    assert.equal((await received(page)).filter((m) => m.data.type === "scenario").length, count);
    await ask(page, { type: "get-scenario", id: "after" });
    assert.match((await reply(page, { id: "after" })).fragment, /c2022_2\.5/);
    await ask(page, { type: "subscribe", id: "again" });
    assert.equal((await reply(page, { id: "again" })).reason, "subscribed");
  });

  test("submitting says it is an example and sends nothing", async () => {
    const { page, trouble } = host;
    await page.locator("#agree-2").focus();
    await page.keyboard.press("Space");
    assert.equal(await page.locator("#agree-2").isChecked(), true);
    await page.locator("#comments").fill("Keep the libraries open.");
    const requests = trouble.requests.length;
    await page.locator("#submit").focus();
    await page.keyboard.press("Enter");
    const sent = page.locator("#sent");
    await sent.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), "sent");
    const text = await sent.innerText();
    assert.match(text, /Nothing was sent: this is an example/);
    assert.match(text, /Keep the libraries open\./);
    assert.match(text, /How far you agree with the plan\s+disagree/);
    assert.match(text, /#s2\./);
    assert.deepEqual(trouble.requests.slice(requests), []);
    assert.equal(new URL(page.url()).pathname, "/consultation-example.html");
  });

  test("no cookies or storage are written, by the host page or the embed", async () => {
    const { page, context, frame } = host;
    const state = await context.storageState();
    assert.deepEqual(state.cookies, []);
    assert.deepEqual(state.origins, []);
    assert.deepEqual(await page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie]), [0, 0, ""]);
    assert.deepEqual(await page.evaluate(async () => (await indexedDB.databases()).length), 0);
    // The sandboxed embed cannot store anything at all, and does not try (no errors above).
    assert.equal(await frame.evaluate(() => {
      try {
        return String(localStorage.length);
      } catch (error) {
        return error.name;
      }
    }), "SecurityError");
  });

  test("axe (WCAG 2.2 AA) is clean on the host page, the embed included", async () => {
    // The console errors of axe's own injected styles come after the checks above.
    assert.deepEqual(await axe(host.page), []);
  });
});

describe("an embed configured for other origins", { timeout: 120_000 }, () => {
  /**
   * The example host page at `origin`, with its script changed to list `hostParam` in the
   * iframe's address instead of its own origin (null: no host at all). The page itself
   * comes from the server, so http://localhost:PORT is another origin on the same server
   * (Chromium refuses a loopback frame in a page the test answered itself).
   */
  async function frameFrom(origin, hostParam) {
    const visit = await openPage(env.browser, `${origin}/consultation-example.html`);
    await visit.page.route(`${origin}/consultation-example.js`, async (route) => {
      const response = await route.fetch();
      const script = (await response.text()).replace(
        'src.searchParams.set("host", location.origin);',
        hostParam === null ? 'src.searchParams.delete("host");' : `src.searchParams.set("host", ${JSON.stringify(hostParam)});`,
      );
      assert.ok(!script.includes("location.origin);"), "the script lists the host given");
      await route.fulfill({ response, body: script });
    });
    await visit.page.addInitScript(recordMessages);
    await visit.visit();
    const embed = visit.page.frameLocator("#calculator");
    await visit.page.locator("#calculator").scrollIntoViewIfNeeded();
    await embed.locator("#app:not([hidden])").waitFor();
    const frame = visit.page.frame({ url: /index\.html\?embed=1/ });
    await calculatorShown(frame);
    await settled(frame);
    return { ...visit, embed };
  }

  test("framed by a page on origin B, an embed for origin A sends B nothing and ignores B's set-scenario", async () => {
    const a = new URL(env.server.url).origin; // http://127.0.0.1:PORT
    const b = a.replace("127.0.0.1", "localhost"); // the same server, another origin
    const visit = await frameFrom(b, `${a},https://consult.example.gov.uk`);
    const { page, embed, trouble } = visit;
    assert.equal(await page.evaluate(() => origin), b);
    assert.match(await page.locator("#calculator").getAttribute("src"), /host=http%3A%2F%2F127\.0\.0\.1%3A\d+%2Chttps/);
    await ask(page, { type: "subscribe" });
    await ask(page, { type: "set-scenario", fragment: "#s1.c2020_4", id: 1 });
    await ask(page, { type: "get-scenario", id: 2 });
    await embed.locator("#core-2022-23-input").fill("2.5"); // a change a subscriber would hear of
    await page.waitForTimeout(1600);
    assert.deepEqual(await received(page), []);
    assert.equal(await embed.locator("#core-2020-21-input").inputValue(), "1.995");
    assert.equal(await embed.locator("#core-2022-23-input").inputValue(), "2.5");
    // The example page heard nothing either: its form still waits for the calculator.
    assert.equal(await page.locator("#calculator-status").innerText(), "The calculator is loading.");
    assert.equal(await page.locator("#scenario-fragment").inputValue(), "");
    assert.deepEqual(trouble.pageErrors, []);
    assert.deepEqual(trouble.consoleErrors, []); // not even a targetOrigin mismatch
    // Every request "to another host" is to localhost: the same server, as origin B.
    assert.ok(trouble.foreignRequests.length > 0);
    assert.deepEqual(trouble.foreignRequests.filter((url) => !url.startsWith(`${b}/`)), []);
    await visit.context.close();
  });

  test("with no host listed, or none that is an origin, the embed sends nothing at all", async () => {
    const a = new URL(env.server.url).origin;
    for (const hostParam of [null, "", `${a}/consultation`, "*", "null"]) {
      const visit = await frameFrom(a, hostParam);
      const { page, embed, trouble } = visit;
      await ask(page, { type: "get-scenario", id: 1 });
      await embed.locator("#core-2022-23-input").fill("2.5");
      await page.waitForTimeout(500);
      assert.deepEqual(await received(page), [], `host=${hostParam}`);
      assert.deepEqual(trouble.consoleErrors, []);
      await visit.context.close();
    }
  });

  test("the same page with the right origin listed gets ready and height (the check above can fail)", async () => {
    const a = new URL(env.server.url).origin;
    const visit = await frameFrom(a, a);
    const types = (await received(visit.page)).map((m) => m.data.type);
    assert.equal(types[0], "ready");
    assert.ok(types.includes("height"));
    assert.ok((await received(visit.page)).every((m) => m.origin === "null" && m.fromFrame));
    await visit.context.close();
  });
});

describe("the embed view on its own", { timeout: 120_000 }, () => {
  test("the choices after council tax are folded; opening a box shows them; changed ones open themselves", async () => {
    const visit = await openPage(env.browser, `${env.server.url}index.html?embed=1`, { viewport: { width: 480, height: 800 } });
    await visit.visit();
    await visit.page.locator("#embed-source").waitFor();
    await settled(visit.page);
    const { page } = visit;
    const folds = page.locator("#levers > details.embed-fold--choices");
    assert.deepEqual(await folds.locator("summary").allInnerTexts(), [
      "Show the choices for costs",
      "Show the choices for savings",
      "Show the choices for funding and reserves",
    ]);
    assert.equal(await page.locator("#core-2020-21-input").isVisible(), true, "council tax stays open");
    assert.equal(await page.locator("#delivery-tt2021-input").isVisible(), false, "savings start folded");
    assert.equal(await page.locator("#risk").isVisible(), false, "the risk section (never loaded in the embed) is not shown");
    const shortHeight = await page.evaluate(() => document.documentElement.scrollHeight);
    // Opened from the keyboard.
    await folds.nth(1).locator("summary").focus();
    await page.keyboard.press("Enter");
    assert.equal(await page.locator("#delivery-tt2021-input").isVisible(), true);
    assert.ok((await page.evaluate(() => document.documentElement.scrollHeight)) > shortHeight + 300);
    assert.deepEqual(await axe(page), []);
    // A choice set from outside (a link here; the host page's set-scenario alike) shows.
    assert.equal(await folds.nth(0).getAttribute("open"), null);
    assert.equal(await page.evaluate(() => globalThis.mtfsPage.apply("#s1.gsocial-care_150")), null);
    await settled(page);
    assert.equal(await folds.nth(0).getAttribute("open"), "");
    assert.deepEqual(visit.trouble.consoleErrors, []);
    await visit.context.close();
  });

  test("the compact layout is there from the first paint, before the page's scripts arrive", async () => {
    const visit = await openPage(env.browser, `${env.server.url}index.html?embed=1`);
    // Hold app.js back: only the inline script in index.html (allowed by its hash) can act.
    let release;
    const held = new Promise((resolve) => (release = resolve));
    await visit.page.route("**/app.js", async (route) => {
      await held;
      await route.continue();
    });
    // DOMContentLoaded waits for module scripts, so wait for the parsed body instead.
    await visit.page.goto(`${env.server.url}index.html?embed=1`, { waitUntil: "commit" });
    await visit.page.locator("#ticker").waitFor({ state: "attached" });
    assert.equal(await visit.page.evaluate(() => document.documentElement.classList.contains("embed")), true);
    assert.equal(await visit.page.locator(".header").isVisible(), false, "no site header while loading");
    release();
    await calculatorShown(visit.page);
    assert.deepEqual(await violations(visit.page), [], "the inline script's hash matches the CSP");
    assert.deepEqual(visit.trouble.consoleErrors, []);
    await visit.context.close();
  });

  for (const width of [320, 720]) {
    test(`at ${width} px: no errors, nothing sent (not framed), nothing wider than the frame, axe clean`, async () => {
      const visit = await openPage(env.browser, `${env.server.url}index.html?embed=1&host=${encodeURIComponent(new URL(env.server.url).origin)}`, {
        viewport: { width, height: 800 },
      });
      await visit.page.addInitScript(recordMessages);
      await visit.visit();
      await calculatorShown(visit.page);
      await visit.page.locator("#embed-source").waitFor();
      await settled(visit.page);
      const { page, trouble } = visit;
      assert.equal(await page.evaluate(() => document.documentElement.classList.contains("embed")), true);
      assert.equal(await page.locator(".header").isVisible(), false);
      assert.ok((await sidewaysOverflow(page)) <= 0, "no sideways scrolling");
      assert.deepEqual(await received(page), []);
      assert.deepEqual(trouble.pageErrors, []);
      assert.deepEqual(trouble.consoleErrors, []);
      assert.deepEqual(await violations(page), []);
      assert.deepEqual(await axe(page), []);
      // And with the folded tables open.
      await page.locator("details").evaluateAll((list) => list.forEach((d) => (d.open = true)));
      assert.ok((await sidewaysOverflow(page)) <= 0, "no sideways scrolling, tables open");
      assert.deepEqual(await axe(page), []);
      await visit.context.close();
    });
  }
});
