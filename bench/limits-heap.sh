#!/usr/bin/env bash
# The heap each byte limit costs when it is reached: starts a fresh agent as `make run` does (-Xms1g -Xmx1g
# -XX:+UseG1GC, default limits), fills one store to its limit, and compares the live heap (jcmd
# GC.class_histogram, which runs a full GC first) with the one before, and with what the agent accounted (its
# byte gauges). One part at a time, each with its own agent; everything on 127.0.0.1; every process started is
# stopped by its PID. Prints a markdown table per part (docs/limits.md holds a run's results).
#
# Parts (LIMITS_PARTS, default all): publications (sipp answers every PUBLISH; the load generator publishes
# distinct presentities until the 503s), commands (sipp never answers; batches of publishes wait for Timer F),
# subscriptions (a second agent's embedded presence server is the notifier; batches of pua.subscribe of
# distinct presentities), events (100 subscriptions; the notifier's publications of 8 KB bodies make NOTIFYs;
# an SSE client reads them all, so the JSON and SSE forms of each are built).
# Environment: LIMITS_PARTS, LIMITS_PORT_BASE [18680; ports base..base+9, base-6000.., base-3000..], JAR.
set -uo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-agent/target/pua-agent.jar}
PARTS=${LIMITS_PARTS:-publications commands subscriptions events}
BASE=${LIMITS_PORT_BASE:-18680}
HTTP=$BASE; CTL=$((BASE - 6000)); SIP=$((BASE - 3000)); SINK=$((SIP + 1)); NOTIFIER=$((SIP + 2))
NOTIFIER_HTTP=$((BASE + 1)); NOTIFIER_SIP=$((SIP + 3))
JAVA_OPTS="-Xms1g -Xmx1g -XX:+UseG1GC"
[ -f "$JAR" ] || { echo "missing $JAR (mvn -DskipTests verify -pl agent -am)" >&2; exit 2; }
OUT=$(mktemp -d /tmp/pua-limits-heap.XXXXXX)
PIDS=()
stop_all() { for p in "${PIDS[@]}"; do kill "$p" 2> /dev/null; done; sleep 1;
  for p in "${PIDS[@]}"; do kill -9 "$p" 2> /dev/null; done; PIDS=(); }
trap stop_all EXIT
wait_tcp() { for _ in $(seq 1 200); do (echo > "/dev/tcp/127.0.0.1/$1") 2> /dev/null && return 0; sleep 0.1; done; return 1; }

# live heap in bytes after a full GC, and the histogram kept in FILE
live() { jcmd "$1" GC.class_histogram > "$2" 2>&1; awk '/^Total/ {print $3}' "$2"; }
# the classes that grew most between two histograms
grown() {
  awk 'FNR == NR && $1 ~ /^[0-9]+:$/ {b[$4] = $3; next} $1 ~ /^[0-9]+:$/ {d = $3 - b[$4]; if (d > 0) print d, $2, $4}' \
    "$1" "$2" | sort -rn | head -"${3:-8}"
}
stat() { curl -s -m 20 -d '{"jsonrpc":"2.0","method":"agent.stats","id":1}' "http://127.0.0.1:$1/RPC" \
  | tr -d '\t ' | awk -F'[":,]+' -v k="$2" '$2 == k {print $3}'; }
