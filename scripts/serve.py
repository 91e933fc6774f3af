#!/usr/bin/env python3
"""Serves a folder (the built site, target/site/, by default) on this machine only, for the page and its tests.

Python's own `python3 -m http.server`, plus what the page needs:
- `Access-Control-Allow-Origin: *` on every answer, so the page also works as an embed in
  `<iframe sandbox="allow-scripts">`: there its origin is opaque ("null"), and its module
  scripts, the engine's .wasm and the data file are all fetched as CORS requests. The files
  are public and no request carries cookies, so `*` gives nothing away.
- the right types for .wasm (application/wasm, which WebAssembly.instantiateStreaming
  insists on), .mjs/.js, .json and .svg, whatever the machine's mime.types says.
- each HTML page's Content Security Policy names the origin it is served from beside
  'self' (scripts/csp_origin.py: WebKit matches 'self' against nothing in a sandboxed
  iframe, so without it the embed is blank in Safari). A council's own server gets the
  same from `python3 scripts/csp_origin.py ORIGIN DIR` on deploy (docs/embed.md).
- it listens on 127.0.0.1 only.

Usage: scripts/serve.py [PORT] [--directory DIR] [--gzip]   (PORT 0: any free port; prints
"Serving HTTP on 127.0.0.1 port N (http://127.0.0.1:N/) ...", as http.server does.)
"""
import argparse
import functools
import gzip
import http.server
import io
import os
import sys

import csp_origin

TYPES = {
    ".wasm": "application/wasm",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".css": "text/css",
    ".html": "text/html",
    ".md": "text/markdown; charset=utf-8",
}


COMPRESSED = {".wasm", ".js", ".mjs", ".json", ".svg", ".css", ".html"}


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}

    # `--gzip`: text, JSON and wasm compressed as a production server sends them, for the
    # benchmark's throttled network (scripts/bench-page.mjs); the tests use plain files.
    compress = False

    def do_GET(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.compress and wants and os.path.splitext(path)[1] in COMPRESSED and os.path.isfile(path)):
            return super().do_GET()
        body = gzip.compress(self.page_bytes(path), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self):
        self.send_header("Access-Control-Allow-Origin", "*")
        # Never a stale file while the page is being worked on.
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def page_bytes(self, path):
        """A file's bytes; an HTML page's with the origin it was asked for written into its CSP."""
        with open(path, "rb") as f:
            body = f.read()
        origin = csp_origin.origin_from_host("http", self.headers.get("Host"))
        if path.endswith(".html") and origin is not None:
            body = csp_origin.rewrite(body.decode("utf-8"), origin).encode("utf-8")
        return body

    def send_head(self):
        """An HTML page through page_bytes; anything else as http.server sends it."""
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")
        if not path.endswith(".html") or not os.path.isfile(path):
            return super().send_head()
        body = self.page_bytes(path)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

def main():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "target", "site")
    parser = argparse.ArgumentParser(description="Serve the built site (target/site/) on 127.0.0.1 with CORS and wasm types.")
    parser.add_argument("port", nargs="?", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument("--directory", "-d", default=root)
    parser.add_argument("--gzip", action="store_true", help="compress text, JSON and wasm as a production server would")
    args = parser.parse_args()
    Handler.compress = args.gzip
    handler = functools.partial(Handler, directory=os.path.abspath(args.directory))
    http.server.ThreadingHTTPServer.allow_reuse_address = True
    with http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler) as httpd:
        host, port = httpd.socket.getsockname()[:2]
        print(f"Serving HTTP on {host} port {port} (http://{host}:{port}/) ...", flush=True)
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            print("\nStopped.", file=sys.stderr)


if __name__ == "__main__":
    main()
