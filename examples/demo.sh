#!/usr/bin/env bash
# The whole reconcile loop on the example fleet, against juju-sim (a stand-in for the juju CLI)
# with the journal in SQLite, and the fleet's DNS zones in ovh-sim (OVH), a real moto_server
# (Route 53) and a real bind9 named (RFC 2136); certificates from pebble through certbot, their
# DNS-01 challenges answered in bind9, delivered to juju-sim as secrets, then renewed. Run by `make demo` after the build; every step
# says what it does.
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
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

# Every process the demo starts, killed on exit whatever happens.
pids=()
trap 'for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done' EXIT

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

step "DNS: the fleet's zones in ovh-sim (OVH), moto_server (Route 53) and bind9's named (RFC 2136), on loopback"
# OVH: the API keys the fleet's Vault references hold, and the zones of the example tenants;
# bibind.com has its *.bibind.com wildcard record, which answers the hosts that have no target.
ovh_application_key=demo-ovh-application-key ovh_application_secret=demo-ovh-application-secret
ovh_consumer_key=demo-ovh-consumer-key
wildcard_address=203.0.113.80
cat > "$work/ovh-sim.json" <<JSON
{"applications": [{"key": "$ovh_application_key", "secret": "$ovh_application_secret"}],
 "consumers": [{"key": "$ovh_consumer_key", "application": "$ovh_application_key"}],
 "zones": [{"name": "bibind.com", "records": [
             {"subDomain": "", "fieldType": "NS", "target": "dns200.anycast.me.", "ttl": 0},
             {"subDomain": "*", "fieldType": "A", "target": "$wildcard_address", "ttl": 3600}]},
           {"name": "cabinet-martin.fr", "records": [{"subDomain": "", "fieldType": "NS", "target": "dns200.anycast.me.", "ttl": 0}]},
           {"name": "groupe-rousseau.fr", "records": [{"subDomain": "", "fieldType": "NS", "target": "dns200.anycast.me.", "ttl": 0}]},
           {"name": "fromagerie-bernard.fr", "records": [{"subDomain": "", "fieldType": "NS", "target": "dns200.anycast.me.", "ttl": 0}]}]}
JSON
"$bin/ovh-sim" --listen 127.0.0.1:0 --port-file "$work/ovh.port" --config "$work/ovh-sim.json" --log "$work/ovh-requests.log" > /dev/null &
pids+=($!)
for _ in $(seq 100); do [ -s "$work/ovh.port" ] && break; sleep 0.1; done
[ -s "$work/ovh.port" ] || { echo "demo: ovh-sim did not start" >&2; exit 1; }
ovh_sim="http://127.0.0.1:$(cat "$work/ovh.port")"
echo "ovh-sim at $ovh_sim: bibind.com (with *.bibind.com A $wildcard_address), cabinet-martin.fr, groupe-rousseau.fr, fromagerie-bernard.fr"

# Route 53: a real moto_server, and the hosted zone of maison-lefebvre.fr (register: true: until
# tenantctl buys domains, the zone must exist; here it is made as the registrar would).
command -v moto_server > /dev/null || { echo "demo: moto_server is not installed (make demo installs moto[server] from PyPI)" >&2; exit 1; }
moto_port=$(free_port)
moto_server -H 127.0.0.1 -p "$moto_port" > "$work/moto.log" 2>&1 < /dev/null &
pids+=($!)
moto="http://127.0.0.1:$moto_port"
for _ in $(seq 300); do curl -s -o /dev/null --max-time 2 "$moto/moto-api/" && break; sleep 0.2; done
curl -s -o /dev/null --max-time 2 "$moto/moto-api/" || { echo "demo: moto_server did not start; its log:" >&2; tail -n 20 "$work/moto.log" >&2; exit 1; }
route53_access_key_id=AKIADEMOTENANTCTL route53_secret_access_key=demo-route53-secret-access-key
python3 - "$moto" "$route53_access_key_id" "$route53_secret_access_key" <<'PY'
import sys, boto3
endpoint, key, secret = sys.argv[1:4]
client = boto3.client("route53", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=key, aws_secret_access_key=secret)
zone = client.create_hosted_zone(Name="maison-lefebvre.fr", CallerReference="tenantctl-demo")["HostedZone"]
print(f"moto_server at {endpoint}: hosted zone maison-lefebvre.fr ({zone['Id'].split('/')[-1]})")
PY

