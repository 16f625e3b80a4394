#!/usr/bin/env bash
# make soak: one agent process under SOAK_SECONDS of valid load mixed with hostile traffic, then a one-screen
# verdict: every valid request answered exactly once and successfully, none lost, the agent still alive and
# answering, VmRSS under a bound.
#
# The agent publishes to sipp as the presence server (interop/sipp/publish_sink.xml). The valid load is the
# agent's own load generator (java -jar pua-agent.jar bench), open loop at SOAK_RATE pua.publish/s over JSON-RPC
# HTTP and as many over binrpc TCP, for the whole window. Meanwhile the clients of interop/hostile/ run one after
# another in rotation (half-open requests, slowloris, idle connections, event streams never read, pipelined floods
# never read, pipelined requests read back, oversized batches, foreign Origin/Host, the binrpc TCP listener filled
# to its cap + 100); while each runs, interop/hostile/probe.py times kamcmd (tcp, unix), kamctl (FIFO) and curl
# and reads VmRSS.
# At the end the load generator's JSON summaries (outcomes: sent = answered = ok, nothing timed out, no
# transport error: a second answer to a request shows as a protocol error there) and agent.stats (no
# errors.duplicate_reply) decide. Everything on 127.0.0.1 and unix sockets in a private directory; every process
# started here is stopped by its PID. Exit status 0 when every verdict line passed.
#
# Environment (defaults in brackets):
#   SOAK_SECONDS [600]   SOAK_RATE [1000]: pua.publish/s per transport (HTTP and binrpc: twice this in all)
#   SOAK_MAX_IN_FLIGHT [64]   SOAK_PRESENTITIES [5000]
#   SOAK_ATTACKS [all of them, in this order]: half_open slowloris http_flood batch_huge batch_413 origin sse
#                binrpc_flood idle conn_flood pipelined_read unix_flood
#   SOAK_RSS_BOUND_MB [400]: VmRSS bound of the agent (SOAK_JAVA_OPTS: heap at most 256 MB)
#   SOAK_PROBE_TIMEOUT_S [1]: each probed client answers within this
#   SOAK_JAVA_OPTS [-Xms64m -Xmx256m -XX:+UseG1GC]  SOAK_AGENT_ARGS [""]: more agent options (e.g. limits)
#   SOAK_BINRPC_CAP [1024], SOAK_HTTP_CAP [1024]: connections the binrpc TCP and the HTTP listener keep (conn_flood
#                and sse open 100 more)
#   SOAK_PORT_HTTP [18790] SOAK_PORT_CTL [12790] SOAK_PORT_SIP [15790] SOAK_PORT_SINK [15791]
#   SOAK_OUT [new /tmp directory, removed after a pass unless KEEP=1]
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
JAR=$ROOT/agent/target/pua-agent.jar
SECONDS_TOTAL=${SOAK_SECONDS:-600}
RATE=${SOAK_RATE:-1000}
MAX_IN_FLIGHT=${SOAK_MAX_IN_FLIGHT:-64}
PRESENTITIES=${SOAK_PRESENTITIES:-5000}
ATTACKS=${SOAK_ATTACKS:-half_open slowloris http_flood batch_huge batch_413 origin sse binrpc_flood idle conn_flood pipelined_read unix_flood}
RSS_BOUND_MB=${SOAK_RSS_BOUND_MB:-400}
JAVA_OPTS=${SOAK_JAVA_OPTS:--Xms64m -Xmx256m -XX:+UseG1GC}
BINRPC_CAP=${SOAK_BINRPC_CAP:-1024}
HTTP_CAP=${SOAK_HTTP_CAP:-1024}
HX_HTTP=${SOAK_PORT_HTTP:-18790} HX_CTL=${SOAK_PORT_CTL:-12790}
SIP=${SOAK_PORT_SIP:-15790} SINK=${SOAK_PORT_SINK:-15791}
HX_PROBE_TIMEOUT_S=${SOAK_PROBE_TIMEOUT_S:-1}
HX_NAME=soak
# the load generator ends at most this long after its window: a request unanswered so long counts as timed out
REQUEST_TIMEOUT_MS=10000
# the valid load ramps up over 5 s; the first attack comes after this
SETTLE_S=8
# no attack starts this close to the end of the window (the last one ends while the valid load still runs)
LAST_ATTACK_MARGIN_S=10

