#!/usr/bin/env bash
# Dokumentensafe benchmark: starts the assembled Servicekonto server (H2 dev-file database by default, or PostgreSQL),
# uploads FILES files of SIZE_MB random bytes (a PDF header, then random) into the safe of the demo citizen erika
# through upload sessions (open, parts of 8 MiB in order, complete), downloads each again and compares its SHA-256,
# and measures upload and download throughput (median, min, max), the server's used heap (management port, /metrics)
# and resident memory (/proc) before, during (peak) and after, and the server's open temporary files (peak).
# As the reference, in the same run on the same disk: a plain copy of the same files (cp, then sync), and the
# cipher's own speed (openssl speed -evp aes-256-gcm with 64 KiB blocks, the block size of the safe's StreamCipher,
# and openssl enc -aes-256-ctr of each file to /dev/null: openssl enc does not do GCM).
#
# Usage: benchmarks/dokumentensafe.sh [FILES] [SIZE_MB]       (defaults 5 100; MB = 2^20 bytes)
#        SK_BENCH_DB=postgres benchmarks/dokumentensafe.sh ... (on PostgreSQL, as benchmarks/postfach.sh: a scratch
#                                                              cluster of the Debian package postgresql on port 15432)
# Needs the assembled server (./mvnw package -DskipTests -pl server -am). Loopback ports 18080/19000.
# The last line is a one-line summary.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=benchmarks/common.sh
. "$ROOT/benchmarks/common.sh"
FILES="${1:-5}"
SIZE_MB="${2:-100}"
WORK="$ROOT/benchmarks/target/dokumentensafe"
PORT=18080
MGMT=19000
[ -x "$DIST/bin/kc.sh" ] || { echo "assemble the server first: ./mvnw package -DskipTests -pl server -am" >&2; exit 2; }
for p in "$PORT" "$MGMT"; do
  bench_port_free "$p" || { echo "port $p is in use; stop what runs there" >&2; exit 2; }
done

rm -rf "$WORK"
mkdir -p "$WORK/files" "$WORK/tmp"
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
  DB_ARGS=(--db-url="jdbc:postgresql://127.0.0.1:$PG_PORT/keycloak" --db-username=keycloak)
  DB_LABEL="PostgreSQL $("$PG_BIN/postgres" --version | sed 's/^[^0-9]*\([0-9.]*\).*/\1/')"
else
  DB_ARGS=(--db-url="jdbc:h2:file:$WORK/h2/keycloakdb;NON_KEYWORDS=VALUE" --db-username=bench --db-password=bench)
  DB_LABEL="H2 dev-file"
fi

mbps() { # bytes nanoseconds
  awk -v b="$1" -v n="$2" 'BEGIN { printf "%.1f", b / 1048576 / (n / 1e9) }'
}
stats() { # numbers on stdin -> "median M, min A, max B"
  sort -g | awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
    printf "median %.1f, min %.1f, max %.1f", m, v[1], v[NR] }'
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -n1), $(openssl version)"
echo "disk of $WORK: $(df -h --output=source,fstype "$WORK" | tail -n1 | tr -s ' ')"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "load before: $LOAD_BEFORE"

# The files: a PDF header (the safe sniffs the type), then random bytes; each SIZE_MB MiB.
BYTES=$(( SIZE_MB * 1048576 ))
paths=()
for i in $(seq 1 "$FILES"); do
  f="$WORK/files/bench-$i.pdf"
  { printf '%%PDF-1.7\n'; head -c $(( BYTES - 9 )) /dev/urandom; } >"$f"
  paths+=("$f")
done
sync

# Reference 1: a plain copy of each file on the same disk, written through (sync) before the clock stops.
copies=()
for f in "${paths[@]}"; do
  t0=$(date +%s%N); cp "$f" "$f.copy"; sync; t1=$(date +%s%N)
  copies+=("$(mbps "$BYTES" $(( t1 - t0 )))")
  rm -f "$f.copy"
done
COPY="$(printf '%s\n' "${copies[@]}" | stats)"
# Reference 2: the cipher alone. AES-256-GCM in 64 KiB blocks (openssl speed, 3 s), and AES-256-CTR over each file.
GCM="$(openssl speed -evp aes-256-gcm -bytes 65536 -seconds 3 2>/dev/null | awk '/^(AES-256-GCM|aes-256-gcm)/ { v = $NF } END { sub(/k$/, "", v); printf "%.0f", v * 1000 / 1048576 }')"
ctrs=()
for f in "${paths[@]}"; do
  t0=$(date +%s%N)
  openssl enc -aes-256-ctr -K "$(head -c 32 /dev/urandom | xxd -p -c 64)" -iv "$(head -c 16 /dev/urandom | xxd -p)" \
    -in "$f" -out /dev/null
  t1=$(date +%s%N)
  ctrs+=("$(mbps "$BYTES" $(( t1 - t0 )))")
