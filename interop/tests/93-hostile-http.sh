# Hostile HTTP clients against the JSON-RPC HTTP listener (clients in interop/hostile/): half-open requests,
# slowloris, idle connections, event streams never read, 100,000 pipelined requests never read, pipelined requests read back, oversized
# batches, a foreign Origin and Host. For each: the agent survives; kamcmd (tcp, unix), kamctl (FIFO) and
# curl answer within HX_PROBE_TIMEOUT_S while it runs and after it; VmRSS stays under HX_RSS_BOUND_MB; a
# counter of agent.stats says what the agent did; and the attack's own outcome (closed, refused, 403, ...).

# --- What the listener bounds are expected to do (README "Security"; defaults of --http-*).
HX_PROBE_TIMEOUT_S=1             # every legitimate client answers within this, during and after each attack
HX_RSS_BOUND_MB=300              # VmRSS bound; the agent runs with -Xmx512m (start_agent) and -Xms64m (hx_agent):
                                 # idle it holds about 55 MB; main, which keeps every unread reply, peaks at 320-340
HX_HTTP_AGENT_OPTS=()            # extra agent options for this part, e.g. shorter timeouts than the defaults
HX_HTTP_CAP=1024                 # connections the HTTP listener keeps (--http-max-connections)
HX_HTTP_REQUEST_TIMEOUT_S=10     # a request whose head or body is not complete by then is closed (--http-request-timeout-ms)
HX_HTTP_IDLE_TIMEOUT_S=10        # a new connection that sends nothing is closed by then (the request timeout too)
HX_HTTP_STALL_CLOSE_S=10         # a connection whose reader takes nothing (replies pile up) is closed by then
HX_HTTP_INFLIGHT_CAP=1000        # pipelined requests sent at once on one connection (HTTP/1.1: worked on one by one)
HX_BATCH_ANSWER_S=10             # an oversized batch is answered (or refused) within this
HX_ALLOW_ORIGIN_OPTION=--http-allow-origin   # the option naming an Origin that may call (none by default)
# counters (regular expressions over agent.stats names) that each attack must make grow
HX_C_HALF_OPEN='^(errors\.http_body_timeout|http\.evicted)$'   # bodies that never come; stale ones make room
HX_C_SLOWLORIS='^(errors\.http_head_timeout|http\.evicted)$'  # heads that never complete
HX_C_IDLE='^errors\.http_head_timeout$'     # new connections that never send a request
HX_C_SSE='^sse\.refused$'                   # streams beyond --sse-max-clients
HX_C_FLOOD='^errors\.http_write_timeout$'   # the reader stalled: the answer could not be written in time
HX_C_INFLIGHT='^requests\.jsonrpc_http\.pua\.publish$'   # every one of them ran, one after the other
HX_C_BATCH_HUGE='^errors\.json_batch_too_large$'
HX_C_BATCH_413='^errors\.http_too_large$'
HX_C_ORIGIN='^errors\.http_foreign_(origin|host)$'
# -------------------------------------------------------------------------------------------------------------

. "$ROOT/interop/hostile/lib.sh"
command -v python3 >/dev/null || { bad "python3 installed (the hostile clients need it)"; return 0; }
hx_agent hh 18711 12711 15711 15712 "${HX_HTTP_AGENT_OPTS[@]}" || return 0
T=tcp:127.0.0.1:18711

hold=$((HX_HTTP_REQUEST_TIMEOUT_S + 3))
if hx_attack "2000 half-open requests (Content-Length 1000000, no body) held ${hold}s" "$HX_C_HALF_OPEN" "" \
  half_open_http.py --target "$T" --count 2000 --hold "$hold"; then
  opened=$(hx_field "$HX_DONE" opened) open=$(hx_field "$HX_DONE" still_open)
  hx_expect "half-open: the agent closed every one of the $opened it accepted within ${HX_HTTP_REQUEST_TIMEOUT_S}s (beyond its cap at once)" \
    '[ "$open" = 0 ] && [ "${opened:-0}" -gt 0 ]' "$HX_DONE"
fi

