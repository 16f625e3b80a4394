# Hostile input on both FIFOs, against the agent process with the real kamctl: what wedged the FIFOs before (a
# lone '{', a cut document, a NUL, bad reply names, reply FIFOs nobody reads or nobody empties, a symlinked reply
# name). After each step kamctl (JSON-RPC FIFO) and an MI client are answered within 1 s, the agent's resident
# memory stays under HF_RSS_LIMIT_KB, and kamcmd agent.stats shows the counters of what happened.
# Reply FIFOs live in /tmp/ (kamctl's fixed reply directory), named pua_hf_<pid>.*, removed at the end.
start_agent hf 18400 12400 15400 --presence-listen udp:127.0.0.1:15401 || return 0
HF_RPC=$W/hf.rpc.fifo
HF_MI=$W/hf.mi.fifo
HF_TAG=pua_hf_$$
# the agent runs with -Xmx512m; at rest it holds about 70 MB, so a quarter of a gigabyte means something grew
HF_RSS_LIMIT_KB=262144
# the reply timeout of the agent (--fifo-reply-timeout-ms default) plus margin, for the counters that need it
HF_REPLY_WAIT_S=8

hf_ms() { date +%s%3N; }
hf_rss() { awk '/^VmRSS:/ {print $2}' "/proc/$AGENT_PID/status"; }
hf_stats() { kamcmd -s tcp:127.0.0.1:12400 agent.stats 2>&1; }
hf_value() { # COUNTER: its value in agent.stats (0 when absent)
  hf_stats | awk -v name="$1:" '$1 == name {print $2; found=1} END {if (!found) print 0}'
}

# hf_answered STEP: kamctl rpc core.version is answered, within 1 s, and the agent's memory is bounded
hf_answered() {
  local t0 out elapsed rss
  t0=$(hf_ms)
  out=$(RPCFIFOPATH="$HF_RPC" timeout 10 kamctl rpc core.version 2>&1)
  elapsed=$(( $(hf_ms) - t0 ))
  if matches "$out" '"result": "pua-agent' && [ "$elapsed" -lt 1000 ]; then
    ok "$1: kamctl rpc core.version answered in $elapsed ms"
  else
    bad "$1: kamctl rpc core.version answered within 1 s" "took $elapsed ms:" "$out"
  fi
  rss=$(hf_rss)
  if [ -n "$rss" ] && [ "$rss" -lt "$HF_RSS_LIMIT_KB" ]; then
    ok "$1: agent VmRSS $rss kB < $HF_RSS_LIMIT_KB kB"
  else
    bad "$1: agent VmRSS below $HF_RSS_LIMIT_KB kB" "VmRSS: ${rss:-agent gone}"
  fi
}

# hf_mi_answered STEP: an MI version request is answered within 1 s
hf_mi_answered() {
  local name=$HF_TAG.mi t0 out elapsed
  rm -f "/tmp/$name"; mkfifo -m 0600 "/tmp/$name"
  t0=$(hf_ms)
  timeout 5 cat "/tmp/$name" >"$W/hf.mi.out" &
  local reader=$!
  printf ':version:%s\n\n' "$name" >"$HF_MI"
  wait "$reader"
  elapsed=$(( $(hf_ms) - t0 ))
  rm -f "/tmp/$name"
  out=$(cat "$W/hf.mi.out")
  if matches "$out" $'^200 OK\nServer:: pua-agent' && [ "$elapsed" -lt 1000 ]; then
    ok "$1: MI version answered in $elapsed ms"
  else
    bad "$1: MI version answered within 1 s" "took $elapsed ms:" "$out"
  fi
}

# hf_exchange FIFO NAME FORMAT [ARGS...]: makes /tmp/NAME, reads it while printf FORMAT ARGS goes into FIFO;
# prints what came back (nothing after 5 s)
hf_exchange() {
  local fifo=$1 name=$2; shift 2
  rm -f "/tmp/$name"; mkfifo -m 0600 "/tmp/$name"
  timeout 5 cat "/tmp/$name" >"$W/hf.exchange.out" &
  local reader=$!
  # shellcheck disable=SC2059
  printf "$@" >"$fifo"
  wait "$reader"
  rm -f "/tmp/$name"
  cat "$W/hf.exchange.out"
}

