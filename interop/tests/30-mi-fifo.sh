# The Kamailio 4.x MI FIFO protocol, written the way kamctl 4.4's fifo engine writes it.
start_agent mi 18083 12063 15063 --presence-listen udp:127.0.0.1:15073 --presence-failure-users on || return 0
mi_call() { # reply-name then lines...
  local name=$1; shift
  rm -f "/tmp/$name"; mkfifo -m 0666 "/tmp/$name"
  timeout 20 cat "/tmp/$name" >"$W/$name.out" &
  local reader=$!
  { printf ':%s:%s\n' "$1" "$name"; shift; for l in "$@"; do printf '%s\n' "$l"; done; printf '\n'; } >"$W/mi.mi.fifo"
  wait "$reader"
  rm -f "/tmp/$name"
  cat "$W/$name.out"
}
SQ_PIDF="<presence xmlns='urn:ietf:params:xml:ns:pidf' entity='sip:erin@127.0.0.1'><tuple id='t1'><status><basic>open</basic></status></tuple></presence>"
out=$(mi_call pua_interop_$$ pua_publish sip:erin@127.0.0.1 3600 presence application/pidf+xml . . . "$SQ_PIDF")
check "MI pua_publish: 200 OK tree with the SIP outcome" "$out" $'^200 OK\n200 OK\nETag:: [^[:space:]]+\nExpires:: 3600'
out=$(mi_call pua_interop_$$ pua_publish sip:e412@127.0.0.1 3600 presence . . . . "$SQ_PIDF")
check "MI pua_publish: 412 reported as the child line" "$out" $'^200 OK\n412 Conditional Request Failed'
out=$(mi_call pua_interop_$$ pua_publish sip:erin@127.0.0.1 3600 foo . . . . "$SQ_PIDF")
check "MI pua_publish: unknown event" "$out" "^400 Unknown event"
out=$(mi_call pua_interop_$$ pua_subscribe sip:erin@127.0.0.1:15073 sip:frank@127.0.0.1 presence 3600)
check "MI pua_subscribe: 200 OK with the subscription (the agent is the subscriber)" "$out" $'^200 OK\nid:: [0-9a-f]+-[0-9a-f]+\nExpires:: 3600\nstate:: active'
out=$(mi_call pua_interop_$$ pua_subscribe sip:erin@127.0.0.1:15073 sip:frank@127.0.0.1 presence 0)
check "MI pua_subscribe expires 0: unsubscribed in-dialog" "$out" $'^200 OK\nid:: [0-9a-f]+-[0-9a-f]+\nExpires:: 0\nstate:: terminated\nreason:: unsubscribed'
out=$(mi_call pua_interop_$$ pua_subscribe sip:erin@127.0.0.1:15073 sip:frank@127.0.0.1 presence 0)
check "MI pua_subscribe expires 0 without a subscription: 202 accepted, as Kamailio" "$out" "^202 accepted"
out=$(mi_call pua_interop_$$ no_such_cmd x)
check "MI: unknown command" "$out" "^500 command 'no_such_cmd' not available"
stop_pid "$AGENT_PID"
