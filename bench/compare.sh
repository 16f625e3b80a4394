#!/usr/bin/env bash
# make bench-compare: final-reply pua.publish per second of Kamailio 5.6 pua_rpc and of pua-agent, side by side.
#
# Installs what is missing (Debian: kamailio, kamailio-presence-modules, sip-tester; as root), builds the jar,
# starts sipp as the PUBLISH sink (interop/sipp/publish_sink.xml: 200 OK, SIP-ETag, Expires 3600), Kamailio with
# pua + pua_rpc (interop/kamailio/pua-rpc.cfg) and the agent, both with sipp as outbound proxy, then runs the
# same closed-loop load (java -jar pua-agent.jar bench) against
#   Kamailio over JSON-RPC HTTP, the agent over JSON-RPC HTTP, the agent over binrpc TCP
# (Kamailio cannot answer pua.publish over binrpc: checked once with kamcmd, reported as "n/a (fault 600)"),
# for every concurrency, BENCH_REPS times, runs interleaved. CPU of each process (Kamailio: all its processes)
# is read from /proc over the inside of each measured window. Prints one table of medians; after a full run
# (3 repetitions, >= 20 s) it also refreshes the results part of BENCHMARKS.md.
# Everything on 127.0.0.1; every process started here is stopped by its PID on exit.
#
# Environment (defaults in brackets):
#   BENCH_REPS [3]  BENCH_SECONDS measured window [20]  BENCH_WARMUP [5]  BENCH_CONCURRENCY ["1 16 128"]
#   BENCH_SYSTEMS ["kamailio agent"]  BENCH_TRANSPORTS ["http binrpc"]  BENCH_PRESENTITIES [10000]
#   BENCH_BODY_BYTES [500]  BENCH_PORT_BASE [25000]  BENCH_OUT [new /tmp directory]
#   BENCH_PRIME [10]: seconds of unrecorded load at 16 clients per system and transport before the runs (the
#                 JIT compiles the agent's hot code; both hold every presentity's publication afterwards)
#   BENCH_WRITE [1 after a full run, else 0]: write the results into BENCHMARKS.md
#   BENCH_PROFILE [0]: 1 = after the table, one more agent run per transport at BENCH_PROFILE_CONCURRENCY [128]
#                  with JFR execution samples (bench/jfr-samples.jfc) and per-thread CPU, user and kernel; prints
#                  the hottest frames and threads. JFR is then set up when the agent starts (a 1 s recording of
#                  the start-up): started first in a warm JVM it re-instruments JDK classes and kept C2 compiling
#                  through the whole run (HTTP: 40 % of a core, 30 % less throughput)
#   KAMAILIO_CHILDREN [8]  KAMAILIO_SHM_MB [2048]  KAMAILIO_PKG_MB [8]
#   AGENT_JAVA_OPTS [-Xms1g -Xmx1g -XX:+UseG1GC]  BENCH_JAVA_OPTS [-Xms256m -Xmx256m -XX:+UseParallelGC]
#   AGENT_ARGS [""]: more agent options, e.g. "--transport-thread own"
#   MVN [mvn -B -ntp]  BENCH_BUILD [1]: 0 = use the jar as it is
#   SIPP_OPTS [-nr -deadcall_wait 1000]: more options for the sipp sink, the same for both systems. -nr: the sink
#                  sends only final responses to non-INVITE requests, which sipp never retransmits; without it sipp
#                  still checks every message it receives for a retransmission (measured: 10.9 instead of 9.5 us of
#                  CPU per PUBLISH). -deadcall_wait 1000: sipp keeps the Call-ID of every finished call for 1 s
#                  instead of 33 s (kept only for its logs, and to recognise late retransmissions: the agent's and
#                  Kamailio's come after 0.5 s); at 45,000 PUBLISH/s the 33 s list of 1.5 million ended calls made
#                  sipp slower the longer it ran (after 60 s of load 12.0 instead of 10.7 us per PUBLISH)
set -uo pipefail
cd "$(dirname "$0")/.."
JAR=agent/target/pua-agent.jar
COMMAND="make bench-compare"
for v in BENCH_REPS BENCH_SECONDS BENCH_WARMUP BENCH_CONCURRENCY BENCH_SYSTEMS BENCH_TRANSPORTS BENCH_PRESENTITIES \
  BENCH_BODY_BYTES BENCH_PRIME KAMAILIO_CHILDREN KAMAILIO_SHM_MB KAMAILIO_PKG_MB AGENT_JAVA_OPTS AGENT_ARGS BENCH_JAVA_OPTS \
  SIPP_OPTS; do
  [ -n "${!v:-}" ] && COMMAND="$v=\"${!v}\" $COMMAND"
