# The agent as subscriber of a real Kamailio 5.6 presence server (presence + presence_xml): real
# `kamcmd pua.subscribe` (the agent's own Contact, so Kamailio's NOTIFYs come to the agent), another
# publication through the agent changes the presentity, and `kamcmd pua.presentity` shows the PIDF that
# Kamailio notified. Ports: agent 18161/12161/15161, Kamailio 15171.
SSD=$W/subs
mkdir -p "$SSD"
cp -r /usr/share/kamailio/dbtext/kamailio "$SSD/db"
sed "s#@DIR@#$SSD#g; s#@PORT@#15171#g" "$ROOT/interop/kamailio/presence.cfg" >"$SSD/ps.cfg"
kamailio -f "$SSD/ps.cfg" -P "$SSD/ps.pid" -m 64 -M 8 >"$W/subs-ps.log" 2>&1
if ! wait_udp 15171 || ! wait_file "$SSD/ps.pid"; then
  bad "Kamailio presence server for subscriptions starts" "$(tail -20 "$W/subs-ps.log")"
  return 0
fi
PIDS+=("$(cat "$SSD/ps.pid")")
ok "Kamailio presence server for subscriptions starts"
start_agent ks 18161 12161 15161 --outbound-proxy sip:127.0.0.1:15171 --transaction-timeout-ms 3000 || return 0
KS="kamcmd -s tcp:127.0.0.1:12161"
HANA=sip:hana@127.0.0.1:15171
WATCH=sip:watch@127.0.0.1

out=$($KS pua.subscribe "$HANA" "$WATCH" presence 3600 2>&1)
check "kamcmd pua.subscribe: answered with the SUBSCRIBE's outcome (state active)" "$out" "state: active"
check "kamcmd pua.subscribe: the granted expiry" "$out" "Expires: [0-9]+"
check "kamcmd pua.subscribe: the subscription id" "$out" "id: [0-9a-f]+-[0-9a-f]+"
id=$(printf '%s' "$out" | sed -n 's/^[[:space:]]*id: //p')

HANA_PIDF='<?xml version="1.0" encoding="UTF-8"?><presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:hana@127.0.0.1"><tuple id="h1"><status><basic>open</basic></status><note>subscribed-interop-note</note></tuple></presence>'
out=$($KS pua.publish sip:hana@127.0.0.1 3600 presence application/pidf+xml . . . . "$HANA_PIDF" 2>&1)
check "publish through the agent to Kamailio" "$out" "SIP-ETag: "

state=""
for _ in $(seq 1 50); do
  state=$($KS pua.presentity "$HANA" "$WATCH" presence 2>&1)
  printf '%s' "$state" | grep -q "subscribed-interop-note" && break
  sleep 0.1
done
check "kamcmd pua.presentity: the PIDF Kamailio notified carries the published note" "$state" "<note>subscribed-interop-note</note>"
check "kamcmd pua.presentity: Kamailio's PIDF content type" "$state" "content_type: application/pidf\+xml"
check "kamcmd pua.presentity: Kamailio's Subscription-State" "$state" "subscription_state: active;expires=[0-9]+"
check "kamcmd pua.presentity: the same subscription id" "$state" "id: ${id:-no-id}"

out=$($KS pua.subscribe "$HANA" "$WATCH" presence 1800 2>&1)
check "a repeated pua.subscribe refreshes the same subscription (same id)" "$out" "id: ${id:-no-id}"
out=$($KS pua.subscriptions 2>&1)
check "kamcmd pua.subscriptions lists it" "$out" "presentity: sip:hana@127.0.0.1:15171"
check "kamcmd pua.subscriptions: active, NOTIFYs counted" "$out" "notify_count: [1-9]"
ids=$(printf '%s\n' "$out" | grep -c "id: ")
[ "$ids" -eq 1 ] && ok "one subscription, not a second dialog" || bad "one subscription, not a second dialog" "$out"

out=$($KS pua.unsubscribe "$HANA" "$WATCH" presence 2>&1)
check "kamcmd pua.unsubscribe: in-dialog Expires 0, answered with the final state" "$out" "state: terminated"
check "kamcmd pua.unsubscribe: the reason" "$out" "reason: unsubscribed"
out=$($KS pua.unsubscribe "$HANA" "$WATCH" presence 2>&1)
check "a second pua.unsubscribe: no such subscription" "$out" "^error: 404 - No such subscription"
out=$($KS agent.stats 2>&1)
check "the agent answered Kamailio's NOTIFYs and counted them" "$out" "sip.notify.answered_200: [1-9]"
check "no NOTIFY was refused as unknown" "$out" "sip.notify.answered_481: 0"
stop_pid "$AGENT_PID"

# Kamailio-compatible mode: Contact = the watcher URI, the command answers when the SUBSCRIBE is sent.
start_agent kw 18162 12162 15162 --outbound-proxy sip:127.0.0.1:15171 --transaction-timeout-ms 3000 \
  --subscribe-contact watcher || return 0
KW="kamcmd -s tcp:127.0.0.1:12162"
out=$($KW pua.subscribe sip:ivo@127.0.0.1:15171 sip:watch@127.0.0.1:15169 presence 3600 2>&1)
[ -z "$out" ] && ok "compat mode: kamcmd pua.subscribe answers an empty result, as Kamailio" \
  || bad "compat mode: kamcmd pua.subscribe answers an empty result, as Kamailio" "$out"
for _ in $(seq 1 50); do
  out=$($KW agent.stats 2>&1)
  printf '%s' "$out" | grep -q "subscribe.accepted: 1" && break
  sleep 0.1
done
check "compat mode: Kamailio accepted the SUBSCRIBE" "$out" "subscribe.accepted: 1"
check "compat mode: Kamailio's NOTIFYs went to the watcher URI, not to the agent" "$out" "notify.received: 0"
stop_pid "$AGENT_PID"
stop_pid "$(cat "$SSD/ps.pid")"
