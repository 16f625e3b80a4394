# sipp as a scripted UAS: 412, 423 (with Min-Expires) and no answer at all.
# sipp_uas NAME SCENARIO PORT: starts sipp in the background, sets SIPP_PID
sipp_uas() {
  sipp -sf "$ROOT/interop/sipp/$2" -i 127.0.0.1 -p "$3" -t u1 -nostdin -m 1000 -timeout 120 \
    -trace_msg -message_file "$W/$1.msg" >"$W/$1.sipp.out" 2>&1 &
  SIPP_PID=$!
  PIDS+=("$SIPP_PID")
  wait_udp "$3"
}
sipp_uas s423 publish_423.xml 15090
start_agent sp 18085 12065 15065 --outbound-proxy sip:127.0.0.1:15090 --transaction-timeout-ms 2000 || return 0
out=$(kamcmd -s tcp:127.0.0.1:12065 pua.publish sip:henry@127.0.0.1 60 presence . . . . . "$PIDF" 2>&1)
check "sipp 423: fault 423 after one retry" "$out" "^error: 423 - Interval Too Brief"
sleep 0.5
n=$(grep -c '^PUBLISH sip:henry@127.0.0.1' "$W/s423.msg" 2>/dev/null)
[ "$n" = 2 ] && ok "sipp 423: exactly two PUBLISHes reached sipp (original + retry)" || bad "sipp 423: two PUBLISHes" "saw ${n:-0}"
check "sipp 423: the retry asked for the server's Min-Expires" "$(cat "$W/s423.msg")" "^Expires: 7200"
stop_pid "$AGENT_PID"; stop_pid "$SIPP_PID"

sipp_uas s412 publish_412.xml 15091
start_agent sp2 18086 12066 15066 --outbound-proxy sip:127.0.0.1:15091 --transaction-timeout-ms 2000 || return 0
out=$(kamcmd -s tcp:127.0.0.1:12066 pua.publish sip:ivy@127.0.0.1 60 presence . . . . . "$PIDF" 2>&1)
check "sipp 412 on an initial PUBLISH: fault 412" "$out" "^error: 412 - Conditional Request Failed"
stop_pid "$AGENT_PID"; stop_pid "$SIPP_PID"

sipp_uas sil publish_silent.xml 15092
start_agent sp3 18087 12067 15067 --outbound-proxy sip:127.0.0.1:15092 --transaction-timeout-ms 2000 || return 0
out=$(kamcmd -s tcp:127.0.0.1:12067 pua.publish sip:jack@127.0.0.1 60 presence . . . . . "$PIDF" 2>&1)
check "sipp never answers: fault 408 Request Timeout" "$out" "^error: 408 - Request Timeout"
n=$(grep -c '^PUBLISH sip:jack@127.0.0.1' "$W/sil.msg" 2>/dev/null)
[ "${n:-0}" -ge 2 ] && ok "no answer: the PUBLISH was retransmitted over UDP ($n copies seen by sipp)" || bad "retransmissions" "saw ${n:-0}"
stop_pid "$AGENT_PID"; stop_pid "$SIPP_PID"
