# Set-up shared by the benchmark scripts (sourced, not run): the vault of a scratch server, a scratch PostgreSQL
# cluster of the machine's Debian package postgresql, a copy of the assembled distribution built for PostgreSQL as the
# image builds it (docker/Dockerfile), and the readiness probe. Each function names what it needs; nothing here starts
# a Keycloak server.

# bench_vault DIR: the realm's vault secrets (Postfach key ring, eID pseudonym key), random, readable by the owner only.
bench_vault() {
  mkdir -p "$1"
  chmod 700 "$1"
  (umask 077
   printf 'bench-1:%s' "$(head -c 32 /dev/urandom | base64 | tr -d '\n')" >"$1/servicekonto_sk-postfach-kek"
   printf '%s' "$(head -c 48 /dev/urandom | base64 | tr -d '\n')" >"$1/servicekonto_sk-eid-pseudonym-key")
}

# bench_postgres DIR PORT: initdb and start a scratch cluster in DIR on 127.0.0.1:PORT with the database keycloak
# (user keycloak, trust authentication: loopback only, a scratch cluster). Sets PG_BIN; registers its stop in the
# caller's array `cleanup` (run by the caller's EXIT trap). As root, PostgreSQL runs as the system user postgres.
bench_postgres() {
  local dir="$1" port="$2"
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)"
  [ -x "$PG_BIN/initdb" ] || { echo "PostgreSQL server binaries not found (Debian package postgresql)" >&2; exit 2; }
  mkdir -p "$dir"
  BENCH_PG_DIR="$dir"
  bench_as_pg "$PG_BIN/initdb" -D "$dir/data" -U keycloak --auth=trust -E UTF8 --locale=C >"$dir/initdb.log"
  bench_as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null
  cleanup+=("bench_as_pg '$PG_BIN/pg_ctl' -D '$dir/data' -m fast -w stop >/dev/null 2>&1 || true")
  "$PG_BIN/psql" -q -h 127.0.0.1 -p "$port" -U keycloak -d postgres -c "CREATE DATABASE keycloak"
}

bench_as_pg() {
  if [ "$(id -u)" = 0 ]; then chown -R postgres:postgres "$BENCH_PG_DIR"; runuser -u postgres -- "$@"; else "$@"; fi
}

# bench_postgres_dist FROM TO [kc.sh build options...]: a copy of the distribution FROM at TO without its H2 data,
# built with --db=postgres and the image's other build options (health, metrics, file vault) plus any given.
bench_postgres_dist() {
  local from="$1" to="$2"
  shift 2
  rm -rf "$to"
  cp -a "$from" "$to"
  rm -rf "$to/data/h2" "$to/data/tmp"
  "$to/bin/kc.sh" build --db=postgres --health-enabled=true --metrics-enabled=true --vault=file "$@" \
    >"$to/build.log" 2>&1 || { cat "$to/build.log" >&2; exit 1; }
}

# bench_ready PORT: whether the management interface on PORT answers /health/ready with 200.
bench_ready() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'GET /health/ready HTTP/1.0\r\n\r\n' >&3 \
    && IFS= read -r -t 5 line <&3 && [[ "$line" == *" 200 "* ]]) 2>/dev/null
}

# bench_port_free PORT: nothing listens on 127.0.0.1:PORT.
bench_port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
