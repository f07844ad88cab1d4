#!/usr/bin/env bash
# Postfach benchmark: seeds SEED encrypted messages straight into one authority's inbox of the assembled Servicekonto
# server (H2 dev-file database by default, or PostgreSQL; seeded through a second JDBC connection), then measures inbox pages (first page
# and pages by cursor deep in the folder), a bounded search with and without matches, the folder counts and sending
# through the REST API, and the floor (the mailbox's limits, Keycloak's userinfo); then, as the reference, Keycloak's own
# calls (client-credentials token, admin page of users, userinfo and the discovery document in a row and from 4 client
# threads) on the same server and on stock Keycloak of the same version, started afterwards on the same ports.
#
# Usage: benchmarks/postfach.sh [SEED] [PAGES] [SENDS]     (defaults 1000000 200 500)
#        SK_BENCH_DB=postgres benchmarks/postfach.sh ...     (the same on PostgreSQL: a scratch cluster of the machine's
#                                                            Debian package postgresql on port 15432, and a copy of the
#                                                            distribution built with --db=postgres)
#        SK_BENCH_WARMUP=N ...                             (calls of each kind made before a phase measures; default
#                                                            300, sends a third, folder counts a tenth; the same for
#                                                            stock Keycloak's reference calls)
#        SK_BENCH_REFERENCE=0 ...                          (without the reference calls and stock Keycloak, e.g. for
#                                                            a profile: JAVA_OPTS_APPEND=-XX:StartFlightRecording=...
#                                                            reaches the server; the lines "phase NAME at TIME" tell
#                                                            when each phase began)
# Needs the assembled server (./mvnw package -DskipTests). The server runs on loopback ports 18080/19000.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=benchmarks/common.sh
. "$ROOT/benchmarks/common.sh"
SEED="${1:-1000000}"
PAGES="${2:-200}"
SENDS="${3:-500}"
WORK="$ROOT/benchmarks/target/postfach"
PORT=18080
MGMT=19000
[ -x "$DIST/bin/kc.sh" ] || { echo "assemble the server first: ./mvnw package -DskipTests" >&2; exit 2; }
for p in "$PORT" "$MGMT"; do
  bench_port_free "$p" || { echo "port $p is in use; stop what runs there" >&2; exit 2; }
done

rm -rf "$WORK"
mkdir -p "$WORK"
bench_vault "$WORK/vault"
ADMIN_PASSWORD="bench-$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
DB="${SK_BENCH_DB:-h2}"
cleanup=()
trap 'for c in "${cleanup[@]}"; do eval "$c"; done' EXIT
if [ "$DB" = postgres ]; then
  PG_PORT=15432
  bench_postgres "$WORK/pg" "$PG_PORT"
  # A copy of the distribution, built as the image builds it (docker/Dockerfile).
  bench_postgres_dist "$DIST" "$WORK/dist"
  DIST="$WORK/dist"
  DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/keycloak?reWriteBatchedInserts=true"
  DB_USER=keycloak
  DB_PASSWORD=
  DRIVER_JAR="$(ls "$DIST"/lib/lib/main/org.postgresql.postgresql-*.jar)"
  DB_LABEL="PostgreSQL $("$PG_BIN/postgres" --version | sed 's/^[^0-9]*\([0-9.]*\).*/\1/')"
else
  DB_URL="jdbc:h2:file:$WORK/h2/keycloakdb;NON_KEYWORDS=VALUE;AUTO_SERVER=TRUE"
  DB_USER=bench
  DB_PASSWORD=bench
  DRIVER_JAR="$(ls "$DIST"/lib/lib/main/com.h2database.h2-*.jar)"
  DB_LABEL="H2 dev-file"
fi

KC_BOOTSTRAP_ADMIN_USERNAME=bench-admin KC_BOOTSTRAP_ADMIN_PASSWORD="$ADMIN_PASSWORD" SK_SMTP_PORT=1 \
  "$DIST/bin/kc.sh" start --optimized --http-enabled=true --hostname-strict=false --cache=local --import-realm \
  --http-port="$PORT" --http-management-port="$MGMT" --vault-dir="$WORK/vault" \
  --db-url="$DB_URL" --db-username="$DB_USER" ${DB_PASSWORD:+--db-password="$DB_PASSWORD"} >"$WORK/server.log" 2>&1 &
server_pid=$!
cleanup=('kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true' "${cleanup[@]}")
for _ in $(seq 1 900); do bench_ready "$MGMT" && break; kill -0 "$server_pid" 2>/dev/null || { cat "$WORK/server.log"; exit 1; }; sleep 0.2; done

echo "== Postfach, Servicekonto on Keycloak $KV, $DB_LABEL, seed $SEED"
java -cp "$CRYPTO_JAR:$DRIVER_JAR" "$ROOT/benchmarks/PostfachBench.java" "http://localhost:$PORT" bench-admin "$ADMIN_PASSWORD" \
  "$WORK/vault/servicekonto_sk-postfach-kek" "$DB_URL" "$DB_USER" "$DB_PASSWORD" "$SEED" "$PAGES" "$SENDS" | tee "$WORK/bench.out"
