// Set-up for the cross-browser tests: the built site (target/site/, scripts/build-web.sh)
// served by scripts/serve.py (as `make serve` and the Chromium tests serve it), behind a
// small recording proxy, and Firefox ESR or WebKitGTK driven over W3C WebDriver
// (webdriver.mjs).
//
//   Firefox ESR  Debian's firefox-esr, headless, through geckodriver (from crates.io, the
//                one wasm-bindgen-test-runner uses too).
//   WebKitGTK    Debian's webkit2gtk-driver: /usr/bin/WebKitWebDriver starts WebKitGTK's
//                MiniBrowser, which needs a display, so it runs under xvfb-run.
//
// The proxy (a) records every request, so a test can see a file fetched twice, and (b)
// puts hooks.js first in every HTML page, before the page's CSP, because neither driver
// passes on console messages. The pages themselves are served unchanged otherwise.
//
// CROSS_BROWSERS=firefox,webkit (the default) chooses the browsers. A browser that cannot
// start fails its tests: nothing here skips.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { request as httpRequest, createServer } from "node:http";
import { homedir } from "node:os";
import { join } from "node:path";
import { after, before } from "node:test";
import { fileURLToPath } from "node:url";
import { Session, startDriver } from "./webdriver.mjs";
import { serve as serveSite } from "../browser/helpers.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const HOOKS = readFileSync(new URL("./hooks.js", import.meta.url), "utf8");
const HOOKS_PATH = "/__cross-browser/hooks.js";

/** The browsers to test, from CROSS_BROWSERS (default: both). */
export const BROWSERS = (process.env.CROSS_BROWSERS ?? "firefox,webkit")
  .split(",")
  .map((name) => name.trim())
  .filter(Boolean);
for (const name of BROWSERS) {
  if (!["firefox", "webkit"].includes(name)) throw new Error(`CROSS_BROWSERS: unknown browser ${name} (firefox, webkit)`);
}

function onPath(command, fallbacks = []) {
  for (const dir of (process.env.PATH ?? "").split(":")) if (dir && existsSync(join(dir, command))) return join(dir, command);
  return fallbacks.find((path) => existsSync(path)) ?? command;
}

/** WebKitGTK's MiniBrowser (its directory has the architecture in it). */
function miniBrowser() {
  if (process.env.MINIBROWSER) return process.env.MINIBROWSER;
  for (const arch of readdirSync("/usr/lib")) {
    for (const api of ["webkit2gtk-4.1", "webkit2gtk-4.0", "webkitgtk-6.0"]) {
      const path = join("/usr/lib", arch, api, "MiniBrowser");
      if (existsSync(path)) return path;
    }
  }
  throw new Error("WebKitGTK's MiniBrowser is not installed (Debian: webkit2gtk-driver); scripts/ensure-tools.sh installs it");
}

const DRIVERS = {
  firefox: {
    label: "Firefox ESR",
    start: () =>
      startDriver(
        process.env.GECKODRIVER ?? onPath("geckodriver", [join(homedir(), ".cargo/bin/geckodriver")]),
        (port) => ["--port", String(port), "--log", "error"],
      ),
    capabilities: () => ({
      browserName: "firefox",
      "moz:firefoxOptions": {
        binary: process.env.FIREFOX ?? "/usr/bin/firefox-esr",
        args: ["-headless"],
        // Quiet, as the Chromium tests' flags keep Chromium: nothing reaches for Mozilla's services.
        prefs: {
          "app.update.enabled": false,
          "browser.safebrowsing.malware.enabled": false,
          "browser.safebrowsing.phishing.enabled": false,
          "network.captive-portal-service.enabled": false,
          "network.connectivity-service.enabled": false,
          "datareporting.policy.dataSubmissionEnabled": false,
          "toolkit.telemetry.enabled": false,
          "messaging-system.rsexperimentloader.enabled": false,
          "services.settings.server": "data:,#remote-settings-dummy/v1",
        },
      },
    }),
  },
  webkit: {
    label: "WebKitGTK",
    // -a: a free display number; the screen is big enough for the window the tests set.
    start: () =>
      startDriver(onPath("xvfb-run"), (port) => [
        "-a",
        "-s",
        "-screen 0 1400x1000x24 -nolisten tcp",
        process.env.WEBKIT_DRIVER ?? "/usr/bin/WebKitWebDriver",
        `--port=${port}`,
      ]),
    capabilities: () => ({
      "webkitgtk:browserOptions": { binary: miniBrowser(), args: ["--automation"] },
    }),
  },
};

