// Injected by harness.mjs as the first script of every HTML page (and frame) the
// cross-browser tests load, before the page's Content Security Policy: geckodriver and
// WebKitWebDriver do not hand a test the console, so the page records here what would
// make a visit go wrong, and the tests read it with __trouble().
(() => {
  const trouble = { errors: [], rejections: [], consoleErrors: [], csp: [] };
  // Whether a ResizeObserver callback has just run (see the loop notice below).
  let resized = false;
  const Observer = globalThis.ResizeObserver;
  if (Observer) {
    globalThis.ResizeObserver = class extends Observer {
      constructor(callback) {
        super((...args) => {
          resized = true;
          setTimeout(() => (resized = false));
          return callback(...args);
        });
      }
    };
  }
  // Capture phase: a script, style or image that fails to load fires `error` on its element.
  addEventListener(
    "error",
    (event) => {
      const target = event.target;
      // Not an error: the spec's notice that a ResizeObserver callback changed a size it
      // watches (the page's charts, drawn at a new width, move the layout). Every browser
      // fires it, Chromium too (Playwright does not report it); the rest arrive next frame.
      // WebKit words it "Script error." in a sandboxed frame (its opaque origin hides the
      // message), so that too is passed over, but only straight after a ResizeObserver
      // callback: the page's own scripts are modules fetched with CORS, whose real errors
      // keep their message there.
      if (/^ResizeObserver loop/.test(event.message ?? "")) return;
      if (event.message === "Script error." && resized && !event.filename) return;
      if (target && target !== window && target.tagName) {
        trouble.errors.push(`${target.tagName.toLowerCase()} failed to load: ${target.src || target.href || ""}`);
      } else {
        trouble.errors.push(`${event.message} (${event.filename}:${event.lineno})`);
      }
    },
    true,
  );
  addEventListener("unhandledrejection", (event) => trouble.rejections.push(`${event.reason}\n${event.reason?.stack ?? ""}`.trim()));
  document.addEventListener("securitypolicyviolation", (event) =>
    trouble.csp.push(`${event.violatedDirective}: ${event.blockedURI}`),
  );
  // What the page offered to download (a link with `download`, clicked): its name and the
  // blob behind it (the page's CSP does not let a test fetch a blob: address back). The
  // browser still downloads it.
  const blobs = new Map();
  const createObjectURL = URL.createObjectURL;
  URL.createObjectURL = (blob) => {
    const url = createObjectURL.call(URL, blob);
    blobs.set(url, blob);
    return url;
  };
  const downloads = [];
  document.addEventListener(
    "click",
    (event) => {
      const link = event.target.closest?.("a[download]");
      if (link) downloads.push({ name: link.download, blob: blobs.get(link.href) });
    },
    true,
  );
  /** The latest download offered, as { name, text }, or null. */
  globalThis.__lastDownload = async () => {
    const offered = downloads.at(-1);
    return offered ? { name: offered.name, text: offered.blob ? await offered.blob.text() : null } : null;
  };
  const error = console.error;
  console.error = (...args) => {
    trouble.consoleErrors.push(args.map(String).join(" "));
    error.apply(console, args);
  };
  /**
   * For the test that the checks can fail: an error thrown, a promise refused and a request
   * the CSP blocks, from the page's own context (a script from geckodriver runs in a
   * sandbox whose errors the page never sees).
   */
  globalThis.__misbehave = () => {
    setTimeout(() => {
      throw new Error("thrown by the test");
    });
    Promise.reject(new Error("refused by the test"));
    fetch("https://example.invalid/").catch(() => {});
  };
  /** What went wrong so far, and every resource fetched from a host other than this page's server. */
  globalThis.__trouble = () => ({
    ...trouble,
    foreign: performance
      .getEntriesByType("resource")
      .map((entry) => entry.name)
      .filter((url) => new URL(url).hostname !== location.hostname && !url.startsWith("blob:") && !url.startsWith("data:")),
  });
  // The page leaves sections out of sight unrendered (content-visibility: auto), and a
  // browser gives no text for them; the tests read every part wherever it is, so every
  // section is rendered here, as in the Chromium tests (tests/browser/helpers.mjs, openPage).
  // A style sheet of the page's own, not an inline style, which the page's CSP refuses.
  if (globalThis.CSSStyleSheet && "adoptedStyleSheets" in document) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync("* { content-visibility: visible !important; }");
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }
})();