# hf_grew STEP COUNTER BEFORE [WAIT-SECONDS]: the counter went past BEFORE (waiting for deadlines if asked)
hf_grew() {
  local now tries=$(( ${4:-0} * 10 + 1 ))
  for _ in $(seq 1 "$tries"); do
    now=$(hf_value "$2")
    [ "$now" -gt "$3" ] && break
    sleep 0.1
  done
  if [ "$now" -gt "$3" ]; then ok "$1: agent.stats $2 $3 -> $now"; else bad "$1: agent.stats $2 above $3" "$2: $now"; fi
}

SQ_PIDF="<presence xmlns='urn:ietf:params:xml:ns:pidf' entity='sip:hf@127.0.0.1'><tuple id='t1'><status><basic>open</basic></status></tuple></presence>"
hf_answered "at start"
out=$(RPCFIFOPATH="$HF_RPC" timeout 10 kamctl rpc pua.publish sip:hf@127.0.0.1 3600 presence . . . . . "$SQ_PIDF" 2>&1)
check "at start: kamctl rpc pua.publish (the publish path warmed up)" "$out" '"SIP-ETag"'
rss_start=$(hf_rss)

# --- JSON-RPC FIFO: framing -------------------------------------------------------------------------------
before=$(hf_value errors.fifo_truncated)
printf '{' >"$HF_RPC"
hf_answered "after printf '{' (a kamctl killed mid-write)"
hf_grew "the lone brace was dropped" errors.fifo_truncated "$before"

before=$(hf_value errors.fifo_truncated)
printf '{"jsonrpc": "2.0", "method": "pua.publish", "params": ["sip:cut@127.0.0.1", "36' >"$HF_RPC"
t0=$(hf_ms)
out=$(RPCFIFOPATH="$HF_RPC" timeout 10 kamctl rpc pua.publish sip:hf@127.0.0.1 3600 presence . . . . . "$SQ_PIDF" 2>&1)
elapsed=$(( $(hf_ms) - t0 ))
if matches "$out" '"SIP-ETag"' && [ "$elapsed" -lt 1000 ]; then
  ok "after half a request: kamctl rpc pua.publish gets its SIP-ETag in $elapsed ms"
else
  bad "after half a request: kamctl rpc pua.publish answered within 1 s" "took $elapsed ms:" "$out"
fi
hf_grew "the half request was dropped" errors.fifo_truncated "$before"
hf_answered "after half a request"

before=$(hf_value errors.fifo_garbage)
printf '}}} not json ] \n' >"$HF_RPC"
hf_answered "after an unbalanced } and garbage"
hf_grew "the garbage was counted" errors.fifo_garbage "$before"

before=$(hf_value errors.fifo_nul)
out=$(hf_exchange "$HF_RPC" "$HF_TAG.nul" '{"jsonrpc": "2.0", "method": "core.version", "reply_name": "%s", "x": "a\000b", "id": 1}' "$HF_TAG.nul")
check "a document holding a NUL is answered Parse error" "$out" '-32700'
hf_grew "the NUL was counted" errors.fifo_nul "$before"
hf_answered "after a NUL in a document"

before=$(hf_value errors.fifo_oversized)
t0=$(hf_ms)
out=$(RPCFIFOPATH="$HF_RPC" timeout 10 kamctl rpc core.echo "$(head -c 12000 /dev/zero | tr '\0' x)" 2>&1)
elapsed=$(( $(hf_ms) - t0 ))
if matches "$out" 'Request too large' && [ "$elapsed" -lt 1000 ]; then
  ok "an oversized kamctl request is answered 'Request too large' in $elapsed ms (Kamailio: never)"
