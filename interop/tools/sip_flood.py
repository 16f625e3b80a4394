#!/usr/bin/env python3
"""Floods a SIP UDP port as fast as one process can: garbage, responses to branches nobody has, and NOTIFYs for
dialogs nobody has, in turn. Bounded: stops after --seconds or --count datagrams, whichever comes first.
Standard library only; 127.0.0.1 only. Answers (481s) are read and thrown away so they do not pile up.

usage: sip_flood.py PORT [--seconds S] [--count N]
prints one line: "sent N garbage=G responses=R notifies=F in S s (D/s)"
"""
import argparse
import os
import socket
import sys
import time


def datagrams():
    """The three kinds, each with a few variants (so nothing is a byte-for-byte retransmission)."""
    garbage = [os.urandom(120), b"GET / HTTP/1.1\r\nHost: x\r\n\r\n", b"\x16\x03\x01\x02\x00" + os.urandom(200),
               b"garbage garbage garbage\r\n\r\n"]
    responses = []
    notifies = []
    for i in range(64):
        token = os.urandom(8).hex()
        # CSeq SUBSCRIBE: not the PUBLISH fast path, a JAIN-SIP parse if it were not dropped unparsed
        responses.append(("SIP/2.0 200 OK\r\n"
                          f"Via: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK{token}\r\n"
                          f"From: <sip:bob@127.0.0.1>;tag={token}\r\n"
                          "To: <sip:alice@127.0.0.1>;tag=x\r\n"
                          f"Call-ID: {token}@127.0.0.1\r\n"
                          "CSeq: 10 SUBSCRIBE\r\n"
                          "Expires: 600\r\nContact: <sip:127.0.0.1:5070>\r\n"
                          "Content-Length: 0\r\n\r\n").encode("ascii"))
        notifies.append(("NOTIFY sip:127.0.0.1 SIP/2.0\r\n"
                         f"Via: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK{token}n\r\n"
                         f"From: <sip:alice@127.0.0.1>;tag={token}\r\n"
                         "To: <sip:bob@127.0.0.1>;tag=nobody\r\n"
                         f"Call-ID: nobody-{token}\r\n"
                         f"CSeq: {i + 1} NOTIFY\r\n"
                         "Max-Forwards: 70\r\nEvent: presence\r\n"
                         "Subscription-State: active;expires=600\r\n"
                         "Content-Length: 0\r\n\r\n").encode("ascii"))
    return garbage, responses, notifies


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--count", type=int, default=5_000_000)
    parser.add_argument("--notify-every", type=int, default=16,
                        help="one NOTIFY per this many datagrams (they cost a parse and an answer)")
    args = parser.parse_args()
    garbage, responses, notifies = datagrams()
    target = ("127.0.0.1", args.port)
    sent = {"garbage": 0, "responses": 0, "notifies": 0}
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    s.setblocking(False)
    start = time.monotonic()
    deadline = start + args.seconds
    n = 0
    while n < args.count:
        if n % 1024 == 0:
            if time.monotonic() >= deadline:
                break
            try:
                while True:
                    s.recv(65536)
            except (BlockingIOError, ConnectionRefusedError):
                pass
        if n % args.notify_every == 0:
            kind, data = "notifies", notifies[n % len(notifies)]
        elif n % 2:
            kind, data = "garbage", garbage[n % len(garbage)]
        else:
            kind, data = "responses", responses[n % len(responses)]
        try:
            s.sendto(data, target)
            sent[kind] += 1
        except (BlockingIOError, ConnectionRefusedError):
            pass
        n += 1
    elapsed = time.monotonic() - start
    total = sum(sent.values())
    print(f"sent {total} garbage={sent['garbage']} responses={sent['responses']} notifies={sent['notifies']} "
          f"in {elapsed:.1f} s ({total / max(elapsed, 1e-9):.0f}/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
