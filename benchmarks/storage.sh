#!/usr/bin/env bash
# Storage per citizen on PostgreSQL: starts the assembled server on a scratch PostgreSQL (built as the image builds
# it), makes CITIZENS accounts in the realm servicekonto through the admin API's partial import (e-mail, names, the
# Stammdaten attributes of the realm's user profile, a password credential) and logs each in once through the login
# form (a persisted user session with one client session; Keycloak 26 keeps user sessions in the database). The
# database is measured three times: after start-up and one template citizen, after the import and after the logins.
# Reported per citizen: the growth of pg_database_size and of every table with its indexes and TOAST
# (pg_total_relation_size), accounts alone and with the login (session rows, login events, activity rows).
#
# Usage: benchmarks/storage.sh [CITIZENS]        (default 2000)
#   SK_BENCH_DIST   the assembled distribution to copy (default server/target/keycloak-<version>; only read)
#   SK_BENCH_PORTS  "HTTP MANAGEMENT POSTGRES" (default "18280 19200 15632")
#   SK_BENCH_THREADS client threads for the logins (default 4)
# Needs the assembled server and the Debian package postgresql. Driver: benchmarks/StorageBench.java (with Bench.java).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=benchmarks/common.sh
. "$ROOT/benchmarks/common.sh"
CITIZENS="${1:-2000}"
[ "$CITIZENS" -ge 100 ] || { echo "CITIZENS at least 100 (fewer measure mostly noise)" >&2; exit 2; }
DIST="${SK_BENCH_DIST:-$DIST}"
WORK="$ROOT/benchmarks/target/storage"
read -r PORT MGMT PG_PORT <<<"${SK_BENCH_PORTS:-18280 19200 15632}"
THREADS="${SK_BENCH_THREADS:-4}"
[ -x "$DIST/bin/kc.sh" ] || { echo "assemble the server first: ./mvnw package -DskipTests -pl server -am" >&2; exit 2; }
for p in "$PORT" "$MGMT" "$PG_PORT"; do
  bench_port_free "$p" || { echo "port $p is in use; stop what runs there" >&2; exit 2; }
done

rm -rf "$WORK"
mkdir -p "$WORK"
bench_vault "$WORK/vault"
ADMIN_PASSWORD="bench-$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
CLIENT_SECRET="$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
# One password for all citizens; the realm's policy: at least 10 characters, not the user name or e-mail.
PASSWORD="Buerger-$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
REDIRECT=http://localhost:8081/callback
cleanup=()
trap 'for c in "${cleanup[@]}"; do eval "$c"; done' EXIT
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); Keycloak $KV; started $(date -u +%FT%TZ)"
bench_postgres "$WORK/pg" "$PG_PORT"
bench_postgres_dist "$DIST" "$WORK/dist"
DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/keycloak"
psql_kc() { "$PG_BIN/psql" -X -At -F ' ' -h 127.0.0.1 -p "$PG_PORT" -U keycloak -d keycloak "$@"; }

t0=$SECONDS
KC_BOOTSTRAP_ADMIN_USERNAME=bench-admin KC_BOOTSTRAP_ADMIN_PASSWORD="$ADMIN_PASSWORD" SK_SMTP_PORT=1 \
  "$WORK/dist/bin/kc.sh" start --optimized --http-enabled=true --hostname-strict=false --cache=local --import-realm \
  --http-port="$PORT" --http-management-port="$MGMT" --vault-dir="$WORK/vault" \
  --db-url="$DB_URL" --db-username=keycloak >"$WORK/server.log" 2>&1 &
server_pid=$!
cleanup=('kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true' "${cleanup[@]}")
until bench_ready "$MGMT"; do
  kill -0 "$server_pid" 2>/dev/null || { tail -n 60 "$WORK/server.log" >&2; exit 2; }
  [ $((SECONDS - t0)) -lt 900 ] || { echo "server not ready in 15 minutes" >&2; exit 2; }
  sleep 0.5
done
echo "server ready after $((SECONDS - t0)) s ($(pgrep -c -f kc.home.dir || true) Keycloak JVMs on the machine)"

