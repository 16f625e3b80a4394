# kamctl rpc (JSON-RPC over the FIFO) and curl (JSON-RPC over HTTP) against the agent.
start_agent kj 18082 12062 15062 --presence-listen udp:127.0.0.1:15072 --presence-failure-users on || return 0
SQ_PIDF="<presence xmlns='urn:ietf:params:xml:ns:pidf' entity='sip:carol@127.0.0.1'><tuple id='t1'><status><basic>open</basic></status></tuple></presence>"
out=$(RPCFIFOPATH="$W/kj.rpc.fifo" timeout 20 kamctl rpc pua.publish sip:carol@127.0.0.1 3600 presence . . . . . "$SQ_PIDF" 2>&1)
check "kamctl rpc pua.publish over the FIFO gets SIP-ETag (Kamailio: failed to create context)" "$out" '"SIP-ETag"'
out=$(RPCFIFOPATH="$W/kj.rpc.fifo" timeout 20 kamctl rpc pua.send_publish sip:carol@127.0.0.1 s:3600 presence . . . . . "$SQ_PIDF" 2>&1)
check "kamctl rpc pua.send_publish answers an empty result" "$out" '"result": \{'
out=$(RPCFIFOPATH="$W/kj.rpc.fifo" timeout 20 kamctl rpc core.version 2>&1)
check "kamctl rpc core.version" "$out" 'pua-agent'
JSON_PIDF=${PIDF//\"/\\\"}
out=$(curl -s -i -m 20 --data-binary '{"jsonrpc":"2.0","method":"pua.publish","params":["sip:dave@127.0.0.1","3600","presence","application/pidf+xml",".",".",".",".","'"$JSON_PIDF"'"],"id":7}' http://127.0.0.1:18082/RPC)
check "curl pua.publish: HTTP 200" "$out" "^HTTP/1.1 200"
check "curl pua.publish: result has SIP-ETag and Expires, tab-formatted like Kamailio" "$out" $'"SIP-ETag":\t"[^"]+",'
check "curl pua.publish: id echoed" "$out" $'"id":\t7'
out=$(curl -s -i -m 20 --data-binary '{"jsonrpc":"2.0","method":"pua.publish","params":{"presentity":"sip:dave@127.0.0.1","expires":3600,"event":"presence","body":"'"$JSON_PIDF"'"},"id":"named"}' http://127.0.0.1:18082/RPC)
check "curl pua.publish with named params and a numeric expires" "$out" '"SIP-ETag"'
out=$(curl -s -i -m 20 --data-binary '{"jsonrpc":"2.0","method":"pua.publish","params":["sip:e503@127.0.0.1","3600","presence",".",".",".",".",".","'"$JSON_PIDF"'"],"id":8}' http://127.0.0.1:18082/RPC)
check "curl: a 503 from the server is HTTP 503 and a fault 503" "$out" "^HTTP/1.1 503 Service Unavailable"
out=$(curl -s -i -m 20 --data-binary '{"jsonrpc":"2.0","method":"foo.bar","id":9}' http://127.0.0.1:18082/RPC)
check "curl: unknown method is 500 Method Not Found" "$out" "^HTTP/1.1 500 Method Not Found"
out=$(curl -s -m 20 --data-binary 'not json' http://127.0.0.1:18082/RPC; echo " curl-exit=$?")
check "curl: invalid JSON gets -32700 at once (Kamailio never answers)" "$out" $'-32700.*\n.* curl-exit=0'  
out=$(curl -s -m 20 --data-binary '[{"jsonrpc":"2.0","method":"core.version","id":1},{"jsonrpc":"2.0","method":"core.echo","params":["x"],"id":2}]' http://127.0.0.1:18082/RPC)
check "curl: a batch gets an array of replies" "$out" $'^\\[\\{\n.*"id":.1.*"id":.2'
stop_pid "$AGENT_PID"
