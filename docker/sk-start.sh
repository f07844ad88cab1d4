#!/bin/bash
# The container image's entry point. Before `kc.sh start` it refuses, with a message naming what is wrong, a start
# that would run a production server with a guessable administrator password or without the vault secrets the realm
# needs; every other command (build, export, show-config, --help, …) and every accepted start go to kc.sh unchanged.
#
# Why here and not in a provider: a provider runs after the bootstrap administrator exists and after the realm was
# imported, i.e. too late to stop either. Why only at `start`: `start-dev` does not run from this optimized image, and
# the other commands serve no one.
#
# Checked (see docs/operator-guide.md, "What the image refuses"):
# - the bootstrap administrator's password (KC_BOOTSTRAP_ADMIN_PASSWORD or --bootstrap-admin-password), when given:
#   not a known default, not the user name, at least 12 characters;
# - the vault folder (KC_VAULT_DIR or --vault-dir) exists, and holds for every realm file the image imports
#   (data/import/*-realm.json) the Postfach's key ring <realm>_sk-postfach-kek, and, when SK_EID_SERVER_URL is set,
#   the three eID secrets. Their contents are checked where they are read (the key ring's format by the server).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
import_dir="${SK_IMPORT_DIR:-$here/../data/import}"
# EX_CONFIG of sysexits.h: a configuration error, not a crash; orchestrators show the message and do not loop fast.
readonly EXIT_REFUSED=78

refuse() {
  echo "sk-start: not starting: $*" >&2
  echo "sk-start: see docs/operator-guide.md, section \"What the image refuses\"." >&2
  exit "$EXIT_REFUSED"
}

# The value of a kc.sh option given as --name=value or --name value, else the environment variable's value.
option() {
  local name="$1" env_name="$2" value="${!2:-}"
  shift 2
  while [ $# -gt 0 ]; do
    case "$1" in
      "--$name="*) value="${1#*=}" ;;
      "--$name") [ $# -gt 1 ] && value="$2" ;;
    esac
    shift
  done
  printf '%s' "$value"
}

check_admin_password() {
  local password user lowered
  password=$(option bootstrap-admin-password KC_BOOTSTRAP_ADMIN_PASSWORD "$@")
  [ -z "$password" ] && return 0 # no bootstrap administrator asked for (later starts)
  user=$(option bootstrap-admin-username KC_BOOTSTRAP_ADMIN_USERNAME "$@")
  lowered=$(printf '%s' "$password" | tr '[:upper:]' '[:lower:]')
  case "$lowered" in
    admin | administrator | keycloak | password | passwort | changeme | servicekonto | secret | geheim)
      refuse "the bootstrap administrator's password is a known default; set KC_BOOTSTRAP_ADMIN_PASSWORD to a secret of 12 or more characters" ;;
  esac
  if [ -n "$user" ] && [ "$lowered" = "$(printf '%s' "$user" | tr '[:upper:]' '[:lower:]')" ]; then
    refuse "the bootstrap administrator's password equals its user name"
  fi
  if [ "${#password}" -lt 12 ]; then
    refuse "the bootstrap administrator's password has fewer than 12 characters"
  fi
}

check_vault() {
  local vault realm file secret missing=() required=()
  vault=$(option vault-dir KC_VAULT_DIR "$@")
  [ -n "$vault" ] || refuse "no vault folder: set KC_VAULT_DIR to the folder with the realm's secrets (mount it read-only)"
  [ -d "$vault" ] && [ -r "$vault" ] || refuse "the vault folder $vault does not exist or cannot be read"
  for file in "$import_dir"/*-realm.json; do
    [ -e "$file" ] || continue
    realm=$(basename "$file" -realm.json)
    required=("${realm}_sk-postfach-kek")
    if [ -n "${SK_EID_SERVER_URL:-}" ]; then
      required+=("${realm}_sk-eid-keystore-password" "${realm}_sk-eid-truststore-password" "${realm}_sk-eid-pseudonym-key")
    fi
    for secret in "${required[@]}"; do
      [ -s "$vault/$secret" ] && [ -r "$vault/$secret" ] || missing+=("$secret")
    done
  done
  if [ ${#missing[@]} -gt 0 ]; then
    refuse "missing or empty in the vault folder $vault: ${missing[*]}"
  fi
}

# The command is the first argument that is not an option (kc.sh also takes e.g. `--verbose start`).
command=""
for arg in "$@"; do
  case "$arg" in
    -*) ;;
    *) command="$arg"; break ;;
  esac
done
if [ "$command" = start ]; then
  check_admin_password "$@"
  check_vault "$@"
fi
exec "$here/kc.sh" "$@"