agent() { # NAME [options]: the measured agent
  local name=$1; shift
  # shellcheck disable=SC2086
  java $JAVA_OPTS -jar "$JAR" --binrpc "tcp:127.0.0.1:$CTL" --jsonrpc-http "127.0.0.1:$HTTP" --jsonrpc-fifo off \
    --mi-fifo off --sip-listen "udp:127.0.0.1:$SIP" "$@" > "$OUT/$name.log" 2>&1 &
  AGENT=$!; PIDS+=("$AGENT"); wait_tcp "$HTTP" || { echo "agent $name did not start" >&2; cat "$OUT/$name.log" >&2; exit 1; }
  sleep 2
}
sink() { # SCENARIO
  sipp -sf "interop/sipp/$1" -i 127.0.0.1 -p "$SINK" -t u1 -nostdin -timeout 600 -buff_size 8388608 \
    > "$OUT/sipp.out" 2>&1 &
  PIDS+=("$!"); sleep 1
}
notifier() { # a second agent whose embedded presence server notifies the measured one
  java -Xmx1g -jar "$JAR" --binrpc off --jsonrpc-http "127.0.0.1:$NOTIFIER_HTTP" --jsonrpc-fifo off --mi-fifo off \
    --sip-listen "udp:127.0.0.1:$NOTIFIER_SIP" --presence-listen "udp:127.0.0.1:$NOTIFIER" > "$OUT/notifier.log" 2>&1 &
  PIDS+=("$!"); wait_tcp "$NOTIFIER_HTTP" || { echo "notifier did not start" >&2; exit 1; }
}
# batch FILE FIRST COUNT METHOD USER BODY-BYTES: a JSON-RPC batch (awk; PIDF bodies with a note)
batch() {
  awk -v first="$2" -v n="$3" -v method="$4" -v user="$5" -v size="$6" -v port="$NOTIFIER" 'BEGIN {
    note = sprintf("%*s", size, ""); gsub(/ /, "n", note); printf "[";
    for (i = first; i < first + n; i++) {
      u = "sip:" user i "@127.0.0.1";
      if (method == "pua.subscribe") params = "\"sip:" user i "@127.0.0.1:" port "\",\"sip:watcher@127.0.0.1\",\"presence\",\"3600\"";
      else params = "\"" u "\",\"3600\",\"presence\",\".\",\".\",\".\",\".\",\".\",\"<presence xmlns=\\\"urn:ietf:params:xml:ns:pidf\\\" entity=\\\"" u "\\\"><tuple id=\\\"t1\\\"><status><basic>open</basic></status><note>" note "</note></tuple></presence>\"";
      printf "%s{\"jsonrpc\":\"2.0\",\"method\":\"%s\",\"params\":[%s],\"id\":%d}", (i > first ? "," : ""), method, params, i;
    }
    printf "]" }' > "$1"
}
post() { curl -s -m 60 -H 'Content-Type: application/json' --data-binary "@$2" "http://127.0.0.1:$1/RPC"; }
report() { # PART HELD-COUNT ACCOUNTED-BYTES BEFORE AFTER BEFORE-FILE AFTER-FILE
  local growth=$(($5 - $4))
  echo "#### $1"
  echo
  echo "- held at the limit: $2; accounted by the agent: $3 bytes ($(($3 / ($2 > 0 ? $2 : 1))) per record)"
  echo "- live heap: $(($4 / 1048576)) MiB before, $(($5 / 1048576)) MiB at the limit: +$((growth / 1048576)) MiB" \
    "($((growth / ($2 > 0 ? $2 : 1))) bytes per record measured; accounted / measured = $((100 * $3 / (growth > 0 ? growth : 1))) %)"
  echo "- classes that grew most (bytes, instances):"
  grown "$6" "$7" | awk '{printf "  - `%s`: %d B, %d\n", $3, $1, $2}'
  echo
}

