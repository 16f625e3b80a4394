# The load generator's own checks: an open-loop run (ramp, then a fixed rate) through the agent to sipp as
# the PUBLISH sink, with sipp's statistics file as the sink report; then the HTML report opened in headless
# Chromium (Debian's chromium) and screenshotted: the PNG must exist, have the window's size and hold more
# than a blank page does.

sipp -sf "$ROOT/interop/sipp/publish_sink.xml" -i 127.0.0.1 -p 15290 -t u1 -nostdin -timeout 120 \
  -trace_stat -stf "$W/bench-sink.csv" -fd 1 >"$W/bench-sink.sipp.out" 2>&1 &
SINK_PID=$!
PIDS+=("$SINK_PID")
wait_udp 15290 || { bad "sipp PUBLISH sink starts" "$(tail -5 "$W/bench-sink.sipp.out")"; return 0; }
start_agent bench 18290 12290 15291 --outbound-proxy sip:127.0.0.1:15290 || return 0

java -Xmx256m -jar "$JAR" bench --target binrpc-tcp:127.0.0.1:12290 --rate 400 --ramp-from 50 --ramp-seconds 2 --max-in-flight 200 \
  --warmup 1 --duration 4 --presentities 500 --html "$W/report.html" --sink-stats "$W/bench-sink.csv" \
  >"$W/bench.json" 2>"$W/bench.err"
status=$?
json=$(cat "$W/bench.json")
[ "$status" = 0 ] && ok "bench open loop 400/s: exit status 0" \
  || bad "bench open loop: exit status 0" "status $status" "$(tail -8 "$W/bench.err")"
check "bench JSON: the first fields are unchanged" "$json" '^\{"target":"binrpc-tcp:127.0.0.1:12290","method":"pua.publish","concurrency":200,"requests":[0-9]+,"ok":[0-9]+,'
check "bench JSON: open loop, 1250 scheduled, every one sent and answered" "$json" \
  '"mode":"open".*"outcomes":\{"scheduled":1250,"sent":1250,"answered":1250,"ok":1250,.*"all_answered":true,"all_sent":true'
check "bench JSON: the sink received every acknowledged PUBLISH (warm-up included)" "$json" \
  '"sink":\{"available":true,"received":1300,"acknowledged":1300,"fresh":true,"missing":0'
check "bench JSON: a per-second series" "$json" '"series":\{"t_s":\[0.000,1.0[0-9]*,'
check "bench text summary: correctness line" "$(cat "$W/bench.err")" \
  'correctness: sent 1250 = answered 1250 \+ timed out 0 \+ transport errors 0; duplicate series 0'
html=$(cat "$W/report.html" 2>/dev/null)
check "HTML report: PASS verdict" "$html" 'class="verdict pass">PASS: all 1250 measured requests'
check "HTML report: SVG charts" "$html" '<svg xmlns="http://www.w3.org/2000/svg".*<polyline '
check "HTML report: sink check" "$html" 'received 1300, acknowledged 1300'
check_not "HTML report: no script, no external resource" "$html" '<script|<link|src=|href='
stop_pid "$AGENT_PID"; stop_pid "$SINK_PID"

# chromium_shot HTML PNG: a 1200x1600 screenshot of a local page, with a private profile and no network use
chromium_shot() {
  timeout 90 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --user-data-dir="$(mktemp -d "$W/chromium.XXXXXX")" \
    --screenshot="$2" --window-size=1200,1600 "file://$1" >"$2.log" 2>&1
}
png_size() { od -An -tu1 -j16 -N8 "$1" | awk '{print ($1*16777216+$2*65536+$3*256+$4) "x" ($5*16777216+$6*65536+$7*256+$8)}'; }
if ! command -v chromium >/dev/null; then
  bad "chromium installed (apt-get install chromium)"
  return 0
fi
printf '<!DOCTYPE html><html><head><meta charset="utf-8"><title>blank</title></head><body></body></html>\n' >"$W/blank.html"
chromium_shot "$W/blank.html" "$W/blank.png"
chromium_shot "$W/report.html" "$W/report.png"
if [ -s "$W/report.png" ]; then
  report_bytes=$(stat -c %s "$W/report.png")
  blank_bytes=$(stat -c %s "$W/blank.png" 2>/dev/null || echo 0)
  ok "headless Chromium screenshots the HTML report ($report_bytes bytes)"
  [ "$(png_size "$W/report.png")" = 1200x1600 ] && ok "the screenshot is 1200x1600" \
    || bad "the screenshot is 1200x1600" "it is $(png_size "$W/report.png")"
  if [ "$report_bytes" -gt 30000 ] && [ "$report_bytes" -gt $((blank_bytes * 5)) ]; then
    ok "the screenshot is not blank ($report_bytes bytes, a blank page $blank_bytes)"
  else
    bad "the screenshot is not blank" "$report_bytes bytes, a blank page $blank_bytes"
  fi
else
  bad "headless Chromium screenshots the HTML report" "$(tail -5 "$W/report.png.log")"
fi
