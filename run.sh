#!/usr/bin/env bash
# Builds (when needed) and starts the Servicekonto server in the foreground. See ./run.sh --help.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
KEYCLOAK_VERSION="$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' "$ROOT/pom.xml" | head -n1)"
SERVER_DIR="$ROOT/server/target/keycloak-$KEYCLOAK_VERSION"
BUILT_MARKER="$ROOT/server/target/servicekonto-assembled"

PORT="${SK_PORT:-8080}"
MANAGEMENT_PORT="${SK_MANAGEMENT_PORT:-9000}"
DATA_DIR="${SK_DATA_DIR:-$ROOT/.data}"
DB_URL="${SK_DB_URL:-}"
DB_USERNAME="${SK_DB_USERNAME:-}"
DB_PASSWORD="${SK_DB_PASSWORD:-}"
ADMIN_USERNAME="${SK_ADMIN_USERNAME:-admin}"
# Local-development value, printed below. Set SK_ADMIN_PASSWORD for anything else.
ADMIN_PASSWORD="${SK_ADMIN_PASSWORD:-admin}"
REBUILD=false
EID_SIMULATOR="${SK_EID_SIMULATOR:-true}"
EID_CLIENT_PORT="${SK_EID_CLIENT_PORT:-24727}"
EID_SERVER_PORT="${SK_EID_SERVER_PORT:-24728}"

usage() {
  cat <<USAGE
Usage: ./run.sh [options]

Builds the Servicekonto server if it is missing or older than the sources, then starts it in the
foreground with the example realm "servicekonto". Stop it with Ctrl-C (or SIGTERM).

Options (each also settable through the environment variable in brackets):
  --port N              HTTP port (SK_PORT, default 8080)
  --management-port N   port of /health and /metrics (SK_MANAGEMENT_PORT, default 9000)
  --data DIR            folder for the embedded H2 database and server state
                        (SK_DATA_DIR, default .data/ in the checkout; git-ignored)
  --db-url URL          use PostgreSQL instead of H2, e.g. jdbc:postgresql://localhost:5432/keycloak
                        (SK_DB_URL); credentials from --db-username/--db-password
                        (SK_DB_USERNAME, SK_DB_PASSWORD)
  --rebuild             rebuild the server even if it looks up to date
  --eid-client-port N   port of the simulated eID-Client (SK_EID_CLIENT_PORT, default 24727, the
                        AusweisApp's port)
  --eid-server-port N   port of the simulated eID-Server (SK_EID_SERVER_PORT, default 24728)
  --no-eid-simulator    do not start the eID simulator (SK_EID_SIMULATOR=false); the realm then
                        takes its eID-Server from SK_EID_SERVER_URL, SK_EID_KEYSTORE, SK_EID_TRUSTSTORE
                        and the vault folder <data>/vault (see docs/eid.md)

The key under which ID-card pseudonyms are stored is created with a new H2 database in
<data>/vault; with --db-url give it once through SK_EID_PSEUDONYM_KEY (32+ characters) and keep it.
The Postfach's key-encryption key (vault secret sk-postfach-kek) is created the same way; with --db-url give it
through SK_POSTFACH_KEK (kid:base64 of 32 random bytes) and keep it apart from the database backups.
  -h, --help            show this help

On the first start the realm in realm-config/ (plus the demo user in realm-config/dev/) is imported
and a local administrator is created in the master realm. On every start the demo portals of
realm-config/dev/demo-clients.json are added unless they exist (SK_DEMO_PORTAL_URL,
SK_DEMO_PORTAL_SECRET fill in its placeholders). The administrator is:
  user "$ADMIN_USERNAME", password from SK_ADMIN_PASSWORD (default "admin", local development only).
A second start keeps all data; delete the data folder to start afresh.

The eID simulator (development only, never in the image) stands in for the AusweisApp and an
eID-Server: "Mit Online-Ausweis anmelden" leads to a page where you pick a test identity such as
ERIKA MUSTERMANN. The realm is wired to it at the first start.
USAGE
}

die() {
  echo "run.sh: $*" >&2
  exit 2
}

while [ $# -gt 0 ]; do
  case "$1" in
    --port) [ $# -ge 2 ] || die "--port needs a value"; PORT="$2"; shift 2 ;;
    --management-port) [ $# -ge 2 ] || die "--management-port needs a value"; MANAGEMENT_PORT="$2"; shift 2 ;;
    --data) [ $# -ge 2 ] || die "--data needs a value"; DATA_DIR="$2"; shift 2 ;;
    --db-url) [ $# -ge 2 ] || die "--db-url needs a value"; DB_URL="$2"; shift 2 ;;
    --db-username) [ $# -ge 2 ] || die "--db-username needs a value"; DB_USERNAME="$2"; shift 2 ;;
    --db-password) [ $# -ge 2 ] || die "--db-password needs a value"; DB_PASSWORD="$2"; shift 2 ;;
    --rebuild) REBUILD=true; shift ;;
    --eid-client-port) [ $# -ge 2 ] || die "--eid-client-port needs a value"; EID_CLIENT_PORT="$2"; shift 2 ;;
    --eid-server-port) [ $# -ge 2 ] || die "--eid-server-port needs a value"; EID_SERVER_PORT="$2"; shift 2 ;;
    --no-eid-simulator) EID_SIMULATOR=false; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