need=()
for tool in kamcmd:kamailio kamctl:kamailio sipp:sip-tester curl:curl python3:python3 java:openjdk-17-jre-headless; do
  command -v "${tool%%:*}" >/dev/null || need+=("${tool#*:}")
done
if [ "${#need[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then echo "soak needs: ${need[*]} (run as root to install)"; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
[ -f "$JAR" ] || { echo "missing $JAR: run make build"; exit 1; }
for p in "tcp $HX_HTTP" "tcp $HX_CTL" "udp $SIP" "udp $SINK"; do
  # shellcheck disable=SC2086
  set -- $p
  if ss -Hln --"$1" "sport = :$2" 2>/dev/null | grep -q .; then echo "port $1 $2 on 127.0.0.1 is in use" >&2; exit 2; fi
done

W=${SOAK_OUT:-$(mktemp -d /tmp/pua-soak.XXXXXX)}
mkdir -p "$W"
PIDS=()
VERDICT_FAILED=0
stop_pid() { kill "$1" 2>/dev/null; for _ in $(seq 1 50); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done; kill -9 "$1" 2>/dev/null; }
cleanup() {
  for p in "${PIDS[@]}"; do stop_pid "$p"; done
  if [ "$VERDICT_FAILED" -eq 0 ] && [ -z "${KEEP:-}" ] && [ -z "${SOAK_OUT:-}" ]; then rm -rf "$W"; else echo "output kept in $W"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
. "$ROOT/interop/hostile/lib.sh"

wait_tcp() { for _ in $(seq 1 150); do (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; return 1; }
wait_udp() { for _ in $(seq 1 150); do ss -Hlun "sport = :$1" 2>/dev/null | grep -q . && return 0; sleep 0.1; done; return 1; }

# --- the presence server and the agent -------------------------------------------------------------------------
sipp -sf "$ROOT/interop/sipp/publish_sink.xml" -i 127.0.0.1 -p "$SINK" -t u1 -buff_size 4194304 -nr -deadcall_wait 1000 \
  -nostdin -trace_stat -stf "$W/sink.csv" -fd 1 >"$W/sipp.out" 2>&1 &
SIPP_PID=$!
PIDS+=("$SIPP_PID")
wait_udp "$SINK" || { echo "sipp did not start:"; tail -5 "$W/sipp.out"; exit 1; }
# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$JAR" --binrpc "tcp:127.0.0.1:$HX_CTL" --binrpc "unixs:$W/soak.ctl" \
  --jsonrpc-http "127.0.0.1:$HX_HTTP" --jsonrpc-fifo "$W/soak.rpc.fifo" --mi-fifo off \
  --sip-listen "udp:127.0.0.1:$SIP" --outbound-proxy "sip:127.0.0.1:$SINK" ${SOAK_AGENT_ARGS:-} >"$W/agent.log" 2>&1 &
AGENT_PID=$!
PIDS+=("$AGENT_PID")
wait_tcp "$HX_HTTP" && wait_tcp "$HX_CTL" || { echo "the agent did not start:"; tail -20 "$W/agent.log"; exit 1; }
for _ in $(seq 1 50); do [ -S "$W/soak.ctl" ] && [ -p "$W/soak.rpc.fifo" ] && break; sleep 0.1; done
start_probe=$(hx_probe "" --rounds 1)
hx_stats "$W/stats-start"

# --- the valid load ----------------------------------------------------------------------------------------------
bench() { # name target
  java -Xms128m -Xmx256m -XX:+UseParallelGC -jar "$JAR" bench --target "$2" --rate "$RATE" --ramp-from $((RATE / 10 + 1)) \
    --ramp-seconds 5 --max-in-flight "$MAX_IN_FLIGHT" --duration "$SECONDS_TOTAL" --presentities "$PRESENTITIES" \
    --request-timeout-ms "$REQUEST_TIMEOUT_MS" --html "$W/bench-$1.html" >"$W/bench-$1.json" 2>"$W/bench-$1.txt" &
  PIDS+=("$!")
  eval "BENCH_$1=$!"
}
T0=$(date +%s)
bench http "http://127.0.0.1:$HX_HTTP/RPC"
bench binrpc "binrpc-tcp:127.0.0.1:$HX_CTL"
echo "soak: ${SECONDS_TOTAL}s, open loop ${RATE}/s pua.publish over HTTP and ${RATE}/s over binrpc TCP, agent pid $AGENT_PID" \
  "($JAVA_OPTS${SOAK_AGENT_ARGS:+ $SOAK_AGENT_ARGS}), sipp sink pid $SIPP_PID, output in $W"
sleep "$SETTLE_S"

# --- the hostile rotation ----------------------------------------------------------------------------------------
# run_attack NAME SKIP CLIENT ARGS...: the client in the background, the probe while it runs, one line to hostile.log
H=tcp:127.0.0.1:$HX_HTTP
declare -A RUNS=()
AGENT_DIED=""
run_attack() {
  local name=$1 skip=$2 client=$3 run=python3; shift 3
  case $client in *.sh) run=bash ;; esac
  local out="$W/hostile-$name.out"
  "$run" "$HX_DIR/$client" "$@" >"$out" 2>>"$W/hostile-$name.err" &
  local cpid=$!
  for _ in $(seq 1 600); do grep -q '^ready' "$out" 2>/dev/null && break; kill -0 "$cpid" 2>/dev/null || break; sleep 0.1; done
  local summary
  summary=$(hx_probe "$skip" --rounds 1 --interval 1 --while-pid "$cpid" --max-seconds 120)
  wait "$cpid"
  RUNS[$name]=$(( ${RUNS[$name]:-0} + 1 ))
  printf '%4ds %-14s %s | %s\n' "$(( $(date +%s) - T0 ))" "$name" "$(grep -E '^(done|origin|host|no_origin|own)' "$out" | tr '\n' ' ')" \
    "$summary" >>"$W/hostile.log"
}
attack() {
  case $1 in
    half_open) run_attack half_open "" half_open_http.py --target "$H" --count 2000 --hold 4 ;;
    slowloris) run_attack slowloris "" slowloris.py --target "$H" --count 500 --interval 2 --hold 4 ;;
    http_flood) run_attack http_flood "" pipeline_flood.py --proto http --target "$H" --method core.echo --count 100000 --seconds 5 --hold 3 ;;
    batch_huge) run_attack batch_huge "" big_batch.py --target "$H" --elements 100000 --seconds 10 ;;
    batch_413) run_attack batch_413 "" big_batch.py --target "$H" --bytes 1048577 --seconds 5 ;;
    origin) run_attack origin "" foreign_origin.sh "$HX_HTTP" ;;
    binrpc_flood) run_attack binrpc_flood "" pipeline_flood.py --proto binrpc --target "tcp:127.0.0.1:$HX_CTL" --method core.echo --count 100000 --seconds 5 --hold 3 ;;
    sse) run_attack sse "" sse_streams.py --target "$H" --count $((HTTP_CAP + 100)) --hold 4 ;;
    idle) run_attack idle "" idle.py --target "tcp:127.0.0.1:$HX_CTL" --count 50 --hold 4 ;;
    conn_flood) run_attack conn_flood kamcmd_tcp conn_flood.py --target "tcp:127.0.0.1:$HX_CTL" --count $((BINRPC_CAP + 100)) --every 2 --hold 4 ;;
    pipelined_read) run_attack pipelined_read "" pipeline_flood.py --proto http --target "$H" --method pua.publish --count 10000 --read --seconds 20 --hold 20 ;;
    unix_flood) run_attack unix_flood "" pipeline_flood.py --proto binrpc --target "unix:$W/soak.ctl" --method core.echo --count 100000 --seconds 5 --hold 3 ;;
    *) echo "unknown attack $1 in SOAK_ATTACKS" >&2 ;;
  esac
}
: >"$W/hostile.log"
passes=0
while [ -z "$AGENT_DIED" ] && [ $(( $(date +%s) - T0 )) -lt $((SECONDS_TOTAL - LAST_ATTACK_MARGIN_S)) ]; do
  for a in $ATTACKS; do
    [ $(( $(date +%s) - T0 )) -lt $((SECONDS_TOTAL - LAST_ATTACK_MARGIN_S)) ] || break
    attack "$a"
    if ! kill -0 "$AGENT_PID" 2>/dev/null; then AGENT_DIED="during $a at $(( $(date +%s) - T0 ))s"; break; fi
  done
  passes=$((passes + 1))