if hx_attack "500 slowloris connections (a header line every 2 s) held ${hold}s" "$HX_C_SLOWLORIS" "" \
  slowloris.py --target "$T" --count 500 --interval 2 --hold "$hold"; then
  open=$(hx_field "$HX_DONE" still_open)
  hx_expect "slowloris: the agent closed every unfinished head within ${HX_HTTP_REQUEST_TIMEOUT_S}s although bytes kept coming" \
    '[ "$open" = 0 ]' "$HX_DONE"
fi

hold=$((HX_HTTP_IDLE_TIMEOUT_S + 3))
if hx_attack "50 idle HTTP connections held ${hold}s" "$HX_C_IDLE" "" idle.py --target "$T" --count 50 --hold "$hold"; then
  open=$(hx_field "$HX_DONE" still_open)
  hx_expect "idle HTTP: the agent closed them within ${HX_HTTP_IDLE_TIMEOUT_S}s" '[ "$open" = 0 ]' "$HX_DONE"
fi

# Event streams are long-lived: what keeps them from taking every connection of the port is a cap of their own.
n=$((HX_HTTP_CAP + 100))
if hx_attack "$n event streams (GET /events) never read, held 10s" "$HX_C_SSE" "" \
  sse_streams.py --target "$T" --count "$n" --hold 10; then
  echo "       the agent closed $(hx_field "$HX_DONE" closed_by_agent) of them; sse.connections +$(hx_delta "$W/hx-before" "$W/hx-after" sse.connections)"
fi

hold=$((HX_HTTP_STALL_CLOSE_S + 3))
for method in core.echo pua.publish; do
  if hx_attack "100,000 pipelined $method POSTs on one connection, never read" "$HX_C_FLOOD" "" \
    pipeline_flood.py --proto http --target "$T" --method "$method" --count 100000 --seconds 20 --hold "$hold"; then
    all=$(hx_field "$HX_DONE" all_written) closed=$(hx_field "$HX_DONE" closed_by_agent)
    echo "       the agent took $(hx_delta "$W/hx-before" "$W/hx-after" "requests.jsonrpc_http.$method") of them (requests.jsonrpc_http.$method)"
    hx_expect "$method flood: the agent stopped taking requests while its replies went unread" \
      '[ "$all" = false ] || [ "$closed" = yes ]' "$HX_DONE"
    hx_expect "$method flood: the agent closed the connection whose reader stalled within ${HX_HTTP_STALL_CLOSE_S}s" \
      '[ "$closed" = yes ]' "$HX_DONE"
  fi
done

n=$((HX_HTTP_INFLIGHT_CAP * 10))
if hx_attack "$n pipelined pua.publish POSTs on one connection, answers read" "$HX_C_INFLIGHT" "" \
  pipeline_flood.py --proto http --target "$T" --method pua.publish --count "$n" --read --seconds 30 --hold 40; then
  written=$(hx_field "$HX_DONE" written) answers=$(hx_field "$HX_DONE" answers) statuses=$(hx_field "$HX_DONE" statuses)
  hx_expect "pipelined and read: every request written got exactly one answer ($answers of $written: $statuses)" \
    '[ "${written:-0}" -gt 0 ] && [ "$answers" = "$written" ] && [ "$(hx_field "$HX_DONE" bad_stream)" = false ]' "$HX_DONE"
  # HTTP/1.1 answers in request order and the agent reads the next request of a connection once the one
  # before is answered: one request of a connection is in flight at a time, so none has to be refused
  hx_expect "pipelined and read: worked on one at a time, all answered 200 ($statuses)" \
    'printf "%s" "$statuses" | grep -Eq "^200:[0-9]+$"' "$HX_DONE"
fi

if hx_attack "a batch of 100,000 elements (200 KB of [1,1,...])" "$HX_C_BATCH_HUGE" "" \
  big_batch.py --target "$T" --elements 100000 --seconds "$HX_BATCH_ANSWER_S"; then
  st=$(hx_field "$HX_DONE" status)
  hx_expect "100,000-element batch: answered or refused within ${HX_BATCH_ANSWER_S}s (status $st, $(hx_field "$HX_DONE" answer_bytes) bytes, $(hx_field "$HX_DONE" answer_s)s)" \
    '[[ "$st" =~ ^[0-9]+$ ]]' "$HX_DONE"
