#!/usr/bin/env python3
"""Half-open HTTP requests: COUNT connections each send a complete request head announcing a large body
(`POST /RPC HTTP/1.1`, `Content-Length: 1000000`) and then nothing, held open for HOLD seconds.

A bounded server closes them (request-completion timeout, or refuses what is over its connection cap); an
unbounded one keeps them all and waits for the bodies. Prints `ready` once every connection is open and its
head sent, then `done` with how many the agent closed, how soon, and what it answered first.
"""
import argparse

import hostile


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--target", required=True, help="tcp:127.0.0.1:PORT of the JSON-RPC HTTP listener")
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--hold", type=float, default=10.0, help="seconds to keep them open after the last head")
    ap.add_argument("--content-length", type=int, default=1000000)
    a = ap.parse_args()
    hostile.raise_fd_limit()
    host = a.target.split(":", 1)[1]
    head = ("POST /RPC HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n"
            % (host, a.content_length)).encode("ascii")
    socks, failed, start = [], 0, hostile.now()
    for _ in range(a.count):
        try:
            s = hostile.open_socket(a.target)
            s.sendall(head)
            socks.append(s)
        except OSError:
            failed += 1
    hostile.emit("ready", opened=len(socks), connect_or_send_failed=failed, open_s="%.1f" % (hostile.now() - start))
    closed, first = hostile.hold_and_watch(socks, a.hold)
    hostile.emit("done", opened=len(socks), connect_or_send_failed=failed, held_s=a.hold,
                 **hostile.close_summary(socks, closed, first))
    hostile.close_all(socks)


if __name__ == "__main__":
    main()
