#!/usr/bin/env python3
"""A bystander that answers a PUBLISH before the real server does, from a port of its own.

It learns the PUBLISH from the message trace of the server (sipp -trace_msg), as someone who can read the
request on its way would, and sends a 200 OK with the same Via, From, To, Call-ID and CSeq and a SIP-ETag of its
own to the agent. Standard library only; 127.0.0.1 only; gives up after --timeout seconds.

usage: sip_forger.py TRACE_FILE AGENT_PORT ETAG [--timeout S] [--copies N]
prints: "forged <branch>" when it sent, "nothing to forge" when no PUBLISH appeared in time (exit status 1)
"""
import argparse
import re
import socket
import sys
import time

HEADERS = ("Via", "From", "To", "Call-ID", "CSeq")


def last_publish(trace):
    """The header lines of the last PUBLISH in a sipp message trace, or None."""
    try:
        with open(trace, encoding="utf-8", errors="replace") as f:
            text = f.read()
    except OSError:
        return None
    found = None
    for block in re.split(r"\n-{10,}[^\n]*\n", text):
        at = block.find("PUBLISH sip:")
        if at >= 0 and "received" in block[:at]:
            found = block[at:]
    if found is None:
        return None
    head = found.split("\n\n", 1)[0]
    values = {}
    for line in head.splitlines()[1:]:
        name, _, value = line.partition(":")
        name = name.strip()
        if name in HEADERS and name not in values:
            values[name] = value.strip()
    return values if all(h in values for h in HEADERS) else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("trace")
    parser.add_argument("agent_port", type=int)
    parser.add_argument("etag")
    parser.add_argument("--timeout", type=float, default=5.0)
    parser.add_argument("--copies", type=int, default=3)
    args = parser.parse_args()
    deadline = time.monotonic() + args.timeout
    request = None
    while request is None and time.monotonic() < deadline:
        request = last_publish(args.trace)
        if request is None:
            time.sleep(0.01)
    if request is None:
        print("nothing to forge")
        return 1
    response = ("SIP/2.0 200 OK\r\n"
                f"Via: {request['Via']}\r\n"
                f"From: {request['From']}\r\n"
                f"To: {request['To']};tag=forger\r\n"
                f"Call-ID: {request['Call-ID']}\r\n"
                f"CSeq: {request['CSeq']}\r\n"
                f"SIP-ETag: {args.etag}\r\n"
                "Expires: 60\r\n"
                "Content-Length: 0\r\n\r\n").encode("ascii")
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        for _ in range(args.copies):
            s.sendto(response, ("127.0.0.1", args.agent_port))
    branch = re.search(r"branch=([^;,\s]+)", request["Via"])
    print("forged", branch.group(1) if branch else "?", "from port", port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