done

REPS=${BENCH_REPS:-3}
DURATION=${BENCH_SECONDS:-20}
WARMUP=${BENCH_WARMUP:-5}
CONCURRENCIES=${BENCH_CONCURRENCY:-1 16 128}
SYSTEMS=${BENCH_SYSTEMS:-kamailio agent}
TRANSPORTS=${BENCH_TRANSPORTS:-http binrpc}
PRESENTITIES=${BENCH_PRESENTITIES:-10000}
BODY_BYTES=${BENCH_BODY_BYTES:-500}
PORT_BASE=${BENCH_PORT_BASE:-25000}
PRIME=${BENCH_PRIME:-10}
PROFILE=${BENCH_PROFILE:-0}
PROFILE_CONCURRENCY=${BENCH_PROFILE_CONCURRENCY:-128}
KAM_CHILDREN=${KAMAILIO_CHILDREN:-8}
KAM_SHM=${KAMAILIO_SHM_MB:-2048}
KAM_PKG=${KAMAILIO_PKG_MB:-8}
AGENT_JAVA_OPTS=${AGENT_JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseG1GC}
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:--Xms256m -Xmx256m -XX:+UseParallelGC}
MVN=${MVN:-mvn -B -ntp}
SIPP_OPTS=${SIPP_OPTS--nr -deadcall_wait 1000}
if [ "$REPS" -ge 3 ] && [ "$DURATION" -ge 20 ]; then WRITE=${BENCH_WRITE:-1}; else WRITE=${BENCH_WRITE:-0}; fi
[ "$DURATION" -ge 4 ] || { echo "BENCH_SECONDS must be at least 4" >&2; exit 2; }

SINK_PORT=$((PORT_BASE + 90)); KAM_SIP=$((PORT_BASE + 60)); KAM_HTTP=$((PORT_BASE + 80)); KAM_CTL=$((PORT_BASE + 49))
AGENT_SIP=$((PORT_BASE + 62)); AGENT_HTTP=$((PORT_BASE + 81)); AGENT_CTL=$((PORT_BASE + 50))

