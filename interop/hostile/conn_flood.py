#!/usr/bin/env python3
"""Connection flood: COUNT connections (the listener's cap + 100, say) to a binrpc stream listener, each kept busy
with one `core.version` every EVERY seconds (so an idle timeout does not free them), for HOLD seconds.

A bounded listener serves up to its cap and closes the rest at once; meanwhile another listener (the unix
control socket) must still let kamcmd in: the interop part probes that while this runs. Prints `ready` when
every connection is open and has been asked once, then `done` with how many were served, refused at once
(closed within a second without an answer) and closed later.
"""
import argparse
import time

import hostile


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--target", required=True, help="tcp:127.0.0.1:PORT or unix:/path of a binrpc listener")
    ap.add_argument("--count", type=int, default=1124)
    ap.add_argument("--every", type=float, default=2.0, help="seconds between two requests on one connection")
    ap.add_argument("--hold", type=float, default=15.0)
    a = ap.parse_args()
    hostile.raise_fd_limit()
    socks, failed, start = [], 0, hostile.now()
    for _ in range(a.count):
        try:
            socks.append(hostile.open_socket(a.target))
        except OSError:
            failed += 1
    opened_s = hostile.now() - start
    cookie = [1]

    def ask(open_socks):
        for s in open_socks:
            try:
                s.send(hostile.binrpc_request(cookie[0], "core.version"))
            except OSError:
                pass
        cookie[0] += 1

    ask(socks)
    time.sleep(1.0)
    first_second, first = hostile.hold_and_watch(socks, 0.5)
    refused = sum(1 for s in socks if s in first_second and s not in first)
    served_early = sum(1 for s in socks if s in first)
    hostile.emit("ready", opened=len(socks), connect_failed=failed, open_s="%.1f" % opened_s,
                 refused_at_once=refused, served=served_early)
    alive = [s for s in socks if s not in first_second]
    closed, later_first = hostile.hold_and_watch(alive, a.hold, on_tick=ask, tick=a.every)
    served = sum(1 for s in socks if s in first or s in later_first)
    hostile.emit("done", opened=len(socks), connect_failed=failed, refused_at_once=refused, served=served,
                 closed_later=len(closed), still_open=len(alive) - len(closed), held_s=a.hold)
    hostile.close_all(socks)


if __name__ == "__main__":
    main()