done
if [ -n "$AGENT_DIED" ]; then
  wait "$AGENT_PID"; AGENT_STATUS=$?
  # nothing left to load: end the load generators now (their requests since the death count as failed)
  sleep 2; stop_pid "$BENCH_http"; stop_pid "$BENCH_binrpc"
fi
wait "$BENCH_http"; STATUS_http=$?
wait "$BENCH_binrpc"; STATUS_binrpc=$?
T1=$(date +%s)

# --- the verdict ---------------------------------------------------------------------------------------------------
alive=no
kill -0 "$AGENT_PID" 2>/dev/null && alive=yes
final_probe="agent gone"
if [ "$alive" = yes ]; then
  final_probe=$(hx_probe "" --rounds 3 --interval 0.5)
  hx_stats "$W/stats-end"
  rss_now=$(hx_rss "$AGENT_PID") hwm=$(hx_hwm "$AGENT_PID")
else
  : >"$W/stats-end"
fi
verdict() { # PASS-CONDITION TEXT
  if eval "$1"; then echo "  pass  $2"; else echo "  FAIL  $2"; VERDICT_FAILED=$((VERDICT_FAILED + 1)); fi
}
outcome() { # name field: a field of the load generator's outcomes (-1 when missing)
  local v
  v=$(grep -o "\"outcomes\":{[^}]*" "$W/bench-$1.json" 2>/dev/null | grep -o "\"$2\":[a-z0-9-]*" | head -1 | cut -d: -f2)
  echo "${v:--1}"
}
load_line() { # name
  local j=$W/bench-$1.json
  if [ "$(outcome "$1" sent)" = -1 ]; then
    echo "  $1: no summary from the load generator (exit status $2${AGENT_DIED:+: stopped after the agent died}); its last" \
      "second: $(grep 'measure' "$W/bench-$1.txt" 2>/dev/null | tail -1 | tr -s ' ')"
    return
  fi
  printf '  %-6s scheduled %s, sent %s, answered %s, ok %s, faults %s, timed out %s, transport errors %s, not sent %s; latency ms p50 %s p99 %s max %s\n' \
    "$1" "$(outcome "$1" scheduled)" "$(outcome "$1" sent)" "$(outcome "$1" answered)" "$(outcome "$1" ok)" \
    "$(outcome "$1" faults)" "$(outcome "$1" timed_out)" "$(outcome "$1" transport_errors)" "$(outcome "$1" not_sent)" \
    "$(grep -o '"p50":[0-9.]*' "$j" 2>/dev/null | head -1 | cut -d: -f2)" "$(grep -o '"p99":[0-9.]*' "$j" 2>/dev/null | head -1 | cut -d: -f2)" \
    "$(grep -o '"max":[0-9.]*' "$j" 2>/dev/null | head -1 | cut -d: -f2)"
}
probe_rounds=$(grep -c '^round' "$W/hx-probes.log" 2>/dev/null)
probe_fails=$(grep '^round' "$W/hx-probes.log" 2>/dev/null | grep -cE '=(timeout|exit[0-9]+|unexpected-output)/')
probe_worst() { grep '^round' "$W/hx-probes.log" | tr ' ' '\n' | sed -n "s/^$1=\([0-9]*\)$/\1/p" | sort -n | tail -1; }
rss_max=$(grep '^round' "$W/hx-probes.log" | tr ' ' '\n' | sed -n 's/^rss_mb=//p' | sort -n | tail -1)
sink_received=$(awk -F';' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "IncomingCall(C)") c = i; next } c { v = $c } END { print v + 0 }' "$W/sink.csv" 2>/dev/null)
acked=0
for n in http binrpc; do [ "$(outcome $n ok)" -gt 0 ] && acked=$((acked + $(outcome $n ok))); done
dup=$(awk '$1 == "errors.duplicate_reply" { print $2 }' "$W/stats-end")
runs=""
for a in $ATTACKS; do runs="$runs $a ${RUNS[$a]:-0},"; done

