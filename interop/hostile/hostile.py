"""Shared pieces of the attack clients in this directory (python3 standard library only).

Every client takes its target as tcp:HOST:PORT (numeric, 127.0.0.1 in this suite) or unix:/path, is bounded in
count and time, exits by itself, and prints what it saw as lines of `key=value` fields on stdout: first a line
starting with `ready` once the attack is in place (the interop parts probe the agent after it), last a line
starting with `done`. Nothing here resolves a name.
"""

import os
import resource
import select
import socket
import struct
import sys
import time

# poll() bits meaning "the peer closed or reset the connection", even while unread data waits in our buffer
PEER_GONE = select.POLLHUP | select.POLLERR | getattr(select, "POLLRDHUP", 0x2000)

PIDF = ('<?xml version="1.0" encoding="UTF-8"?><presence xmlns="urn:ietf:params:xml:ns:pidf" '
        'entity="{uri}"><tuple id="t1"><status><basic>open</basic></status></tuple></presence>')


def raise_fd_limit():
    """Lets this process open as many sockets as its hard limit allows (the attacks need thousands)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return hard


def parse_target(target):
    """tcp:HOST:PORT or unix:/path -> (family, address)."""
    kind, _, rest = target.partition(":")
    if kind == "unix":
        return socket.AF_UNIX, rest
    if kind == "tcp":
        host, _, port = rest.rpartition(":")
        socket.inet_aton(host)  # numeric only: this raises for a name instead of asking a DNS server
        return socket.AF_INET, (host, int(port))
    raise SystemExit("target must be tcp:HOST:PORT or unix:/path, not " + target)


def open_socket(target, timeout=2.0, rcvbuf=0):
    """A connected blocking socket with a timeout; rcvbuf > 0 shrinks our receive buffer before connecting."""
    family, address = parse_target(target)
    s = socket.socket(family, socket.SOCK_STREAM)
    if rcvbuf > 0:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    s.settimeout(timeout)
    try:
        s.connect(address)
    except OSError:
        s.close()
        raise
    return s


def emit(tag, **fields):
    """One line `tag k=v k=v ...` on stdout, flushed (the interop part reads it while we run)."""
    parts = [tag] + ["%s=%s" % (k, v) for k, v in fields.items()]
    sys.stdout.write(" ".join(parts) + "\n")
    sys.stdout.flush()


def now():
    return time.monotonic()


# --- binrpc (packet layout: header a1, type/length-size/cookie-size byte, body length, cookie; records) ----

def _minimal(value):
    return 1 if value < 0x100 else 2 if value < 0x10000 else 3 if value < 0x1000000 else 4


def _record(kind, value):
    """A record whose value length goes in the tag (S=0, up to 7 bytes) or in the next bytes (S=1)."""
    n = len(value)
    if n <= 7:
        return bytes([(n << 4) | kind]) + value
    size = _minimal(n)
    return bytes([0x80 | (size << 4) | kind]) + n.to_bytes(size, "big") + value


def binrpc_str(text):
    return _record(1, text.encode("utf-8") + b"\0")


def binrpc_int(value):
    if value == 0:
        return bytes([0x00])
    raw = struct.pack(">i", value).lstrip(b"\0") if value > 0 else struct.pack(">i", value)
    return _record(0, raw)


def binrpc_request(cookie, method, params=()):
    """A request packet as kamcmd writes it: the method as a str record, then each parameter (str or int)."""
    body = binrpc_str(method) + b"".join(binrpc_int(p) if isinstance(p, int) else binrpc_str(p) for p in params)
    ll, cl = _minimal(len(body)), _minimal(cookie)
    head = bytes([0xA1, (0 << 4) | ((ll - 1) << 2) | (cl - 1)]) + len(body).to_bytes(ll, "big") + cookie.to_bytes(cl, "big")
    return head + body


class BinRpcCounter:
    """Counts reply and fault packets in a binrpc byte stream fed in pieces (header: 4-10 bytes), and the faults
    by code (a fault's body starts with its code, an int record)."""

    def __init__(self):
        self.buf = bytearray()
        self.replies = 0
        self.faults = 0
        self.fault_codes = {}
        self.bad = False

    def _count_fault(self, body):
        code = "?"
        if body and body[0] & 0x8F == 0:  # int record, length in the tag
            n = body[0] >> 4
            code = str(int.from_bytes(body[1:1 + n], "big", signed=True) if n else 0)
        self.fault_codes[code] = self.fault_codes.get(code, 0) + 1

    def feed(self, data):
        self.buf += data
        while len(self.buf) >= 2:
            if self.buf[0] != 0xA1:
                self.bad = True
                self.buf.clear()
                return
            ll = ((self.buf[1] >> 2) & 3) + 1
            cl = (self.buf[1] & 3) + 1
            if len(self.buf) < 2 + ll + cl:
                return
            length = int.from_bytes(self.buf[2:2 + ll], "big")
            total = 2 + ll + cl + length
            if len(self.buf) < total:
                return
            if self.buf[1] >> 4 == 3:
                self.faults += 1
                self._count_fault(bytes(self.buf[2 + ll + cl:total]))
            else:
                self.replies += 1
            del self.buf[:total]


# --- HTTP ----------------------------------------------------------------------------------------------

def http_post(host_header, body, path="/RPC", content_type="application/json", extra=()):
    """One keep-alive HTTP/1.1 POST with a Content-Length body."""
    head = ["POST %s HTTP/1.1" % path, "Host: " + host_header, "Content-Type: " + content_type,
            "Content-Length: %d" % len(body)] + list(extra)
    return ("\r\n".join(head) + "\r\n\r\n").encode("ascii") + body


class HttpAnswerCounter:
    """Counts HTTP answers by status in a byte stream fed in pieces: bodies framed by Content-Length or chunked
    (an answer without either ends the stream: it is counted when its head is complete)."""

    def __init__(self):
        self.buf = bytearray()
        self.statuses = {}
        self.bad = False
        self.first_status_line = ""
        self.to_eof = False

    def answers(self):
        return sum(self.statuses.values())

    def _chunked_end(self, start):
        """Offset after the last chunk and trailers of a chunked body starting at `start`, or -1 if incomplete."""
        at = start
        while True:
            line_end = self.buf.find(b"\r\n", at)
            if line_end < 0:
                return -1
            size = int(bytes(self.buf[at:line_end]).split(b";")[0].strip() or b"0", 16)
            if size == 0:
                trailers_end = self.buf.find(b"\r\n\r\n", line_end)
                if self.buf[line_end:line_end + 4] == b"\r\n\r\n":
                    return line_end + 4
                return -1 if trailers_end < 0 else trailers_end + 4
            at = line_end + 2 + size + 2
            if at > len(self.buf):
                return -1

    def feed(self, data):
        if self.to_eof or self.bad:
            return
        self.buf += data
        while True:
            end = self.buf.find(b"\r\n\r\n")
            if end < 0:
                return
            head = bytes(self.buf[:end]).decode("latin-1").split("\r\n")
            parts = head[0].split(" ", 2)
            if len(parts) < 2 or not parts[0].startswith("HTTP/") or not parts[1].isdigit():
                self.bad = True
                self.buf.clear()
                return
            length, chunked = None, False
            for line in head[1:]:
                name, _, value = line.partition(":")
                name = name.strip().lower()
                if name == "content-length":
                    length = int(value.strip())
                elif name == "transfer-encoding" and "chunked" in value.lower():
                    chunked = True
            status = parts[1]
            if chunked:
                body_end = self._chunked_end(end + 4)
                if body_end < 0:
                    return
            elif length is not None:
                body_end = end + 4 + length
                if len(self.buf) < body_end:
                    return
            elif status == "100" or status == "204" or status == "304":
                body_end = end + 4
            else:
                self.to_eof = True  # the body runs to the end of the stream: nothing after it
                body_end = len(self.buf)
            if not self.first_status_line:
                self.first_status_line = head[0]
            if status != "100":  # 100 Continue is not an answer
                self.statuses[status] = self.statuses.get(status, 0) + 1
            del self.buf[:body_end]
            if self.to_eof:
                return


def histogram(counts):
    """{'200': 5, '503': 2} -> '200:5,503:2' (or '-' when empty), for one field of an emitted line."""
    return ",".join("%s:%d" % kv for kv in sorted(counts.items())) or "-"


def hold_and_watch(socks, seconds, on_tick=None, tick=1.0):
    """Keeps `socks` open for `seconds`, noting when the peer closes each (EOF, reset, or an answer then EOF).

    Returns a dict socket -> (seconds after the start when the peer closed it, first bytes it sent or b"").
    `on_tick(open_socks)` runs every `tick` seconds (slowloris sends its next header line there).
    """
    start = now()
    closed = {}
    first = {}
    poller = select.poll()
    by_fd = {}
    for s in socks:
        poller.register(s.fileno(), select.POLLIN | PEER_GONE)
        by_fd[s.fileno()] = s
    next_tick = start + tick
    while by_fd and now() - start < seconds:
        wait_ms = max(10, int((min(next_tick, start + seconds) - now()) * 1000))
        for fd, ev in poller.poll(wait_ms):
            s = by_fd.get(fd)
            if s is None:
                continue
            gone = bool(ev & PEER_GONE)
            if ev & select.POLLIN:
                try:
                    data = s.recv(65536)
                    if data:
                        first.setdefault(s, data[:64])
                    else:
                        gone = True
                except OSError:
                    gone = True
            if gone:
                closed[s] = (now() - start, first.get(s, b""))
                poller.unregister(fd)
                del by_fd[fd]
        if on_tick is not None and now() >= next_tick:
            on_tick(list(by_fd.values()))
            next_tick = now() + tick
    return closed, first


def watch_close_unread(socks, seconds):
    """Like hold_and_watch, but never reads: notes only when the peer closes or resets (POLLRDHUP, POLLHUP).
    Returns a dict socket -> seconds after the start."""
    start = now()
    closed = {}
    poller = select.poll()
    by_fd = {s.fileno(): s for s in socks}
    for fd in by_fd:
        poller.register(fd, PEER_GONE)
    while by_fd and now() - start < seconds:
        for fd, _ in poller.poll(max(10, int((start + seconds - now()) * 1000))):
            s = by_fd.pop(fd, None)
            if s is not None:
                closed[s] = now() - start
                poller.unregister(fd)
    return closed


def status_of(data):
    """'408' from b'HTTP/1.1 408 Request Timeout...', '-' for nothing, 'other' for non-HTTP bytes."""
    if not data:
        return "-"
    parts = data.split(b" ", 2)
    if len(parts) >= 2 and parts[0].startswith(b"HTTP/") and parts[1].isdigit():
        return parts[1].decode("ascii")
    return "other"


def close_summary(socks, closed, first):
    """Fields for emit(): how many the peer closed, how soon, and what it said first."""
    times = sorted(t for t, _ in closed.values())
    said = {}
    for s in socks:
        code = status_of(first.get(s, b""))
        said[code] = said.get(code, 0) + 1
    return dict(
        closed_by_agent=len(closed),
        still_open=len(socks) - len(closed),
        first_close_s="%.1f" % times[0] if times else "-",
        last_close_s="%.1f" % times[-1] if times else "-",
        answers=histogram(said),
    )


def close_all(socks):
    for s in socks:
        try:
            s.close()
        except OSError:
            pass


def self_test(vectors):
    """Checks the pieces above against kamcmd's captured requests (test-fixtures/vectors/binrpc/kamcmd) and the
    answer counters against a stream split at every byte; prints what differs, returns the number of failures."""
    failures = 0
    cases = [("05-alias-version.req.bin", 0x7DAC481B, "core.version", ()),
             ("21-core.echo-ints-and-strings.req.bin", 0x13225CDE, "core.echo",
              (12, 0, "", "12", 7, 5, 1215752191, "abc", "sip:x@y"))]
    with open(os.path.join(vectors, "09-unknown-method.rep.bin"), "rb") as f:
        c = BinRpcCounter()
        c.feed(f.read())
        if c.fault_codes != {"500": 1}:
            failures += 1
            print("binrpc 09-unknown-method.rep.bin: fault codes %s, kamailio answered fault 500" % c.fault_codes)
    for name, cookie, method, params in cases:
        with open(os.path.join(vectors, name), "rb") as f:
            want = f.read()
        got = binrpc_request(cookie, method, params)
        if got != want:
            failures += 1
            print("binrpc %s: got %s, kamcmd wrote %s" % (name, got.hex(" "), want.hex(" ")))
    http = (b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"
            b"HTTP/1.1 503 Busy\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabcde\r\n3;x=1\r\nfgh\r\n0\r\n\r\n"
            b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
            b"HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\nbye")
    fault = binrpc_int(503) + binrpc_str("Service Unavailable")
    binrpc = (bytes([0xA1, 0x10, 0x02, 0x05, 0x11, 0x00]) + bytes([0xA1, 0x33, len(fault), 0, 0, 0, 5]) + fault
              + bytes([0xA1, 0x10, 0x00, 0x07]))
    for i in range(len(http) + 1):
        c = HttpAnswerCounter()
        c.feed(http[:i])
        c.feed(http[i:])
        if c.statuses != {"200": 2, "503": 1, "408": 1}:
            failures += 1
            print("HTTP answers split at %d: %s" % (i, c.statuses))
    for i in range(len(binrpc) + 1):
        c = BinRpcCounter()
        c.feed(binrpc[:i])
        c.feed(binrpc[i:])
        if (c.replies, c.faults, c.fault_codes, c.bad) != (2, 1, {"503": 1}, False):
            failures += 1
            print("binrpc answers split at %d: %d replies, %d faults" % (i, c.replies, c.faults))
    return failures


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "--self-test":
        raise SystemExit("usage: hostile.py --self-test test-fixtures/vectors/binrpc/kamcmd")
    failed = self_test(sys.argv[2])
    print("self-test: %s" % ("ok" if failed == 0 else "%d failures" % failed))
    sys.exit(1 if failed else 0)
