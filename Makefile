# The two commands (README.md): `make serve` and `make test`.
.PHONY: serve test build bench-page

serve:
	scripts/serve.sh

test:
	scripts/test.sh

build:
	scripts/build-web.sh

# The page's speed in headless Chromium (README, "Speed"): figures to read, not a test.
bench-page:
	scripts/ensure-tools.sh
	scripts/build-web.sh
	node scripts/bench-page.mjs