done

is_port() { [[ "$1" =~ ^[0-9]+$ ]] && [ "$1" -ge 1 ] && [ "$1" -le 65535 ]; }
is_port "$PORT" || die "--port must be a number from 1 to 65535, not '$PORT'"
is_port "$MANAGEMENT_PORT" || die "--management-port must be a number from 1 to 65535, not '$MANAGEMENT_PORT'"
[ "$PORT" != "$MANAGEMENT_PORT" ] || die "--port and --management-port must differ"
[ "$EID_SIMULATOR" = true ] || [ "$EID_SIMULATOR" = false ] || die "SK_EID_SIMULATOR must be true or false"
if [ "$EID_SIMULATOR" = true ]; then
  is_port "$EID_CLIENT_PORT" || die "--eid-client-port must be a number from 1 to 65535, not '$EID_CLIENT_PORT'"
  is_port "$EID_SERVER_PORT" || die "--eid-server-port must be a number from 1 to 65535, not '$EID_SERVER_PORT'"
  for p in "$EID_CLIENT_PORT" "$EID_SERVER_PORT"; do
    [ "$p" != "$PORT" ] && [ "$p" != "$MANAGEMENT_PORT" ] || die "the eID simulator ports must differ from the server's"
  done
  [ "$EID_CLIENT_PORT" != "$EID_SERVER_PORT" ] || die "--eid-client-port and --eid-server-port must differ"
fi

# Something answering on the port means it is taken. Checked before building, so the message comes at once.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in "$PORT" "$MANAGEMENT_PORT"; do
  if port_in_use "$p"; then
    die "port $p is already in use. Stop what runs there or choose another port with --port / --management-port."
  fi
done
if [ "$EID_SIMULATOR" = true ]; then
  for p in "$EID_CLIENT_PORT" "$EID_SERVER_PORT"; do
    if port_in_use "$p"; then
      die "port $p (eID simulator) is already in use. Is an AusweisApp running? Choose other ports with --eid-client-port / --eid-server-port, or --no-eid-simulator."
    fi
  done
fi

