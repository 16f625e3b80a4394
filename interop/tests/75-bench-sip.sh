# The load generator's SIP-direct target: the bench runs its own PUBLISH/SUBSCRIBE pipeline against a real
# Kamailio 5.6 presence server (presence + presence_xml, its own instance on 15375): 50 watchers subscribed
# before the run, 200 presentities published in an open loop at 500/s (a closed loop of 8 sends ~17,000/s,
# which fills Kamailio's 64 MB of shared memory with transactions and NOTIFYs: 500 "server error" from
# then on), every PUBLISH answered, NOTIFYs from Kamailio
# counted, everything unsubscribed and unpublished at the end. Then the same target against sipp's PUBLISH
# sink with its statistics file (no watchers). Ports: Kamailio 15375, sipp 15390; the bench's SIP sockets
# take any free port.
BSD=$W/bench-sip
mkdir -p "$BSD"
cp -r /usr/share/kamailio/dbtext/kamailio "$BSD/db"
sed "s#@DIR@#$BSD#g; s#@PORT@#15375#g" "$ROOT/interop/kamailio/presence.cfg" >"$BSD/ps.cfg"
kamailio -f "$BSD/ps.cfg" -P "$BSD/ps.pid" -m 64 -M 8 >"$W/bench-sip-ps.log" 2>&1
if ! wait_udp 15375 || ! wait_file "$BSD/ps.pid"; then
  bad "Kamailio presence server for the SIP-direct bench starts" "$(tail -20 "$W/bench-sip-ps.log")"
  return 0
fi
PIDS+=("$(cat "$BSD/ps.pid")")
ok "Kamailio presence server for the SIP-direct bench starts"

java -Xmx256m -jar "$JAR" bench --target sip:127.0.0.1:15375 --rate 500 --max-in-flight 64 --warmup 1 --duration 3 \
  --presentities 200 --watchers 50 --expires 30 --html "$BSD/report.html" >"$BSD/bench.json" 2>"$BSD/bench.err"
status=$?
json=$(cat "$BSD/bench.json")
[ "$status" = 0 ] && ok "bench --target sip: against Kamailio: exit status 0" \
  || bad "bench --target sip: against Kamailio: exit status 0" "status $status" "$(tail -12 "$BSD/bench.err")"
check "bench sip JSON: the method is SIP PUBLISH" "$json" '^\{"target":"sip:127.0.0.1:15375","method":"SIP PUBLISH",'
check "bench sip JSON: every measured PUBLISH answered with 200" "$json" \
  '"outcomes":\{"scheduled":1500,"sent":1500,"answered":1500,"ok":1500,.*"unaccounted":0,"duplicate_series":0,"all_answered":true'
check "bench sip JSON: 50 of 50 subscriptions established at Kamailio" "$json" \
  '"subscriptions":\{"watchers":50,"established":50,"failed":\{\}'
check "bench sip JSON: NOTIFYs received from Kamailio" "$json" '"notifies":[1-9][0-9]*,'
check "bench sip JSON: each PUBLISH outcome delivered once" "$json" '"duplicate_outcomes":0,'
check "bench sip JSON: the watchers unsubscribed at the end" "$json" \
  '"cleanup":\{"mode":"all","unsubscribes":50,"unsubscribed":50,"unpublishes":200,"unpublished":200,"unfinished":0'
check "bench sip text: the SIP lines" "$(cat "$BSD/bench.err")" 'sip: subscriptions 50 of 50 established'
html=$(cat "$BSD/report.html" 2>/dev/null)
check "bench sip HTML: PASS verdict" "$html" 'class="verdict pass">PASS'
check "bench sip HTML: the SIP section with its NOTIFY chart" "$html" '<h2>SIP</h2>'
stop_pid "$(cat "$BSD/ps.pid")"

sipp -sf "$ROOT/interop/sipp/publish_sink.xml" -i 127.0.0.1 -p 15390 -t u1 -nostdin -timeout 120 \
  -trace_stat -stf "$BSD/sink.csv" -fd 1 >"$BSD/sink.sipp.out" 2>&1 &
SINK_PID=$!
PIDS+=("$SINK_PID")
if wait_udp 15390; then
  java -Xmx256m -jar "$JAR" bench --target sip:127.0.0.1:15390 --rate 300 --max-in-flight 64 --warmup 1 \
    --duration 3 --presentities 500 --cleanup none --sink-stats "$BSD/sink.csv" >"$BSD/sink.json" 2>"$BSD/sink.err"
  status=$?
  json=$(cat "$BSD/sink.json")
  [ "$status" = 0 ] && ok "bench --target sip: against the sipp sink at 300/s: exit status 0" \
    || bad "bench --target sip: against the sipp sink: exit status 0" "status $status" "$(tail -12 "$BSD/sink.err")"
  check "bench sip sink JSON: 900 scheduled, every one sent and answered" "$json" \
    '"outcomes":\{"scheduled":900,"sent":900,"answered":900,"ok":900,.*"all_answered":true,"all_sent":true'
  check "bench sip sink JSON: the sink received every acknowledged PUBLISH" "$json" \
    '"sink":\{"available":true,"received":1200,"acknowledged":1200,"fresh":true,"missing":0'
else
  bad "sipp PUBLISH sink for the SIP-direct bench starts" "$(tail -5 "$BSD/sink.sipp.out")"
fi
stop_pid "$SINK_PID"
