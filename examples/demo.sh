#!/usr/bin/env bash
# The whole reconcile loop on the example fleet, against juju-sim (a stand-in for the juju CLI)
# with the journal in SQLite. Run by `make demo` after the build; every step says what it does.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${BIN_DIR:-$root/.build/debug}"
work="${DEMO_DIR:-$root/.build/demo}"

step() { if [ -t 1 ]; then printf '\n\033[1m== %s\033[0m\n' "$*"; else printf '\n== %s\n' "$*"; fi; }
run() { printf '$ %s\n' "$*"; "$@"; }
# plan and drift exit 2 when they find changes: that is their answer, not a failure.
expect() { local want=$1; shift; printf '$ %s\n' "$*"; set +e; "$@"; local got=$?; set -e
  if [ "$got" != "$want" ]; then echo "demo: expected exit $want, got $got" >&2; exit 1; fi; }

rm -rf "$work"; mkdir -p "$work"
export JUJU_SIM_HOME="$work/juju-sim" JUJU_SIM_SETTLE_SECONDS=1
export TENANTCTL_JUJU_BIN="$bin/juju-sim" TENANTCTL_STATE_DIR="$work/state" TENANTCTL_CACHE_DIR="$work/cache"
export TENANTCTL_SECRETS_FILE="$work/secrets.yaml" NO_COLOR=1
tenantctl() { "$bin/tenantctl" "$@"; }
juju() { "$bin/juju-sim" "$@"; }

step "The desired state: examples/tenants-repo committed to a fresh git repository"
cp -R "$root/examples/tenants-repo" "$work/tenants-repo"
git -C "$work/tenants-repo" init -q -b main
git -C "$work/tenants-repo" add -A
git -C "$work/tenants-repo" -c user.name=demo -c user.email=demo@example.invalid commit -q -m "Example fleet"
cd "$work/tenants-repo"
run tenantctl validate --repo .

step "Juju: the two controllers of tenantctl.yaml, bootstrapped in juju-sim"
run juju bootstrap microk8s bibind-k8s >/dev/null
run juju bootstrap openstack-gra bibind-openstack >/dev/null
run juju controllers --format=json >/dev/null && echo "(bibind-k8s, bibind-openstack)"

step "Secrets: a 0600 file standing in for Vault, one demo value per reference the manifests use"
grep -rhoE 'vault:[A-Za-z0-9/_.-]+#[A-Za-z0-9_.-]+' tenants offers bundles | sort -u \
  | sed -E 's/^vault:(.*)$/"\1": "demo-secret"/' > "$TENANTCTL_SECRETS_FILE"
chmod 600 "$TENANTCTL_SECRETS_FILE"
echo "$(wc -l < "$TENANTCTL_SECRETS_FILE") references"

step "Plan against an empty Juju (exit 2: changes)"
expect 2 tenantctl plan --repo .

step "Apply: environments in parallel, health gates after each deploy; sync: manual tenants are left out"
run tenantctl apply --repo . --auto-approve

step "A person applies the manual tenant by naming it"
run tenantctl apply --repo . --auto-approve --tenant groupe-rousseau --quiet

step "Plan again: nothing to do (exit 0)"
run tenantctl plan --repo .

step "Someone scales a shop down by hand, out of band"
run juju remove-unit -m bibind-k8s:boulangerie-durand-production magento --num-units 1

step "Drift report (exit 2: drift)"
expect 2 tenantctl drift --repo .

step "Heal it with apply"
run tenantctl apply --repo . --auto-approve --quiet
run tenantctl drift --repo .

step "The journal"
run tenantctl history