done
CTR="$(printf '%s\n' "${ctrs[@]}" | stats)"

started=$(date +%s%N)
KC_BOOTSTRAP_ADMIN_USERNAME=bench-admin KC_BOOTSTRAP_ADMIN_PASSWORD="$ADMIN_PASSWORD" SK_SMTP_PORT=1 \
JAVA_OPTS_APPEND="-Djava.io.tmpdir=$WORK/tmp" \
  "$DIST/bin/kc.sh" start --optimized --http-enabled=true --hostname-strict=false --cache=local --import-realm \
  --http-port="$PORT" --http-management-port="$MGMT" --vault-dir="$WORK/vault" "${DB_ARGS[@]}" >"$WORK/server.log" 2>&1 &
server_pid=$!
cleanup=('kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true' "${cleanup[@]}")
for _ in $(seq 1 900); do bench_ready "$MGMT" && break; kill -0 "$server_pid" 2>/dev/null || { cat "$WORK/server.log"; exit 1; }; sleep 0.2; done
echo "server ready after $(( ($(date +%s%N) - started) / 1000000 )) ms ($DB_LABEL, Keycloak $KV)"
java_pid=$(pgrep -f -n "kc.home.dir=$DIST" || echo "$server_pid")

echo "== Dokumentensafe, $FILES files of $SIZE_MB MB, $DB_LABEL"
java "$ROOT/benchmarks/DokumentensafeBench.java" "http://localhost:$PORT" "http://localhost:$MGMT" bench-admin \
  "$ADMIN_PASSWORD" "$java_pid" "$WORK/tmp" "${paths[@]}" | tee "$WORK/bench.out"
if [ "$DB" = postgres ]; then
  DB_BYTES="$("$PG_BIN/psql" -At -h 127.0.0.1 -p "$PG_PORT" -U keycloak -d keycloak -c "select pg_database_size('keycloak')")"
else
  DB_BYTES="$(du -sb "$WORK/h2" | cut -f1)"
fi
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

UP="$(sed -n 's/^upload MB\/s: \(median [^(]*\) (.*/\1/p' "$WORK/bench.out" | sed 's/, $//; s/ *$//')"
DOWN="$(sed -n 's/^download MB\/s: \(median [^(]*\) (.*/\1/p' "$WORK/bench.out" | sed 's/ *$//')"
echo "== results ($FILES files of $SIZE_MB MB; MB/s with MB = 2^20 bytes)"
printf '| %-62s | %s |\n' "what" "figure" "---" "---" \
  "Dokumentensafe upload (session: open, 8 MiB parts, complete)" "$UP MB/s" \
  "Dokumentensafe download (GET content, SHA-256 checked)" "$DOWN MB/s" \
  "upload: seconds per full 8 MiB part (PUT)" "$(sed -n 's/^upload, seconds per full 8 MiB part (PUT): \(.*\) (.*/\1/p' "$WORK/bench.out")" \
  "upload: seconds per completion (POST complete)" "$(sed -n 's/^upload, seconds per completion (POST complete): \(.*\) (.*/\1/p' "$WORK/bench.out")" \
  "download: seconds to the response headers" "$(sed -n 's/^download, seconds to the response headers: \(.*\) (.*/\1/p' "$WORK/bench.out")" \
  "reference: cp + sync, same disk" "$COPY MB/s" \
  "reference: openssl enc -aes-256-ctr of the file" "$CTR MB/s" \
  "reference: openssl speed -evp aes-256-gcm, 64 KiB blocks" "$GCM MB/s" \
  "server used heap (MB)" "$(sed -n 's/^used heap MB: //p' "$WORK/bench.out")" \
  "server resident memory (MB)" "$(sed -n 's/^resident MB: //p' "$WORK/bench.out")" \
  "server's open temporary files, peak (MB)" "$(sed -n "s/^server's open temporary files, peak MB: //p" "$WORK/bench.out")" \
  "database after the run (MB)" "$(( DB_BYTES / 1048576 ))" \
  "load average before / after" "$LOAD_BEFORE / $LOAD_AFTER"
echo "summary: $(sed -n 's/^summary: //p' "$WORK/bench.out"); cp+sync $(awk '{print $2}' <<<"$COPY" | tr -d ,) MB/s, AES-256-GCM $GCM MB/s; $DB_LABEL; load $LOAD_AFTER"