# RFC 2136: bind9's named serving bibind.cloud, updates and transfers signed with the fleet's TSIG key.
named_port=$(free_port)
tsig_secret=$(head -c 32 /dev/urandom | base64)
if ! named_pid=$("$root/examples/demo-named.sh" "$work/named" "$named_port" tenantctl.bibind.cloud "$tsig_secret" bibind.cloud); then
  echo "demo: bind9's named could not run (above): the bind-gra zone bibind.cloud cannot be served" >&2; exit 1
fi
pids+=("$named_pid")
echo "named at 127.0.0.1:$named_port: bibind.cloud (TSIG key tenantctl.bibind.cloud)"

# tenantctl.yaml names the real endpoints; the demo points each provider at its stand-in.
export TENANTCTL_DNS_ENDPOINTS="ovh=$ovh_sim/1.0,route53=$moto,bind-gra=127.0.0.1:$named_port"
echo "TENANTCTL_DNS_ENDPOINTS=$TENANTCTL_DNS_ENDPOINTS"

step "Vault: vault-sim on loopback, seeded with one demo value per reference the manifests use, and the DNS credentials"
# One KV v2 secret per path, with every key the manifests name under it; a token that may read them.
# The DNS providers' references (tenantctl.yaml) hold the keys of the servers above.
export DEMO_DNS_SECRETS
DEMO_DNS_SECRETS=$(python3 -c 'import json, sys; print(json.dumps({
    "platform/dns/ovh": {"application_key": sys.argv[1], "application_secret": sys.argv[2], "consumer_key": sys.argv[3]},
    "platform/dns/route53": {"access_key_id": sys.argv[4], "secret_access_key": sys.argv[5]},
    "platform/dns/bind-gra": {"tsig_secret": sys.argv[6]}}))' \
  "$ovh_application_key" "$ovh_application_secret" "$ovh_consumer_key" "$route53_access_key_id" "$route53_secret_access_key" "$tsig_secret")
grep -rhoE 'vault:[A-Za-z0-9/_.-]+#[A-Za-z0-9_.-]+' tenants offers bundles tenantctl.yaml | sort -u | python3 -c '
import json, os, sys
dns = json.loads(os.environ["DEMO_DNS_SECRETS"])
paths = {}
for line in sys.stdin:
    path, key = line.strip()[len("vault:"):].split("#", 1)
    paths.setdefault(path, {})[key] = dns.get(path, {}).get(key) or "demo-" + key.replace("_", "-") + "-v1"
print(json.dumps({"mounts": ["secret"],
                  "policies": {"tenantctl": [{"path": "secret/*", "capabilities": ["read", "list"]}]},
                  "tokens": [{"id": "tenantctl-demo", "policies": ["tenantctl"], "ttl": "8h"}],
                  "secrets": [{"path": p, "data": d} for p, d in sorted(paths.items())]}))' > "$work/vault-sim.json"
"$bin/vault-sim" --listen 127.0.0.1:0 --port-file "$work/vault.port" --root-token demo-root \
  --config "$work/vault-sim.json" --log "$work/vault-requests.log" > /dev/null &
pids+=($!)
for _ in $(seq 100); do [ -s "$work/vault.port" ] && break; sleep 0.1; done
export VAULT_ADDR="http://127.0.0.1:$(cat "$work/vault.port")" VAULT_TOKEN=tenantctl-demo
echo "VAULT_ADDR=$VAULT_ADDR ($(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["secrets"]))' "$work/vault-sim.json") secret paths)"

step "Plan against an empty Juju (exit 2: changes)"
expect 2 tenantctl plan --repo .

step "Apply: changes by their dependencies, models in parallel, a health gate after each deploy; sync: manual tenants are left out"
run tenantctl apply --repo . --auto-approve 2>&1 | tee "$work/apply-1.log"

