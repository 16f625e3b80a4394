"""Shared pieces of the attack clients in this directory (python3 standard library only).

Every client takes its target as tcp:HOST:PORT (numeric, 127.0.0.1 in this suite) or unix:/path, is bounded in
count and time, exits by itself, and prints what it saw as lines of `key=value` fields on stdout: first a line
starting with `ready` once the attack is in place (the interop parts probe the agent after it), last a line
starting with `done`. Nothing here resolves a name.
"""

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
    """Counts reply and fault packets in a binrpc byte stream fed in pieces (header: 4-10 bytes)."""

    def __init__(self):
        self.buf = bytearray()
        self.replies = 0
        self.faults = 0
        self.bad = False

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
    """Counts HTTP answers (Content-Length framed, as the agent sends them) by status in a byte stream."""

    def __init__(self):
        self.buf = bytearray()
        self.statuses = {}
        self.bad = False
        self.first_status_line = ""

    def answers(self):
        return sum(self.statuses.values())

    def feed(self, data):
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
            length = 0
            for line in head[1:]:
                name, _, value = line.partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value.strip())
            if len(self.buf) < end + 4 + length:
                return
            if not self.first_status_line:
                self.first_status_line = head[0]
            if parts[1] != "100":  # 100 Continue is not an answer
                self.statuses[parts[1]] = self.statuses.get(parts[1], 0) + 1
            del self.buf[:end + 4 + length]


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
