# Helpers of the hostile-client parts (93-*, 94-*) and of soak.sh, sourced after interop/run.sh's helpers
# (ok, bad, check, start_agent, stop_pid, $W, $ROOT). An attack runs as its own process (a client of this
# directory); while it runs, probe.py times the legitimate clients (kamcmd over TCP and the unix socket,
# kamctl over the JSON-RPC FIFO, curl) and reads the agent's VmRSS; after it ends they are timed again, and
# agent.stats before and after says what the agent counted.
HX_DIR=$ROOT/interop/hostile
HX_N=0

# hx_agent NAME HTTP CTL SIP SINK [options...]: sipp as the presence server on port SINK (started once per port:
# the embedded presence server keeps every request it received for the tests, which would count in the agent's
# VmRSS), then start_agent with a small initial heap (-Xms64m, so that VmRSS follows what the agent holds rather
# than the JVM's ergonomic initial heap); remembers how, so that hx_attack can start it again when an attack
# killed it. Sets HX_NAME, HX_HTTP, HX_CTL.
declare -A HX_SINKS=()
hx_agent() {
  HX_START=("$@")
  HX_NAME=$1 HX_HTTP=$2 HX_CTL=$3
  local sip=$4 sink=$5; shift 5
  if [ -z "${HX_SINKS[$sink]:-}" ]; then
    sipp -sf "$ROOT/interop/sipp/publish_sink.xml" -i 127.0.0.1 -p "$sink" -t u1 -buff_size 4194304 -nr -deadcall_wait 1000 -nostdin \
      -timeout 1800 >"$W/$HX_NAME.sipp.out" 2>&1 &
    HX_SINKS[$sink]=$!
    PIDS+=("$!")
    wait_udp "$sink" || { bad "sipp PUBLISH sink on $sink starts" "$(tail -5 "$W/$HX_NAME.sipp.out")"; return 1; }
  fi
  JAVA_TOOL_OPTIONS=-Xms64m start_agent "$HX_NAME" "$HX_HTTP" "$HX_CTL" "$sip" --outbound-proxy "sip:127.0.0.1:$sink" "$@"
}
# hx_stop: the agent and the sinks of this part
hx_stop() {
  stop_pid "$AGENT_PID"
  local s
  for s in "${HX_SINKS[@]}"; do stop_pid "$s"; done
  HX_SINKS=()
}

hx_restart() {
  cp "$W/$HX_NAME.log" "$W/$HX_NAME.log.$HX_N" 2>/dev/null
  hx_agent "${HX_START[@]}" && sleep 1
}

