#!/usr/bin/env python3
"""Slowloris: COUNT connections each start a request head (`POST /RPC HTTP/1.1`) and then send one more
header line every INTERVAL seconds, never finishing the head, for HOLD seconds.

A bounded server closes them once the head has taken too long (whatever trickles in); an unbounded one keeps
every connection as long as a byte arrives now and then. Prints `ready` when all are open, then `done` with
how many the agent closed and when.
"""
import argparse

import hostile


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--target", required=True, help="tcp:127.0.0.1:PORT of the JSON-RPC HTTP listener")
    ap.add_argument("--count", type=int, default=500)
    ap.add_argument("--interval", type=float, default=2.0, help="seconds between two header lines")
    ap.add_argument("--hold", type=float, default=20.0)
    a = ap.parse_args()
    hostile.raise_fd_limit()
    host = a.target.split(":", 1)[1]
    socks, failed = [], 0
    for _ in range(a.count):
        try:
            s = hostile.open_socket(a.target)
            s.sendall(("POST /RPC HTTP/1.1\r\nHost: %s\r\n" % host).encode("ascii"))
            socks.append(s)
        except OSError:
            failed += 1
    hostile.emit("ready", opened=len(socks), connect_or_send_failed=failed)
    sent = [0]

    def trickle(open_socks):
        for s in open_socks:
            try:
                s.send(b"X-Slow-%d: still coming\r\n" % sent[0])
            except OSError:
                pass  # the agent closed it: hold_and_watch notes that
        sent[0] += 1

    closed, first = hostile.hold_and_watch(socks, a.hold, on_tick=trickle, tick=a.interval)
    hostile.emit("done", opened=len(socks), connect_or_send_failed=failed, header_lines=sent[0],
                 held_s=a.hold, **hostile.close_summary(socks, closed, first))
    hostile.close_all(socks)


if __name__ == "__main__":
    main()
