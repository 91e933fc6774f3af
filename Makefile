# The two commands (README.md): `make serve` and `make test`.
.PHONY: serve test build

serve:
	scripts/serve.sh

test:
	scripts/test.sh

build:
	scripts/build-web.sh