mkdir -p "$WORK/classes"
javac -nowarn -d "$WORK/classes" "$ROOT/benchmarks/Bench.java" "$ROOT/benchmarks/StorageBench.java"
BASE="http://localhost:$PORT"
driver() { java -cp "$WORK/classes" StorageBench "$@"; }

# Snapshot NAME: pg_database_size, then every table of the schema (relkind r) with its indexes and TOAST, and its
# exact row count, after a CHECKPOINT (so that what the server committed is in the files) and ANALYZE.
snapshot() {
  sleep 5 # writes Keycloak may batch after the response (session updates) are in before the measurement
  psql_kc -q -c "CHECKPOINT" -c "ANALYZE" >/dev/null
  psql_kc -c "select 'database', pg_database_size('keycloak'), 0" >"$WORK/$1.sizes"
  psql_kc -c "select c.relname, pg_total_relation_size(c.oid) from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' order by 1" | while read -r table bytes; do
    echo "$table $bytes $(psql_kc -c "select count(*) from \"$table\"")"
  done >>"$WORK/$1.sizes"
}

# The client of this run (code flow with PKCE only) and one citizen with a password the server hashed (Argon2id, the
# realm's default); every citizen of the import gets a copy of that stored hash (see StorageBench.importCitizens).
driver client "$BASE" bench-admin "$ADMIN_PASSWORD" sk-storage-bench "$CLIENT_SECRET" "$REDIRECT"
driver template "$BASE" bench-admin "$ADMIN_PASSWORD" citizen-template "$PASSWORD"
psql_kc -c "select c.secret_data from credential c join user_entity u on u.id = c.user_id
    where u.username = 'citizen-template' and c.type = 'password'" >"$WORK/secret-data"
psql_kc -c "select c.credential_data from credential c join user_entity u on u.id = c.user_id
    where u.username = 'citizen-template' and c.type = 'password'" >"$WORK/credential-data"
grep -q salt "$WORK/secret-data" || { echo "no stored password of the template citizen" >&2; exit 2; }
snapshot 0-start

(umask 077; printf '%s' "$PASSWORD" >"$WORK/password")
driver import "$BASE" bench-admin "$ADMIN_PASSWORD" "$CITIZENS" 200 "$WORK/secret-data" "$WORK/credential-data" "$WORK/password"
snapshot 1-accounts
driver login "$BASE" sk-storage-bench "$CLIENT_SECRET" "$REDIRECT" "$PASSWORD" "$CITIZENS" "$THREADS"
snapshot 2-logins
count() { psql_kc -c "select count(*) from $1" 2>/dev/null || echo '?'; }
echo "user sessions in the database: $(count "offline_user_session where offline_flag = '0'")," \
  "client sessions: $(count "offline_client_session where offline_flag = '0'")," \
  "login events: $(count "event_entity where type = 'LOGIN'"), all events: $(count event_entity)"

# Growth per citizen between two snapshots: the database, then each table that grew by at least 1 byte per citizen.
growth() { # FROM TO TITLE
  echo "== $3 (${CITIZENS} citizens): bytes per citizen"
  LC_ALL=C join <(LC_ALL=C sort "$WORK/$1.sizes") <(LC_ALL=C sort "$WORK/$2.sizes") | awk -v n="$CITIZENS" '
    { d = $4 - $2; r = $5 - $3
      if ($1 == "database") { db = d; next }
      if (d >= n) printf "  %-32s %8.0f bytes  (%+d rows, %+d bytes)\n", tolower($1), d / n, r, d
      sum += d }
    END { printf "  %-32s %8.0f bytes  (tables %d bytes; pg_database_size %+d bytes)\n", "database", db / n, sum, db }' \
    | sort -k2 -n -r
}
growth 0-start 1-accounts "accounts (import), no session"
growth 1-accounts 2-logins "one password login each (session rows, events, activity)"
growth 0-start 2-logins "accounts with one login each"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg); finished $(date -u +%FT%TZ)"
