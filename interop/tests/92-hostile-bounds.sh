# Byte limits and fatal errors against the real tools: kamcmd (binrpc) and curl (JSON-RPC over HTTP) against an
# agent with small limits (publications, subscriptions, pending commands, JSON-RPC batches); then a flood of
# large publications (curl batches, sipp as the presence server) against an agent with a 48 MiB heap: with the
# default limits it answers 503 and stays up, with limits above its heap it ends with one line and status 70.
# Ports 18601-18619, 12601-12619, 15601-15669; every process started here is stopped by its PID.

# --- small limits ------------------------------------------------------------------------------------------
start_agent bl 18601 12601 15601 --presence-listen udp:127.0.0.1:15651 --publications-bytes 3k \
  --subscriptions-bytes 1200 --command-queue-bytes 4k --jsonrpc-batch-limit 3 --transaction-timeout-ms 3000 \
  --presence-failure-users on \
  || return 0
BL_PID=$AGENT_PID
K="kamcmd -s tcp:127.0.0.1:12601"
# the banner is printed once every listener is up: wait for its last line
wait_log() { for _ in $(seq 1 100); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done; return 1; }
wait_log "$W/bl.log" "^limits: "
check "the banner states each limit and their sum against the heap" "$(cat "$W/bl.log")" \
  "^limits: publications 3 KiB, subscriptions 1.2 KiB, commands 4 KiB, .* of the [0-9.]+ MiB heap; JSON-RPC batches up to 3 requests$"

# pending commands: two PUBLISHes the server never answers hold the command bytes until Timer F (3 s)
$K pua.publish sip:timeout1@127.0.0.1 3600 presence . . . . . "$PIDF" >"$W/bl.t1" 2>&1 &
T1=$!
$K pua.publish sip:timeout2@127.0.0.1 3600 presence . . . . . "$PIDF" >"$W/bl.t2" 2>&1 &
T2=$!
PIDS+=("$T1" "$T2")
sleep 1
out=$($K pua.publish sip:timeout3@127.0.0.1 3600 presence . . . . . "$PIDF" 2>&1)
check "kamcmd: a publish beyond --command-queue-bytes is answered 503 at once" "$out" "^error: 503 - Service Unavailable$"
wait "$T1" "$T2"
check "the two in flight still get their outcome (408 after Timer F)" "$(cat "$W/bl.t1" "$W/bl.t2")" \
  $'error: 408 - Request Timeout\nerror: 408 - Request Timeout'
out=$($K agent.stats 2>&1)
check "agent.stats counts the refusal (commands.bytes_full)" "$out" "commands.bytes_full: 1$"
check "and every command byte came back" "$out" "commands.bytes: 0$"

# publications: new ones until the budget is full, then 503; the held ones still change and end
published=0
for i in $(seq 1 10); do
  out=$($K pua.publish "sip:u$i@127.0.0.1" 3600 presence . . . . . "$PIDF" 2>&1)
  printf '%s' "$out" | grep -q "SIP-ETag: " || break
  published=$((published + 1))
done
if [ "$published" -ge 2 ] && [ "$published" -lt 10 ]; then ok "kamcmd: $published publications fit in 3 KiB"; else
  bad "kamcmd: some publications fit in 3 KiB, not all ten" "published $published"; fi
check "kamcmd: the next new publication gets 503 publication limit reached" "$out" \
  "^error: 503 - Service Unavailable: publication limit reached$"