if [ -n "$DB_URL" ]; then
  if [[ ! "$DB_URL" =~ ^jdbc:postgresql://([A-Za-z0-9._-]+)(:([0-9]+))?/[A-Za-z0-9._-]+(\?.*)?$ ]]; then
    die "--db-url must look like jdbc:postgresql://HOST[:PORT]/DATABASE, not '$DB_URL'"
  fi
  db_host="${BASH_REMATCH[1]}"
  db_port="${BASH_REMATCH[3]:-5432}"
  # Host and port are passed as arguments, never spliced into the command text.
  if ! timeout 5 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$db_host" "$db_port" 2>/dev/null; then
    die "PostgreSQL at $db_host:$db_port is not reachable (from --db-url). Start it or correct the URL; nothing was changed."
  fi
fi

needs_build() {
  [ "$REBUILD" = true ] && return 0
  [ -f "$BUILT_MARKER" ] || return 0
  [ -x "$SERVER_DIR/bin/kc.sh" ] || return 0
  [ -n "$(ls "$ROOT"/simulators/eid/target/servicekonto-eid-simulator-*.jar 2>/dev/null)" ] || return 0
  [ -n "$(find "$ROOT/pom.xml" "$ROOT/providers" "$ROOT/server/pom.xml" "$ROOT/themes" "$ROOT/realm-config" \
        "$ROOT/simulators" -newer "$BUILT_MARKER" -not -path '*/target/*' -not -path '*/node_modules/*' -print -quit 2>/dev/null)" ]
}

if needs_build; then
  echo "run.sh: building the server (first time: a few minutes) ..."
  "$ROOT/mvnw" -q -B -DskipTests -pl server,simulators/eid -am package
fi

mkdir -p "$DATA_DIR"
DATA_DIR="$(cd "$DATA_DIR" && pwd)"

export KC_BOOTSTRAP_ADMIN_USERNAME="$ADMIN_USERNAME"
export KC_BOOTSTRAP_ADMIN_PASSWORD="$ADMIN_PASSWORD"

server_dir="$SERVER_DIR"
args=(start --optimized --http-enabled=true --hostname-strict=false
      --http-port="$PORT" --http-management-port="$MANAGEMENT_PORT" --import-realm)
if [ -n "$DB_URL" ]; then
  # The database kind is a build-time option: PostgreSQL runs use their own copy of the server built for it,
  # exactly as the container image does (kc.sh build --db=postgres), and keep the H2 build untouched.
  server_dir="$DATA_DIR/server-postgres"
  if [ ! -f "$server_dir/servicekonto-assembled" ] || [ "$BUILT_MARKER" -nt "$server_dir/servicekonto-assembled" ]; then
    echo "run.sh: preparing a PostgreSQL build of the server in $server_dir ..."
    rm -rf "$server_dir"
    cp -a "$SERVER_DIR" "$server_dir"
    "$server_dir/bin/kc.sh" build --db=postgres --health-enabled=true --metrics-enabled=true --vault=file >"$DATA_DIR/kc-build.log" 2>&1 \
      || { cat "$DATA_DIR/kc-build.log" >&2; die "kc.sh build --db=postgres failed"; }
    touch "$server_dir/servicekonto-assembled"
  fi
  args+=(--db-url="$DB_URL")
  [ -z "$DB_USERNAME" ] || args+=(--db-username="$DB_USERNAME")
  # Through the environment, not the command line, so the password does not show in the process list.
  [ -z "$DB_PASSWORD" ] || export KC_DB_PASSWORD="$DB_PASSWORD"
  # A local run is a single node even on PostgreSQL; the image keeps Keycloak's clustered default.
  args+=(--cache=local)
else
  args+=(--cache=local
         --db-url="jdbc:h2:file:$DATA_DIR/h2/keycloakdb;NON_KEYWORDS=VALUE;DB_CLOSE_ON_EXIT=FALSE")
fi

# Secrets the realm names as ${vault.*} (Keycloak's file vault: one file per secret, <realm>_<name>).
VAULT_DIR="$DATA_DIR/vault"
mkdir -p "$VAULT_DIR"
chmod 700 "$VAULT_DIR"
args+=(--vault-dir="$VAULT_DIR")
put_secret() { (umask 077; printf '%s' "$2" >"$VAULT_DIR/servicekonto_$1"); }
# The key under which card pseudonyms are stored. A different key unlinks every ID card from its account, so it is
# created only together with a new H2 database; for PostgreSQL (whose data outlive this folder) it must be given.
if [ -n "${SK_EID_PSEUDONYM_KEY:-}" ]; then
  [ "${#SK_EID_PSEUDONYM_KEY}" -ge 32 ] || die "SK_EID_PSEUDONYM_KEY must have at least 32 characters"
  put_secret sk-eid-pseudonym-key "$SK_EID_PSEUDONYM_KEY"
elif [ ! -s "$VAULT_DIR/servicekonto_sk-eid-pseudonym-key" ]; then
  if [ -n "$DB_URL" ]; then
    die "with --db-url, set SK_EID_PSEUDONYM_KEY (32+ random characters, kept with the database backup) on the first start; see docs/eid.md"
  elif [ -e "$DATA_DIR/h2" ]; then
    die "$VAULT_DIR/servicekonto_sk-eid-pseudonym-key is missing but the database in $DATA_DIR/h2 exists; restore the key or set SK_EID_PSEUDONYM_KEY"
  fi
  put_secret sk-eid-pseudonym-key "$(head -c 48 /dev/urandom | base64 | tr -d '\n')"
fi
# The Postfach's key-encryption key ring (docs/crypto.md, docs/postfach.md): "kid:base64key". Without it every
# stored message is unreadable, so like the pseudonym key it is created only with a new H2 database.
if [ -n "${SK_POSTFACH_KEK:-}" ]; then
  put_secret sk-postfach-kek "$SK_POSTFACH_KEK"
elif [ ! -s "$VAULT_DIR/servicekonto_sk-postfach-kek" ]; then
  if [ -n "$DB_URL" ]; then
    die "with --db-url, set SK_POSTFACH_KEK (kid:base64 of 32 random bytes, kept apart from the database backup) on the first start; see docs/postfach.md"
  elif [ -e "$VAULT_DIR/.sk-postfach-kek-created" ]; then
    # The marker says a key was made for this data folder (and may protect messages): never replace it silently.
    # A data folder from before the Postfach has neither marker nor Postfach data, so it gets a new key below.
    die "$VAULT_DIR/servicekonto_sk-postfach-kek is missing but was created for this data folder; restore it or set SK_POSTFACH_KEK"
  fi
  put_secret sk-postfach-kek "$(date -u +%Y-%m):$(head -c 32 /dev/urandom | base64 | tr -d '\n')"
  touch "$VAULT_DIR/.sk-postfach-kek-created"
fi

sim_pid=""
stop_simulator() {
  [ -z "$sim_pid" ] || { kill -TERM "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true; }
  sim_pid=""
}
# Whatever ends this script also ends the simulator (failed start, Ctrl-C while waiting, normal stop).
trap stop_simulator EXIT
trap 'stop_simulator; exit 130' INT TERM
if [ "$EID_SIMULATOR" = true ]; then
  sim_dir="$DATA_DIR/eid-simulator"
  sim_jar="$(ls "$ROOT"/simulators/eid/target/servicekonto-eid-simulator-*.jar | head -n1)"
  rm -f "$sim_dir/eid-simulator.properties"
  java -jar "$sim_jar" --dir "$sim_dir" --client-port "$EID_CLIENT_PORT" --server-port "$EID_SERVER_PORT" \
    --identity choose &
  sim_pid=$!
  for _ in $(seq 1 60); do
    [ -s "$sim_dir/eid-simulator.properties" ] && break
    kill -0 "$sim_pid" 2>/dev/null || die "the eID simulator did not start; see its output above."
    sleep 0.5
  done
  [ -s "$sim_dir/eid-simulator.properties" ] || { stop_simulator; die "the eID simulator did not start in time."; }
  sim_prop() { sed -n "s/^$1=//p" "$sim_dir/eid-simulator.properties" | head -n1 | sed 's/\\:/:/g; s/\\=/=/g; s/\\\\/\\/g'; }
  put_secret sk-eid-keystore-password "$(sim_prop sp.keystore.password)"
  put_secret sk-eid-truststore-password "$(sim_prop sp.truststore.password)"
  export SK_EID_SERVER_URL="$(sim_prop server.url)"
  export SK_EID_KEYSTORE="$(sim_prop sp.keystore)"
  export SK_EID_TRUSTSTORE="$(sim_prop sp.truststore)"
  export SK_EID_CLIENT_URL="$(sim_prop client.url)"
fi

base="http://localhost:$PORT"
"$server_dir/bin/kc.sh" "${args[@]}" &
kc_pid=$!

stop() {
  trap - INT TERM
  echo "run.sh: stopping the server ..."
  kill -TERM "$kc_pid" 2>/dev/null || true
  wait "$kc_pid" 2>/dev/null || true
  stop_simulator
  exit 0
}
trap stop INT TERM

# GET /health/ready on the management port with bash alone (no curl on a machine with only a JDK).
server_ready() {
  (
    exec 3<>"/dev/tcp/127.0.0.1/$MANAGEMENT_PORT" || exit 1
    printf 'GET /health/ready HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
    IFS= read -r -t 5 status_line <&3 || exit 1
    [[ "$status_line" == *" 200 "* ]]
  ) 2>/dev/null
}

ready=false
for _ in $(seq 1 300); do
  if ! kill -0 "$kc_pid" 2>/dev/null; then
    break
  fi
  if server_ready; then
    ready=true
    break
  fi
  sleep 1
done

if [ "$ready" != true ]; then
  if kill -0 "$kc_pid" 2>/dev/null; then
    echo "run.sh: the server did not become ready in time; see its output above." >&2
    kill -TERM "$kc_pid" 2>/dev/null || true
  fi
  set +e
  wait "$kc_pid"
  status=$?
  set -e
  echo "run.sh: the server stopped during start-up (exit code $status); see its output above." >&2
  stop_simulator
  exit $(( status == 0 ? 1 : status ))
fi

# The demo relying parties (realm-config/dev/demo-clients.json) are not part of the realm file the image imports;
# a local run adds them through Keycloak's admin CLI (partial import, clients that exist already are left alone).
# Its ${SK_...:default} placeholders are filled in here from the environment, as Keycloak's import would.
demo_clients_json() {
  local file="$ROOT/realm-config/dev/demo-clients.json" text placeholder name default
  text="$(cat "$file")"
  while read -r placeholder; do
    [ -n "$placeholder" ] || continue
    name="${placeholder#\$\{}"; name="${name%%:*}"
    default="${placeholder#*:}"; default="${default%\}}"
    text="${text//"$placeholder"/${!name:-$default}}"
  done < <(grep -o '\${SK_[A-Z_]*:[^}]*}' "$file" | sort -u)
  printf '%s\n' "$text"
}
demo_shown="demo-portal (OIDC) and the demo SAML client, from realm-config/dev (local development only)"
if ! demo_clients_json | KC_CLI_PASSWORD="$ADMIN_PASSWORD" "$server_dir/bin/kcadm.sh" create partialImport \
    -r servicekonto -f - --no-config --server "$base" --realm master --user "$ADMIN_USERNAME" \
    >"$DATA_DIR/demo-clients.log" 2>&1; then
  demo_shown="not added (see $DATA_DIR/demo-clients.log; was the admin password changed?)"
fi

eid_shown="off (--no-eid-simulator)"
[ "$EID_SIMULATOR" != true ] || eid_shown="eID-Client on http://127.0.0.1:$EID_CLIENT_PORT, test identities to pick (docs/eid.md)"
admin_password_shown="admin (local development only)"
[ -z "${SK_ADMIN_PASSWORD:-}" ] || admin_password_shown="from SK_ADMIN_PASSWORD at the first start"
demo_password_shown="Erika-lokal-2026"
[ -z "${SK_DEMO_USER_PASSWORD:-}" ] || demo_password_shown="from SK_DEMO_USER_PASSWORD"

cat <<READY

  Servicekonto is running.
    Admin console:    $base/admin/  (user "$ADMIN_USERNAME", password "$admin_password_shown")
    Account console:  $base/realms/servicekonto/account/
    OIDC discovery:   $base/realms/servicekonto/.well-known/openid-configuration
    SAML metadata:    $base/realms/servicekonto/protocol/saml/descriptor
    Demo user:        erika, password "$demo_password_shown" (realm-config/dev, local development only)
    Demo portals:     $demo_shown
    eID simulator:    $eid_shown
  Stop with Ctrl-C.

READY

set +e
wait "$kc_pid"
status=$?
stop_simulator
exit "$status"
