#!/usr/bin/env python3
"""Pipelined flood: COUNT requests written back to back on one connection (HTTP keep-alive POSTs of JSON-RPC,
or binrpc packets as kamcmd writes them) as fast as the agent takes them, and by default never a byte read.

A bounded server stops reading a connection while its unsent replies exceed a bound (our writes then stall)
and closes a connection whose reader stalls; an unbounded one reads everything and keeps every reply in
memory. With --read the answers are read and counted instead (each request must get exactly one; over HTTP the
statuses show what an in-flight cap answered). Writing stops after --seconds; then the connection is held, still
unread, for --hold seconds to see whether the agent closes it. Prints `ready` once writing starts and `done`.
"""
import argparse
import json
import select
import socket

import hostile

SIGNIFICANT_STALL_S = 1.0


def http_request(i, method, pad, host, presentities):
    if method == "pua.publish":
        uri = "sip:flood%d@127.0.0.1" % (i % presentities)
        params = [uri, "3600", "presence", "application/pidf+xml", ".", ".", ".", ".", hostile.PIDF.format(uri=uri)]
    elif method == "core.echo":
        params = ["x" * pad]
    else:
        params = []
    body = json.dumps({"jsonrpc": "2.0", "method": method, "params": params, "id": i},
                      separators=(",", ":")).encode("utf-8")
    return hostile.http_post(host, body)


def binrpc_request(i, method, pad, presentities):
    cookie = (i % 0x7FFFFFFF) + 1
    if method == "pua.publish":
        uri = "sip:flood%d@127.0.0.1" % (i % presentities)
        return hostile.binrpc_request(cookie, method, [uri, 3600, "presence", "application/pidf+xml", ".", ".", ".",
                                                       ".", hostile.PIDF.format(uri=uri)])
    if method == "core.echo":
        return hostile.binrpc_request(cookie, method, ["x" * pad])
    return hostile.binrpc_request(cookie, method)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--proto", choices=("http", "binrpc"), required=True)
    ap.add_argument("--target", required=True, help="tcp:127.0.0.1:PORT or unix:/path (binrpc)")
    ap.add_argument("--count", type=int, default=100000)
    ap.add_argument("--method", default="core.echo", choices=("core.echo", "core.version", "pua.publish"))
    ap.add_argument("--pad", type=int, default=512, help="core.echo: bytes of its one string parameter")
    ap.add_argument("--presentities", type=int, default=1000, help="pua.publish: sip:flood<i>@127.0.0.1, i < N")
    ap.add_argument("--read", action="store_true", help="read and count the answers")
    ap.add_argument("--seconds", type=float, default=20.0, help="longest time spent writing")
    ap.add_argument("--hold", type=float, default=10.0, help="then keep the connection this long")
    ap.add_argument("--rcvbuf", type=int, default=4096, help="our receive buffer (small: replies pile up at the agent)")
    a = ap.parse_args()
    host = a.target.split(":", 1)[1]
    s = hostile.open_socket(a.target, rcvbuf=0 if a.read else a.rcvbuf)
    s.setblocking(False)
    counter = hostile.HttpAnswerCounter() if a.proto == "http" else hostile.BinRpcCounter()

    def make(i):
        if a.proto == "http":
            return http_request(i, a.method, a.pad, host, a.presentities)
        return binrpc_request(i, a.method, a.pad, a.presentities)

    poller = select.poll()
    reading = select.POLLIN if a.read else 0  # unread answers keep POLLIN set: ask for it only when reading
    poller.register(s.fileno(), select.POLLOUT | reading | hostile.PEER_GONE)
    start = hostile.now()
    hostile.emit("ready", proto=a.proto, method=a.method, count=a.count)
    next_i, pending, written, bytes_written = 0, b"", 0, 0
    ends = []  # byte offsets where requests end, to count whole requests written
    last_progress, longest_stall, closed_at, stalled_count = start, 0.0, None, 0

    def read_some():
        try:
            data = s.recv(1 << 20)
        except BlockingIOError:
            return True
        except OSError:
            return False
        if not data:
            return False
        counter.feed(data)
        return True

    while closed_at is None and (next_i < a.count or pending) and hostile.now() - start < a.seconds:
        while len(pending) < 65536 and next_i < a.count:
            r = make(next_i)
            pending += r
            ends.append(bytes_written + len(pending))
            next_i += 1
        events = poller.poll(200)
        t = hostile.now()
        for _, ev in events:
            if ev & select.POLLIN and a.read and not read_some():
                closed_at = t - start
            if ev & hostile.PEER_GONE:
                closed_at = t - start
            if ev & select.POLLOUT and closed_at is None:
                try:
                    n = s.send(pending)
                except BlockingIOError:
                    n = 0
                except OSError:
                    closed_at = t - start
                    n = 0
                if n:
                    stall = t - last_progress
                    longest_stall = max(longest_stall, stall)
                    if stall >= SIGNIFICANT_STALL_S:
                        stalled_count += 1
                    last_progress = t
                    bytes_written += n
                    pending = pending[n:]
        if not events:
            longest_stall = max(longest_stall, t - last_progress)
    write_s = hostile.now() - start
    written = sum(1 for e in ends if e <= bytes_written)
    longest_stall = max(longest_stall, (hostile.now() - last_progress) if pending or next_i < a.count else 0)
    # hold: unread (or reading until every answer came), watching for the agent closing the connection
    poller.modify(s.fileno(), reading | hostile.PEER_GONE)
    hold_start = hostile.now()
    while closed_at is None and hostile.now() - hold_start < a.hold:
        if a.read and (counter.answers() if a.proto == "http" else counter.replies + counter.faults) >= written:
            break
        for _, ev in poller.poll(200):
            if ev & select.POLLIN and a.read and not read_some():
                closed_at = hostile.now() - start
            if ev & hostile.PEER_GONE:
                closed_at = hostile.now() - start
    fields = dict(proto=a.proto, method=a.method, count=a.count, written=written, bytes_written=bytes_written,
                  all_written=str(written == a.count).lower(), write_s="%.1f" % write_s,
                  longest_write_stall_s="%.1f" % longest_stall, stalls=stalled_count,
                  closed_by_agent="yes" if closed_at is not None else "no",
                  closed_at_s="%.1f" % closed_at if closed_at is not None else "-")
    if a.read:
        if a.proto == "http":
            fields.update(answers=counter.answers(), statuses=hostile.histogram(counter.statuses))
        else:
            fields.update(answers=counter.replies + counter.faults, faults=counter.faults,
                          fault_codes=hostile.histogram(counter.fault_codes))
        fields.update(bad_stream=str(counter.bad).lower())
    hostile.emit("done", **fields)
    try:
        s.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    s.close()


if __name__ == "__main__":
    main()
