#!/usr/bin/env bash
# Benchmarks Servicekonto against stock Keycloak of the same version, in one run on this machine:
# start-up time (to /health/ready, first start with realm import), password logins through the login form
# (authorization-code flow with PKCE), refresh-token grants, and the server's resident memory afterwards. Logins and
# refreshes run first in a row (one client thread, one user), then spread over THREADS client threads, each with a user
# of its own (copies of the bench user made through the admin API).
#
# Usage: benchmarks/run.sh [LOGINS] [THREADS] [REFRESHES]     (defaults 200 4 500)
# Needs the assembled server (./mvnw package -DskipTests). Servers run one after the other on loopback ports.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOGINS="${1:-200}"
THREADS="${2:-4}"
REFRESHES="${3:-500}"
KV="$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' "$ROOT/pom.xml" | head -n1)"
WORK="$ROOT/benchmarks/target"
SK_DIST="$ROOT/server/target/keycloak-$KV"

[ -x "$SK_DIST/bin/kc.sh" ] || "$ROOT/mvnw" -q -B -DskipTests -pl server -am package

rm -rf "$WORK"
mkdir -p "$WORK/stock"
"$ROOT/mvnw" -q -B dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KV:tar.gz" \
  -DoutputDirectory="$WORK" >/dev/null
tar -xzf "$WORK/keycloak-quarkus-dist-$KV.tar.gz" -C "$WORK/stock"
STOCK_DIST="$WORK/stock/keycloak-$KV"
mkdir -p "$STOCK_DIST/data/import"
cp "$ROOT/benchmarks/bench-realm.json" "$STOCK_DIST/data/import/"
"$STOCK_DIST/bin/kc.sh" build --db=dev-file --health-enabled=true --metrics-enabled=true >"$WORK/stock-build.log" 2>&1

ready() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'GET /health/ready HTTP/1.0\r\n\r\n' >&3 \
    && IFS= read -r -t 5 line <&3 && [[ "$line" == *" 200 "* ]]) 2>/dev/null
}

server_pid=""
trap '[ -z "$server_pid" ] || kill -TERM "$server_pid" 2>/dev/null || true' EXIT

measure() { # name dist realm port mgmt
  local name="$1" dist="$2" realm="$3" port="$4" mgmt="$5"
  for p in "$port" "$mgmt"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "port $p is in use; stop what runs there" >&2; exit 2; fi
  done
  local started=$(date +%s%N)
  KC_BOOTSTRAP_ADMIN_USERNAME=bench-admin KC_BOOTSTRAP_ADMIN_PASSWORD=bench-admin-local \
  "$dist/bin/kc.sh" start --optimized --http-enabled=true --hostname-strict=false --cache=local --import-realm \
    --http-port="$port" --http-management-port="$mgmt" \
    --db-url="jdbc:h2:file:$WORK/$name-h2/keycloakdb;NON_KEYWORDS=VALUE" >"$WORK/$name.log" 2>&1 &
  local pid=$!
  server_pid=$pid
  for _ in $(seq 1 600); do ready "$mgmt" && break; kill -0 "$pid" 2>/dev/null || { cat "$WORK/$name.log"; exit 1; }; sleep 0.2; done
  local startup_ms=$(( ($(date +%s%N) - started) / 1000000 ))
  if [ "$realm" = servicekonto ]; then
    # The demo portal is no part of the shipped realm (realm-config/dev); added as run.sh does, with its defaults.
    sed -E 's/\$\{SK_[A-Z_]+:([^}]*)\}/\1/g' "$ROOT/realm-config/dev/demo-clients.json" \
      | KC_CLI_PASSWORD=bench-admin-local "$dist/bin/kcadm.sh" create partialImport -r servicekonto -f - --no-config \
          --server "http://localhost:$port" --realm master --user bench-admin >"$WORK/$name-demo-clients.log" 2>&1 \
      || { cat "$WORK/$name-demo-clients.log"; exit 1; }
  fi
  echo "== $name (Keycloak $KV)"
  echo "start-up to ready (first start, realm import): ${startup_ms} ms"
  java "$ROOT/benchmarks/Bench.java" "http://localhost:$port" "$realm" demo-portal local-dev-only-demo-portal-secret \
    http://localhost:8081/callback erika Erika-lokal-2026 "$LOGINS" "$THREADS" "$REFRESHES" bench-admin bench-admin-local
  local java_pid
  java_pid=$(pgrep -f -n "kc.home.dir=$dist" || echo "$pid")
  echo "resident memory after the run: $(( $(ps -o rss= -p "$java_pid") / 1024 )) MiB"
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  server_pid=""
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(java -version 2>&1 | head -n1)"
echo "load before: $(uptime)"
measure stock "$STOCK_DIST" bench 18080 19000
measure servicekonto "$SK_DIST" servicekonto 28080 29000
echo "load after: $(uptime)"
