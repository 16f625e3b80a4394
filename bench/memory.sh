#!/usr/bin/env bash
# make bench-memory: heap per active publication of the agent with 100,000 and 1,000,000 publications held and
# refreshing. Starts sipp as the presence server (interop/sipp/publish_sink_expires.xml: 200 OK, SIP-ETag and a
# short Expires, so the agent refreshes every publication), then for each count runs
# org.puaagent.agent.memory.PublicationMemory (the agent's pipeline alone, in its own JVM), which publishes the
# distinct presentities at a bounded rate, waits until every publication was refreshed, and compares the live
# heap and class histogram with the baseline. Installs sip-tester when missing (as root). Everything on
# 127.0.0.1; sipp is stopped by its PID on exit. After the default counts it refreshes BENCHMARKS.md.
#
# Environment (defaults in brackets): BENCH_MEMORY_COUNTS ["100000 1000000"], BENCH_MEMORY_EXPIRES granted by
# the server [120], BENCH_MEMORY_RATE [20000], BENCH_MEMORY_JAVA_OPTS [-Xms4g -Xmx4g -XX:+UseG1GC],
# BENCH_MEMORY_TIME_LIMIT per count [900], BENCH_PORT_BASE [25000], BENCH_WRITE [1 for the default counts],
# MVN [mvn -B -ntp], BENCH_BUILD [1]
set -uo pipefail
cd "$(dirname "$0")/.."
JAR=agent/target/pua-agent.jar
COUNTS=${BENCH_MEMORY_COUNTS:-100000 1000000}
EXPIRES=${BENCH_MEMORY_EXPIRES:-120}
RATE=${BENCH_MEMORY_RATE:-20000}
JAVA_OPTS=${BENCH_MEMORY_JAVA_OPTS:--Xms4g -Xmx4g -XX:+UseG1GC}
TIME_LIMIT=${BENCH_MEMORY_TIME_LIMIT:-900}
PORT_BASE=${BENCH_PORT_BASE:-25000}
MVN=${MVN:-mvn -B -ntp}
if [ -z "${BENCH_MEMORY_COUNTS:-}" ]; then WRITE=${BENCH_WRITE:-1}; else WRITE=${BENCH_WRITE:-0}; fi
SINK_PORT=$((PORT_BASE + 91)); SIP_PORT=$((PORT_BASE + 63))

if ! command -v sipp > /dev/null; then
  if [ "$(id -u)" -ne 0 ]; then echo "bench-memory needs sip-tester (run as root to install it)" >&2; exit 2; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends sip-tester > /dev/null \
    || { echo "apt-get install sip-tester failed" >&2; exit 2; }
fi
if [ "${BENCH_BUILD:-1}" = 1 ]; then
  $MVN -q -DskipTests package > /dev/null || { echo "build failed: $MVN -DskipTests package" >&2; exit 2; }
fi
[ -f "$JAR" ] || { echo "missing $JAR" >&2; exit 2; }
for p in $SINK_PORT $SIP_PORT; do
  if ss -Hlnu 2> /dev/null | awk -v p=":$p" '$4 ~ p"$" {f=1} END {exit !f}'; then
    echo "udp port $p on 127.0.0.1 is in use: set BENCH_PORT_BASE" >&2; exit 2
  fi
done

OUT=$(mktemp -d /tmp/pua-bench-memory.XXXXXX)
SIPP=""
JAVA=""
stop()
{
  local p
  for p in $JAVA $SIPP; do
    kill "$p" 2> /dev/null
    for _ in $(seq 50); do kill -0 "$p" 2> /dev/null || break; sleep 0.2; done
    kill -9 "$p" 2> /dev/null
  done
}
trap stop EXIT
trap 'exit 130' INT TERM
sipp -sf interop/sipp/publish_sink_expires.xml -key expires "$EXPIRES" -i 127.0.0.1 -p "$SINK_PORT" -t u1 \
  -buff_size 8388608 -nostdin -bg -trace_err -error_file "$OUT/sipp_errors.log" > "$OUT/sipp.out" 2>&1
SIPP=$(grep -o 'PID=\[[0-9]*\]' "$OUT/sipp.out" | tr -dc 0-9)
[ -n "$SIPP" ] || { echo "sipp did not start:"; cat "$OUT/sipp.out"; exit 1; } >&2
echo "sipp pid $SIPP grants Expires $EXPIRES; output in $OUT"

STARTED=$(date -u '+%Y-%m-%d %H:%M UTC')
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
status=0
for n in $COUNTS; do
  echo "== $n publications"
  # shellcheck disable=SC2086
  java $JAVA_OPTS -cp "$JAR" org.puaagent.agent.memory.PublicationMemory --publications "$n" \
    --outbound-proxy "sip:127.0.0.1:$SINK_PORT" --sip-listen "udp:127.0.0.1:$SIP_PORT" --rate "$RATE" \
    --time-limit "$TIME_LIMIT" > "$OUT/memory-$n.md" 2> >(tee "$OUT/memory-$n.err" >&2) &
  JAVA=$!
  wait "$JAVA" || status=1
  JAVA=""
  cat "$OUT/memory-$n.md"
done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

COMMAND="make bench-memory"
for v in BENCH_MEMORY_COUNTS BENCH_MEMORY_EXPIRES BENCH_MEMORY_RATE BENCH_MEMORY_JAVA_OPTS; do
  [ -n "${!v:-}" ] && COMMAND="$v=\"${!v}\" $COMMAND"
done
{
  echo "Run of $STARTED: \`$COMMAND\` (sipp grants Expires $EXPIRES, so every publication is refreshed about every"
  echo "$((EXPIRES - EXPIRES / 10)) s; new publications at most $RATE/s, 2000 in flight; the JVM: \`java $JAVA_OPTS\`)."
  echo "Machine: $(nproc) CPUs ($(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)), kernel $(uname -r);"
  echo "$(java -version 2>&1 | head -1); load average at start $LOAD_START, at end $LOAD_END."
  echo
  for n in $COUNTS; do cat "$OUT/memory-$n.md"; echo; done
} > "$OUT/results.md"
if [ "$WRITE" = 1 ] && [ "$status" = 0 ]; then
  bash bench/write-results.sh BENCHMARKS.md bench-memory "$OUT/results.md" && echo "results written into BENCHMARKS.md"
fi
exit $status
