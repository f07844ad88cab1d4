#!/bin/bash
# The container image's health check: asks Keycloak's readiness endpoint on the management interface and exits 0
# only for HTTP 200. The official image has neither curl nor wget, so the request goes through bash's /dev/tcp.
#
# Readiness, not liveness: Keycloak reports ready once the database is reachable and the server serves requests,
# which is what an orchestrator or a load balancer should wait for. Keycloak's own check is at
# http(s)://<host>:<management port>/health/ready (KC_HEALTH_ENABLED=true in the image).
#
# Settings read from the environment, as kc.sh reads them:
#   KC_HTTP_MANAGEMENT_PORT    the management port (Keycloak's default 9000)
#   KC_HTTP_MANAGEMENT_SCHEME  must be http for this check when the server runs with TLS: /dev/tcp speaks no TLS,
#                              so with TLS on the management interface the check fails with a message saying so
#   KC_HTTP_MANAGEMENT_RELATIVE_PATH, else KC_HTTP_RELATIVE_PATH
#                              the path prefix of the management interface (Keycloak's default: the main one's, /)
#   SK_HEALTH_TIMEOUT          seconds to wait for the answer (default 5)
set -uo pipefail

port="${KC_HTTP_MANAGEMENT_PORT:-9000}"
timeout="${SK_HEALTH_TIMEOUT:-5}"

fail() {
  echo "sk-health: not ready: $*"
  exit 1
}

case "$port" in
  ''|*[!0-9]*) fail "KC_HTTP_MANAGEMENT_PORT is not a port number: '$port'" ;;
esac
case "$timeout" in
  ''|*[!0-9]*) fail "SK_HEALTH_TIMEOUT is not a number of seconds: '$timeout'" ;;
esac
prefix="${KC_HTTP_MANAGEMENT_RELATIVE_PATH:-${KC_HTTP_RELATIVE_PATH:-/}}"
case "$prefix" in
  /*) ;;
  *) prefix="/$prefix" ;;
esac
case "$prefix" in
  *[!A-Za-z0-9/._~-]*) fail "the management path prefix holds characters this check does not send: '$prefix'" ;;
esac
path="${prefix%/}/health/ready"
if [ -n "${KC_HTTPS_MANAGEMENT_CERTIFICATE_FILE:-}${KC_HTTPS_MANAGEMENT_KEY_STORE_FILE:-}" ] \
   || { [ -n "${KC_HTTPS_CERTIFICATE_FILE:-}${KC_HTTPS_KEY_STORE_FILE:-}" ] && [ "${KC_HTTP_MANAGEMENT_SCHEME:-}" != http ]; }; then
  fail "the management interface uses TLS, which this check cannot speak; set KC_HTTP_MANAGEMENT_SCHEME=http"
fi

exec 3<>"/dev/tcp/127.0.0.1/$port" 2>/dev/null || fail "nothing listens on management port $port"
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&3
status_line=""
IFS= read -r -t "$timeout" status_line <&3 || fail "no answer from management port $port within ${timeout}s"
exec 3<&-
status_line="${status_line%$'\r'}"
case "$status_line" in
  "HTTP/1."?" 200"*) echo "sk-health: ready"; exit 0 ;;
  *) fail "management port $port answered '$status_line' for $path" ;;
esac