has() { case " $2 " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

# --- what is needed ------------------------------------------------------------------------------------------
need=()
if has kamailio "$SYSTEMS"; then
  { command -v kamailio && command -v kamcmd; } > /dev/null || need+=(kamailio)
  dpkg -s kamailio-presence-modules > /dev/null 2>&1 || need+=(kamailio-presence-modules)
fi
command -v sipp > /dev/null || need+=(sip-tester)
if [ "${#need[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then echo "bench-compare needs: ${need[*]} (run as root to install them)" >&2; exit 2; fi
  echo "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" > /dev/null \
    || { echo "apt-get install ${need[*]} failed" >&2; exit 2; }
fi
if [ "${BENCH_BUILD:-1}" = 1 ]; then
  echo "building $JAR"
  $MVN -q -DskipTests package > /dev/null || { echo "build failed: $MVN -DskipTests package" >&2; exit 2; }
fi
[ -f "$JAR" ] || { echo "missing $JAR" >&2; exit 2; }

port_busy() # proto port
{
  ss -Hln"${1:0:1}" 2> /dev/null | awk -v p=":$2" '$4 ~ p"$" {f=1} END {exit !f}'
}
for p in "udp $SINK_PORT" "udp $KAM_SIP" "tcp $KAM_HTTP" "tcp $KAM_CTL" "udp $AGENT_SIP" "tcp $AGENT_HTTP" \
  "tcp $AGENT_CTL"; do
  # shellcheck disable=SC2086
  if port_busy $p; then echo "port $p on 127.0.0.1 is in use: set BENCH_PORT_BASE" >&2; exit 2; fi
done

OUT=${BENCH_OUT:-$(mktemp -d /tmp/pua-bench-compare.XXXXXX)}
mkdir -p "$OUT/runs"
RUNS_TSV=$OUT/runs.tsv
HZ=$(getconf CLK_TCK)
NCPU=$(nproc)

# --- processes, stopped by PID on exit ------------------------------------------------------------------------
SIPP=""; KAM=""; KAM_PIDS=""; AGENT=""; BENCH=""
stop_pid() # pid...: TERM, wait up to 10 s, then KILL
{
  local p
  for p in "$@"; do kill "$p" 2> /dev/null; done
  for p in "$@"; do
    for _ in $(seq 50); do kill -0 "$p" 2> /dev/null || break; sleep 0.2; done
    kill -9 "$p" 2> /dev/null
  done
}
stop_all()
{
  [ -n "$BENCH" ] && stop_pid "$BENCH"
  [ -n "$AGENT" ] && stop_pid "$AGENT"
  [ -n "$KAM" ] && stop_pid "$KAM"
  # shellcheck disable=SC2086
  [ -n "$KAM_PIDS" ] && stop_pid $KAM_PIDS
  [ -n "$SIPP" ] && stop_pid "$SIPP"
  wait 2> /dev/null
}
trap stop_all EXIT
trap 'exit 130' INT TERM

wait_tcp() { for _ in $(seq 150); do (echo > "/dev/tcp/127.0.0.1/$1") 2> /dev/null && return 0; sleep 0.1; done; return 1; }
wait_udp() { for _ in $(seq 150); do port_busy udp "$1" && return 0; sleep 0.1; done; return 1; }

# shellcheck disable=SC2086
sipp -sf interop/sipp/publish_sink.xml -i 127.0.0.1 -p "$SINK_PORT" -t u1 -buff_size 4194304 $SIPP_OPTS -nostdin -bg \
  -trace_err -error_file "$OUT/sipp_errors.log" > "$OUT/sipp.out" 2>&1
SIPP=$(grep -o 'PID=\[[0-9]*\]' "$OUT/sipp.out" | tr -dc 0-9)
[ -n "$SIPP" ] && wait_udp "$SINK_PORT" || { echo "sipp did not start:"; cat "$OUT/sipp.out"; exit 1; } >&2

KAM_BINRPC="not checked"
if has kamailio "$SYSTEMS"; then
  KD=$OUT/kamailio
  mkdir -p "$KD"
  cp -r /usr/share/kamailio/dbtext/kamailio "$KD/db"
  sed "s#@DIR@#$KD#g; s#@HTTP@#$KAM_HTTP#g; s#@CTL@#$KAM_CTL#g; s#@SIP@#$KAM_SIP#g; \
    s#@PROXY@#sip:127.0.0.1:$SINK_PORT#g; s#@CHILDREN@#$KAM_CHILDREN#g" interop/kamailio/pua-rpc.cfg > "$KD/kamailio.cfg"
  # -DD: the main process stays in the foreground (children are forked as usual), so $! is it
  kamailio -DD -f "$KD/kamailio.cfg" -P "$KD/kamailio.pid" -m "$KAM_SHM" -M "$KAM_PKG" > "$KD/kamailio.log" 2>&1 &
  KAM=$!
  wait_tcp "$KAM_HTTP" && wait_tcp "$KAM_CTL" || { echo "Kamailio did not start:"; tail -20 "$KD/kamailio.log"; exit 1; } >&2
  sleep 1
  KAM_PIDS="$KAM $(ps -o pid= --ppid "$KAM" | tr -s ' \n' ' ')"
  PIDF='<?xml version="1.0" encoding="UTF-8"?><presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:user0@127.0.0.1"><tuple id="t1"><status><basic>open</basic></status></tuple></presence>'
  KAM_BINRPC=$(timeout 20 kamcmd -s "tcp:127.0.0.1:$KAM_CTL" pua.publish sip:user0@127.0.0.1 3600 presence \
    application/pidf+xml . . . . "$PIDF" 2>&1 | head -3 | tr '\n' ' ')
  echo "Kamailio pid $KAM ($(echo "$KAM_PIDS" | wc -w) processes), children=$KAM_CHILDREN -m $KAM_SHM -M $KAM_PKG"
  echo "Kamailio pua.publish over binrpc (kamcmd): $KAM_BINRPC"
fi
if has agent "$SYSTEMS"; then
  AGENT_JFR=()
  [ "$PROFILE" = 1 ] && AGENT_JFR=("-XX:StartFlightRecording=duration=1s,settings=$PWD/bench/jfr-samples.jfc,filename=$OUT/agent-start.jfr")
  # shellcheck disable=SC2086
  java $AGENT_JAVA_OPTS "${AGENT_JFR[@]}" -jar $JAR --outbound-proxy "sip:127.0.0.1:$SINK_PORT" --sip-listen "udp:127.0.0.1:$AGENT_SIP" \
    --binrpc "tcp:127.0.0.1:$AGENT_CTL" --jsonrpc-http "127.0.0.1:$AGENT_HTTP" --jsonrpc-fifo off --mi-fifo off \
    ${AGENT_ARGS:-} > "$OUT/agent.log" 2>&1 &
  AGENT=$!
  wait_tcp "$AGENT_HTTP" && wait_tcp "$AGENT_CTL" || { echo "the agent did not start:"; tail -20 "$OUT/agent.log"; exit 1; } >&2
  echo "agent pid $AGENT ($AGENT_JAVA_OPTS${AGENT_ARGS:+; $AGENT_ARGS})"
fi
echo "sipp pid $SIPP; output in $OUT"

# --- measuring ------------------------------------------------------------------------------------------------
# utime and stime of /proc/<pid>/stat or /proc/<pid>/task/<tid>/stat (fields 14, 15), read after the ")" that ends
# the command name, which may hold spaces ("XNIO-1 I/O-1", "C2 CompilerThread0")
cpu_fields() { awk -v OFS='\t' '{sub(/^.*\) /, ""); print $12, $13}' "$1" 2> /dev/null; }
ticks()
{
  local s=0 p u k
  for p in "$@"; do read -r u k <<< "$(cpu_fields "/proc/$p/stat")"; s=$((s + ${u:-0} + ${k:-0})); done
  echo $s
}
# the machine's CPU ticks: "user kernel idle steal" (user+nice, system+irq+softirq, idle+iowait, steal: time the
# hypervisor gave our CPUs to others)
cpu_split() { awk '/^cpu /{print $2+$3, $4+$7+$8, $5+$6, $9}' /proc/stat; }
load1() { cut -d' ' -f1 /proc/loadavg; }
json_num() { grep -o "\"$1\":[-0-9.]*" "$2" | head -1 | cut -d: -f2; }
json_sum() { grep -o "\"$1\":{[^}]*}" "$2" | head -1 | grep -o ':[0-9]*' | tr -d : | awk '{s+=$1} END {print s+0}'; }
target_of() # system transport
{
  case "$1-$2" in
    kamailio-http) echo "http://127.0.0.1:$KAM_HTTP/RPC" ;;
    agent-http) echo "http://127.0.0.1:$AGENT_HTTP/RPC" ;;
    agent-binrpc) echo "binrpc-tcp:127.0.0.1:$AGENT_CTL" ;;
  esac
}
pids_of() { if [ "$1" = kamailio ]; then echo "$KAM_PIDS"; else echo "$AGENT"; fi; }

