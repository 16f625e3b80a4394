#!/bin/bash
# Throughput of final-reply pua.publish against sipp as the presence server (see agent/BENCH-NOTES.md).
#
# Starts sipp (interop/sipp/publish_sink.xml: 200 OK with SIP-ETag to every PUBLISH) and the agent with
# --outbound-proxy to it, then runs the built-in load generator (java -jar pua-agent.jar bench) over binrpc TCP
# and over JSON-RPC HTTP, RUNS times each, and prints per run the bench's JSON summary plus the CPU used by the
# agent, sipp, the load generator and everything else on the machine during the measured window.
# Stops exactly the processes it started (by PID). Run from the repository root after
# `mvn -B -ntp -DskipTests package`.
#
# Environment: AGENT_JAVA_OPTS (default "-Xms1g -Xmx1g -XX:+UseG1GC"), BENCH_JAVA_OPTS, RUNS (2),
# CONCURRENCY (16), WARMUP (5), DURATION (20), OUT (a new temporary directory).
set -u
JAR=agent/target/pua-agent.jar
AGENT_JAVA_OPTS=${AGENT_JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseG1GC}
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:--Xms256m -Xmx256m -XX:+UseParallelGC}
RUNS=${RUNS:-2}; CONCURRENCY=${CONCURRENCY:-16}; WARMUP=${WARMUP:-5}; DURATION=${DURATION:-20}
OUT=${OUT:-$(mktemp -d -t pua-bench.XXXXXX)}
mkdir -p "$OUT"
SIP_PORT=5090; BINRPC=127.0.0.1:2049; HTTP=127.0.0.1:5080
[ -f "$JAR" ] || { echo "build first: mvn -B -ntp -DskipTests package" >&2; exit 2; }
command -v sipp > /dev/null || { echo "sipp is not installed (Debian: sip-tester)" >&2; exit 2; }
HZ=$(getconf CLK_TCK)
ticks() { awk '{print $14+$15}' "/proc/$1/stat" 2> /dev/null || echo 0; }
machine() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9, $5+$6}' /proc/stat; }

sipp -sf interop/sipp/publish_sink.xml -i 127.0.0.1 -p $SIP_PORT -t u1 -buff_size 4194304 -nostdin -bg \
  -trace_err -error_file "$OUT/sipp_errors.log" > "$OUT/sipp.out" 2>&1
SIPP=$(grep -o 'PID=\[[0-9]*\]' "$OUT/sipp.out" | tr -dc 0-9)
[ -n "$SIPP" ] || { echo "sipp did not start:"; cat "$OUT/sipp.out"; exit 1; } >&2
# shellcheck disable=SC2086
java $AGENT_JAVA_OPTS -jar $JAR --outbound-proxy sip:127.0.0.1:$SIP_PORT --binrpc tcp:$BINRPC \
  --jsonrpc-http $HTTP --jsonrpc-fifo off --mi-fifo off > "$OUT/agent.out" 2>&1 &
AGENT=$!
stop() # the agent and sipp started above, by PID; waits (at most 10 s) until sipp is gone
{
  kill "$AGENT" 2> /dev/null; wait "$AGENT" 2> /dev/null
  kill "$SIPP" 2> /dev/null
  for _ in $(seq 50); do kill -0 "$SIPP" 2> /dev/null || break; sleep 0.2; done
}
trap stop EXIT
for _ in $(seq 100); do grep -q "JSON-RPC over HTTP" "$OUT/agent.out" && break; sleep 0.2; done
echo "sipp pid $SIPP, agent pid $AGENT ($AGENT_JAVA_OPTS), output in $OUT"
for target in binrpc-tcp:$BINRPC http://$HTTP/RPC; do
  for run in $(seq "$RUNS"); do
    name=$(echo "$target" | cut -d: -f1 | tr -d /)-$run
    # shellcheck disable=SC2086
    java $BENCH_JAVA_OPTS -jar $JAR bench --target "$target" --concurrency "$CONCURRENCY" \
      --warmup "$WARMUP" --duration "$DURATION" > "$OUT/$name.json" 2> "$OUT/$name.err" &
    BENCH=$!
    # CPU over the inside of the measured window: from 0.5 s after the warm-up to 2.5 s before the end
    sleep "$(echo "$WARMUP + 0.5" | bc)"
    t0=$(date +%s.%N); a0=$(ticks $AGENT); s0=$(ticks $SIPP); b0=$(ticks $BENCH); read -r m0 i0 <<< "$(machine)"
    sleep "$(echo "$DURATION - 3" | bc)"
    t1=$(date +%s.%N); a1=$(ticks $AGENT); s1=$(ticks $SIPP); b1=$(ticks $BENCH); read -r m1 i1 <<< "$(machine)"
    wait $BENCH
    tp=$(grep -o '"throughput_rps":[0-9.]*' "$OUT/$name.json" | cut -d: -f2)
    cat "$OUT/$name.json"
    awk -v n="$name" -v tp="$tp" -v a=$((a1 - a0)) -v s=$((s1 - s0)) -v b=$((b1 - b0)) -v m=$((m1 - m0)) \
      -v i=$((i1 - i0)) -v hz="$HZ" -v t0="$t0" -v t1="$t1" -v ncpu="$(nproc)" \
      'BEGIN{dt=t1-t0; r=tp*dt; busy=100*ncpu*m/(m+i);
        printf "%s: %.0f req/s; CPU %% of one core: agent %.0f, sipp %.0f, bench %.0f, others %.0f; CPU us per request: agent %.1f, sipp %.1f, bench %.1f\n",
        n, tp, 100*a/hz/dt, 100*s/hz/dt, 100*b/hz/dt, busy-100*(a+s+b)/hz/dt, 1e6*a/hz/r, 1e6*s/hz/r, 1e6*b/hz/r}'
  done
done
