#!/usr/bin/env bash
# Writes release-1-state.sqlite: the state database of a real tenantctl run, as written by the
# release before the owned_resource migration (commit a995066, migrations v1-journal,
# v1-ownership, v2-environment-locks, v3-applied-secret-digest). Run it from a work tree of that
# commit, with its binaries (see README.md beside it):
#   swift build --product juju-sim && swift build --product tenantctl
#   Tests/StoreTests/Fixtures/make-release-1-database.sh "$PWD/.build/debug" /tmp/wt-store-fixture-work
# It follows examples/demo.sh: the example fleet applied against juju-sim with a secrets file, so
# the database holds managed models, applied Vault references with their digests, runs and
# actions (one value per reference, so references differ in digest); and one model made by hand
# first (cabinet-martin-prod, "keeps the name it had"), so it also holds secrets applied in a
# model tenantctl did not create.
set -euo pipefail
bin="$1"; work="$2"; fixtures="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$fixtures/../../.." && pwd)"
rm -rf "$work"; mkdir -p "$work"
export JUJU_SIM_HOME="$work/juju-sim" JUJU_SIM_SETTLE_SECONDS=1
export TENANTCTL_JUJU_BIN="$bin/juju-sim" TENANTCTL_STATE_DIR="$work/state" TENANTCTL_CACHE_DIR="$work/cache"
export TENANTCTL_SECRETS_FILE="$work/secrets.yaml" NO_COLOR=1
cp -R "$root/examples/tenants-repo" "$work/tenants-repo"
cd "$work/tenants-repo"
git init -q -b main && git add -A && git -c user.name=fixture -c user.email=fixture@example.invalid commit -q -m "Example fleet"
"$bin/juju-sim" bootstrap microk8s bibind-k8s >/dev/null
"$bin/juju-sim" bootstrap openstack-gra bibind-openstack >/dev/null
"$bin/juju-sim" add-model cabinet-martin-prod -c bibind-k8s --no-switch
grep -rhoE 'vault:[A-Za-z0-9/_.-]+#[A-Za-z0-9_.-]+' tenants offers bundles | sort -u \
  | awk '{ sub(/^vault:/, ""); printf "\"%s\": \"fixture-secret-%d\"\n", $0, NR }' > "$TENANTCTL_SECRETS_FILE"
chmod 600 "$TENANTCTL_SECRETS_FILE"
"$bin/tenantctl" apply --repo . --auto-approve --quiet
"$bin/tenantctl" apply --repo . --auto-approve --tenant groupe-rousseau --quiet
"$bin/tenantctl" history
# The last connection closed: the WAL is checkpointed into the main file, which alone is copied.
cp "$work/state/tenantctl.sqlite" "$fixtures/release-1-state.sqlite"
