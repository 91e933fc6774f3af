// A small W3C WebDriver client over HTTP (fetch), enough for the cross-browser tests: one
// code path drives Firefox ESR through geckodriver and WebKitGTK through WebKitWebDriver.
// Neither driver hands a test the page's console messages, so the tests read what went
// wrong from the page itself (hooks.js, injected by harness.mjs).
import { spawn } from "node:child_process";
import { createServer } from "node:net";

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

/** A free port on the loopback interface. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts a WebDriver server (`command` with `args(port)`) in a process group of its own and
 * waits until it answers /status. Throws, with what it printed, if it does not within
 * `timeout`: a browser that cannot start fails the tests, it never skips them.
 */
export async function startDriver(command, args, { timeout = 30_000 } = {}) {
  const port = await freePort();
  const child = spawn(command, args(port), { stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (c) => (output = (output + c).slice(-4000)));
  child.stderr.setEncoding("utf8").on("data", (c) => (output = (output + c).slice(-4000)));
  let exited = null;
  child.on("exit", (code, signal) => (exited = code ?? signal));
  child.on("error", (error) => (exited = error.message));
  const base = `http://127.0.0.1:${port}`;
  const stop = () => {
    try {
      process.kill(-child.pid, "SIGTERM"); // the whole group: xvfb-run's Xvfb too
    } catch {}
  };
  const deadline = Date.now() + timeout;
  for (;;) {
    if (exited !== null) throw new Error(`${command} exited (${exited}) before it answered:\n${output}`);
    try {
      const status = await (await fetch(`${base}/status`)).json();
      if (status.value?.ready !== false) break;
    } catch {}
    if (Date.now() > deadline) {
      stop();
      throw new Error(`${command} did not answer on port ${port} within ${timeout} ms:\n${output}`);
    }
    await sleep(100);
  }
  return { base, stop, output: () => output };
}

export class WebDriverError extends Error {}

/** One browser session. */
export class Session {
  constructor(base, id, capabilities) {
    this.base = base;
    this.id = id;
    this.capabilities = capabilities;
  }

  static async create(base, alwaysMatch) {
    const response = await fetch(`${base}/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ capabilities: { alwaysMatch } }),
    });
    const body = await response.json();
    if (!response.ok) throw new WebDriverError(`new session refused: ${JSON.stringify(body.value)}`);
    return new Session(base, body.value.sessionId, body.value.capabilities);
  }

  async cmd(method, path, body) {
    const response = await fetch(`${this.base}/session/${this.id}${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const value = text ? JSON.parse(text).value : null;
    if (!response.ok) {
      throw new WebDriverError(`${method} ${path}: ${value?.error}: ${value?.message}`.slice(0, 2000));
    }
    return value;
  }

  close() {
    return this.cmd("DELETE", "").catch(() => {});
  }

  goto(url) {
    return this.cmd("POST", "/url", { url });
  }

  url() {
    return this.cmd("GET", "/url");
  }

  setWindowRect(rect) {
    return this.cmd("POST", "/window/rect", rect);
  }

  /**
   * Runs `fn(...args)` in the current browsing context and returns its (JSON) result. An
   * async function is awaited (WebDriver waits for a returned promise).
   */
  evaluate(fn, ...args) {
    return this.cmd("POST", "/execute/sync", { script: `return (${fn}).apply(null, arguments);`, args });
  }

  /** Polls `fn(...args)` until it returns something truthy; returns that. */
  async waitFor(fn, args = [], { timeout = 30_000, interval = 100, what = String(fn) } = {}) {
    const deadline = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        last = await this.evaluate(fn, ...args);
        if (last) return last;
      } catch (error) {
        last = error.message;
      }
      if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
      await sleep(interval);
    }
  }

  async find(css) {
    const found = await this.cmd("POST", "/element", { using: "css selector", value: css });
    return found[ELEMENT];
  }

  /** Types into a field as a person would (real key events); `clear` empties it first. */
  async type(css, text, { clear = true } = {}) {
    const id = await this.find(css);
    if (clear) await this.cmd("POST", `/element/${id}/clear`, {});
    await this.cmd("POST", `/element/${id}/value`, { text });
  }

  /**
   * Types into a field in the iframe `frameCss` as a person would: a real click at the
   * field's place on the screen, Ctrl+A, then the keys. WebKitWebDriver's element commands
   * cannot reach into a sandboxed cross-origin frame ("Element is not focusable"); input
   * at the top level, as a person's, reaches it in every browser.
   */
  async typeInFrame(frameCss, css, text) {
    await this.frame(frameCss);
    let box;
    try {
      box = await this.evaluate((selector) => {
        const rect = document.querySelector(selector).getBoundingClientRect();
        return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
      }, css);
    } finally {
      await this.frame(null);
    }
    const at = await this.evaluate(
      (selector, inner) => {
        const frame = document.querySelector(selector);
        scrollTo(0, frame.getBoundingClientRect().top + scrollY + inner.y - innerHeight / 2);
        const rect = frame.getBoundingClientRect();
        return { x: Math.round(rect.left + frame.clientLeft + inner.x), y: Math.round(rect.top + frame.clientTop + inner.y) };
      },
      frameCss,
      box,
    );
    await this.cmd("POST", "/actions", {
      actions: [
        {
          type: "pointer",
          id: "mouse",
          parameters: { pointerType: "mouse" },
          actions: [
            { type: "pointerMove", x: at.x, y: at.y, origin: "viewport" },
            { type: "pointerDown", button: 0 },
            { type: "pointerUp", button: 0 },
          ],
        },
      ],
    });
    const CONTROL = "\uE009";
    const keys = [
      { type: "keyDown", value: CONTROL },
      { type: "keyDown", value: "a" },
      { type: "keyUp", value: "a" },
      { type: "keyUp", value: CONTROL },
      ...[...text].flatMap((key) => [
        { type: "keyDown", value: key },
        { type: "keyUp", value: key },
      ]),
    ];
    await this.cmd("POST", "/actions", { actions: [{ type: "key", id: "keyboard", actions: keys }] });
    await this.cmd("DELETE", "/actions");
  }

  async click(css) {
    const id = await this.find(css);
    await this.cmd("POST", `/element/${id}/click`, {});
  }

  /** Clicks the button whose text is `text`, as a person finds it. */
  async clickButton(text) {
    if (/["\\]/.test(text)) throw new WebDriverError(`clickButton: ${text}`);
    const found = await this.cmd("POST", "/element", { using: "xpath", value: `//button[normalize-space(.)="${text}"]` });
    await this.cmd("POST", `/element/${found[ELEMENT]}/click`, {});
  }

  /**
   * Switches into the iframe matching `css` (null: back to the top page). By its index in
   * window.frames: WebKitWebDriver refuses an element reference here ("Invalid frame ID object").
   */
  async frame(css) {
    if (css === null) return this.cmd("POST", "/frame", { id: null });
    const index = await this.evaluate((selector) => [...Array(frames.length).keys()].find((i) => frames[i] === document.querySelector(selector)?.contentWindow) ?? -1, css);
    if (index < 0) throw new WebDriverError(`no iframe matches ${css}`);
    return this.cmd("POST", "/frame", { id: index });
  }
}

