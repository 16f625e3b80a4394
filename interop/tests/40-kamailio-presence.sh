# The agent publishing to a real Kamailio 5.6 presence server (presence + presence_xml), whose stored
# presentity table is then read back (db_text.dump flushes Kamailio's db_text tables to their files).
PSD=$W/ps
mkdir -p "$PSD"
cp -r /usr/share/kamailio/dbtext/kamailio "$PSD/db"
sed "s#@DIR@#$PSD#g; s#@PORT@#15074#g" "$ROOT/interop/kamailio/presence.cfg" >"$PSD/ps.cfg"
kamailio -f "$PSD/ps.cfg" -P "$W/ps.pid" -m 64 -M 8 >"$W/ps.log" 2>&1
if ! wait_udp 15074; then bad "Kamailio presence server starts" "$(tail -20 "$W/ps.log")"; return 0; fi
ok "Kamailio presence server starts"
start_agent kp 18084 12064 15064 --outbound-proxy sip:127.0.0.1:15074 --transaction-timeout-ms 3000 || return 0
KP="kamcmd -s tcp:127.0.0.1:12064"
PS="kamcmd -s unixs:$PSD/ps_ctl"
GINA='<?xml version="1.0" encoding="UTF-8"?><presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:gina@127.0.0.1"><tuple id="g1"><status><basic>open</basic></status><note>interop-open</note></tuple></presence>'
out=$($KP pua.publish sip:gina@127.0.0.1 3600 presence application/pidf+xml . . . . "$GINA" 2>&1)
check "publish to Kamailio: final reply with Kamailio's SIP-ETag" "$out" "SIP-ETag: a\."
etag=$(printf '%s' "$out" | sed -n 's/.*SIP-ETag: //p')
sleep 1
stored=$($PS db_text.dump >/dev/null 2>&1; cat "$PSD/db/presentity")
check "Kamailio stored the presentity the agent published, with its body" "$stored" "gina:127.0.0.1:presence:.*interop-open"
check "Kamailio stored it under the ETag the agent reported" "$stored" "${etag:-no-etag}"
GINA2=${GINA//interop-open/interop-away}
out=$($KP pua.publish sip:gina@127.0.0.1 3600 presence application/pidf+xml . . . . "$GINA2" 2>&1)
check "modify at Kamailio: new ETag" "$out" "SIP-ETag: a\."
etag2=$(printf '%s' "$out" | sed -n 's/.*SIP-ETag: //p')
[ -n "$etag2" ] && [ "$etag2" != "$etag" ] && ok "modify changed the ETag ($etag -> $etag2)" || bad "modify changed the ETag" "$etag -> $etag2"
sleep 1
stored=$($PS db_text.dump >/dev/null 2>&1; cat "$PSD/db/presentity")
check "Kamailio's stored presentity carries the modified ETag" "$stored" "${etag2:-no-etag}"
check_not "Kamailio's stored presentity no longer carries the first ETag" "$stored" "${etag:-no-etag}"
out=$($KP pua.publish sip:e423x@127.0.0.1 60 presence . . . . . "$GINA" 2>&1)
check "Kamailio 423: the agent retried with Min-Expires and reports the final 423" "$out" "^error: 423 - Interval Too Brief"
out=$($KP pua.publish sip:timeout1@127.0.0.1 3600 presence . . . . . "$GINA" 2>&1)
check "no answer from Kamailio: fault 408 after the transaction timeout" "$out" "^error: 408 - Request Timeout"
out=$($KP pua.publish sip:gina@127.0.0.1 0 presence . . . . . 2>&1)
check "unpublish at Kamailio" "$out" "Expires: 0"
out=$(kamcmd -s tcp:127.0.0.1:12064 agent.stats 2>&1)
check "the agent counted the 423 retry" "$out" "publish.retry.423: 1"
stop_pid "$AGENT_PID"
kill "$(cat "$W/ps.pid")" 2>/dev/null