# run_one SYSTEM TRANSPORT CONCURRENCY REP [jfr-file]: one bench run, one line in runs.tsv
run_one()
{
  local system=$1 transport=$2 c=$3 rep=$4 jfr=${5:-}
  local name="$system-$transport-c$c-r$rep" target pids
  target=$(target_of "$system" "$transport")
  pids=$(pids_of "$system")
  # shellcheck disable=SC2086
  java $BENCH_JAVA_OPTS -jar $JAR bench --target "$target" --concurrency "$c" --warmup "$WARMUP" \
    --duration "$DURATION" --presentities "$PRESENTITIES" --body-bytes "$BODY_BYTES" \
    > "$OUT/runs/$name.json" 2> "$OUT/runs/$name.err" &
  BENCH=$!
  local recorder=""
  if [ -n "$jfr" ]; then # started with the warm-up, so that its own start-up cost falls there
    jcmd "$AGENT" JFR.start name=bench "settings=$PWD/bench/jfr-samples.jfc" "duration=$((WARMUP + DURATION))s" "filename=$jfr" \
      > /dev/null 2>&1 &
    recorder=$!
  fi
  # CPU over the inside of the measured window: from 1 s after the warm-up to 2 s before its end
  sleep "$WARMUP"; sleep 1
  local t0 t1 a0 a1 s0 s1 b0 b1 u0 u1 k0 k1 i0 i1 st0 st1 l0
  l0=$(load1)
  t0=$(date +%s.%N); a0=$(ticks $pids); s0=$(ticks "$SIPP"); b0=$(ticks "$BENCH"); read -r u0 k0 i0 st0 <<< "$(cpu_split)"
  [ -n "$jfr" ] && { task_ticks > "$OUT/runs/$name.threads0"; echo "$u0 $k0 $i0 $st0" > "$OUT/runs/$name.cpu0"; }
  sleep $((DURATION - 3))
  t1=$(date +%s.%N); a1=$(ticks $pids); s1=$(ticks "$SIPP"); b1=$(ticks "$BENCH"); read -r u1 k1 i1 st1 <<< "$(cpu_split)"
  [ -n "$jfr" ] && { task_ticks > "$OUT/runs/$name.threads1"; echo "$u1 $k1 $i1 $st1" > "$OUT/runs/$name.cpu1"; }
  local deadline=$((SECONDS + DURATION + 60)) rc
  while kill -0 "$BENCH" 2> /dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
  kill -0 "$BENCH" 2> /dev/null && { echo "bench $name did not end: stopping it" >&2; stop_pid "$BENCH"; }
  wait "$BENCH"; rc=$?
  BENCH=""
  [ -n "$recorder" ] && wait "$recorder"
  local f=$OUT/runs/$name.json rps p50 p99 p999 max req ok faults terr
  rps=$(json_num throughput_rps "$f"); p50=$(json_num p50 "$f"); p99=$(json_num p99 "$f")
  p999=$(json_num p99_9 "$f"); max=$(json_num max "$f"); req=$(json_num requests "$f"); ok=$(json_num ok "$f")
  faults=$(json_sum faults "$f"); terr=$(json_sum transport_errors "$f")
  [ -n "$rps" ] || { rps=0; p50=0; p99=0; p999=0; max=0; req=0; ok=0; echo "bench $name gave no summary:" \
    "$(tail -3 "$OUT/runs/$name.err")" >&2; }
  awk -v OFS='\t' -v sy="$system" -v tr="$transport" -v c="$c" -v rep="$rep" -v rps="$rps" -v p50="$p50" \
    -v p99="$p99" -v p999="$p999" -v max="$max" -v req="$req" -v ok="$ok" -v fa="$faults" -v te="$terr" \
    -v a=$((a1 - a0)) -v s=$((s1 - s0)) -v b=$((b1 - b0)) -v m=$((u1 + k1 - u0 - k0)) -v i=$((i1 - i0)) -v st=$((st1 - st0)) -v hz="$HZ" \
    -v t0="$t0" -v t1="$t1" -v ncpu="$NCPU" -v l0="$l0" -v l1="$(load1)" -v rc="$rc" \
    'BEGIN{dt=t1-t0; pa=100*a/hz/dt; ps=100*s/hz/dt; pb=100*b/hz/dt; busy=100*ncpu*m/(m+i+st); steal=100*ncpu*st/(m+i+st);
      o=busy-pa-ps-pb; if (o<0) o=0;
      printf "%s\t%s\t%d\t%d\t%.1f\t%.3f\t%.3f\t%d\t%d\t%d\t%d\t%.0f\t%.0f\t%.0f\t%.0f\t%.2f\t%d\t%.3f\t%.3f\t%.0f\n",
        sy, tr, c, rep, rps, p50, p99, req, ok, fa, te, pa, ps, pb, o, (l0+l1)/2, rc, p999, max, steal}' \
    >> "${RUNS_TSV_OF:-$RUNS_TSV}"
  tail -1 "${RUNS_TSV_OF:-$RUNS_TSV}" | awk -F'\t' '{printf "  %-8s %-6s c=%-3d rep %d: %8.0f req/s  p50 %.3f p99 %.3f ms  lost %d (faults %d)  CPU %%: server %s sipp %s bench %s other %s steal %s  load %s\n",
    $1, $2, $3, $4, $5, $6, $7, $8-$9, $10, $12, $13, $14, $15, $20, $16}'
}
# per-thread figures of the agent, sipp and the load generator, one line per thread: process, tid, user ticks,
# kernel ticks, ns on a CPU and ns runnable but waiting for one (/proc/.../schedstat; 0 where the kernel has none),
# voluntary switches (sleeps), involuntary switches (preemptions), thread name
task_ticks()
{
  local label p t sched
  for label in agent sipp bench; do
    case $label in agent) p=$AGENT ;; sipp) p=$SIPP ;; bench) p=$BENCH ;; esac
    [ -n "$p" ] || continue
    for t in /proc/"$p"/task/*; do
      read -r sched < "$t/schedstat" 2> /dev/null || sched="0 0 0"
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "${t##*/}" "$(cpu_fields "$t/stat")" \
        "$(echo "$sched" | awk -v OFS='\t' '{print $1, $2}')" \
        "$(awk -v OFS='\t' '/^voluntary_ctxt_switches/ {v = $2} /^nonvoluntary_ctxt_switches/ {n = $2} END {print v, n}' \
          "$t/status" 2> /dev/null)" "$(cat "$t/comm" 2> /dev/null)"
    done
  done
}

