#!/usr/bin/env bash
# Starts bind9's named for the demo: on 127.0.0.1:PORT, in DIR, serving ZONE... (each empty
# but for its SOA and NS) that accept RFC 2136 updates and AXFR signed with one TSIG key
# (hmac-sha256). Prints named's pid once it answers; on failure, says why and exits 1.
#
#   demo-named.sh DIR PORT KEY_NAME BASE64_SECRET ZONE...
set -euo pipefail

if [ $# -lt 5 ]; then echo "usage: $0 DIR PORT KEY_NAME BASE64_SECRET ZONE..." >&2; exit 2; fi
dir=$1 port=$2 key=$3 secret=$4; shift 4
named_bin=$(command -v named || echo /usr/sbin/named)
if [ ! -x "$named_bin" ]; then
  echo "demo-named: bind9's named is not installed (make deps installs the bind9 package)" >&2; exit 1
fi
mkdir -p "$dir"
conf="$dir/named.conf"
cat > "$conf" <<CONF
options {
  directory "$dir";
  listen-on port $port { 127.0.0.1; };
  listen-on-v6 { none; };
  pid-file "$dir/named.pid";
  recursion no;
  dnssec-validation no;
  notify no;
};
controls { };
key "$key" { algorithm hmac-sha256; secret "$secret"; };
CONF
for zone in "$@"; do
  printf '$TTL 300\n@ IN SOA ns1.%s. hostmaster.%s. 1 3600 900 604800 300\n@ IN NS ns1.%s.\nns1 IN A 127.0.0.1\n' \
    "$zone" "$zone" "$zone" > "$dir/$zone.zone"
  cat >> "$conf" <<CONF
zone "$zone" {
  type primary;
  file "$dir/$zone.zone";
  allow-update { key "$key"; };
  allow-transfer { key "$key"; };
};
CONF
done
# As root named wants a user to switch to: root itself (the demo's folder is root's).
user_args=(); [ "$(id -u)" = 0 ] && user_args=(-u root)
"$named_bin" -g -c "$conf" "${user_args[@]}" > "$dir/named.log" 2>&1 < /dev/null &
pid=$!
for _ in $(seq 200); do
  if grep -q "running" "$dir/named.log" 2>/dev/null; then echo "$pid"; exit 0; fi
  if ! kill -0 "$pid" 2>/dev/null; then break; fi
  sleep 0.1
done
kill -9 "$pid" 2>/dev/null || true
echo "demo-named: named did not start on 127.0.0.1:$port; its log ends with:" >&2
tail -n 15 "$dir/named.log" >&2 || true
exit 1
