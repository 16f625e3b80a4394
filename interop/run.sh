#!/usr/bin/env bash
# Interop suite: the agent against the real tools — kamcmd (tcp and unix), kamctl (JSON-RPC FIFO), curl
# (JSON-RPC HTTP), Kamailio 5.6 as presence server, sipp as scripted UAS. Everything on 127.0.0.1 and
# unix sockets under a private /tmp directory; every process started here is stopped by its PID.
# Prints one line per check and ends with "N passed, N failed"; exits non-zero when a check failed.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
JAR=$ROOT/agent/target/pua-agent.jar

need=()
command -v kamcmd >/dev/null || need+=(kamailio)
dpkg -s kamailio-presence-modules >/dev/null 2>&1 || need+=(kamailio-presence-modules)
command -v sipp >/dev/null || need+=(sip-tester)
command -v curl >/dev/null || need+=(curl)
command -v chromium >/dev/null || need+=(chromium)
if [ "${#need[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then echo "interop needs: ${need[*]} (run as root to install)"; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
[ -f "$JAR" ] || { echo "missing $JAR: run make build"; exit 1; }

W=$(mktemp -d /tmp/pua-interop.XXXXXX)
PIDS=()
PASS=0
FAIL=0
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null
  done
  [ -f "$W/ps.pid" ] && kill "$(cat "$W/ps.pid")" 2>/dev/null
  if [ "$FAIL" -eq 0 ] && [ -z "${KEEP:-}" ]; then rm -rf "$W"; else echo "work directory kept: $W"; fi
}
trap cleanup EXIT

ok() { PASS=$((PASS + 1)); echo "ok   - $1"; }
bad() { FAIL=$((FAIL + 1)); echo "FAIL - $1"; shift; for l in "$@"; do echo "       $l"; done; }
# check NAME HAYSTACK NEEDLE-REGEX
# a pattern holding a newline is matched against the whole text (grep -z), others line by line
matches() {
  case "$2" in
    *$'\n'*) printf '%s' "$1" | grep -Ezq -- "$2" ;;
    *) printf '%s' "$1" | grep -Eq -- "$2" ;;
  esac
}
check() {
  if matches "$2" "$3"; then ok "$1"; else bad "$1" "expected /$3/ in:" "$(printf '%s' "$2" | head -20)"; fi
}
check_not() {
  if matches "$2" "$3"; then bad "$1" "did not expect /$3/ in:" "$(printf '%s' "$2" | head -20)"; else ok "$1"; fi
}

wait_tcp() { for _ in $(seq 1 100); do (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; return 1; }
wait_file() { for _ in $(seq 1 100); do [ -e "$1" ] && return 0; sleep 0.1; done; return 1; }
wait_fifo() { for _ in $(seq 1 100); do [ -p "$1" ] && return 0; sleep 0.1; done; return 1; }
wait_udp() { for _ in $(seq 1 100); do ss -lun 2>/dev/null | grep -q "127.0.0.1:$1 " && return 0; sleep 0.1; done; return 1; }

# start_agent NAME HTTP-PORT CTL-PORT SIP-PORT [extra agent options...]; sets AGENT_PID
start_agent() {
  local name=$1 http=$2 ctl=$3 sip=$4; shift 4
  java -Xmx512m -jar "$JAR" --binrpc "tcp:127.0.0.1:$ctl" --binrpc "unixs:$W/$name.ctl" \
    --binrpc "udp:127.0.0.1:$ctl" \
    --jsonrpc-http "127.0.0.1:$http" --jsonrpc-fifo "$W/$name.rpc.fifo" --mi-fifo "$W/$name.mi.fifo" \
    --sip-listen "udp:127.0.0.1:$sip" "$@" >"$W/$name.log" 2>&1 &
  AGENT_PID=$!
  PIDS+=("$AGENT_PID")
  wait_tcp "$http" && wait_tcp "$ctl" && wait_file "$W/$name.ctl" && wait_fifo "$W/$name.rpc.fifo" \
    && wait_fifo "$W/$name.mi.fifo" || { bad "agent $name starts" "$(tail -20 "$W/$name.log")"; return 1; }
}
stop_pid() { kill "$1" 2>/dev/null; for _ in $(seq 1 50); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done; kill -9 "$1" 2>/dev/null; }

http_rpc() { # port json
  curl -s -m 40 -H 'Content-Type: application/json' --data-binary "$2" "http://127.0.0.1:$1/RPC"
}

PIDF='<?xml version="1.0" encoding="UTF-8"?><presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:alice@127.0.0.1"><tuple id="t1"><status><basic>open</basic></status></tuple></presence>'

# INTEROP_ONLY="30-* 9*" runs only the parts whose file names match one of the patterns
for part in "$ROOT"/interop/tests/*.sh; do
  if [ -n "${INTEROP_ONLY:-}" ]; then
    keep=
    for pattern in $INTEROP_ONLY; do
      # shellcheck disable=SC2053
      [[ $(basename "$part") == $pattern ]] && keep=1
    done
    [ -n "$keep" ] || continue
  fi
  echo "# $(basename "$part")"
  # shellcheck disable=SC1090
  source "$part"
done

echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