else
  bad "an oversized kamctl request is answered within 1 s" "took $elapsed ms:" "$(printf '%s' "$out" | head -c 300)"
fi
hf_grew "the oversized document was counted" errors.fifo_oversized "$before"
hf_answered "after an oversized document"

# --- JSON-RPC FIFO: reply FIFOs -----------------------------------------------------------------------------
DOTTED=kamailio_rpc_reply.fifo
[ -e "/tmp/$DOTTED" ] && DOTTED=$HF_TAG.rpc_reply.fifo
out=$(hf_exchange "$HF_RPC" "$DOTTED" '{"jsonrpc": "2.0", "method": "core.version", "reply_name": "%s", "id": 2}' "$DOTTED")
check "a reply name with dots ($DOTTED, kamcli's default) is answered (Kamailio refuses it)" "$out" '"result":.*pua-agent'

before=$(hf_value errors.fifo_bad_reply_name)
for name in "../$HF_TAG" "a/b" ".." "a\\\\b"; do
  printf '{"jsonrpc": "2.0", "method": "core.version", "reply_name": "%s", "id": 3}\n' "$name" >"$HF_RPC"
done
hf_grew "reply names with a separator or '..' are refused and counted" errors.fifo_bad_reply_name "$before"
[ -e "/tmp/../$HF_TAG" ] && bad "nothing was made outside /tmp" "/$HF_TAG exists" || ok "nothing was made outside /tmp"
hf_answered "after bad reply names"

before=$(hf_value errors.fifo_reply_no_reader)
rm -f "/tmp/$HF_TAG.nobody"; mkfifo -m 0600 "/tmp/$HF_TAG.nobody"
printf '{"jsonrpc": "2.0", "method": "core.version", "reply_name": "%s", "id": 4}\n' "$HF_TAG.nobody" >"$HF_RPC"
hf_answered "while a reply FIFO nobody opens waits"
hf_grew "the reply nobody opened was given up" errors.fifo_reply_no_reader "$before" "$HF_REPLY_WAIT_S"
rm -f "/tmp/$HF_TAG.nobody"

# a reply of about 130 kB (core.echo of deeply nested objects, pretty-printed) into a FIFO whose reader never
# reads: the pipe takes 64 kB and the rest waits; Kamailio's blocking write would hold its FIFO process forever
before=$(hf_value errors.fifo_reply_timeout)
rm -f "/tmp/$HF_TAG.stall"; mkfifo -m 0600 "/tmp/$HF_TAG.stall"
exec 7<>"/tmp/$HF_TAG.stall"
nest=$(printf '%.0s{"a":' $(seq 1 95))1$(printf '%.0s}' $(seq 1 95))
params=$nest
for _ in $(seq 1 12); do params="$params,$nest"; done
printf '{"jsonrpc": "2.0", "method": "core.echo", "params": [%s], "reply_name": "%s", "id": 5}\n' "$params" \
  "$HF_TAG.stall" >"$HF_RPC"
hf_answered "while a reader sits on a 130 kB reply without reading"
out=$(hf_exchange "$HF_RPC" "$HF_TAG.other" '{"jsonrpc": "2.0", "method": "core.version", "reply_name": "%s", "id": 6}' "$HF_TAG.other")
check "another client's reply goes out meanwhile" "$out" '"result":.*pua-agent'
hf_grew "the reply nobody emptied was given up at the deadline" errors.fifo_reply_timeout "$before" "$HF_REPLY_WAIT_S"
exec 7<&-
rm -f "/tmp/$HF_TAG.stall"

