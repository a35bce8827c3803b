# tenantctl — build, demo, tests and benchmark.
#
# `make demo` and `make test` work on a fresh Debian machine: they install what is missing
# (Debian packages through apt-get, as root or with sudo) before building.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c

SWIFT ?= swift
APT_PACKAGES := git pkg-config libgit2-dev libsqlite3-dev sqlite3 lighttpd openssh-server libcurl4-openssl-dev curl bind9 bind9-dnsutils pebble certbot openssl chromium
DEMO_DIR ?= $(CURDIR)/.build/demo
BENCH_DIR ?= $(CURDIR)/.build/bench
BENCH_TENANTS ?= 10000
# The official Vault client for Python, which VaultSimTests drive vault-sim with.
HVAC_VERSION := 2.3.0
# The official OVH client for Python, which DNSProviderTests drive ovh-sim with.
OVH_VERSION := 1.2.0
# moto_server, the real Route 53 stand-in DNSProviderTests start.
MOTO_VERSION := 5.2.1
# The official GitLab client for Python, which GitLabTests drive gitlab-sim with.
PYTHON_GITLAB_VERSION := 8.6.0

.PHONY: all deps python-deps moto build demo test bench clean help

all: build

help:
	@echo "make demo   build, then plan, apply, drift and heal the example fleet against juju-sim, with its DNS in ovh-sim, moto_server and bind9, and its certificates from pebble"
	@echo "make test   install what is missing, build and run the whole test suite"
	@echo "make bench  measure validate, changed and plan on generated repositories, drift sweeps against juju-sim and juju-replay, plan with vault-sim, plan observing DNS zones in ovh-sim, plan and apply 1,000 DNS records on bind9 and on moto_server, an apply issuing 50 certificates against pebble, serve's webhook-to-change time and a webhook flood"
	@echo "make deps   install the Debian packages the build and the tests need"

# Installs only the packages that are missing, so it is quick when all are there.
deps:
	@missing=""; \
	for pkg in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' "$$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  sudo_cmd=""; [ "$$(id -u)" = 0 ] || sudo_cmd="sudo"; \
	  $$sudo_cmd apt-get update -qq; \
	  DEBIAN_FRONTEND=noninteractive $$sudo_cmd apt-get install -y -qq $$missing >/dev/null; \
	fi

# hvac for VaultSimTests, ovh and moto_server for DNSProviderTests, python-gitlab for GitLabTests,
# from PyPI, each only when it is missing already.
python-deps:
	@python3 -c 'import hvac' 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check "hvac==$(HVAC_VERSION)"
	@python3 -c 'import ovh' 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check "ovh==$(OVH_VERSION)"
	@$(MAKE) --no-print-directory moto
	@python3 -c 'import gitlab' 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check "python-gitlab==$(PYTHON_GITLAB_VERSION)"

# moto_server alone: the demo's and the bench's Route 53 (boto3 comes with it).
moto:
	@command -v moto_server >/dev/null 2>&1 && python3 -c 'import flask, flask_cors, boto3' 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check "moto[server]==$(MOTO_VERSION)"

build: deps
	$(SWIFT) build --product tenantctl

demo: deps moto
	$(SWIFT) build --product tenantctl
	$(SWIFT) build --product juju-sim
	$(SWIFT) build --product vault-sim
	$(SWIFT) build --product ovh-sim
	$(SWIFT) build --product gitlab-sim
	DEMO_DIR="$(DEMO_DIR)" BIN_DIR="$(CURDIR)/.build/debug" ./examples/demo.sh

test: deps python-deps
	$(SWIFT) build --build-tests
	@mkdir -p .build
	@status=0; $(SWIFT) test --skip-build --disable-swift-testing 2>&1 | tee .build/test.log || status=$$?; \
	summary=$$(grep -E "Executed [0-9]+ tests?, with .*failures?" .build/test.log | tail -1 || true); \
	total=$$(echo "$$summary" | sed -nE 's/.*Executed ([0-9]+) tests?,.*/\1/p'); \
	failed=$$(echo "$$summary" | sed -nE 's/.* ([0-9]+) failures?.*/\1/p'); \
	skipped=$$(echo "$$summary" | sed -nE 's/.* ([0-9]+) tests? skipped.*/\1/p'); \
	echo "tests: $$(( $${total:-0} - $${failed:-0} - $${skipped:-0} )) passed, $${failed:-0} failed, $${skipped:-0} skipped"; \
	[ "$$status" = 0 ] && [ "$${failed:-1}" = 0 ] && [ "$${total:-0}" -gt 0 ]

bench: deps moto
	$(SWIFT) build -c release --product tenantctl
	$(SWIFT) build -c release --product juju-sim
	$(SWIFT) build -c release --product juju-replay
	$(SWIFT) build -c release --product vault-sim
	$(SWIFT) build -c release --product ovh-sim
	$(SWIFT) build -c release --product gitlab-sim
	$(SWIFT) build -c release --product tenantctl-bench
	rm -rf "$(BENCH_DIR)"
	./.build/release/tenantctl-bench --tenantctl ./.build/release/tenantctl --juju-sim ./.build/release/juju-sim \
	  --juju-replay ./.build/release/juju-replay --vault-sim ./.build/release/vault-sim --ovh-sim ./.build/release/ovh-sim \
	  --gitlab-sim ./.build/release/gitlab-sim --examples examples/tenants-repo --work "$(BENCH_DIR)" --tenants $(BENCH_TENANTS)

clean:
	rm -rf .build
