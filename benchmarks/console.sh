#!/usr/bin/env bash
# Account console benchmark: the time from the start of the navigation to a page of the Servicekonto account console
# until its first row is rendered, with SEED messages in the citizen's mailbox, and the JavaScript delivered for it;
# in the same run the same figures for stock Keycloak's account console (its start page, personal info) as the
# reference. Headless Chromium through chromedriver (Debian packages chromium and chromium-driver), Node.js 20+.
#
# Usage: benchmarks/console.sh [SEED] [REPS]     (defaults 10000 5)
#   SK_BENCH_PAGE      the console page measured, below /realms/servicekonto/account/ (default postfach)
#   SK_BENCH_SELECTOR  the element that counts as rendered (default "#sk-postfach-messages tbody tr")
#   SK_BENCH_EXPECT    a text the element must contain (default "Bescheid Nr.", the subjects of the seeded messages)
# e.g. SK_BENCH_PAGE=aktivitaeten SK_BENCH_SELECTOR='#sk-activity-table tbody tr' SK_BENCH_EXPECT=Anmeldung \
#        benchmarks/console.sh 1000 3
# Needs the assembled server (./mvnw package -DskipTests). Servers run one after the other on loopback ports
# 18080/19000; chromedriver on 19515. Results: lines starting with "console-bench" (see console-bench.mjs); exit
# status 3 when a page never renders.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=benchmarks/common.sh
. "$ROOT/benchmarks/common.sh"
SEED="${1:-10000}"
REPS="${2:-5}"
PAGE="${SK_BENCH_PAGE:-postfach}"
SELECTOR="${SK_BENCH_SELECTOR:-#sk-postfach-messages tbody tr}"
EXPECT="${SK_BENCH_EXPECT-Bescheid Nr.}"
WORK="$ROOT/benchmarks/target/console"
PORT=18080
MGMT=19000
# The personal-info form of Keycloak's account console, filled in: its start page counts as rendered then.
START_SELECTOR='main form input#firstName'
[ -x "$DIST/bin/kc.sh" ] && [ -f "$CRYPTO_JAR" ] || { echo "assemble the server first: ./mvnw package -DskipTests" >&2; exit 2; }
command -v node >/dev/null || { echo "Node.js 20+ is needed" >&2; exit 2; }
for p in "$PORT" "$MGMT" 19515; do
  bench_port_free "$p" || { echo "port $p is in use; stop what runs there" >&2; exit 2; }
done

rm -rf "$WORK"
bench_vault "$WORK/vault"
ADMIN_PASSWORD="bench-$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
CITIZEN_PASSWORD="Bench-$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')-2026"
DB_URL="jdbc:h2:file:$WORK/h2/keycloakdb;NON_KEYWORDS=VALUE;AUTO_SERVER=TRUE"
DRIVER_JAR="$(ls "$DIST"/lib/lib/main/com.h2database.h2-*.jar)"

server_pid=""
trap '[ -z "$server_pid" ] || { kill -TERM "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; } || true' EXIT

browser() { # label realm user password page selector expect
  node "$ROOT/benchmarks/console-bench.mjs" --label "$1" --base "http://localhost:$PORT" --realm "$2" --user "$3" \
    --password "$4" --page "$5" --selector "$6" --expect "$7" --reps "$REPS" --out "$WORK"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(java -version 2>&1 | head -n1);" \
  "node $(node --version); $(/usr/bin/chromium --version 2>/dev/null | head -n1)"

KC_BOOTSTRAP_ADMIN_USERNAME=bench-admin KC_BOOTSTRAP_ADMIN_PASSWORD="$ADMIN_PASSWORD" SK_SMTP_PORT=1 \
  "$DIST/bin/kc.sh" start --optimized --http-enabled=true --hostname-strict=false --cache=local --import-realm \
  --http-port="$PORT" --http-management-port="$MGMT" --vault-dir="$WORK/vault" \
  --db-url="$DB_URL" --db-username=bench --db-password=bench >"$WORK/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 900); do bench_ready "$MGMT" && break; kill -0 "$server_pid" 2>/dev/null || { cat "$WORK/server.log"; exit 1; }; sleep 0.2; done
echo "== Servicekonto on Keycloak $KV, H2 dev-file: $SEED messages into the citizen's inbox"
java -cp "$CRYPTO_JAR:$DRIVER_JAR" "$ROOT/benchmarks/PostfachBench.java" console "http://localhost:$PORT" bench-admin \
  "$ADMIN_PASSWORD" "$WORK/vault/servicekonto_sk-postfach-kek" "$DB_URL" bench bench "$SEED" "$CITIZEN_PASSWORD"
status=0
browser servicekonto servicekonto bench-citizen "$CITIZEN_PASSWORD" "" "$START_SELECTOR" "" || status=$?
[ "$status" = 0 ] && { browser servicekonto servicekonto bench-citizen "$CITIZEN_PASSWORD" "$PAGE" "$SELECTOR" "$EXPECT" || status=$?; }
kill -TERM "$server_pid" 2>/dev/null || true
wait "$server_pid" 2>/dev/null || true
server_pid=""
[ "$status" = 0 ] || exit "$status"

# The reference: stock Keycloak of the same version (unchanged distribution, minimal realm "bench").
STOCK="$WORK/stock"
mkdir -p "$STOCK"
"$ROOT/mvnw" -q -B -Dstyle.color=never dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KV:tar.gz" \
  -DoutputDirectory="$STOCK" >"$STOCK/copy.log" 2>&1 || { cat "$STOCK/copy.log"; exit 1; }
tar -xzf "$STOCK/keycloak-quarkus-dist-$KV.tar.gz" -C "$STOCK"
STOCK_DIST="$STOCK/keycloak-$KV"
mkdir -p "$STOCK_DIST/data/import"
cp "$ROOT/benchmarks/bench-realm.json" "$STOCK_DIST/data/import/"
"$STOCK_DIST/bin/kc.sh" build --db=dev-file --health-enabled=true >"$STOCK/build.log" 2>&1
KC_BOOTSTRAP_ADMIN_USERNAME=bench-admin KC_BOOTSTRAP_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
  "$STOCK_DIST/bin/kc.sh" start --optimized --http-enabled=true --hostname-strict=false --cache=local --import-realm \
  --http-port="$PORT" --http-management-port="$MGMT" >"$STOCK/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 900); do bench_ready "$MGMT" && break; kill -0 "$server_pid" 2>/dev/null || { cat "$STOCK/server.log"; exit 1; }; sleep 0.2; done
# A user created through the admin API, as on the Servicekonto server (a user of the realm import has no roles, and
# the account console then gets 401 from the account REST API).
kcadm() { KC_CLI_PASSWORD="$ADMIN_PASSWORD" "$STOCK_DIST/bin/kcadm.sh" "$@" --no-config --server "http://localhost:$PORT" \
  --realm master --user bench-admin >>"$STOCK/kcadm.log" 2>&1 || { cat "$STOCK/kcadm.log"; exit 1; }; }
kcadm create users -r bench -s username=bench-citizen -s enabled=true -s firstName=Bea -s lastName=Bench \
  -s email=bench@example.org -s emailVerified=true
kcadm set-password -r bench --username bench-citizen --new-password "$CITIZEN_PASSWORD"
echo "== stock Keycloak $KV, H2 dev-file (realm bench)"
browser stock bench bench-citizen "$CITIZEN_PASSWORD" "" "$START_SELECTOR" "" || status=$?
exit "$status"