# Bytes of database per stored message: the whole database (Keycloak's tables included, a few MB) over the rows of
# SK_PF_MESSAGE (one row per mailbox's copy of a message).
ROWS="$(sed -n 's/^SK_PF_MESSAGE rows at the end: //p' "$WORK/bench.out")"
if [ "$DB" = postgres ]; then
  DB_BYTES="$("$PG_BIN/psql" -At -h 127.0.0.1 -p "$PG_PORT" -U keycloak -d keycloak -c "select pg_database_size('keycloak')")"
  echo "database size: $(( DB_BYTES / 1048576 )) MiB, $(( DB_BYTES / ROWS )) bytes per stored message ($ROWS rows)"
  "$PG_BIN/psql" -At -F ' ' -h 127.0.0.1 -p "$PG_PORT" -U keycloak -d keycloak -c "select 'table sk_pf_message', \
    pg_size_pretty(pg_table_size('sk_pf_message')), 'indexes', pg_size_pretty(pg_indexes_size('sk_pf_message'))"
else
  DB_BYTES="$(du -sb "$WORK/h2" | cut -f1)"
  echo "database file: $(( DB_BYTES / 1048576 )) MiB, $(( DB_BYTES / ROWS )) bytes per stored message ($ROWS rows)"
fi
java_pid=$(pgrep -f -n "kc.home.dir=$DIST" || echo "$server_pid")
echo "resident memory of the server: $(( $(ps -o rss= -p "$java_pid") / 1024 )) MiB"
if [ "${SK_BENCH_REFERENCE:-1}" != 0 ]; then
  echo "== reference calls, Servicekonto (same server, realm servicekonto)"
  java -cp "$CRYPTO_JAR:$DRIVER_JAR" "$ROOT/benchmarks/PostfachBench.java" reference "http://localhost:$PORT" servicekonto \
    bench-admin "$ADMIN_PASSWORD" "$PAGES"
fi
# kc.sh runs the JVM as its child: stop the JVM itself and wait until it is gone, or the H2 file is still locked.
kill -TERM "$java_pid" "$server_pid" 2>/dev/null || true
while kill -0 "$java_pid" 2>/dev/null; do sleep 0.2; done
wait "$server_pid" 2>/dev/null || true
if [ "$DB" = h2 ]; then
  # The file at rest: once the retention time of the last writes (45 s) has passed, as at the server's next start.
  sleep 45
  java -cp "$CRYPTO_JAR:$DRIVER_JAR" "$ROOT/benchmarks/PostfachBench.java" h2-at-rest \
    "jdbc:h2:file:$WORK/h2/keycloakdb;NON_KEYWORDS=VALUE" "$DB_USER" "$DB_PASSWORD" "$WORK/h2/keycloakdb.mv.db" "$ROWS"
fi
if [ "${SK_BENCH_REFERENCE:-1}" = 0 ]; then exit 0; fi

# The same reference calls on stock Keycloak of the same version (unchanged distribution, minimal realm "bench").
STOCK="$WORK/stock"
mkdir -p "$STOCK"
"$ROOT/mvnw" -q -B -Dstyle.color=never dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KV:tar.gz" -DoutputDirectory="$STOCK" >/dev/null
tar -xzf "$STOCK/keycloak-quarkus-dist-$KV.tar.gz" -C "$STOCK"
STOCK_DIST="$STOCK/keycloak-$KV"
mkdir -p "$STOCK_DIST/data/import"
cp "$ROOT/benchmarks/bench-realm.json" "$STOCK_DIST/data/import/"
STOCK_DB=()
if [ "$DB" = postgres ]; then
  # Stock Keycloak on the same PostgreSQL server, in a database of its own.
  "$PG_BIN/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U keycloak -d postgres -c "CREATE DATABASE stock"
  "$STOCK_DIST/bin/kc.sh" build --db=postgres --health-enabled=true >"$STOCK/build.log" 2>&1
  STOCK_DB=(--db-url="jdbc:postgresql://127.0.0.1:$PG_PORT/stock" --db-username=keycloak)
else
  "$STOCK_DIST/bin/kc.sh" build --db=dev-file --health-enabled=true >"$STOCK/build.log" 2>&1
fi
KC_BOOTSTRAP_ADMIN_USERNAME=bench-admin KC_BOOTSTRAP_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
  "$STOCK_DIST/bin/kc.sh" start --optimized --http-enabled=true --hostname-strict=false --cache=local --import-realm \
  --http-port="$PORT" --http-management-port="$MGMT" "${STOCK_DB[@]}" >"$STOCK/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 900); do bench_ready "$MGMT" && break; kill -0 "$server_pid" 2>/dev/null || { cat "$STOCK/server.log"; exit 1; }; sleep 0.2; done
echo "== reference calls, stock Keycloak $KV (realm bench)"
java -cp "$CRYPTO_JAR:$DRIVER_JAR" "$ROOT/benchmarks/PostfachBench.java" reference "http://localhost:$PORT" bench \
  bench-admin "$ADMIN_PASSWORD" "$PAGES"