before=$(hf_value errors.fifo_reply_unsafe)
printf 'precious\n' >"$W/hf.target"
cp "$W/hf.target" "$W/hf.target.orig"
rm -f "/tmp/$HF_TAG.link"; ln -s "$W/hf.target" "/tmp/$HF_TAG.link"
printf '{"jsonrpc": "2.0", "method": "core.version", "reply_name": "%s", "id": 7}\n' "$HF_TAG.link" >"$HF_RPC"
hf_grew "a symlinked reply name is refused" errors.fifo_reply_unsafe "$before" 2
if cmp -s "$W/hf.target" "$W/hf.target.orig"; then ok "the symlink's target is unchanged"; else bad "the symlink's target is unchanged" "$(head -c 200 "$W/hf.target")"; fi
rm -f "/tmp/$HF_TAG.link"
before=$(hf_value errors.fifo_reply_not_fifo)
printf 'keep\n' >"/tmp/$HF_TAG.regular"
printf '{"jsonrpc": "2.0", "method": "core.version", "reply_name": "%s", "id": 8}\n' "$HF_TAG.regular" >"$HF_RPC"
hf_grew "a regular file named as reply FIFO is refused" errors.fifo_reply_not_fifo "$before" 2
check "the regular file is unchanged" "$(cat "/tmp/$HF_TAG.regular")" '^keep$'
rm -f "/tmp/$HF_TAG.regular"
hf_answered "after a symlink and a regular file as reply names"

# --- MI FIFO ------------------------------------------------------------------------------------------------
hf_mi_answered "MI at start"
before=$(hf_value errors.fifo_nul)
printf ':version:a\000b\n\n' >"$HF_MI"
hf_mi_answered "MI after a NUL in the reply name"
hf_grew "the MI NUL was counted" errors.fifo_nul "$before"
out=$(hf_exchange "$HF_MI" "$HF_TAG.minul" ':version:%s\nx\000y\n\n' "$HF_TAG.minul")
check "MI: a NUL in a parameter is answered 400 parse error" "$out" "^400 parse error in command 'version'"

before=$(hf_value errors.fifo_bad_reply_name)
printf ':version:../%s\n\n:version:a/b\n\n:version:..\n\n:version:a\\b\n\n' "$HF_TAG" >"$HF_MI"
hf_grew "MI: reply names with a separator or '..' are refused and counted" errors.fifo_bad_reply_name "$before"
hf_mi_answered "MI after bad reply names"
out=$(hf_exchange "$HF_MI" "$HF_TAG.mi.reply.fifo" ':version:%s\n\n' "$HF_TAG.mi.reply.fifo")
check "MI: a reply name with dots is answered (mi_fifo refuses it)" "$out" $'^200 OK\nServer:: pua-agent'

before=$(hf_value errors.fifo_truncated)
rm -f "/tmp/$HF_TAG.micut"; mkfifo -m 0600 "/tmp/$HF_TAG.micut"
timeout 5 cat "/tmp/$HF_TAG.micut" >"$W/hf.micut.out" &
cut_reader=$!
printf ':pua_publish:%s\nsip:hf@127.0.0.1\n3600\n' "$HF_TAG.micut" >"$HF_MI"
sleep 0.3
hf_mi_answered "MI after a request cut before its empty line"
wait "$cut_reader"
check "MI: the cut request's client is told" "$(cat "$W/hf.micut.out")" "^400 parse error in command 'pua_publish'"
hf_grew "MI: the cut request was counted" errors.fifo_truncated "$before"
rm -f "/tmp/$HF_TAG.micut"

printf 'not a command line\nparam\n' >"$HF_MI"
sleep 0.3
hf_mi_answered "MI after a bad command line whose empty line never came"

# --- the end --------------------------------------------------------------------------------------------------
hf_answered "at the end"
out=$(hf_stats)
check "agent.stats shows the FIFO counters" "$out" $'errors.fifo_bad_reply_name: [1-9].*\n.*errors.fifo_nul: [1-9]'
rss_end=$(hf_rss)
echo "       VmRSS at start $rss_start kB, at the end $rss_end kB (limit $HF_RSS_LIMIT_KB kB)"
kill -0 "$AGENT_PID" 2>/dev/null && ok "the agent is still running" || bad "the agent is still running" "$(tail -5 "$W/hf.log")"
stop_pid "$AGENT_PID"
rm -f /tmp/"$HF_TAG".* "/tmp/$DOTTED"
