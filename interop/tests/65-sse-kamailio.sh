# Presence delivered to an application over Server-Sent Events, through a real Kamailio 5.6 presence server:
# the agent subscribes (kamcmd pua.subscribe), another publication changes the presentity, and the PIDF the
# SSE client (curl -N on GET /events) receives is the one Kamailio notified.
#

PSE=$W/ps-sse
mkdir -p "$PSE"
cp -r /usr/share/kamailio/dbtext/kamailio "$PSE/db"
sed "s#@DIR@#$PSE#g; s#@PORT@#15075#g" "$ROOT/interop/kamailio/presence.cfg" >"$PSE/ps.cfg"
kamailio -f "$PSE/ps.cfg" -P "$W/ps-sse.pid" -m 64 -M 8 >"$W/ps-sse.log" 2>&1
if ! wait_udp 15075; then bad "Kamailio presence server (SSE) starts" "$(tail -20 "$W/ps-sse.log")"; return 0; fi
start_agent ks 18191 12191 15191 --outbound-proxy sip:127.0.0.1:15075 --transaction-timeout-ms 3000 || return 0
KS="kamcmd -s tcp:127.0.0.1:12191"
curl -sS -N "http://127.0.0.1:18191/events?presentity=sip:hank@127.0.0.1:15075&event=presence" >"$W/sse.out" 2>&1 &
CURL_PID=$!
PIDS+=("$CURL_PID")
for _ in $(seq 1 50); do grep -q "pua-agent notifications" "$W/sse.out" && break; sleep 0.1; done
# the SUBSCRIBE goes to the Request-URI (pua.subscribe has no proxy parameter): Kamailio's port is in it
out=$($KS pua.subscribe sip:hank@127.0.0.1:15075 sip:watcher@127.0.0.1 presence 3600 2>&1)
check "kamcmd pua.subscribe to Kamailio is answered with the active subscription" "$out" "state: active"
HANK='<?xml version="1.0" encoding="UTF-8"?><presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:hank@127.0.0.1"><tuple id="h1"><status><basic>open</basic></status><note>interop-sse</note></tuple></presence>'
out=$($KS pua.publish sip:hank@127.0.0.1 3600 presence application/pidf+xml . . . . "$HANK" 2>&1)
check "publish hank through the agent to Kamailio" "$out" "SIP-ETag: "
for _ in $(seq 1 100); do grep -q "interop-sse" "$W/sse.out" && break; sleep 0.1; done
sse=$(cat "$W/sse.out")
check "the SSE stream carries a notify event with an id" "$sse" $'id: [0-9]+\nevent: notify'
check "the SSE data is the PIDF Kamailio notified" "$sse" 'data: \{.*"presentity":"sip:hank@127.0.0.1:15075".*interop-sse'
check "the SSE data carries the Subscription-State" "$sse" '"state":"active'
last=$(printf '%s' "$sse" | sed -n 's/^id: //p' | tail -1)
resumed=$(curl -sS -N -m 2 -H "Last-Event-ID: $((last - 1))" "http://127.0.0.1:18191/events" 2>/dev/null)
check "Last-Event-ID replays the last notification" "$resumed" "^id: $last\$"
out=$($KS agent.stats 2>&1)
check "the agent counted the SSE events" "$out" "sse.events_sent: [1-9]"
stop_pid "$CURL_PID"
stop_pid "$AGENT_PID"
kill "$(cat "$W/ps-sse.pid")" 2>/dev/null
