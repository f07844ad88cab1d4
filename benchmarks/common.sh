# Set-up shared by the benchmark scripts (sourced, not run): the vault of a scratch server, a scratch PostgreSQL
# cluster of the machine's Debian package postgresql, a copy of the assembled distribution built for PostgreSQL as the
# image builds it (docker/Dockerfile), and the readiness probe. Each function names what it needs; nothing here starts
# a Keycloak server.

# What every script takes from the build (ROOT, the checkout, is set by the script that sources this): the pinned
# Keycloak version, our version, the assembled server and the crypto module's jar (the drivers use its classes).
KV="$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' "$ROOT/pom.xml" | head -n1)"
VERSION="$(sed -n 's:^  <version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml" | head -n1)"
DIST="$ROOT/server/target/keycloak-$KV"
CRYPTO_JAR="$ROOT/providers/crypto/target/servicekonto-crypto-$VERSION.jar"

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

# Two-node clusters (failover.sh, cluster.sh). They need these set by the caller: WORK (node NAME's distribution is
# $WORK/node-NAME, its log $WORK/node-NAME.log), PUBLIC_URL (every node's --hostname: the cluster's one public URL, so
# a token of one node is good on the other), ADMIN_PASSWORD (of the bootstrap admin bench-admin), DB_URL (PostgreSQL,
# user keycloak), the vault in $WORK/vault, and an array `pids` that the caller's EXIT trap stops.

# bench_node_start NAME HTTP MANAGEMENT JGROUPS: starts node NAME in the background (JGroups on loopback) and waits for
# /health/ready; sets node_pid. JGroups' failure detection listens on JGROUPS + 50000, so JGROUPS stays below 15536.
bench_node_start() {
  local name="$1" http="$2" mgmt="$3" jg="$4" dir="$WORK/node-$1"
  echo "== start of node ${name^^} at $(date -u +%T)" >>"$WORK/node-$name.log"
  KC_BOOTSTRAP_ADMIN_USERNAME=bench-admin KC_BOOTSTRAP_ADMIN_PASSWORD="$ADMIN_PASSWORD" SK_SMTP_PORT=1 \
    "$dir/bin/kc.sh" start --optimized --http-enabled=true --hostname="$PUBLIC_URL" --import-realm \
    --http-port="$http" --http-management-port="$mgmt" --vault-dir="$WORK/vault" \
    --db-url="$DB_URL" --db-username=keycloak \
    --cache-embedded-network-bind-address=127.0.0.1 --cache-embedded-network-bind-port="$jg" \
    >>"$WORK/node-$name.log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  node_pid="$pid"
  local t0=$SECONDS
  until bench_ready "$mgmt"; do
    kill -0 "$pid" 2>/dev/null || { tail -n 60 "$WORK/node-$name.log" >&2; exit 2; }
    [ $((SECONDS - t0)) -lt 600 ] || { echo "node ${name^^} not ready in 10 minutes" >&2; exit 2; }
    sleep 0.5
  done
  echo "node ${name^^} ready after $((SECONDS - t0)) s"
}

# bench_node_java_pid: the JVM of the node started last (kc.sh exec's java, so it is the started process itself; else
# its java child).
bench_node_java_pid() {
  if [ "$(cat "/proc/$node_pid/comm" 2>/dev/null)" = java ]; then echo "$node_pid"; else pgrep -n -P "$node_pid" java; fi
}

# bench_cluster_of_two: waits until node B's log shows Infinispan's view with both nodes (ISPN000094, "... (2) [a, b]").
bench_cluster_of_two() {
  for _ in $(seq 1 120); do
    grep -q 'ISPN000094.*(2)' "$WORK/node-b.log" && break
    sleep 0.5
  done
  grep -q 'ISPN000094.*(2)' "$WORK/node-b.log" \
    || { echo "the nodes did not form one cluster (no view of 2 in node B's log)" >&2; exit 2; }
  echo "cluster: $(grep -o 'ISPN000094.*' "$WORK/node-b.log" | tail -n1)"
}

# bench_demo_clients HTTP: the demo portal (realm-config/dev) added to the realm through node A on port HTTP, with
# the defaults of its placeholders, as run.sh adds it.
bench_demo_clients() {
  sed -E 's/\$\{SK_[A-Z_]+:([^}]*)\}/\1/g' "$ROOT/realm-config/dev/demo-clients.json" \
    | KC_CLI_PASSWORD="$ADMIN_PASSWORD" "$WORK/node-a/bin/kcadm.sh" create partialImport -r servicekonto -f - --no-config \
        --server "http://localhost:$1" --realm master --user bench-admin >"$WORK/demo-clients.log" 2>&1 \
    || { cat "$WORK/demo-clients.log" >&2; exit 2; }
}

# bench_cluster_driver CRYPTO_JAR JAVA_FILES...: compiles the drivers into $WORK/classes against the crypto module and
# the PostgreSQL driver and Jackson of node A's distribution; sets BENCH_CP (the class path to run them with).
bench_cluster_driver() {
  local lib="$WORK/node-a/lib/lib/main" jar
  BENCH_CP="$WORK/classes:$1"
  shift
  for jar in org.postgresql.postgresql com.fasterxml.jackson.core.jackson-databind com.fasterxml.jackson.core.jackson-core \
      com.fasterxml.jackson.core.jackson-annotations; do
    BENCH_CP="$BENCH_CP:$(ls "$lib/$jar"-[0-9]*.jar)"
  done
  javac -nowarn -d "$WORK/classes" -cp "$BENCH_CP" "$@"
}