for part in $PARTS; do
  case $part in
    publications)
      sink publish_sink.xml
      agent pub --outbound-proxy "sip:127.0.0.1:$SINK"
      before=$(live "$AGENT" "$OUT/pub.before")
      java -Xmx256m -jar "$JAR" bench --target "http://127.0.0.1:$HTTP/RPC" --concurrency 32 --presentities 320000 \
        --requests 320000 --duration 120 --body-bytes 500 > "$OUT/pub.bench.json" 2> "$OUT/pub.bench.err"
      after=$(live "$AGENT" "$OUT/pub.after")
      report "publications (500-byte PIDF, --publications-bytes $(stat "$HTTP" publish.bytes_limit))" \
        "$(stat "$HTTP" pipeline.series)" "$(stat "$HTTP" publish.bytes)" "$before" "$after" "$OUT/pub.before" \
        "$OUT/pub.after"
      echo "- refused: $(stat "$HTTP" publish.outcome.limit_reached) publications (503 publication limit reached)"
      echo
      stop_all ;;
    commands)
      sink publish_silent.xml
      agent cmd --outbound-proxy "sip:127.0.0.1:$SINK"
      before=$(live "$AGENT" "$OUT/cmd.before")
      for b in $(seq 0 39); do batch "$OUT/cmd.$b.json" $((b * 1000)) 1000 pua.publish timeout 500;
        post "$HTTP" "$OUT/cmd.$b.json" > "$OUT/cmd.$b.reply" & PIDS+=("$!"); sleep 0.2; done
      sleep 3
      after=$(live "$AGENT" "$OUT/cmd.after")
      cmd_bytes=$(stat "$HTTP" commands.bytes); pub_bytes=$(stat "$HTTP" publish.bytes)
      report "pending commands (500-byte PIDF, unanswered, --command-queue-bytes $(stat "$HTTP" commands.bytes_limit); with their new publications)" \
        "$(stat "$HTTP" pipeline.pending_commands)" "$((cmd_bytes + pub_bytes))" "$before" "$after" "$OUT/cmd.before" \
        "$OUT/cmd.after"
      echo "- commands.bytes $cmd_bytes, publish.bytes $pub_bytes; refused at once: $(stat "$HTTP" commands.bytes_full)"
      echo
      stop_all ;;
    subscriptions)
      notifier
      agent sub --outbound-proxy "sip:127.0.0.1:$NOTIFIER"
      before=$(live "$AGENT" "$OUT/sub.before")
      for b in $(seq 0 69); do batch "$OUT/sub.$b.json" $((b * 1000)) 1000 pua.subscribe w 0; post "$HTTP" "$OUT/sub.$b.json" \
        | grep -q "subscription limit reached" && break; done
      sleep 2
      after=$(live "$AGENT" "$OUT/sub.after")
      sub=$(stat "$HTTP" subscribe.bytes); ans=$(stat "$HTTP" sip.requests.answers_bytes); res=$(stat "$HTTP" sip.resolver.bytes)
      hub=$(stat "$HTTP" hub.bytes)
      report "subscriptions (one NOTIFY each, --subscriptions-bytes $(stat "$HTTP" subscribe.bytes_limit); with the SIP answers, resolver cache and hub they fill)" \
        "$(stat "$HTTP" subscribe.subscriptions)" "$((sub + ans + res + hub))" "$before" "$after" "$OUT/sub.before" \
        "$OUT/sub.after"
      echo "- subscribe.bytes $sub, sip.requests.answers_bytes $ans, sip.resolver.bytes $res, hub.bytes $hub;" \
        "refused: $(stat "$HTTP" subscribe.outcome.limit_reached)"
      echo
      stop_all ;;
    events)
      notifier
      agent ev --outbound-proxy "sip:127.0.0.1:$NOTIFIER"
      batch "$OUT/ev.sub.json" 0 100 pua.subscribe e 0
      post "$HTTP" "$OUT/ev.sub.json" > /dev/null
      curl -s -N "http://127.0.0.1:$HTTP/events" > /dev/null & PIDS+=("$!")
      sleep 1
      before=$(live "$AGENT" "$OUT/ev.before")
      for b in $(seq 0 119); do batch "$OUT/ev.$b.json" 0 100 pua.publish e 8000; post "$NOTIFIER_HTTP" "$OUT/ev.$b.json" > /dev/null; done
      sleep 3
      after=$(live "$AGENT" "$OUT/ev.after")
      hub=$(stat "$HTTP" hub.bytes); sub=$(stat "$HTTP" subscribe.bytes); ans=$(stat "$HTTP" sip.requests.answers_bytes)
      report "notification buffer (8 KB NOTIFY bodies, read by an SSE client, --events-buffer-bytes $(stat "$HTTP" hub.bytes_limit))" \
        "$(stat "$HTTP" hub.kept)" \
        "$((hub + sub + ans))" "$before" "$after" "$OUT/ev.before" "$OUT/ev.after"
      echo "- hub.bytes $hub (released early: $(stat "$HTTP" hub.released_early) of $(stat "$HTTP" hub.sequence)), subscribe.bytes $sub, sip.requests.answers_bytes $ans"
      echo
      stop_all ;;
    *) echo "unknown part $part" >&2; exit 2 ;;
  esac
done
echo "(work files in $OUT)"
