#!/usr/bin/env bash
# Failover test of a two-node cluster on Keycloak's own mechanisms: PostgreSQL, embedded Infinispan (cache ispn) with
# JDBC_PING discovery, persistent user sessions. Starts a scratch PostgreSQL and two nodes of a copy of the assembled
# distribution built as the image builds it (--db=postgres, --cache=ispn) on loopback ports, waits until they form one
# cluster, then runs SENDS rounds through both nodes alternately (the client alternates; no load balancer): a Postfach
# send by a Fachverfahren with an attachment (every fifth an official notice), LOGINS of them also a password login
# through the login form with a refresh on the other node. In the middle round node A's JVM is killed with SIGKILL
# while a send is in flight; the stream goes on against node B only. Then A is started again, and every acknowledged
# send is checked: exactly once in the authority's Sent folder through the REST API of both nodes, exactly once in the
# citizen's mailbox in the database, with its attachment and notice rows; every session logged in on A must refresh on
# B after the kill. Driver: benchmarks/FailoverBench.java.
#
# Usage: benchmarks/failover.sh [SENDS] [LOGINS]      (defaults 200 40)
#   SK_FAILOVER_DB_URL  JDBC URL of an empty PostgreSQL database (user keycloak, no password) to use instead of a
#                       scratch cluster on port 15432 (FailoverIT passes its own)
#   SK_FAILOVER_PORTS   "HTTP_A MANAGEMENT_A JGROUPS_A HTTP_B MANAGEMENT_B JGROUPS_B" (default
#                       "18080 19000 7900 18081 19001 7901"); JGroups' failure detection listens on JGROUPS + 50000,
#                       so those two stay below 15536
#   SK_FAILOVER_WORK    work folder (default benchmarks/target/failover)
# Needs the assembled server (./mvnw package -DskipTests -pl server -am) and the Debian package postgresql.
# Last line: failover: sends=N stored=N lost=0 duplicated=0 sessions_survived=K/K; exit status 1 when a send was lost
# or stored twice or a session of A did not survive, 2 when the run itself failed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=benchmarks/common.sh
. "$ROOT/benchmarks/common.sh"
SENDS="${1:-200}"
LOGINS="${2:-40}"
[ "$SENDS" -ge 4 ] && [ "$LOGINS" -ge 2 ] && [ "$LOGINS" -le "$SENDS" ] \
  || { echo "SENDS at least 4, LOGINS between 2 and SENDS" >&2; exit 2; }
WORK="${SK_FAILOVER_WORK:-$ROOT/benchmarks/target/failover}"
read -r HTTP_A MGMT_A JG_A HTTP_B MGMT_B JG_B <<<"${SK_FAILOVER_PORTS:-18080 19000 7900 18081 19001 7901}"
[ -x "$DIST/bin/kc.sh" ] && [ -f "$CRYPTO_JAR" ] \
  || { echo "assemble the server first: ./mvnw package -DskipTests -pl server -am" >&2; exit 2; }
for p in "$HTTP_A" "$MGMT_A" "$JG_A" "$HTTP_B" "$MGMT_B" "$JG_B"; do
  bench_port_free "$p" || { echo "port $p is in use; stop what runs there" >&2; exit 2; }
done

rm -rf "$WORK"
mkdir -p "$WORK"
bench_vault "$WORK/vault"
ADMIN_PASSWORD="bench-$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
cleanup=()
trap 'for c in "${cleanup[@]}"; do eval "$c"; done' EXIT
if [ -n "${SK_FAILOVER_DB_URL:-}" ]; then
  DB_URL="$SK_FAILOVER_DB_URL"
else
  bench_postgres "$WORK/pg" 15432
  DB_URL="jdbc:postgresql://127.0.0.1:15432/keycloak"
fi
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); Keycloak $KV"

# One build, as the image's (docker/Dockerfile) with the clustered cache named; each node its own copy of it, since a
# node writes into its distribution's data/tmp.
bench_postgres_dist "$DIST" "$WORK/node-a" --cache=ispn
cp -a "$WORK/node-a" "$WORK/node-b"

# The cluster's one public URL, as a load balancer in front would have it: every token names it as issuer, so a token
# of one node is good on the other. Here it is node A's address; the driver sends each request to the node it means.
PUBLIC_URL="http://localhost:$HTTP_A"
pids=()
cleanup=('for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done' "${cleanup[@]}")

# A alone first, on the empty database: it creates the schema and imports the realm; then B joins.
bench_node_start a "$HTTP_A" "$MGMT_A" "$JG_A"
PID_A="$(bench_node_java_pid)"
bench_node_start b "$HTTP_B" "$MGMT_B" "$JG_B"
bench_cluster_of_two

# The demo portal (realm-config/dev) for the password logins, as run.sh adds it.
bench_demo_clients "$HTTP_A"
bench_cluster_driver "$CRYPTO_JAR" "$ROOT/benchmarks/Bench.java" "$ROOT/benchmarks/PostfachBench.java" \
  "$ROOT/benchmarks/FailoverBench.java"
driver() { java -cp "$BENCH_CP" FailoverBench "$@"; }
STATE="$WORK/state.properties"
driver setup "$STATE" "http://localhost:$HTTP_A" bench-admin "$ADMIN_PASSWORD" "$DB_URL"

echo "== stream: $SENDS sends, $LOGINS logins, node A (pid $PID_A) killed in round $((SENDS / 2))"
driver stream "$STATE" "http://localhost:$HTTP_A" "http://localhost:$HTTP_B" "$PID_A" "$SENDS" "$LOGINS"

# A again, on the same database and cluster; B has carried on alone meanwhile.
bench_node_start a "$HTTP_A" "$MGMT_A" "$JG_A"
echo "load after the stream: $(cut -d' ' -f1-3 /proc/loadavg)"
# The check prints the summary as its (and so this script's) last line.
status=0
driver check "$STATE" "http://localhost:$HTTP_A" "http://localhost:$HTTP_B" "$DB_URL" || status=$?
exit "$status"