printf 'system\ttransport\tconcurrency\trep\trps\tp50_ms\tp99_ms\trequests\tok\tfaults\ttransport_errors\tcpu_server\tcpu_sipp\tcpu_bench\tcpu_other\tload1\texit\tp999_ms\tmax_ms\tcpu_steal\n' > "$RUNS_TSV"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
STARTED=$(date -u '+%Y-%m-%d %H:%M UTC')
if [ "$PRIME" -gt 0 ]; then
  echo "priming: $PRIME s at 16 clients per system and transport, not recorded"
  for transport in $TRANSPORTS; do
    for system in $SYSTEMS; do
      [ "$system-$transport" = kamailio-binrpc ] && continue
      # shellcheck disable=SC2086
      java $BENCH_JAVA_OPTS -jar $JAR bench --target "$(target_of "$system" "$transport")" --concurrency 16 \
        --duration "$PRIME" --presentities "$PRESENTITIES" --body-bytes "$BODY_BYTES" \
        > "$OUT/prime-$system-$transport.json" 2> "$OUT/prime-$system-$transport.err" &
      BENCH=$!
      wait "$BENCH"
      BENCH=""
    done
  done
  LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
fi
echo "load average at start: $LOAD_START; $REPS repetition(s), ${WARMUP} s warm-up + ${DURATION} s measured per run"
for rep in $(seq "$REPS"); do
  for c in $CONCURRENCIES; do
    for transport in $TRANSPORTS; do
      for system in $SYSTEMS; do
        [ "$system-$transport" = kamailio-binrpc ] && continue
        run_one "$system" "$transport" "$c" "$rep"
        sleep 1
      done
    done
  done