echo "soak summary: $((T1 - T0))s of load, hostile rotation of $(echo "$ATTACKS" | wc -w) attacks, $passes pass(es):${runs%,}"
load_line http "$STATUS_http"
load_line binrpc "$STATUS_binrpc"
echo "  probes during the attacks: $probe_rounds rounds, $probe_fails with a failure; slowest kamcmd tcp $(probe_worst kamcmd_tcp) ms," \
  "unix $(probe_worst kamcmd_unix) ms, kamctl $(probe_worst kamctl) ms, curl $(probe_worst curl) ms"
state="alive"
[ "$alive" = yes ] || state="gone ${AGENT_DIED:-after the load}${AGENT_STATUS:+, exit status $AGENT_STATUS}"
echo "  agent: $state; VmRSS max ${rss_max:--} MB (now ${rss_now:--}, peak VmHWM ${hwm:--});" \
  "errors.* grown: $(hx_grown "$W/stats-start" "$W/stats-end" '^errors\.' | cut -c1-300)"
sent_sip=""
[ "$alive" = yes ] && sent_sip="; the agent sent $(hx_delta "$W/stats-start" "$W/stats-end" sip.requests_sent) SIP requests"
echo "  sink: $sink_received PUBLISHes received; the load generators had $acked acknowledged$sent_sip"
for n in http binrpc; do
  st=STATUS_$n
  verdict '[ "${!st}" = 0 ] && [ "$(outcome '$n' all_answered)" = true ] && [ "$(outcome '$n' all_sent)" = true ] && [ "$(outcome '$n' ok)" = "$(outcome '$n' sent)" ]' \
    "$n: every valid request sent and answered successfully (load generator exit status ${!st})"
  verdict '[ "$(outcome '$n' timed_out)" = 0 ] && [ "$(outcome '$n' unaccounted)" = 0 ] && [ "$(outcome '$n' not_sent)" = 0 ]' \
    "$n: none lost (timed out $(outcome $n timed_out), unaccounted $(outcome $n unaccounted), not sent $(outcome $n not_sent))"
  verdict '[ "$(outcome '$n' transport_errors)" = 0 ] && [ "$(outcome '$n' duplicate_series)" = 0 ]' \
    "$n: no second answer nor broken connection (transport errors $(outcome $n transport_errors): $(grep -o '"transport_errors":{[^}]*}' "$W/bench-$n.json" 2>/dev/null | head -1 | cut -c21-))"
