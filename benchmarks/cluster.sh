#!/usr/bin/env bash
# One node against two: login, refresh and Postfach throughput of the cluster set-up (PostgreSQL, embedded Infinispan
# with JDBC_PING discovery, persistent user sessions), in one run on this machine. Starts a scratch PostgreSQL and
# node A of a copy of the assembled distribution built as the image builds it (--db=postgres --cache=ispn), sets up
# an authority with its Fachverfahren and a citizen (FailoverBench's set-up), and measures with THREADS client threads
# against node A alone; then starts node B, waits until both form one cluster, and measures the same again with
# thread t on node t % 2 (a load balancer with sticky sessions). Each measurement: password logins through the login
# form (one user per thread), refresh-token grants (a chain per thread), Postfach sends authority → citizen (two
# encrypted copies, no attachment). Driver: benchmarks/ClusterBench.java.
#
# Both nodes run on the same cores as the client: on one machine a second node adds no CPU, so this shows what
# clustering costs (sessions replicated to the other node's caches, invalidations, JGroups), not how far it scales.
#
# Usage: benchmarks/cluster.sh [THREADS] [LOGINS] [REFRESHES] [SENDS]     (defaults 4 200 500 500)
# Needs the assembled server (./mvnw package -DskipTests) and the Debian package postgresql. Loopback ports 18080,
# 19000, 7900 (node A), 18081, 19001, 7901 (node B), 15432 (PostgreSQL). Last line: a one-line summary.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=benchmarks/common.sh
. "$ROOT/benchmarks/common.sh"
THREADS="${1:-4}"
LOGINS="${2:-200}"
REFRESHES="${3:-500}"
SENDS="${4:-500}"
WORK="$ROOT/benchmarks/target/cluster"
HTTP_A=18080 MGMT_A=19000 JG_A=7900 HTTP_B=18081 MGMT_B=19001 JG_B=7901
[ -x "$DIST/bin/kc.sh" ] && [ -f "$CRYPTO_JAR" ] \
  || { echo "assemble the server first: ./mvnw package -DskipTests -pl server -am" >&2; exit 2; }
for p in "$HTTP_A" "$MGMT_A" "$JG_A" "$HTTP_B" "$MGMT_B" "$JG_B" 15432; do
  bench_port_free "$p" || { echo "port $p is in use; stop what runs there" >&2; exit 2; }
done

rm -rf "$WORK"
mkdir -p "$WORK"
bench_vault "$WORK/vault"
ADMIN_PASSWORD="bench-$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
cleanup=()
pids=()
trap 'for c in "${cleanup[@]}"; do eval "$c"; done' EXIT
bench_postgres "$WORK/pg" 15432
DB_URL="jdbc:postgresql://127.0.0.1:15432/keycloak"
cleanup=('for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done' "${cleanup[@]}")
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(java -version 2>&1 | head -n1); Keycloak $KV;" \
  "PostgreSQL $("$PG_BIN/postgres" --version | sed 's/^[^0-9]*\([0-9.]*\).*/\1/')"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

bench_postgres_dist "$DIST" "$WORK/node-a" --cache=ispn
cp -a "$WORK/node-a" "$WORK/node-b"
PUBLIC_URL="http://localhost:$HTTP_A"

bench_node_start a "$HTTP_A" "$MGMT_A" "$JG_A"
bench_demo_clients "$HTTP_A"
bench_cluster_driver "$CRYPTO_JAR" "$ROOT/benchmarks/Bench.java" "$ROOT/benchmarks/PostfachBench.java" \
  "$ROOT/benchmarks/FailoverBench.java" "$ROOT/benchmarks/ClusterBench.java"
STATE="$WORK/state.properties"
java -cp "$BENCH_CP" FailoverBench setup "$STATE" "$PUBLIC_URL" bench-admin "$ADMIN_PASSWORD" "$DB_URL"
measure() { # LABEL NODE_BASE...
  local label="$1"
  shift
  java -cp "$BENCH_CP" ClusterBench "$STATE" "$label" bench-admin "$ADMIN_PASSWORD" "$THREADS" "$LOGINS" "$REFRESHES" \
    "$SENDS" "$PUBLIC_URL" "$@" | tee "$WORK/$label.out"
}

echo "== one node (A), $THREADS client threads"
measure one "http://localhost:$HTTP_A"
bench_node_start b "$HTTP_B" "$MGMT_B" "$JG_B"
bench_cluster_of_two
echo "== two nodes (A and B), $THREADS client threads, thread t on node t % 2"
measure two "http://localhost:$HTTP_A" "http://localhost:$HTTP_B"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

rate() { sed -n "s/^$1 .* \([0-9.]*\/s\)  p50=\([0-9]*\) ms  p95=\([0-9]*\) ms.*/\1, p50 \2 ms, p95 \3 ms/p" "$WORK/$2.out"; }
echo "== results ($THREADS client threads; PostgreSQL; both nodes on this machine's $(nproc) cores)"
printf '| %-40s | %-32s | %-32s |\n' "" "one node" "two nodes" "---" "---" "---"
for m in login refresh send; do
  printf '| %-40s | %-32s | %-32s |\n' "$m" "$(rate "$m" one)" "$(rate "$m" two)"
done
echo "summary: one node login $(rate login one | cut -d, -f1), refresh $(rate refresh one | cut -d, -f1)," \
  "send $(rate send one | cut -d, -f1); two nodes login $(rate login two | cut -d, -f1)," \
  "refresh $(rate refresh two | cut -d, -f1), send $(rate send two | cut -d, -f1)"