step "A person applies the manual tenant by naming it"
run tenantctl apply --repo . --auto-approve --tenant groupe-rousseau --quiet

step "Plan again: nothing to do (exit 0)"
run tenantctl plan --repo .

step "DNS in the loop: the records were created after their applications, owned, and OVH's zones published"
echo "cabinet-martin/production in the first apply: the record of traefik's address after its deploy and health gate, then the zone's publication"
grep -E '^\[cabinet-martin/production\] .* done in' "$work/apply-1.log" | sed 's/^/  /'
printf '$ curl %s/sim/zones/cabinet-martin.fr/served  (what OVH serves, after dns.publish)\n' "$ovh_sim"
served() { curl -s "$ovh_sim/sim/zones/$1/served" | python3 -c '
import json, sys
zone = sys.argv[1]
for r in json.load(sys.stdin):
    name = (r["subDomain"] + "." if r["subDomain"] else "") + zone
    print("  %-45s %-5s %s" % (name, r["fieldType"], r["target"]))' "$1"; }
served cabinet-martin.fr
run dig -p "$named_port" @127.0.0.1 preprod.groupe-rousseau.bibind.cloud A +short
printf '$ route53 list-resource-record-sets maison-lefebvre.fr (moto_server)\n'
python3 - "$moto" "$route53_access_key_id" "$route53_secret_access_key" <<'PY'
import sys, boto3
endpoint, key, secret = sys.argv[1:4]
client = boto3.client("route53", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=key, aws_secret_access_key=secret)
zone = client.list_hosted_zones_by_name(DNSName="maison-lefebvre.fr")["HostedZones"][0]["Id"]
for rrset in client.list_resource_record_sets(HostedZoneId=zone)["ResourceRecordSets"]:
    if rrset["Type"] in ("A", "AAAA", "CNAME", "TXT"):
        print(f"  {rrset['Name']:40} {rrset['Type']:5} {' '.join(r['Value'] for r in rrset['ResourceRecords'])}")
PY

step "Someone edits a DNS record by hand in the OVH console (ovh-sim's admin endpoint)"
record_id=$(curl -s "$ovh_sim/sim/zones/cabinet-martin.fr/records" | python3 -c '
import json, sys
print(next(r["id"] for r in json.load(sys.stdin) if r["subDomain"] == "" and r["fieldType"] == "A"))')
run curl -s -X PUT -H "Content-Type: application/json" --data '{"target": "198.51.100.66"}' "$ovh_sim/sim/zones/cabinet-martin.fr/records/$record_id"
echo

step "Drift report: the record, its zone, owner and likely cause (exit 2: drift)"
expect 2 tenantctl drift --repo .

step "Heal it with apply: the record is written back and the zone published; drift is empty"
run tenantctl apply --repo . --auto-approve --quiet
run tenantctl drift --repo .
printf '$ curl %s/sim/zones/cabinet-martin.fr/served  (the apex A is 213.186.33.5 again)\n' "$ovh_sim"
served cabinet-martin.fr

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
pids+=("$gitlab_pid")
for _ in $(seq 100); do [ -s "$work/gitlab.port" ] && break; sleep 0.1; done
gitlab_url="http://127.0.0.1:$(cat "$work/gitlab.port")"
printf 'demo-webhook-secret\n' > "$work/webhook-token"; chmod 600 "$work/webhook-token"
printf 'glpat-demo-bot\n' > "$work/gitlab-token"; chmod 600 "$work/gitlab-token"
printf '$ %s\n' "tenantctl serve --repo . --listen 127.0.0.1:0 --interval 3600 --drift-interval 3600 --settle 0.2 --webhook-token-file webhook-token --gitlab-url $gitlab_url --gitlab-project platform/tenants --gitlab-token-file gitlab-token --external-url http://127.0.0.1:8427/ 2> serve.log &"
"$bin/tenantctl" serve --repo . --listen 127.0.0.1:0 --interval 3600 --drift-interval 3600 --settle 0.2 \
  --webhook-token-file "$work/webhook-token" --gitlab-url "$gitlab_url" --gitlab-project platform/tenants \
  --gitlab-token-file "$work/gitlab-token" --external-url http://127.0.0.1:8427/ 2> "$work/serve.log" &
serve_pid=$!
pids+=("$serve_pid")
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
# The dashboard: the page of that run (what the statuses link to), and the fleet page.
run_id=$(grep ' run .*reason=webhook' "$work/serve.log" | grep -o ' run=[0-9]*' | head -1 | cut -d= -f2)
printf '$ curl -s %s/runs/%s  # the dashboard page of the webhook'"'"'s run: its plan, change by change\n' "$serve_url" "$run_id"
curl -s "$serve_url/runs/$run_id" | python3 -c '
import html, re, sys
page = sys.stdin.read()
for outcome, kind, target in re.findall(r"<span class=\"badge \w+\">([^<]*)</span> <code>([^<]*)</code> <strong>([^<]*)</strong>", page):
    print("%-12s %-14s %s" % (outcome, html.unescape(kind), html.unescape(target)))'
printf '$ curl -s %s/  # the fleet page: a card per environment (offer, controller, model, sync, health, drift, last run)\n' "$serve_url"
curl -s "$serve_url/" | python3 -c '
import re, sys
print(len(re.findall(r"<article class=\"card\"", sys.stdin.read())), "environment cards")'
printf '$ juju status -m bibind-k8s:boulangerie-durand-production --format=json  # magento units\n'
juju status -m bibind-k8s:boulangerie-durand-production --format=json | python3 -c '
import json, sys; print("magento units:", len(json.load(sys.stdin)["applications"]["magento"].get("units") or {}))'
printf '$ kill -TERM %s\n' "$serve_pid"
kill -TERM "$serve_pid"
set +e; wait "$serve_pid"; serve_status=$?; set -e
serve_pid=""
echo "serve exited with status $serve_status"; [ "$serve_status" = 0 ] || exit 1
grep -E ' (stopping|stopped)' "$work/serve.log" | sed 's/^[^ ]* //'

# --- certificates: pebble, certbot, DNS-01 through bind9, delivery to juju-sim, renewal ---
step "Certificates: pebble (Let's Encrypt's ACME test server) validates DNS-01 against the demo's bind9"
for tool in pebble certbot openssl; do
  command -v "$tool" > /dev/null || { echo "demo: $tool is not installed (make deps installs the pebble, certbot and openssl packages)" >&2; exit 1; }
done
# pebble serves ACME over HTTPS: a throwaway CA and a localhost certificate for it, which
# certbot trusts through REQUESTS_CA_BUNDLE.
mkdir -p "$work/pebble"
( cd "$work/pebble"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj "/CN=tenantctl demo CA" \
    -keyout ca-key.pem -out ca.pem 2> /dev/null
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=localhost" -keyout server-key.pem -out server.csr 2> /dev/null
  printf 'subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth\n' > server.ext
  openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 1 -extfile server.ext -out server.pem 2> /dev/null )
pebble_port=$(free_port)
# Certificates that last 80 seconds, so that one comes close to its end within the demo.
cert_lifetime=90
cat > "$work/pebble/config.json" <<JSON
{"pebble": {"listenAddress": "127.0.0.1:$pebble_port", "managementListenAddress": "127.0.0.1:$(free_port)",
            "certificate": "$work/pebble/server.pem", "privateKey": "$work/pebble/server-key.pem",
            "httpPort": $(free_port), "tlsPort": $(free_port), "ocspResponderURL": "",
            "externalAccountBindingRequired": false, "certificateValidityPeriod": $cert_lifetime}}
JSON
PEBBLE_VA_NOSLEEP=1 PEBBLE_AUTHZREUSE=0 pebble -config "$work/pebble/config.json" -dnsserver "127.0.0.1:$named_port" \
  > "$work/pebble.log" 2>&1 < /dev/null &
pids+=($!)
for _ in $(seq 100); do grep -q "Listening on" "$work/pebble.log" 2> /dev/null && break; sleep 0.1; done
grep -q "Listening on" "$work/pebble.log" || { echo "demo: pebble did not start; its log:" >&2; tail -n 20 "$work/pebble.log" >&2; exit 1; }
export REQUESTS_CA_BUNDLE="$work/pebble/ca.pem"
pebble_directory="https://localhost:$pebble_port/dir"
echo "pebble at $pebble_directory, validating DNS-01 at 127.0.0.1:$named_port (bind9), certificates valid $cert_lifetime s"

step "git: spec.certificates points at pebble; the shops' names in bibind.cloud ask for certificates"
# pebble asks one DNS server, bind9, which serves bibind.cloud only: the names in ovh-sim's and
# moto_server's zones (which no DNS server answers here) are given tls: false in this copy.
python3 - "$pebble_directory" <<'PY'
import pathlib, re, sys
directory = sys.argv[1]
fleet = pathlib.Path("tenantctl.yaml")
fleet.write_text(fleet.read_text().replace("  vault:\n", f"""  certificates:
    directory: {directory}
    email: ops@bibind.com
    renewBefore: 0.5            # renewed in the second half of their lifetime
  vault:
""", 1))
added = {
    "tenants/cabinet-martin.yaml": "    - host: shop.cabinet-martin.bibind.cloud\n      target: {application: traefik}\n"
                                   "    - host: recette.cabinet-martin.bibind.cloud\n      environment: staging\n      target: {application: traefik}\n",
    "tenants/maison-lefebvre.yaml": "    - host: shop.maison-lefebvre.bibind.cloud\n      target: {application: traefik}\n",
}
for path in sorted(pathlib.Path("tenants").rglob("*.yaml")):
    lines, out, block = path.read_text().splitlines(keepends=True), [], []
    def flush():
        if block and not any(re.match(r"\s+tls:", line) for line in block):
            block.insert(1, "      tls: false\n")
        out.extend(block); block.clear()
    for line in lines:
        if line.startswith("    - host:"):
            flush(); block.append(line)
        elif block and line.startswith("      "):
            block.append(line)
        else:
            flush(); out.append(line)
    flush()
    text = "".join(out)
    if str(path) in added:
        text = text.replace("  domains:\n", "  domains:\n" + added[str(path)], 1)
    path.write_text(text)
PY
git -c user.name=demo -c user.email=demo@example.invalid commit -q -am "Certificates from pebble for the shops' bibind.cloud names"
run git show --stat --oneline HEAD
run tenantctl validate --repo .

step "Plan: each certificate after its name's record, each delivery after its certificate (exit 2: changes)"
tenantctl plan --repo . > "$work/plan-certs.txt" || [ $? = 2 ]
printf '$ tenantctl plan --repo .   # the certificate lines\n'
grep -E 'cert\.|dns\.upsert .*bibind\.cloud' "$work/plan-certs.txt" || { cat "$work/plan-certs.txt"; echo "demo: no certificate in the plan" >&2; exit 1; }

step "Apply: certbot orders from pebble, tenantctl cert-hook answers DNS-01 in bind9, juju-sim gets each certificate as a secret"
run tenantctl apply --repo . --auto-approve --quiet
run ls "$TENANTCTL_STATE_DIR/certbot/config/live"
printf '$ juju secrets -m bibind-k8s:cabinet-martin-prod --format json   # name, revision, description\n'
juju secrets -m bibind-k8s:cabinet-martin-prod --format json | python3 -c '
import json, sys
for s in json.load(sys.stdin).values(): print("  %-34s rev %s  %s" % (s.get("name"), s.get("revision"), s.get("description")))'

step "Time passes: the certificates are in the second half of their $cert_lifetime-second life"
echo "(waiting $((cert_lifetime / 2 + 5)) seconds)"; sleep $((cert_lifetime / 2 + 5))

step "Drift report: the certificates close to their end (exit 2: drift)"
expect 2 tenantctl drift --repo .

step "Apply renews them and delivers the new ones (a new secret revision); drift is empty"
run tenantctl apply --repo . --auto-approve --quiet
juju secrets -m bibind-k8s:cabinet-martin-prod --format json | python3 -c '
import json, sys
for s in json.load(sys.stdin).values(): print("  %-34s rev %s  %s" % (s.get("name"), s.get("revision"), s.get("description")))'
run tenantctl drift --repo .

step "The journal"
run tenantctl history