done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
echo "load average at end: $LOAD_END"

# --- the table, and the results part of BENCHMARKS.md (bench/compare-report.sh) --------------------------------
{
  for v in STARTED LOAD_START LOAD_END KAM_BINRPC COMMAND REPS WARMUP DURATION PRIME PRESENTITIES BODY_BYTES \
    CONCURRENCIES TRANSPORTS KAM_CHILDREN KAM_SHM KAM_PKG AGENT_JAVA_OPTS BENCH_JAVA_OPTS; do
    printf '%s=%q\n' "$v" "${!v}"
  done
  printf 'NCPU=%q\nCPU_MODEL=%q\nKERNEL=%q\nJAVA_VERSION=%q\nKAM_VERSION=%q\n' "$NCPU" \
    "$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)" "$(uname -r)" "$(java -version 2>&1 | head -1)" \
    "$(command -v kamailio > /dev/null && kamailio -v 2>&1 | head -1 | sed 's/ *$//')"
} > "$OUT/meta.env"
echo
BENCH_WRITE=$WRITE bash bench/compare-report.sh "$OUT"

# --- profile of the agent ---------------------------------------------------------------------------------------
if [ "$PROFILE" = 1 ] && has agent "$SYSTEMS"; then
  RUNS_TSV_OF=$OUT/profile-runs.tsv
  for transport in $TRANSPORTS; do
    name=agent-$transport-c$PROFILE_CONCURRENCY-rprofile
    echo
    echo "profile: agent over $transport, $PROFILE_CONCURRENCY clients, JFR execution samples + per-thread CPU and waits"
    run_one agent "$transport" "$PROFILE_CONCURRENCY" profile "$OUT/$name.jfr"
    sleep 1
    read -r u0 k0 i0 st0 < "$OUT/runs/$name.cpu0"; read -r u1 k1 i1 st1 < "$OUT/runs/$name.cpu1"
    awk -v u=$((u1 - u0)) -v k=$((k1 - k0)) -v i=$((i1 - i0)) -v st=$((st1 - st0)) -v ncpu="$NCPU" \
      'BEGIN {t = (u + k + i + st) / ncpu / 100; printf "  whole machine, %% of one core (%d cores): user %.0f, kernel %.0f," \
        " idle %.0f, steal %.0f\n", ncpu, u / t, k / t, i / t, st / t}'
    rps=$(tail -1 "$RUNS_TSV_OF" | cut -f5)
    echo "  threads of the agent, sipp and the load generator: % of one core on a CPU (user + kernel), % of one core"
    echo "  runnable but waiting for a CPU, then per request: CPU µs (user + kernel) and sleeps"
    awk -F'\t' -v hz="$HZ" -v dt=$((DURATION - 3)) -v rps="$rps" 'NR == FNR {k = $1 " " $2; u[k] = $3; s[k] = $4;
        r[k] = $5; w[k] = $6; v[k] = $7; next}
      {k = $1 " " $2; du = ($3 - u[k]) / hz; ds = ($4 - s[k]) / hz; if (du + ds <= 0) next
        printf "%6.1f = %5.1f + %5.1f  wait %5.1f  %6.2f = %5.2f + %5.2f µs  %5.2f sleeps  %s %s\n",
          100 * (du + ds) / dt, 100 * du / dt, 100 * ds / dt, 100 * ($6 - w[k]) / 1e9 / dt,
          1e6 * (du + ds) / dt / rps, 1e6 * du / dt / rps, 1e6 * ds / dt / rps, ($7 - v[k]) / dt / rps, $1, $9}' \
      "$OUT/runs/$name.threads0" "$OUT/runs/$name.threads1" \
      | sort -rn | head -14 | sed 's/^/    /'
    for _ in $(seq 50); do [ -s "$OUT/$name.jfr" ] && break; sleep 0.2; done
    if [ -f "$OUT/$name.jfr" ]; then
      jfr print --events jdk.ExecutionSample --stack-depth 12 "$OUT/$name.jfr" > "$OUT/$name.samples.txt"
      awk -f bench/jfr-top.awk "$OUT/$name.samples.txt" | sed 's/^/  /'
    else
      echo "  (no JFR recording: jcmd failed)"
    fi
  done
fi
