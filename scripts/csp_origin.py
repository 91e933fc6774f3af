#!/usr/bin/env python3
"""Writes the calculator's own origin beside each 'self' in its pages' Content Security Policy.

Why: in a sandboxed iframe (the consultation embed, docs/embed.md) the page's origin is
opaque, and WebKit (Safari; WebKit bug 316847, fixed upstream only in 2026, so Safari
versions in residents' hands still have it) then matches 'self' against nothing: every
script, style and fetch is refused and the embed stays blank. Chromium and Firefox match
'self' against the page's address, as the CSP spec says. Naming the origin the files are
served from beside 'self' (`script-src 'self' https://calculator.example.gov.uk ...`)
allows exactly the same files in every browser, so the policy is no wider than before.

The origin is only known where the files are served, so it is written there:
- on deploy: `python3 scripts/csp_origin.py https://calculator.example.gov.uk target/site`
  rewrites every .html file under the built site (scripts/build-web.sh) before it is
  uploaded; never the source tree, www/. Run it again with another origin and it
  replaces the one it wrote;
- by scripts/serve.py (`make serve` and the tests), per request, with the origin the
  browser asked for (its Host header).

Only the <meta http-equiv="Content-Security-Policy"> element is touched. An origin
written right after 'self' is taken as this script's and replaced.
"""
import argparse
import os
import re
import sys
from urllib.parse import urlsplit

META = re.compile(
    r"""(<meta\s+http-equiv=["']Content-Security-Policy["']\s+content=")([^"]*)(")""",
    re.IGNORECASE,
)
# 'self', and the origin this script may have written after it before.
SELF = re.compile(r"'self'(?: https?://[A-Za-z0-9.\-\[\]:]+(?=[\s;]|$))?")
HOST = re.compile(r"^(?:[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$")


def origin_of(text):
    """The origin `text` names ("https://host[:port]", lower case), or ValueError."""
    parts = urlsplit(text.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or not HOST.match(parts.netloc):
        raise ValueError(f"{text!r} is not an http: or https: origin (https://host or https://host:port)")
    if parts.path not in ("", "/") or parts.query or parts.fragment or "@" in parts.netloc:
        raise ValueError(f"{text!r} has more than an origin: give the scheme, host and port only")
    return f"{parts.scheme}://{parts.netloc.lower()}"


def origin_from_host(scheme, host):
    """The origin for a request's Host header, or None if the header is not a plain host[:port]."""
    if not host or not HOST.match(host):
        return None
    return f"{scheme}://{host.lower()}"


def rewrite(html, origin):
    """`html` with `origin` written after each 'self' in its CSP meta element."""

    def policy(match):
        return match.group(1) + SELF.sub(f"'self' {origin}", match.group(2)) + match.group(3)

    return META.sub(policy, html)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("origin", help="where the calculator's files are served, e.g. https://calculator.example.gov.uk")
    parser.add_argument("dir", help="the folder to be deployed: the built site, target/site")
    args = parser.parse_args()
    try:
        origin = origin_of(args.origin)
    except ValueError as error:
        sys.exit(f"csp_origin: {error}")
    if not os.path.isfile(os.path.join(args.dir, "index.html")):
        sys.exit(f"csp_origin: {args.dir} has no index.html: give the folder to be deployed")
    for folder, _, files in os.walk(args.dir):
        for name in sorted(files):
            if not name.endswith(".html"):
                continue
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as f:
                html = f.read()
            changed = rewrite(html, origin)
            if changed != html:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(changed)
                print(f"csp_origin: {path}: 'self' {origin}")


if __name__ == "__main__":
    main()