done
verdict '[ "$alive" = yes ] && [ -z "${dup:-}" -o "${dup:-0}" = 0 ]' "agent: no duplicate reply (errors.duplicate_reply ${dup:-0})"
verdict '[ "$alive" = yes ] && ! printf "%s" "$final_probe" | grep -q fail:' "agent alive and answering at the end: $final_probe"
verdict '[ "$probe_fails" = 0 ] && [ "${probe_rounds:-0}" -gt 0 ]' \
  "kamcmd tcp/unix, kamctl, curl answered within ${HX_PROBE_TIMEOUT_S}s in every probe round during the attacks ($probe_fails of $probe_rounds rounds failed)"
verdict '[ -n "${hwm:-}" ] && [ "$hwm" -le "$RSS_BOUND_MB" ]' "VmRSS under $RSS_BOUND_MB MB (peak VmHWM ${hwm:-unknown} MB)"
verdict '[ "$acked" -gt 0 ] && [ "$sink_received" -ge "$acked" ]' "the sink received every acknowledged PUBLISH ($sink_received >= $acked)"
[ "$VERDICT_FAILED" -eq 0 ] && echo "soak: PASS" || echo "soak: FAIL ($VERDICT_FAILED verdicts; details in $W: hostile.log, hx-probes.log, bench-*.txt, agent.log)"
[ "$VERDICT_FAILED" -eq 0 ]