# hx_stats FILE: agent.stats as "name value" lines (counters the agent never incremented are absent: 0)
hx_stats() {
  timeout 5 kamcmd -s "unixs:$W/$HX_NAME.ctl" agent.stats 2>/dev/null \
    | sed -n 's/^[[:space:]]*\([A-Za-z0-9_.]*\): \([0-9][0-9]*\)$/\1 \2/p' | sort >"$1"
}
# hx_grown BEFORE AFTER REGEX: "name+delta" of each counter matching REGEX that grew, space-separated
hx_grown() {
  join -a 2 -e 0 -o 0,1.2,2.2 "$1" "$2" | awk -v re="$3" '$1 ~ re && $3 > $2 { printf "%s+%d ", $1, $3 - $2 }'
}
# hx_delta BEFORE AFTER NAME: how much one counter grew
hx_delta() {
  join -a 2 -e 0 -o 0,1.2,2.2 "$1" "$2" | awk -v n="$3" '$1 == n { d = $3 - $2 } END { print d + 0 }'
}
# hx_field LINE KEY: the value of key=value in an emitted line
hx_field() { printf '%s\n' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p" | head -1; }

hx_rss() { awk '/^VmRSS:/ { print int($2 / 1024) }' "/proc/$1/status" 2>/dev/null; }
hx_hwm() { awk '/^VmHWM:/ { print int($2 / 1024) }' "/proc/$1/status" 2>/dev/null; }

# hx_probe SKIP PROBE-OPTIONS...: probe.py against the current agent; prints its summary line
hx_probe() {
  local skip=$1; shift
  python3 "$HX_DIR/probe.py" --pid "$AGENT_PID" --ctl-tcp "tcp:127.0.0.1:$HX_CTL" --ctl-unix "unixs:$W/$HX_NAME.ctl" \
    --rpc-fifo "$W/$HX_NAME.rpc.fifo" --http "http://127.0.0.1:$HX_HTTP/RPC" --timeout "$HX_PROBE_TIMEOUT_S" \
    --skip "$skip" "$@" >>"$W/hx-probes.log" 2>&1
  tail -1 "$W/hx-probes.log"
}

# hx_attack LABEL COUNTER-REGEX SKIP CLIENT [ARGS...]: runs interop/hostile/CLIENT against the agent; checks
# that the agent survives it, that the legitimate clients answer within HX_PROBE_TIMEOUT_S while it runs (but
# those in SKIP, comma-separated) and after it, that VmRSS stays under HX_RSS_BOUND_MB, and that a counter
# matching COUNTER-REGEX grew (no counter check when it is empty). Leaves the client's last line in HX_DONE and
# the counters before and after in $W/hx-before and $W/hx-after. Returns 1 when the agent did not survive (it is
# started again for the next attack).
hx_attack() {
  local label=$1 regex=$2 skip=$3 client=$4; shift 4
  HX_N=$((HX_N + 1)) HX_DONE=
  local out=$W/hx-$HX_N-${client%.*}.out run=python3
  case $client in *.sh) run=bash ;; esac
  if ! kill -0 "$AGENT_PID" 2>/dev/null; then hx_restart || return 1; fi
  hx_stats "$W/hx-before"
  local rss_before
  rss_before=$(hx_rss "$AGENT_PID")
  echo "# $label" >>"$W/hx-probes.log"
  "$run" "$HX_DIR/$client" "$@" >"$out" 2>"$out.err" &
  local cpid=$!
  for _ in $(seq 1 600); do grep -q '^ready' "$out" 2>/dev/null && break; kill -0 "$cpid" 2>/dev/null || break; sleep 0.1; done
  local during after status
  during=$(hx_probe "$skip" --rounds 1 --interval 1 --while-pid "$cpid" --max-seconds 300)
  wait "$cpid"
  HX_DONE=$(grep '^done' "$out" | tail -1)
  [ -n "$HX_DONE" ] || HX_DONE="done (client failed: $(tail -3 "$out.err" | tr '\n' ' '))"
  echo "       $label: $(grep '^ready' "$out" | head -1)"
  echo "       $label: $HX_DONE"
  if ! kill -0 "$AGENT_PID" 2>/dev/null; then
    wait "$AGENT_PID"; status=$?
    bad "$label: the agent survives" "it exited with status $status; last lines of its log:" "$(tail -3 "$W/$HX_NAME.log")" \
      "probes while it ran: $during"
    hx_restart
    return 1
  fi
  ok "$label: the agent survives (VmRSS $(hx_rss "$AGENT_PID") MB)"
  after=$(hx_probe "" --rounds 2 --interval 0.5)
  hx_stats "$W/hx-after"
  hx_judge_probe "$label, during it" "$during"
  hx_judge_probe "$label, after it" "$after"
  local rss
  rss=$(printf '%s\n' "$(hx_field "$during" rss_max_mb)" "$(hx_field "$after" rss_max_mb)" | sort -n | tail -1)
  [ "$rss" -le "$HX_RSS_BOUND_MB" ] && ok "$label: VmRSS at most $rss MB (bound $HX_RSS_BOUND_MB MB; $rss_before MB before)" \
    || bad "$label: VmRSS stays under $HX_RSS_BOUND_MB MB" "it reached $rss MB ($rss_before MB before the attack)"
  [ -z "$regex" ] && return 0
  local grown
  grown=$(hx_grown "$W/hx-before" "$W/hx-after" "$regex")
  [ -n "$grown" ] && ok "$label: agent.stats counts it ($grown)" \
    || bad "$label: a counter /$regex/ of agent.stats grows" "errors.* that grew: $(hx_grown "$W/hx-before" "$W/hx-after" '^errors\.')"
  return 0
}

# hx_judge_probe LABEL SUMMARY: one check, every probed client answered within the timeout in every round
hx_judge_probe() {
  local clients
  clients=$(printf '%s\n' "$2" | tr ' ' '\n' | grep -E '^(kamcmd_tcp|kamcmd_unix|kamctl|curl)=' | tr '\n' ' ')
  if [ -n "$clients" ] && ! printf '%s' "$clients" | grep -q 'fail:'; then
    ok "$1: ${clients% }, each within ${HX_PROBE_TIMEOUT_S}s ($(hx_field "$2" rounds) rounds)"
  else
    bad "$1: kamcmd tcp/unix, kamctl and curl each answer within ${HX_PROBE_TIMEOUT_S}s" "${2:-no probe summary}"
  fi
}

# hx_expect LABEL TEST-EXPRESSION DETAIL: a check on the attack client's own report
hx_expect() {
  if eval "$2"; then ok "$1"; else bad "$1" "$3"; fi
}
