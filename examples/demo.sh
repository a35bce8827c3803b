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
export NO_COLOR=1
unset TENANTCTL_SECRETS_FILE
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

step "Vault: vault-sim on loopback, seeded with one demo value per reference the manifests use"
# One KV v2 secret per path, with every key the manifests name under it; a token that may read them.
grep -rhoE 'vault:[A-Za-z0-9/_.-]+#[A-Za-z0-9_.-]+' tenants offers bundles | sort -u | python3 -c '
import json, sys
paths = {}
for line in sys.stdin:
    path, key = line.strip()[len("vault:"):].split("#", 1)
    paths.setdefault(path, {})[key] = "demo-" + key.replace("_", "-") + "-v1"
print(json.dumps({"mounts": ["secret"],
                  "policies": {"tenantctl": [{"path": "secret/*", "capabilities": ["read", "list"]}]},
                  "tokens": [{"id": "tenantctl-demo", "policies": ["tenantctl"], "ttl": "8h"}],
                  "secrets": [{"path": p, "data": d} for p, d in sorted(paths.items())]}))' > "$work/vault-sim.json"
"$bin/vault-sim" --listen 127.0.0.1:0 --port-file "$work/vault.port" --root-token demo-root \
  --config "$work/vault-sim.json" --log "$work/vault-requests.log" > /dev/null &
vault_pid=$!
trap 'kill -9 "$vault_pid" 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s "$work/vault.port" ] && break; sleep 0.1; done
export VAULT_ADDR="http://127.0.0.1:$(cat "$work/vault.port")" VAULT_TOKEN=tenantctl-demo
echo "VAULT_ADDR=$VAULT_ADDR ($(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["secrets"]))' "$work/vault-sim.json") secret paths)"

step "Plan against an empty Juju (exit 2: changes)"
expect 2 tenantctl plan --repo .

step "Apply: changes by their dependencies, models in parallel, a health gate after each deploy; sync: manual tenants are left out"
run tenantctl apply --repo . --auto-approve

step "A person applies the manual tenant by naming it"
run tenantctl apply --repo . --auto-approve --tenant groupe-rousseau --quiet

step "Plan again: nothing to do (exit 0)"
run tenantctl plan --repo .

step "A secret is rotated in Vault (version 2): plan shows the re-apply, apply does it, plan is empty"
run curl -s -o /dev/null -w '%{http_code}\n' -X POST -H "X-Vault-Token: demo-root" -H "Content-Type: application/json" \
  --data '{"data": {"admin_password": "demo-admin-password-v2"}}' "$VAULT_ADDR/v1/secret/data/tenants/cabinet-martin/magento"
expect 2 tenantctl plan --repo .
run tenantctl apply --repo . --auto-approve --quiet
run tenantctl plan --repo .

step "Someone scales a shop down by hand, out of band"
run juju remove-unit -m bibind-k8s:boulangerie-durand-production magento --num-units 1

step "Drift report (exit 2: drift)"
expect 2 tenantctl drift --repo .

step "Heal it with apply"
run tenantctl apply --repo . --auto-approve --quiet
run tenantctl drift --repo .

# --- serve: a push webhook from gitlab-sim, a run, the GitLab commit statuses ---
step "serve: a commit is pushed, GitLab's webhook makes serve apply it and set commit statuses"
# gitlab-sim stands in for GitLab: the API serve posts statuses to, and the sender of the push
# webhook (GitLab's payload shape). serve polls only hourly here: the webhook is what moves it.
echo '{"users": [{"id": 1, "username": "tenantctl-bot", "tokens": ["glpat-demo-bot"]}],
       "projects": [{"id": 42, "path": "platform/tenants", "defaultBranch": "main"}]}' > "$work/gitlab-sim.json"
"$bin/gitlab-sim" --listen 127.0.0.1:0 --port-file "$work/gitlab.port" --config "$work/gitlab-sim.json" \
  --log "$work/gitlab-requests.log" > /dev/null &