code=$(curl -s -m 20 -o "$W/bl.http" -w '%{http_code}' -H 'Content-Type: application/json' --data-binary \
  '{"jsonrpc":"2.0","method":"pua.publish","params":["sip:web@127.0.0.1","3600","presence",".",".",".",".",".","<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"sip:web@127.0.0.1\"><tuple id=\"t1\"><status><basic>open</basic></status></tuple></presence>"],"id":7}' \
  http://127.0.0.1:18601/RPC)
check "curl /RPC: the HTTP status is the fault code, 503" "$code" "^503$"
check "curl /RPC: the fault says which limit" "$(cat "$W/bl.http")" '"message":[[:space:]]*"Service Unavailable: publication limit reached"'
out=$($K pua.publish sip:u1@127.0.0.1 3600 presence . . . . . "${PIDF/open/closed}" 2>&1)
check "kamcmd: a held publication is still modified at the limit" "$out" "SIP-ETag: "
out=$($K pua.publish sip:u1@127.0.0.1 0 presence . . . . . 2>&1)
check "kamcmd: and removed" "$out" "Expires: 0"
out=$($K pua.publish sip:u10@127.0.0.1 3600 presence . . . . . "$PIDF" 2>&1)
check "kamcmd: the room it left takes a new publication" "$out" "SIP-ETag: "
out=$($K agent.stats 2>&1)
check "agent.stats counts the refusals (publish.outcome.limit_reached)" "$out" "publish.outcome.limit_reached: [2-9]$"
check "agent.stats shows the publications' limit" "$out" "publish.bytes_limit: 3072$"

# subscriptions: one fits in 1200 bytes, a second does not; the held one still refreshes
out=$($K pua.subscribe sip:s1@127.0.0.1:15651 sip:bob@127.0.0.1 presence 600 2>&1)
check "kamcmd: a first subscription fits" "$out" "state: active"
out=$($K pua.subscribe sip:s2@127.0.0.1:15651 sip:bob@127.0.0.1 presence 600 2>&1)
check "kamcmd: a second gets 503 subscription limit reached" "$out" \
  "^error: 503 - Service Unavailable: subscription limit reached$"
out=$($K pua.subscribe sip:s1@127.0.0.1:15651 sip:bob@127.0.0.1 presence 900 2>&1)
check "kamcmd: the held subscription still refreshes" "$out" "state: active"

# JSON-RPC batches: 3 run, 4 get one 413 and nothing runs
call='{"jsonrpc":"2.0","method":"core.version","id":1}'
code=$(curl -s -m 20 -o "$W/bl.b3" -w '%{http_code}' --data-binary "[$call,$call,$call]" http://127.0.0.1:18601/RPC)
check "curl: a batch of 3 (the limit) is answered 200" "$code" "^200$"
n=$(grep -o '"result"' "$W/bl.b3" | wc -l)
[ "$n" = 3 ] && ok "curl: with three results" || bad "curl: a batch of 3 gets three results" "$(head -c 300 "$W/bl.b3")"
code=$(curl -s -m 20 -o "$W/bl.b4" -w '%{http_code}' --data-binary "[$call,$call,$call,$call]" \
  http://127.0.0.1:18601/RPC)
check "curl: a batch of 4 is answered 413" "$code" "^413$"
check "curl: one fault naming the limit, id null" "$(tr -d '\t\n ' <"$W/bl.b4")" \
  '"error":\{"code":413,"message":"RequestEntityTooLarge:morethan3requestsinonebatch"\},"id":null'
stop_pid "$BL_PID"

# --- a flood of large publications at -Xmx48m, sipp as the presence server -----------------------------------
sipp -sf "$ROOT/interop/sipp/publish_sink.xml" -i 127.0.0.1 -p 15660 -t u1 -nostdin -timeout 300 \
  -buff_size 8388608 >"$W/bl.sipp.out" 2>&1 &
SINK_PID=$!
PIDS+=("$SINK_PID")
wait_udp 15660 || bad "sipp sink starts" "$(tail -5 "$W/bl.sipp.out")"
NOTE=$(head -c 30000 /dev/zero | tr '\0' n)
make_batch() { # FILE BATCH: 15 pua.publish of a 30 KB PIDF each
  local i u sep=
  {
    printf '['
    for i in $(seq 1 15); do
      u="sip:f$2x$i@127.0.0.1"
      printf '%s{"jsonrpc":"2.0","method":"pua.publish","params":["%s","3600","presence",".",".",".",".",".","<presence xmlns=\\"urn:ietf:params:xml:ns:pidf\\" entity=\\"%s\\"><tuple id=\\"t1\\"><status><basic>open</basic></status><note>%s</note></tuple></presence>"],"id":%d}' \
        "$sep" "$u" "$u" "$NOTE" "$i"
      sep=,
    done
    printf ']'
  } >"$1"
}
# flood NAME HTTP-PORT PID BATCHES: POSTs the batches (each file made once per batch number) until done or the
# agent is gone; appends every reply to $W/NAME.replies
flood() {
  local b
  for b in $(seq 1 "$4"); do
    [ -f "$W/batch$b.json" ] || make_batch "$W/batch$b.json" "$b"
    kill -0 "$3" 2>/dev/null || return 0
    curl -s -m 30 -H 'Content-Type: application/json' --data-binary "@$W/batch$b.json" \
      "http://127.0.0.1:$2/RPC" >>"$W/$1.replies" 2>/dev/null || return 0
  done
}
# start_small NAME HTTP CTL SIP [options]: the agent with a 48 MiB heap, sipp as its presence server
start_small() {
  local name=$1 http=$2 ctl=$3 sip=$4; shift 4
  java -Xms48m -Xmx48m -jar "$JAR" --binrpc "tcp:127.0.0.1:$ctl" --jsonrpc-http "127.0.0.1:$http" \
    --jsonrpc-fifo off --mi-fifo off --sip-listen "udp:127.0.0.1:$sip" --outbound-proxy sip:127.0.0.1:15660 \
    "$@" >"$W/$name.log" 2>&1 &
  AGENT_PID=$!
  PIDS+=("$AGENT_PID")
  wait_tcp "$http" && wait_tcp "$ctl" || { bad "agent $name starts" "$(tail -20 "$W/$name.log")"; return 1; }
}

start_small fd 18611 12611 15611 || return 0
flood fd 18611 "$AGENT_PID" 40
out=$(tr -d '\t\n ' <"$W/fd.replies")
check "default limits at -Xmx48m: the flood is answered 503 publication limit reached" "$out" \
  '"code":503,"message":"ServiceUnavailable:publicationlimitreached"'
check "and the publications that fitted were published" "$out" '"SIP-ETag":"sipp'
if kill -0 "$AGENT_PID" 2>/dev/null; then ok "default limits at -Xmx48m: the agent is still up"; else
  bad "default limits at -Xmx48m: the agent is still up" "$(tail -5 "$W/fd.log")"; fi
out=$(kamcmd -s tcp:127.0.0.1:12611 core.version 2>&1)
check "and still answers" "$out" "pua-agent"
check_not "nothing fatal in its log" "$(cat "$W/fd.log")" "fatal"
stop_pid "$AGENT_PID"

start_small fo 18612 12612 15612 --publications-bytes 1g --command-queue-bytes 1g || return 0
wait_log "$W/fo.log" "^warning: "
check "limits above the heap: the banner warns" "$(cat "$W/fo.log")" "^warning: the limits add up to more than 75%"
flood fo 18612 "$AGENT_PID" 120
for _ in $(seq 1 100); do kill -0 "$AGENT_PID" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$AGENT_PID" 2>/dev/null; then
  bad "limits above the heap: the flood ends the process" "still running: $(tail -3 "$W/fo.log")"
  stop_pid "$AGENT_PID"
else
  wait "$AGENT_PID"
  status=$?
  [ "$status" = 70 ] && ok "limits above the heap: the OutOfMemoryError ends the process with status 70" \
    || bad "limits above the heap: exit status 70" "status $status: $(tail -3 "$W/fo.log")"
  n=$(grep -c "^pua-agent: fatal " "$W/fo.log")
  [ "$n" = 1 ] && ok "with exactly one line: $(grep '^pua-agent: fatal ' "$W/fo.log")" \
    || bad "exactly one fatal line" "$n lines: $(tail -5 "$W/fo.log")"
fi
stop_pid "$SINK_PID"
