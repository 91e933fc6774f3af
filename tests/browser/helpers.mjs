// Shared set-up for the page tests: the page served exactly as `make serve` serves it
// (scripts/serve.py: http.server on 127.0.0.1, with CORS and the .wasm type), Debian's Chromium driven by playwright-core,
// and one axe-core helper with the WCAG 2.2 AA tags.
import { spawn } from "node:child_process";
import { after, before } from "node:test";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import AxeBuilder from "@axe-core/playwright";

/** The site as served and deployed: www/ built by scripts/build-web.sh (scripts and styles minified). */
export const WWW = fileURLToPath(new URL("../../target/site/", import.meta.url));
const SERVE = fileURLToPath(new URL("../../scripts/serve.py", import.meta.url));

/** Serves the built site (or another folder) on a free loopback port; resolves to { url, close }. */
export function serve(extra = [], directory = WWW) {
  return new Promise((resolve, reject) => {
    const server = spawn("python3", ["-u", SERVE, "--directory", directory, "0", ...extra], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const onData = (chunk) => {
      output += chunk;
      const port = /port (\d+)/.exec(output)?.[1];
      if (port) {
        server.stdout.off("data", onData);
        server.stdout.resume(); // keep draining the access log
        resolve({ url: `http://127.0.0.1:${port}/`, close: () => server.kill() });
      }
    };
    server.stdout.setEncoding("utf8").on("data", onData);
    server.stderr.resume();
    server.on("error", reject);
    server.on("exit", (code) => reject(new Error(`serve.py exited (${code}): ${output}`)));
  });
}

/**
 * Debian's Chromium, quiet: without the background-networking flags it keeps trying to
 * reach Google, which this machine's closed network refuses. playwright-core adds
 * --headless and --no-sandbox, and launch() gives every run a fresh, empty
 * --user-data-dir of its own.
 */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}

/**
 * A new page that records what would make a user's visit go wrong: console errors,
 * uncaught exceptions, and any request to a host other than the local server.
 */
export async function openPage(browser, url, options = {}) {
  const { asServed = false, ...contextOptions } = options;
  const context = await browser.newContext(contextOptions); // axe needs a page from a context
  const page = await context.newPage();
  // The page leaves sections out of sight unrendered (`content-visibility: auto`,
  // www/styles/base.css), and a browser gives no text for them (innerText is ""). The tests
  // read every part wherever it is, so they see every section rendered; `asServed: true`
  // (the benchmark, and page.test.mjs's test of that behaviour) leaves the page as it is.
  if (!asServed) await page.addInitScript(showEverySectionAlways);
  const trouble = { consoleErrors: [], pageErrors: [], foreignRequests: [], failedResponses: [], requests: [], sent: [] };
  page.on("console", (m) => m.type() === "error" && trouble.consoleErrors.push(m.text()));
  page.on("pageerror", (e) => trouble.pageErrors.push(String(e)));
  page.on("response", (r) => r.status() >= 400 && trouble.failedResponses.push(`${r.status()} ${r.url()}`));
  page.on("request", (r) => {
    trouble.requests.push(r.url());
    if (new URL(r.url()).hostname !== "127.0.0.1") trouble.foreignRequests.push(r.url());
    // Anything that could carry a person's data away: a method other than GET, or a body.
    if (r.method() !== "GET" || r.postData()) trouble.sent.push(`${r.method()} ${r.url()}`);
  });
  // Content Security Policy violations (they are console errors too; this names them).
  await page.addInitScript(() => {
    globalThis.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      globalThis.__cspViolations.push(`${e.violatedDirective}: ${e.blockedURI}`),
    );
  });
  return { page, context, trouble, visit: () => page.goto(url) };
}

/** An init script: a style sheet of the page's own (not an inline style, which the CSP refuses) that renders every section. */
function showEverySectionAlways() {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync("* { content-visibility: visible !important; }");
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}

/**
 * The requests made since `from` (an index into trouble.requests), as paths, leaving out
 * the page's own files loaded on demand (`own`, e.g. ["/components/own-data/read-file.js"]),
 * and the bundle's shared chunks those import (chunks/, scripts/bundle-site.mjs).
 */
export function requestsSince(trouble, from, own = []) {
  return trouble.requests
    .slice(from)
    .map((url) => new URL(url).pathname)
    .filter((path) => !own.includes(path) && !/^\/chunks\/[^/]+\.js$/.test(path));
}

/**
 * Every component of the page shown is listening: the page shows the first screen's
 * components, then mounts the rest a task at a time (www/ui/mount.js), and a file chosen
 * or a key pressed in a part not yet mounted would go unheard. True at once for a page
 * with no calculator shown (a problem, or another page).
 */
export const mounted = () => !document.querySelector("#app:not([hidden])") || performance.getEntriesByName("mtfs:mounted").length > 0;

/** Waits, in a page or a frame, until the calculator shows and every component listens. */
export async function calculatorShown(target, options = {}) {
  await target.locator("#app:not([hidden])").waitFor(options);
  await target.waitForFunction(mounted, null, options);
}

/**
 * Opens the page and waits until it has shown the plan or a problem. `prepare(page)` runs
 * before the visit (to route or break something).
 */
export async function load(env, options = {}, prepare = async () => {}) {
  const visit = await openPage(env.browser, env.server.url, options);
  await prepare(visit.page);
  await visit.visit();
  await visit.page.locator("#app:not([hidden]), .error-summary").first().waitFor();
  await visit.page.waitForFunction(mounted);
  return visit;
}

/** A server and a browser for the tests of one file: fields filled in before the tests run. */
export function useBrowser() {
  const env = { server: undefined, browser: undefined };
  before(async () => {
    env.server = await serve();
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    env.server?.close();
  });
  return env;
}

/** Accessibility violations at WCAG 2.2 AA (no rule is disabled). */
export async function axe(page) {
  await showEverySection(page);
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => n.target.join(" ")),
  }));
}

/**
 * Shows every part the page leaves unrendered while out of sight (`content-visibility:
 * auto`, www/styles/base.css), so that what a test measures or axe checks is all laid out.
 * Such a part also clips what it paints: a too-wide table in it would not widen the page.
 */
export function showEverySection(page) {
  return page.evaluate(() => {
    for (const element of document.querySelectorAll("*")) {
      if (getComputedStyle(element).contentVisibility === "auto") element.style.contentVisibility = "visible";
    }
  });
}

/** How many px the page is wider than its window, every part shown (0 or less: no sideways scrolling). */
export async function sidewaysOverflow(page) {
  await showEverySection(page);
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Waits until the page's charts and tables show the latest input (they follow the headline by a frame). */
export async function settled(page) {
  await page.evaluate(() => globalThis.mtfsPage?.settled());
}

/** The cells of a table row in `scope`, found by the start of its label, once settled. */
export async function row(page, scope, label) {
  await settled(page);
  return page
    .locator(`${scope} tr`, { has: page.locator("th", { hasText: label }) })
    .first()
    .locator("td")
    .allInnerTexts();
}