gitlab_pid=$!
serve_pid=""
trap 'kill -9 "$vault_pid" "$gitlab_pid" $serve_pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s "$work/gitlab.port" ] && break; sleep 0.1; done
gitlab_url="http://127.0.0.1:$(cat "$work/gitlab.port")"
printf 'demo-webhook-secret\n' > "$work/webhook-token"; chmod 600 "$work/webhook-token"
printf 'glpat-demo-bot\n' > "$work/gitlab-token"; chmod 600 "$work/gitlab-token"
printf '$ %s\n' "tenantctl serve --repo . --listen 127.0.0.1:0 --interval 3600 --drift-interval 3600 --settle 0.2 --webhook-token-file webhook-token --gitlab-url $gitlab_url --gitlab-project platform/tenants --gitlab-token-file gitlab-token --external-url http://127.0.0.1:8427/ 2> serve.log &"
"$bin/tenantctl" serve --repo . --listen 127.0.0.1:0 --interval 3600 --drift-interval 3600 --settle 0.2 \
  --webhook-token-file "$work/webhook-token" --gitlab-url "$gitlab_url" --gitlab-project platform/tenants \
  --gitlab-token-file "$work/gitlab-token" --external-url http://127.0.0.1:8427/ 2> "$work/serve.log" &
serve_pid=$!
wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...: poll until COMMAND succeeds
  local seconds=$1 what=$2; shift 2
  for _ in $(seq $((seconds * 10))); do if "$@"; then return 0; fi; sleep 0.1; done
  echo "demo: timed out waiting for $what" >&2; cat "$work/serve.log" >&2; exit 1; }
wait_for 60 "serve to listen" grep -q 'listening address=' "$work/serve.log"
serve_url=$(grep -o 'listening address=http://[0-9.:]*' "$work/serve.log" | head -1 | sed 's/listening address=//')
wait_for 300 "serve's first look (a full sweep: already in sync)" grep -q ' run .*reason=startup' "$work/serve.log"
grep ' run .*reason=startup' "$work/serve.log" | sed 's/^[^ ]* //'
before=$(git rev-parse HEAD)
sed -i 's|magento: {config: {base-url: https://boulangerie-durand.bibind.com/}}|magento: {units: 3, config: {base-url: https://boulangerie-durand.bibind.com/}}|' tenants/boulangerie-durand.yaml
git -c user.name=demo -c user.email=demo@example.invalid commit -q -am "boulangerie-durand: three shops in production"
after=$(git rev-parse HEAD)
run git log --oneline -1
run "$bin/gitlab-sim" send-webhook --url "$serve_url/hooks/gitlab" --token-file "$work/webhook-token" --event push \
  --before "$before" --after "$after" --modified tenants/boulangerie-durand.yaml
wait_for 300 "the webhook's run" grep -q ' run .*reason=webhook' "$work/serve.log"
grep -E ' (change|run) ' "$work/serve.log" | grep -v 'reason=startup' | sed 's/^[^ ]* //' | tail -n 12
statuses() { curl -s "$gitlab_url/sim/state" | python3 -c '
import json, sys
sha = sys.argv[1]
for s in json.load(sys.stdin)["statuses"]:
    if s["sha"] == sha:
        print("%-45s %-8s %-45s %s" % (s["name"], s["status"], s["description"], s["target_url"]))' "$after"; }
done_posting() { [ "$(grep -c "POST .*/statuses/$after" "$work/gitlab-requests.log")" -ge 2 ]; }
wait_for 30 "the statuses" done_posting
echo "GitLab received, for commit ${after:0:12} ($(grep -c "POST .*/statuses/$after" "$work/gitlab-requests.log") POSTs: running, then the outcome):"
statuses
printf '$ juju status -m bibind-k8s:boulangerie-durand-production --format=json  # magento units\n'
juju status -m bibind-k8s:boulangerie-durand-production --format=json | python3 -c '
import json, sys; print("magento units:", len(json.load(sys.stdin)["applications"]["magento"].get("units") or {}))'
printf '$ kill -TERM %s\n' "$serve_pid"
kill -TERM "$serve_pid"
set +e; wait "$serve_pid"; serve_status=$?; set -e
serve_pid=""
echo "serve exited with status $serve_status"; [ "$serve_status" = 0 ] || exit 1
grep -E ' (stopping|stopped)' "$work/serve.log" | sed 's/^[^ ]* //'

step "The journal"
run tenantctl history