/**
 * serve.py on a free port, behind the recording proxy. Resolves to { url, requests, close }:
 * `requests` is every request the proxy passed on, as { method, path }, in order.
 */
export async function serve() {
  // The page served exactly as the Chromium suite serves it (tests/browser/helpers.mjs).
  const site = await serveSite();
  const backend = { port: Number(new URL(site.url).port), close: site.close };
  const requests = [];
  const proxy = createServer((req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    if (path === HOOKS_PATH) {
      res.writeHead(200, { "content-type": "text/javascript", "access-control-allow-origin": "*", "cache-control": "no-cache" });
      res.end(HOOKS);
      return;
    }
    requests.push({ method: req.method, path, url: req.url, headers: req.headers });
    const upstream = httpRequest(
      { host: "127.0.0.1", port: backend.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        const headers = { ...answer.headers };
        if (!/^text\/html/.test(headers["content-type"] ?? "")) {
          res.writeHead(answer.statusCode, headers);
          answer.pipe(res);
          return;
        }
        const chunks = [];
        answer.on("data", (c) => chunks.push(c));
        answer.on("end", () => {
          const html = Buffer.concat(chunks).toString("utf8").replace(/<head[^>]*>/i, (head) => `${head}<script src="${HOOKS_PATH}"></script>`);
          delete headers["content-length"];
          res.writeHead(answer.statusCode, headers);
          res.end(html);
        });
      },
    );
    upstream.on("error", (error) => {
      res.writeHead(502);
      res.end(String(error));
    });
    req.pipe(upstream);
  });
  await new Promise((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const { port } = proxy.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    requests,
    close: () => {
      proxy.close();
      backend.close();
    },
  };
}

/** Starts `name`'s driver and a session in it. Throws if the browser cannot start. */
export async function launch(name) {
  const kind = DRIVERS[name];
  const driver = await kind.start();
  try {
    const session = await Session.create(driver.base, kind.capabilities());
    await session.setWindowRect({ width: 1280, height: 900 });
    session.browser = name;
    session.label = kind.label;
    return {
      session,
      close: async () => {
        await session.close();
        driver.stop();
      },
    };
  } catch (error) {
    driver.stop();
    error.message += `\n${kind.label}'s driver said:\n${driver.output()}`;
    throw error;
  }
}

/** A server and `name`'s browser for one describe block: fields filled in before its tests. */
export function useBrowser(name) {
  const env = { server: undefined, browser: undefined, session: undefined };
  before(async () => {
    env.server = await serve();
    env.browser = await launch(name);
    env.session = env.browser.session;
  });
  after(async () => {
    await env.browser?.close();
    env.server?.close();
  });
  return env;
}

/** What the page (or the current frame) recorded going wrong (hooks.js). */
export async function trouble(session) {
  return session.evaluate(() => (window.__trouble ? window.__trouble() : { missing: "hooks.js did not run" }));
}

/** Nothing went wrong: every list in trouble() is empty. */
export const NO_TROUBLE = { errors: [], rejections: [], consoleErrors: [], csp: [], foreign: [] };

/** How many times each of `paths` was requested since request number `from`. */
export function fetchCounts(server, paths, from = 0) {
  const counts = Object.fromEntries(paths.map((p) => [p, 0]));
  for (const { path } of server.requests.slice(from)) if (path in counts) counts[path] += 1;
  return counts;
}

/** Loads `path` and waits until the page shows the council's plan or a problem. */
export async function open(env, path = "") {
  const { session, server } = env;
  const from = server.requests.length;
  await session.goto(`${server.url}${path}`);
  await session.waitFor(() => document.querySelector("#app:not([hidden]), .error-summary"), [], { what: "the plan or a problem" });
  // Then every component listening: the page mounts those below the first screen a task
  // at a time (www/ui/mount.js; tests/browser/helpers.mjs, mounted).
  await session.waitFor(() => !document.querySelector("#app:not([hidden])") || performance.getEntriesByName("mtfs:mounted").length > 0, [], { what: "every component mounted" });
  return from;
}

/** Waits until the page's views show the latest choices (the page's own test hook). */
export function settled(session) {
  return session.evaluate(async () => {
    await globalThis.mtfsPage?.settled();
    return true;
  });
}
