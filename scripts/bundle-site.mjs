#!/usr/bin/env node
// The site's scripts and stylesheets, as scripts/build-web.sh builds them into target/site/
// (it has copied www/ there already, without the page's own modules):
//
// - the page's modules bundled by esbuild, with code splitting: each entry below keeps its
//   path (the HTML, the import() calls and the worker URLs name those), the code they share
//   goes into chunks/ (a module runs once whichever entry imports it: core/language.js and
//   core/engine.js keep one state), and each HTML page's <link rel="modulepreload"> list
//   names the files its module imports at once, so the browser fetches them all with the
//   page. The first screen was 43 modules, 6 at a time over HTTP/1.1: about 8 round trips
//   on a phone before it could be drawn. Now it is app.js and the chunks it imports.
// - the engine's glue (pkg/*.js) and every stylesheet minified file by file, at their paths:
//   the glue is loaded at run time by its URL (core/engine.js: a restart loads a fresh copy),
//   never bundled; so is what the example consultation page imports (core/format.js).
//
// What makes a bundle break quietly, refused here: a module that resolves a URL against its
// own `import.meta.url` (its code may now be served from another folder: core/site.js says
// what to use instead), and a static import of the engine's glue from anywhere but a worker.
//
// Usage: node scripts/bundle-site.mjs SITE (run from the repository's root).
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { build } from "esbuild";

const site = process.argv[2];
if (!site) throw new Error("usage: node scripts/bundle-site.mjs SITE");

/** Modules that run as workers: each is loaded by its URL and resolves its own files against itself. */
const WORKERS = ["www/views/insight/worker.js", "www/analyse/worker.js"];
/**
 * The entries: each page's module, each worker, and every module loaded by import() (esbuild
 * would split those off anyway; as entries they keep their names, so what a view or a test
 * asks for is what the source says).
 */
const ENTRIES = [
  "www/app.js", // index.html
  "www/analyse/main.js", // analyse.html
  ...WORKERS,
  // app.js, loadViews and startLanguage
  "www/views/embed/index.js",
  "www/views/officer/index.js",
  "www/views/easy-read/index.js",
  "www/views/accessibility/index.js",
  "www/views/branding/index.js",
  "www/views/insight/index.js",
  "www/ui/welsh.js",
  // loaded when a resident asks for them
  "www/components/budget-builder/suggestions.js",
  "www/views/insight/goal-client.js",
  "www/components/own-data/read-file.js",
  "www/components/own-data/read-csv.js",
  "www/ui/download.js",
];

const problems = [];

/** The engine's glue stays a file of its own: imported statically only by a worker, at the worker's own path. */
const glueOutside = {
  name: "glue-outside",
  setup(b) {
    b.onResolve({ filter: /(^|\/)pkg\// }, (args) => {
      const from = relative(process.cwd(), args.importer);
      if (!WORKERS.includes(from)) problems.push(`${from} imports ${args.path}: load the glue by siteUrl() (core/site.js), or from a worker`);
      return { path: args.path, external: true };
    });
  },
};

const bundled = await build({
  entryPoints: ENTRIES,
  bundle: true,
  splitting: true,
  format: "esm",
  minify: true,
  outbase: "www",
  outdir: site,
  chunkNames: "chunks/[name]-[hash]",
  charset: "utf8",
  legalComments: "none",
  logLevel: "warning",
  metafile: true,
  plugins: [glueOutside],
});

// `import.meta.url` only in a worker's own file: a worker is an entry, served at its path.
const sources = Object.keys(bundled.metafile.inputs);
for (const source of sources) {
  const text = readFileSync(source, "utf8");
  const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, ""); // comments may name it
  if (/import\.meta/.test(code) && !WORKERS.includes(source)) {
    problems.push(`${source} uses import.meta: once bundled its code may be served from another folder; use siteUrl() (core/site.js)`);
  }
  // Every file named by siteUrl("…") is in the site (a worker or view that is not an entry would not be).
  for (const [, path] of text.matchAll(/siteUrl\(\s*["'`]([^"'`$?]+)/g)) {
    if (!existsSync(join(site, path))) problems.push(`${source} names ${path}, which the built site does not have`);
  }
}

// What went where, beside the site (not served): tests/browser/size.test.mjs tells the views'
// own chunks from the page's by it.
writeFileSync(join(site, "..", "site.meta.json"), JSON.stringify(bundled.metafile));

// Each page's <link rel="modulepreload"> list: the files its module imports at once, so they
// are all fetched with the page (not one level of imports after another).
const outputs = bundled.metafile.outputs;
const key = (path) => relative(process.cwd(), join(site, path));
function imported(entry, seen = new Set()) {
  for (const i of outputs[entry].imports) {
    if (i.kind === "import-statement" && !i.external && !seen.has(i.path)) {
      seen.add(i.path);
      imported(i.path, seen);
    }
  }
  return seen;
}
for (const page of ["index.html", "analyse.html"]) {
  const file = join(site, page);
  const html = readFileSync(file, "utf8");
  const src = /<script type="module" src="([^"]+)"><\/script>/.exec(html)?.[1];
  const lines = html.split("\n");
  const preloads = lines.map((line, i) => (/^\s*<link rel="modulepreload" href="[^"]+">$/.test(line) ? i : -1)).filter((i) => i >= 0);
  if (!src || !outputs[key(src)] || preloads.length === 0) {
    problems.push(`${page}: no module script of the bundle, or no <link rel="modulepreload"> to replace`);
    continue;
  }
  const indent = /^\s*/.exec(lines[preloads[0]])[0];
  const links = [...imported(key(src))].map((path) => `${indent}<link rel="modulepreload" href="${relative(site, path)}">`);
  const kept = lines.filter((_, i) => !preloads.includes(i));
  kept.splice(preloads[0], 0, ...links);
  writeFileSync(file, kept.join("\n"));
}

if (problems.length > 0) {
  console.error(`bundle-site: the bundle would not work as the source does:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}

// The example consultation page (consultation-example.*, left as written: the example a
// council's web team reads) imports the page's modules it uses from www/ by their paths:
// those stay files of their own, each a module with no imports of its own (so nothing it
// holds is shared with, or duplicated from, the calculator: that page never loads them).
const example = [...readFileSync("www/consultation-example.js", "utf8").matchAll(/^import .* from "\.\/([^"]+)";$/gm)].map((m) => join("www", m[1]));
for (const module of example) {
  if (/^import /m.test(readFileSync(module, "utf8"))) problems.push(`${module}: consultation-example.js imports it, and it imports others`);
}
if (problems.length > 0) {
  console.error(`bundle-site: ${problems.join("\n  ")}`);
  process.exit(1);
}

// Those modules, the glue and the stylesheets, each minified at its own path.
const files = readdirSync("www", { recursive: true })
  .map((path) => join("www", path))
  .filter((path) => (path.endsWith(".css") || /^www\/pkg\/.*\.js$/.test(path)) && !path.includes("consultation-example."));
await build({ entryPoints: [...example, ...files], minify: true, outbase: "www", outdir: site, allowOverwrite: true, charset: "utf8", legalComments: "none", logLevel: "warning" });
