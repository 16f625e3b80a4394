#!/usr/bin/env python3
"""Oversized JSON-RPC batches in one POST: --elements N copies of --element (default `1`, the JSON-RPC
specification's invalid-request example, so a 100,000-element batch is only 200 KB and asks for 100,000
error objects), or --bytes N: a batch of valid core.version calls padded with spaces to exactly N bytes
(1 MiB + 1 is one byte over the agent's body limit).

Reads the answer (at most --max-answer bytes) within --seconds and prints `done` with the status, the size of
the answer, how long it took, and whether the agent closed the connection.
"""
import argparse
import socket

import hostile

CALL = b'{"jsonrpc":"2.0","method":"core.version","id":%d}'


def batch_of_bytes(size):
    calls, total, i = [], 2, 1
    while True:
        call = CALL % i
        if total + len(call) + 1 > size:
            break
        calls.append(call)
        total += len(call) + 1
        i += 1
    body = b"[" + b",".join(calls)
    return body + b" " * (size - len(body) - 1) + b"]", len(calls)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--target", required=True, help="tcp:127.0.0.1:PORT of the JSON-RPC HTTP listener")
    ap.add_argument("--elements", type=int, default=100000)
    ap.add_argument("--element", default="1")
    ap.add_argument("--bytes", type=int, default=0, help="instead: a padded batch of exactly this many bytes")
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--max-answer", type=int, default=64 << 20)
    a = ap.parse_args()
    host = a.target.split(":", 1)[1]
    if a.bytes:
        body, calls = batch_of_bytes(a.bytes)
    else:
        body, calls = b"[" + b",".join([a.element.encode("utf-8")] * a.elements) + b"]", a.elements
    request = hostile.http_post(host, body)
    s = hostile.open_socket(a.target, timeout=a.seconds)
    start = hostile.now()
    hostile.emit("ready", body_bytes=len(body), elements=calls)
    send_error = "-"
    try:
        s.sendall(request)
    except OSError as e:  # the agent may refuse (413) and close before taking the whole body
        send_error = type(e).__name__
    answer = bytearray()
    counter = hostile.HttpAnswerCounter()
    closed = "no"
    s.settimeout(0.5)
    while hostile.now() - start < a.seconds and len(answer) < a.max_answer and counter.answers() == 0:
        try:
            data = s.recv(1 << 20)
        except socket.timeout:
            continue
        except OSError:
            closed = "reset"
            break
        if not data:
            closed = "yes"
            break
        answer += data
        counter.feed(data)
    took = hostile.now() - start
    status = counter.first_status_line.split(" ")[1] if counter.first_status_line else (
        hostile.status_of(bytes(answer[:64])) + "-incomplete")
    elements = bytes(answer).count(b'"jsonrpc"')
    hostile.emit("done", body_bytes=len(body), elements=calls, status=status, answer_bytes=len(answer),
                 answer_objects=elements, answer_s="%.2f" % took, closed_by_agent=closed, send_error=send_error)
    s.close()


if __name__ == "__main__":
    main()
