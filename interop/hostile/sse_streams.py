#!/usr/bin/env python3
"""Event streams never read: COUNT connections each send a complete `GET /events` request (a valid Server-Sent
Events subscription) and then never read a byte, held for HOLD seconds. Streams are long-lived by design, so
neither an idle nor a request timeout applies to them; what bounds them is a cap of their own below the
listener's (so that JSON-RPC over the same port still gets in: the interop part probes curl meanwhile) and
the stalled-reader rule. Prints `ready` when all are open, then `done` with how many the agent closed, how
soon, and the status it answered first.
"""
import argparse

import hostile


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--target", required=True, help="tcp:127.0.0.1:PORT of the JSON-RPC HTTP listener")
    ap.add_argument("--count", type=int, default=1124)
    ap.add_argument("--hold", type=float, default=10.0)
    a = ap.parse_args()
    hostile.raise_fd_limit()
    host = a.target.split(":", 1)[1]
    head = ("GET /events HTTP/1.1\r\nHost: %s\r\nAccept: text/event-stream\r\n\r\n" % host).encode("ascii")
    socks, failed = [], 0
    for _ in range(a.count):
        try:
            s = hostile.open_socket(a.target, rcvbuf=4096)
            s.sendall(head)
            socks.append(s)
        except OSError:
            failed += 1
    hostile.emit("ready", opened=len(socks), connect_or_send_failed=failed)
    # watch only for the agent closing them: reading would take the stream's bytes, which this client never does
    closed = hostile.watch_close_unread(socks, a.hold)
    times = sorted(closed.values())
    hostile.emit("done", opened=len(socks), connect_or_send_failed=failed, held_s=a.hold, closed_by_agent=len(closed),
                 still_open=len(socks) - len(closed), first_close_s="%.1f" % times[0] if times else "-",
                 last_close_s="%.1f" % times[-1] if times else "-")
    hostile.close_all(socks)


if __name__ == "__main__":
    main()
