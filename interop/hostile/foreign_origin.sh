#!/usr/bin/env bash
# Requests a web page could make a local browser send to the agent's HTTP listener, and their HTTP statuses:
# a cross-site form post (text/plain with a foreign Origin, no preflight), the same as application/json,
# Origin null (sandboxed frames, file: pages), the event stream from a foreign page, and a foreign Host (DNS
# rebinding: a name the attacker controls pointed at 127.0.0.1). Then the same without Origin, with the
# listener's own Host, and with ALLOWED_ORIGIN (when given) as the Origin. Prints one `name=status` line each.
# usage: foreign_origin.sh PORT [ALLOWED_ORIGIN]
set -u
port=$1 allowed=${2:-}
url=http://127.0.0.1:$port
body='{"jsonrpc":"2.0","method":"core.echo","params":["csrf"],"id":1}'
status() { # name curl-arguments...: the status (000 when no answer within 2 s)
  local name=$1; shift
  printf '%s=%s\n' "$name" "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$@" 2>/dev/null)"
}
status origin_form_post -H 'Origin: http://evil.example' -H 'Content-Type: text/plain' --data-binary "$body" "$url/RPC"
status origin_json_post -H 'Origin: http://evil.example' -H 'Content-Type: application/json' --data-binary "$body" "$url/RPC"
status origin_null -H 'Origin: null' -H 'Content-Type: text/plain' --data-binary "$body" "$url/RPC"
status origin_events -H 'Origin: http://evil.example' "$url/events"
status host_foreign -H 'Host: evil.example' --data-binary "$body" "$url/RPC"
status host_foreign_port -H "Host: evil.example:$port" --data-binary "$body" "$url/RPC"
status host_foreign_events -H "Host: evil.example:$port" "$url/events"
status no_origin --data-binary "$body" "$url/RPC"
status own_host -H "Host: 127.0.0.1:$port" --data-binary "$body" "$url/RPC"
[ -n "$allowed" ] && status allowed_origin -H "Origin: $allowed" -H 'Content-Type: text/plain' --data-binary "$body" "$url/RPC"
exit 0
