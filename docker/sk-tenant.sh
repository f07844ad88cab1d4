#!/bin/bash
# Creates a municipality's tenant (Mandant): a realm of its own, made from the realm template the image imports
# (data/import/servicekonto-realm.json), with the tenant's id, name and branding, and its first tenant administrator.
#
#   sk-tenant.sh create --realm musterstadt --name "Stadt Musterstadt" --url https://www.musterstadt.de \
#       [--logo-url https://www.musterstadt.de/logo.svg] --admin-user anna.admin --admin-email anna@musterstadt.de \
#       [--server http://localhost:8080] [--vault-dir /opt/keycloak/vault] [--template FILE]
#
# Why a realm per tenant: it is the strongest separation Keycloak has. Users, sessions, signing keys, brute-force
# state, events and the Postfach's and Dokumentensafe's data keys (vault secret <realm>_sk-postfach-kek) are per
# realm, and an administrator role of one realm means nothing in another.
#
# Why bash and kcadm.sh only: the official Keycloak image has neither curl, jq nor python; kcadm.sh ships with it.
# The master administrator's credentials come from the environment (SK_ADMIN_USERNAME, default admin, and
# SK_ADMIN_PASSWORD), never from the command line, where every user of the machine could read them (ps).
#
# Exit status (sysexits.h): 0 done, 64 bad parameters, 69 server not reachable or login refused, 73 the realm
# exists already, 78 vault secrets missing, 70 a step failed on the server. docs/operator-guide.md, "Tenants
# (Mandanten)", describes each step.
set -euo pipefail
# bash 5.2 reads & in the replacement of ${var//pattern/replacement} as the matched text; 5.1 (the image's) does not.
shopt -u patsub_replacement 2>/dev/null || true

here=$(cd "$(dirname "$0")" && pwd)
readonly EX_USAGE=64 EX_SOFTWARE=70 EX_UNAVAILABLE=69 EX_CANTCREAT=73 EX_CONFIG=78
# The group of tenant administrators and its realm-management roles are in the template.
readonly ADMIN_GROUP="Mandantenadministration"

fail() {
  local code="$1"
  shift
  echo "sk-tenant: $*" >&2
  exit "$code"
}

usage() {
  cat >&2 <<'EOF'
usage: sk-tenant.sh create --realm ID --name NAME --url URL [--logo-url URL]
                           --admin-user NAME --admin-email MAIL
                           [--server URL] [--vault-dir DIR] [--template FILE]
  ID          2 to 40 characters a-z, 0-9 and -, not "master"
  environment SK_ADMIN_PASSWORD (required) and SK_ADMIN_USERNAME (default admin): an administrator of the master realm
              SK_SMTP_*, SK_EID_*, SK_CERTIFICATE_* as for the first start (docs/operator-guide.md, "Realm placeholders")
EOF
  exit "$EX_USAGE"
}

# An address a browser will be sent to or load an image from: https, or http only for this machine (local tests).
valid_url() {
  [[ ${#1} -le 300 && "$1" =~ ^(https://[A-Za-z0-9.-]+|http://(localhost|127\.0\.0\.1))(:[0-9]{1,5})?(/[^[:space:]\"\'\<\>\\]*)?$ ]]
}

# $1 as HTML text or attribute value.
html() {
  local value="${1//&/&amp;}"
  value="${value//</&lt;}"
  value="${value//>/&gt;}"
  value="${value//\"/&quot;}"
  printf '%s' "${value//\'/&#39;}"
}

# A JSON string literal of $1: backslash and quote escaped; control characters are refused before this is called.
json_string() {
  local value="${1//\\/\\\\}"
  printf '"%s"' "${value//\"/\\\"}"
}

realm="" name="" url="" logo_url="" admin_user="" admin_email=""
server="${SK_SERVER_URL:-http://localhost:8080}"
vault="${KC_VAULT_DIR:-}"
template="${SK_TENANT_TEMPLATE:-$here/../data/import/servicekonto-realm.json}"

[ $# -gt 0 ] && [ "$1" = create ] || usage
shift
while [ $# -gt 0 ]; do
  [ $# -gt 1 ] || usage
  case "$1" in
    --realm) realm="$2" ;;
    --name) name="$2" ;;
    --url) url="$2" ;;
    --logo-url) logo_url="$2" ;;
    --admin-user) admin_user="$2" ;;
    --admin-email) admin_email="$2" ;;
    --server) server="$2" ;;
    --vault-dir) vault="$2" ;;
    --template) template="$2" ;;
    *) usage ;;
  esac
  shift 2
done

