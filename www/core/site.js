// The address of one of the site's own files (the engine, a stylesheet, a worker, the Welsh
// catalogue), from its path in the site: resolved against the page that runs the calculator,
// as the page's own HTML resolves its stylesheets and scripts. Every page that runs these
// modules (index.html, analyse.html) sits in the site's root folder, so this holds wherever
// the site is deployed: https://council.example/calculator/ as well as a host's root.
//
// Not `import.meta.url`: the built site is bundled (scripts/build-web.sh), so a module's code
// may be served from a file at another depth than its source in www/ (a shared chunk in
// chunks/, or the entry that uses it), and a path relative to the module would then point
// elsewhere. Only a worker's own file resolves against itself (it has no document, and each
// worker is an entry of the bundle, served at its own path: views/insight/worker.js,
// analyse/worker.js).
export const siteUrl = (path) => new URL(path, document.baseURI).href;