fi
if hx_attack "a batch of 1 MiB + 1 bytes" "$HX_C_BATCH_413" "" big_batch.py --target "$T" --bytes 1048577 --seconds 5; then
  hx_expect "1 MiB + 1 batch: 413 at once" '[ "$(hx_field "$HX_DONE" status)" = 413 ]' "$HX_DONE"
fi
if hx_attack "a batch of exactly 1 MiB (about 20,000 core.version calls)" '^(requests\.jsonrpc_http\.core\.version|errors\.)' "" \
  big_batch.py --target "$T" --bytes 1048576 --seconds "$HX_BATCH_ANSWER_S"; then
  st=$(hx_field "$HX_DONE" status)
  hx_expect "1 MiB batch: answered or refused within ${HX_BATCH_ANSWER_S}s (status $st, $(hx_field "$HX_DONE" answer_objects) replies of $(hx_field "$HX_DONE" elements))" \
    '[[ "$st" =~ ^[0-9]+$ ]]' "$HX_DONE"
fi

# A foreign Origin or Host: 403, and the method does not run; without Origin and with the own Host: 200.
hx_stats "$W/hx-before"
out=$(bash "$HX_DIR/foreign_origin.sh" 18711)
hx_stats "$W/hx-after"
for name in origin_form_post origin_json_post origin_null origin_events host_foreign host_foreign_port host_foreign_events; do
  check "foreign Origin/Host: $name is refused with 403" "$(grep "^$name=" <<<"$out")" "^$name=403$"
done
check "no Origin: curl still gets 200" "$(grep '^no_origin=' <<<"$out")" '^no_origin=200$'
check "the listener's own Host: 200" "$(grep '^own_host=' <<<"$out")" '^own_host=200$'
echo "       note: Host: localhost:18711 (curl http://localhost:...) gets $(curl -s -o /dev/null -m 2 -w '%{http_code}' \
  -H 'Host: localhost:18711' --data-binary '{"jsonrpc":"2.0","method":"core.version","id":1}' http://127.0.0.1:18711/RPC)"
ran=$(hx_delta "$W/hx-before" "$W/hx-after" requests.jsonrpc_http.core.echo)
[ "$ran" = 2 ] && ok "foreign Origin/Host: core.echo ran only for the 2 allowed requests" \
  || bad "foreign Origin/Host: core.echo runs only for the 2 allowed requests" "it ran $ran times"
grown=$(hx_grown "$W/hx-before" "$W/hx-after" "$HX_C_ORIGIN")
[ -n "$grown" ] && ok "foreign Origin/Host: agent.stats counts the refusals ($grown)" \
  || bad "foreign Origin/Host: a counter /$HX_C_ORIGIN/ grows" "errors.* that grew: $(hx_grown "$W/hx-before" "$W/hx-after" '^errors\.')"

hwm=$(hx_hwm "$AGENT_PID")
[ -n "$hwm" ] && [ "$hwm" -le "$HX_RSS_BOUND_MB" ] && ok "peak VmRSS of the whole part (VmHWM) $hwm MB, under $HX_RSS_BOUND_MB MB" \
  || bad "peak VmRSS of the whole part (VmHWM) under $HX_RSS_BOUND_MB MB" "VmHWM ${hwm:-unknown (agent gone)} MB"
hx_stop

# With an allowed Origin configured, that Origin may call and others still may not.
if java -jar "$JAR" --help 2>&1 | grep -q -- "$HX_ALLOW_ORIGIN_OPTION"; then
  hx_agent hh2 18712 12712 15713 15714 "${HX_HTTP_AGENT_OPTS[@]}" "$HX_ALLOW_ORIGIN_OPTION" http://good.example || return 0
  out=$(bash "$HX_DIR/foreign_origin.sh" 18712 http://good.example)
  check "$HX_ALLOW_ORIGIN_OPTION http://good.example: that Origin gets 200" "$out" '^allowed_origin=200$'
  check "$HX_ALLOW_ORIGIN_OPTION http://good.example: another Origin still gets 403" "$out" '^origin_form_post=403$'
  hx_stop
else
  bad "the agent offers $HX_ALLOW_ORIGIN_OPTION (not in --help)"
fi