# Every parameter is checked before anything is read from or written to the server.
[[ "$realm" =~ ^[a-z0-9-]{2,40}$ ]] || fail "$EX_USAGE" "--realm must be 2 to 40 characters a-z, 0-9 and - (got '${realm:0:60}')"
[ "$realm" != master ] || fail "$EX_USAGE" "--realm master is Keycloak's administration realm, not a tenant"
[ -n "$name" ] && [ "${#name}" -le 100 ] || fail "$EX_USAGE" "--name must be 1 to 100 characters"
[[ "$name" != *[[:cntrl:]]* ]] || fail "$EX_USAGE" "--name must not contain control characters"
valid_url "$url" || fail "$EX_USAGE" "--url must be an https address (http only for localhost), at most 300 characters"
[ -z "$logo_url" ] || valid_url "$logo_url" || fail "$EX_USAGE" "--logo-url must be an https address (http only for localhost), at most 300 characters"
[[ "$admin_user" =~ ^[a-z0-9][a-z0-9._-]{2,63}$ ]] || fail "$EX_USAGE" "--admin-user must be 3 to 64 characters a-z, 0-9, . _ -"
[[ ${#admin_email} -le 254 && "$admin_email" =~ ^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$ ]] \
  || fail "$EX_USAGE" "--admin-email is not an e-mail address"
valid_url "$server" || fail "$EX_USAGE" "--server must be an https address (http only for localhost)"
[ -r "$template" ] || fail "$EX_USAGE" "the realm template $template cannot be read (--template)"
[ -n "${SK_ADMIN_PASSWORD:-}" ] || fail "$EX_USAGE" "set SK_ADMIN_PASSWORD (and SK_ADMIN_USERNAME if not admin) to a master-realm administrator"

# The vault: the same secrets sk-start.sh requires of an imported realm, now for this one. Without the key ring the
# Postfach and the Dokumentensafe of the new realm could not keep a single message, so nothing is created.
[ -n "$vault" ] || fail "$EX_CONFIG" "no vault folder: pass --vault-dir or set KC_VAULT_DIR to the server's vault folder"
[ -d "$vault" ] && [ -r "$vault" ] || fail "$EX_CONFIG" "the vault folder $vault does not exist or cannot be read"
required=("${realm}_sk-postfach-kek")
if [ -n "${SK_EID_SERVER_URL:-}" ]; then
  required+=("${realm}_sk-eid-keystore-password" "${realm}_sk-eid-truststore-password" "${realm}_sk-eid-pseudonym-key")
fi
missing=()
for secret in "${required[@]}"; do
  [ -s "$vault/$secret" ] && [ -r "$vault/$secret" ] || missing+=("$secret")
done
if [ ${#missing[@]} -gt 0 ]; then
  {
    echo "sk-tenant: nothing created: the vault folder $vault lacks the new realm's secrets."
    echo "sk-tenant: add these files (each non-empty, readable by the server) and run the command again:"
    for secret in "${missing[@]}"; do
      case "$secret" in
        *_sk-postfach-kek) echo "  $vault/$secret   key ring, e.g. 1:<32 random bytes in Base64> (docs/crypto.md)" ;;
        *) echo "  $vault/$secret   (docs/eid.md)" ;;
      esac
    done
  } >&2
  exit "$EX_CONFIG"
fi

# kcadm keeps its tokens in a config file; ours lives only as long as this run.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 700 "$work"
kc() {
  "$here/kcadm.sh" "$@" --config "$work/kcadm.config"
}

KC_CLI_PASSWORD="$SK_ADMIN_PASSWORD" kc config credentials --server "$server" --realm master \
  --user "${SK_ADMIN_USERNAME:-admin}" >"$work/login.log" 2>&1 \
  || fail "$EX_UNAVAILABLE" "could not log in to $server as ${SK_ADMIN_USERNAME:-admin} of the master realm: $(tail -n 1 "$work/login.log")"

if kc get "realms/$realm" --fields realm >/dev/null 2>"$work/exists.log"; then
  fail "$EX_CANTCREAT" "the realm $realm exists already; nothing changed (choose another --realm, or change the existing tenant in the admin console)"
fi
grep -q 'not found' "$work/exists.log" \
  || fail "$EX_UNAVAILABLE" "could not ask $server whether $realm exists: $(tail -n 1 "$work/exists.log")"

# The tenant's realm file: the template with the placeholders the first start fills (${SK_…:default}) filled from
# this environment in the same way, the id, name and mail sender name of the tenant, and the branding attributes.
# Keycloak fills placeholders only when it imports at start-up, not for a realm created through the admin API.
content=$(<"$template")
pattern='\$\{(SK_[A-Z0-9_]+)(:([^}]*))?\}'
filled=""
while [[ "$content" =~ $pattern ]]; do
  variable="${BASH_REMATCH[1]}"
  # Only the mail, eID and certificate-login settings a template may name: a template asking for e.g. SK_ADMIN_PASSWORD would otherwise
  # copy the master administrator's password into the tenant's realm. (A glob, not =~, which would replace the
  # BASH_REMATCH read below.)
  [[ "$variable" == SK_SMTP_* || "$variable" == SK_EID_* || "$variable" == SK_CERTIFICATE_* ]] \
    || fail "$EX_USAGE" "the template $template names \${$variable}; a tenant template may name only SK_SMTP_*, SK_EID_* and SK_CERTIFICATE_* settings"
  value="${!variable-${BASH_REMATCH[3]}}"
  [[ "$value" != *[[:cntrl:]]* ]] || fail "$EX_USAGE" "$variable contains control characters"
  literal=$(json_string "$value")
  filled+="${content%%"${BASH_REMATCH[0]}"*}${literal:1:${#literal}-2}"
  content="${content#*"${BASH_REMATCH[0]}"}"
done
content="$filled$content"
name_json=$(json_string "$name")
branding="\"sk.branding.url\": $(json_string "$url")"
[ -z "$logo_url" ] || branding+=", \"sk.branding.logoUrl\": $(json_string "$logo_url")"
# The login pages' header is Keycloak's own: the realm's displayNameHtml (sanitized by Keycloak, which keeps a link
# and an image with an http(s) source). Here: the tenant's name, after its logo if there is one, linked to its site.
header="<a href=\"$(html "$url")\">"
[ -z "$logo_url" ] || header+="<img src=\"$(html "$logo_url")\" alt=\"\" height=\"48\"> "
header+="$(html "$name")</a>"
for expected in '"realm": "servicekonto"' '"displayName": "Servicekonto"' '"fromDisplayName": "Servicekonto"' '"attributes": {'; do
  [[ "$content" == *"$expected"* ]] || fail "$EX_USAGE" "the template $template has no $expected; is it the Servicekonto realm template?"
done
# Replacement strings quoted: bash 5.2 would otherwise read an & in the tenant's name as the matched text.
replace_first() {
  local pattern="$1" replacement="$2"
  content="${content/"$pattern"/"$replacement"}"
}
replace_first '"realm": "servicekonto"' "\"realm\": \"$realm\""
replace_first '"displayName": "Servicekonto"' "\"displayName\": $name_json, \"displayNameHtml\": $(json_string "$header")"
replace_first '"fromDisplayName": "Servicekonto"' "\"fromDisplayName\": $name_json"
replace_first '"attributes": {' "\"attributes\": { $branding,"
printf '%s\n' "$content" >"$work/realm.json"

kc create realms -f "$work/realm.json" >"$work/create.log" 2>&1 \
  || fail "$EX_SOFTWARE" "Keycloak refused the realm $realm: $(tail -n 3 "$work/create.log")"
echo "sk-tenant: created realm $realm (\"$name\") from $(basename "$template")"
echo "sk-tenant: branding: displayName, displayNameHtml (login pages, e-mails), sk.branding.url${logo_url:+, sk.branding.logoUrl}"

# From here on the realm exists; a failed step names what is left to do by hand rather than deleting a realm that
# the operator may already have looked at.
# Each kcadm.sh call starts a JVM, so the administrator is created with the group membership in one call; a
# template without the group is refused there (Keycloak: group not found) and no administrator is created.
user_id=$(kc create users -r "$realm" -s "username=$admin_user" -s "email=$admin_email" -s enabled=true \
  -s emailVerified=true -s 'requiredActions=["UPDATE_PASSWORD"]' -s "groups=[\"/$ADMIN_GROUP\"]" -i 2>"$work/user.log") \
  || fail "$EX_SOFTWARE" "realm $realm created, but not its administrator $admin_user in the group $ADMIN_GROUP: $(tail -n 1 "$work/user.log")"
echo "sk-tenant: created tenant administrator $admin_user <$admin_email> in group $ADMIN_GROUP"

# The first password is set by its owner: an e-mail with a link valid 3 days. Without a working mail server, a
# one-time password printed here, which the first login must replace (required action UPDATE_PASSWORD), but only to
# a terminal, never into a log.
if kc update "users/$user_id/execute-actions-email" -r "$realm" -q lifespan=259200 -b '["UPDATE_PASSWORD"]' \
  >"$work/mail.log" 2>&1; then
  echo "sk-tenant: sent $admin_email a link to set the password (valid 3 days)"
elif [ ! -t 1 ]; then
  # Output going to a file or a container log: a password there is readable by whoever reads the log first.
  echo "sk-tenant: no e-mail could be sent ($(tail -n 1 "$work/mail.log"))"
  echo "sk-tenant: no one-time password printed, as the output is no terminal: set the password of $admin_user in the admin console (realm $realm, Users, Credentials, temporary) or run this command again in a terminal after removing the realm"
else
  one_time=$(tr -dc 'A-Za-z0-9' </dev/urandom | head -c 24 || true)
  [ "${#one_time}" -eq 24 ] || fail "$EX_SOFTWARE" "no e-mail could be sent and no one-time password made; set the password of $admin_user in the admin console"
  # Through standard input, so the password is in no process's command line.
  printf '{"type": "password", "value": "%s", "temporary": true}' "$one_time" \
    | kc update "users/$user_id/reset-password" -r "$realm" -f - -n >"$work/password.log" 2>&1 \
    || fail "$EX_SOFTWARE" "no e-mail could be sent ($(tail -n 1 "$work/mail.log")) and no one-time password set: $(tail -n 1 "$work/password.log")"
  echo "sk-tenant: no e-mail could be sent ($(tail -n 1 "$work/mail.log"))"
  echo "sk-tenant: one-time password for $admin_user (must be changed at the first login; give it over a separate channel): $one_time"
fi
echo "sk-tenant: the administrator logs in at ${server%/}/admin/$realm/console/"
