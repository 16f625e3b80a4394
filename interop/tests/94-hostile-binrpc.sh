# Hostile binrpc clients against the stream listeners (TCP and unix socket; clients in interop/hostile/):
# 100,000 pipelined requests never read, pipelined pua.publish read back, idle connections, and as many TCP
# connections as the listener keeps plus 100 while kamcmd must still get in over the unix socket. For each: the
# agent survives; kamcmd (tcp, unix), kamctl (FIFO) and curl answer within HX_PROBE_TIMEOUT_S while it runs and
# after it; VmRSS stays under HX_RSS_BOUND_MB; a counter of agent.stats says what the agent did; and the
# attack's own outcome.

# --- What the listener bounds are expected to do (README "Security"; defaults of --binrpc-*).
HX_PROBE_TIMEOUT_S=1             # every legitimate client answers within this, during and after each attack
HX_RSS_BOUND_MB=300              # VmRSS bound; the agent runs with -Xmx512m (start_agent) and -Xms64m (hx_agent):
                                 # idle it holds about 55 MB; main, which keeps every unread reply, peaks at 320-340
HX_BINRPC_AGENT_OPTS=(--binrpc-idle-timeout-ms 10000 --binrpc-max-in-flight 1000)  # the default idle timeout is
                                 # 10 min (kamcmd's interactive mode); the in-flight cap's default is 256
HX_BINRPC_CAP=1024               # connections a binrpc stream listener keeps (--binrpc-max-connections)
HX_BINRPC_IDLE_TIMEOUT_S=10      # a connection that sends nothing is closed by then (kamcmd's interactive mode
                                 # keeps one connection while its user types: the default should be generous)
HX_BINRPC_STALL_CLOSE_S=10       # a connection whose reader takes nothing (replies pile up) is closed by then
HX_BINRPC_INFLIGHT_CAP=1000      # requests in flight per connection; beyond: fault 503 at once
# counters (regular expressions over agent.stats names) that each attack must make grow
HX_C_FLOOD='^(binrpc\.reads_paused|errors\.binrpc_write_timeout)$'   # stopped reading; closed the stalled reader
HX_C_INFLIGHT='^errors\.binrpc_in_flight$'
HX_C_IDLE='^binrpc\.idle_closed$'
HX_C_CAP='^errors\.too_many_connections$'
# -------------------------------------------------------------------------------------------------------------

. "$ROOT/interop/hostile/lib.sh"
command -v python3 >/dev/null || { bad "python3 installed (the hostile clients need it)"; return 0; }
out=$(python3 "$HX_DIR/hostile.py" --self-test "$ROOT/test-fixtures/vectors/binrpc/kamcmd" 2>&1)
check "the clients' binrpc encoder writes kamcmd's bytes (captured vectors) and their answer counters frame split streams" \
  "$out" '^self-test: ok$'
hx_agent hb 18721 12721 15721 15722 "${HX_BINRPC_AGENT_OPTS[@]}" || return 0
TCP=tcp:127.0.0.1:12721 UNIX=unix:$W/hb.ctl

hold=$((HX_BINRPC_STALL_CLOSE_S + 3))
for flood in "tcp core.echo $TCP" "unix core.echo $UNIX" "tcp pua.publish $TCP"; do
  read -r via method target <<<"$flood"
  if hx_attack "100,000 pipelined binrpc $method over $via on one connection, never read" "$HX_C_FLOOD" "" \
    pipeline_flood.py --proto binrpc --target "$target" --method "$method" --count 100000 --seconds 20 --hold "$hold"; then
    all=$(hx_field "$HX_DONE" all_written) closed=$(hx_field "$HX_DONE" closed_by_agent)
    echo "       the agent took $(hx_delta "$W/hx-before" "$W/hx-after" "requests.binrpc.$method") of them (requests.binrpc.$method)"
    hx_expect "binrpc $via $method flood: the agent stopped taking requests while its replies went unread" \
      '[ "$all" = false ] || [ "$closed" = yes ]' "$HX_DONE"
    hx_expect "binrpc $via $method flood: the agent closed the connection whose reader stalled within ${HX_BINRPC_STALL_CLOSE_S}s" \
      '[ "$closed" = yes ]' "$HX_DONE"
  fi
done

n=$((HX_BINRPC_INFLIGHT_CAP * 10))
if hx_attack "$n pipelined binrpc pua.publish over tcp on one connection, answers read" "$HX_C_INFLIGHT" "" \
  pipeline_flood.py --proto binrpc --target "$TCP" --method pua.publish --count "$n" --read --seconds 30 --hold 40; then
  written=$(hx_field "$HX_DONE" written) answers=$(hx_field "$HX_DONE" answers) faults=$(hx_field "$HX_DONE" faults)
  hx_expect "binrpc pipelined and read: every request written got exactly one answer ($answers of $written, $faults faults)" \
    '[ "${written:-0}" -gt 0 ] && [ "$answers" = "$written" ] && [ "$(hx_field "$HX_DONE" bad_stream)" = false ]' "$HX_DONE"
  hx_expect "binrpc pipelined and read: beyond $HX_BINRPC_INFLIGHT_CAP in flight the agent answered fault 503 at once" \
    'printf "%s" "$(hx_field "$HX_DONE" fault_codes)" | grep -q "503:"' "$HX_DONE"
fi

hold=$((HX_BINRPC_IDLE_TIMEOUT_S + 3))
for idle in "tcp $TCP" "unix $UNIX"; do
  read -r via target <<<"$idle"
  if hx_attack "50 idle binrpc $via connections held ${hold}s" "$HX_C_IDLE" "" idle.py --target "$target" --count 50 --hold "$hold"; then
    open=$(hx_field "$HX_DONE" still_open)
    hx_expect "idle binrpc $via: the agent closed them within ${HX_BINRPC_IDLE_TIMEOUT_S}s" '[ "$open" = 0 ]' "$HX_DONE"
  fi
done

# The TCP listener full (each connection asks core.version every 2 s, so no idle timeout frees it): the
# connections beyond the cap are refused at once, and kamcmd over the unix socket (probed, tcp not) gets in.
n=$((HX_BINRPC_CAP + 100))
if hx_attack "$n binrpc TCP connections (cap + 100), each busy, held 15s" "$HX_C_CAP" kamcmd_tcp \
  conn_flood.py --target "$TCP" --count "$n" --every 2 --hold 15; then
  refused=$(hx_field "$HX_DONE" refused_at_once) served=$(hx_field "$HX_DONE" served)
  hx_expect "cap + 100: at least 100 connections refused at once ($refused refused, $served served)" \
    '[ "${refused:-0}" -ge 100 ]' "$HX_DONE"
  hx_expect "cap + 100: the agent served up to its cap ($served of $HX_BINRPC_CAP)" \
    '[ "${served:-0}" -ge $((HX_BINRPC_CAP * 9 / 10)) ]' "$HX_DONE"
fi

hwm=$(hx_hwm "$AGENT_PID")
[ -n "$hwm" ] && [ "$hwm" -le "$HX_RSS_BOUND_MB" ] && ok "peak VmRSS of the whole part (VmHWM) $hwm MB, under $HX_RSS_BOUND_MB MB" \
  || bad "peak VmRSS of the whole part (VmHWM) under $HX_RSS_BOUND_MB MB" "VmHWM ${hwm:-unknown (agent gone)} MB"
hx_stop
