#!/usr/bin/env python3
"""Idle connections: COUNT connections to a stream listener (binrpc TCP, unix, or the HTTP port) that never send
a byte, held for HOLD seconds. A bounded server closes them after its idle timeout. Prints `ready` when all are
open, then `done` with how many the agent closed and when.
"""
import argparse

import hostile


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--target", required=True, help="tcp:127.0.0.1:PORT or unix:/path")
    ap.add_argument("--count", type=int, default=10)
    ap.add_argument("--hold", type=float, default=20.0)
    a = ap.parse_args()
    hostile.raise_fd_limit()
    socks, failed = [], 0
    for _ in range(a.count):
        try:
            socks.append(hostile.open_socket(a.target))
        except OSError:
            failed += 1
    hostile.emit("ready", opened=len(socks), connect_failed=failed)
    closed, first = hostile.hold_and_watch(socks, a.hold)
    hostile.emit("done", opened=len(socks), connect_failed=failed, held_s=a.hold,
                 **hostile.close_summary(socks, closed, first))
    hostile.close_all(socks)


if __name__ == "__main__":
    main()
