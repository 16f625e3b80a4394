# kamcmd (Debian's, binrpc) against the agent with its embedded presence server: tcp, unix and udp sockets.
start_agent kc 18081 12061 15061 --presence-listen udp:127.0.0.1:15071 --presence-failure-users on || return 0
K="kamcmd -s tcp:127.0.0.1:12061"
out=$($K pua.publish sip:alice@127.0.0.1 3600 presence application/pidf+xml . . . . "$PIDF" 2>&1)
check "kamcmd tcp pua.publish gets the final reply with SIP-ETag" "$out" $'SIP-ETag: [^[:space:]]+'
check "kamcmd tcp pua.publish reports the granted Expires" "$out" "Expires: 3600"
etag=$(printf '%s' "$out" | sed -n 's/.*SIP-ETag: //p')
out=$(kamcmd -s "unixs:$W/kc.ctl" pua.publish sip:alice@127.0.0.1 3600 presence . . "$etag" . . "$PIDF" 2>&1)
check "kamcmd unix pua.publish modifies the publication selected by its ETag" "$out" "SIP-ETag: "
out=$(kamcmd -s "unixs:$W/kc.ctl" pua.publish sip:alice@127.0.0.1 3600 presence . . no-such-etag . . "$PIDF" 2>&1)
check "kamcmd: unknown ETag gives Kamailio's fault" "$out" "^error: 500 - Wrong ETag"
out=$($K pua.publish sip:alice@127.0.0.1 0 presence . . . . . 2>&1)
check "kamcmd unpublish (expires 0) answers Expires 0" "$out" "Expires: 0"
out=$(kamcmd -s udp:127.0.0.1:12061 pua.send_publish sip:bob@127.0.0.1 s:3600 presence . . . . . "$PIDF" 2>&1; echo "exit=$?")
check "kamcmd udp pua.send_publish answers an empty reply" "$out" "^exit=0$"
out=$($K pua.publish sip:e412@127.0.0.1 3600 presence . . . . . "$PIDF" 2>&1)
check "kamcmd: a 412 from the server comes back as fault 412" "$out" "^error: 412 - Conditional Request Failed"
out=$($K pua.publish alice 3600 presence . . . . . 2>&1)
check "kamcmd: bad presentity gets Kamailio's fault text" "$out" "^error: 400 - Invalid presentity uri 'alice'"
out=$($K pua.subscribe sip:alice@127.0.0.1 sip:bob@127.0.0.1 foo 3600 2>&1)
check "kamcmd: pua.subscribe unknown event is 404" "$out" "^error: 404 - Unknown event"
out=$($K pua.subscribe sip:alice@127.0.0.1 sip:bob@127.0.0.1 presence 3600 2>&1; echo "exit=$?")
check "kamcmd: pua.subscribe answers empty" "$out" "^exit=0$"
out=$($K foo.bar 2>&1)
check "kamcmd: unknown method" "$out" "^error: 500 - command foo.bar not found"
out=$($K help pua.publish 2>&1)
check "kamcmd help <method> uses system.methodHelp" "$out" "final reply"
out=$($K ls 2>&1)
check "kamcmd ls lists pua.publish" "$out" "^pua.publish$"
out=$(printf 'core.version\nquit\n' | $K 2>&1)
check "kamcmd interactive mode works" "$out" "pua-agent"
out=$($K core.uptime 2>&1)
check "kamcmd core.uptime prints a struct" "$out" "uptime: [0-9]+"
out=$($K stats.get_statistics all 2>&1)
check "stats.get_statistics counts the pua.publish requests" "$out" "requests.binrpc.pua.publish = [1-9]"
stop_pid "$AGENT_PID"
