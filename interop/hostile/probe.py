#!/usr/bin/env python3
"""The legitimate clients, timed: each round runs `kamcmd core.version` over binrpc TCP and over the unix socket,
`kamctl rpc core.version` over the JSON-RPC FIFO and `curl` with core.version over HTTP, one after the other,
each in its own process group, killed after --timeout seconds, and reads VmRSS of the agent. Rounds go on
every --interval seconds while --while-pid lives (an attack running), at least --rounds of them, for at
most --max-seconds. Prints one `round` line each and a last `summary` line: per client `ok:MAXms` or
`fail:N/ROUNDS:REASON`, and the largest VmRSS seen in MB.
"""
import argparse
import os
import signal
import subprocess
import time

INTERRUPT_GRACE_S = 0.3  # kamctl removes its reply FIFO on SIGINT before it is killed


def run(argv, timeout, env=None, expect="pua-agent"):
    """-> (milliseconds, None) or (milliseconds, reason)."""
    start = time.monotonic()
    p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                         start_new_session=True, env=env)
    try:
        out, _ = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        for sig in (signal.SIGINT, signal.SIGKILL):
            try:
                os.killpg(p.pid, sig)
            except ProcessLookupError:
                pass
            time.sleep(INTERRUPT_GRACE_S if sig == signal.SIGINT else 0)
        p.communicate()
        return int((time.monotonic() - start) * 1000), "timeout"
    ms = int((time.monotonic() - start) * 1000)
    if p.returncode != 0:
        return ms, "exit%d" % p.returncode
    if expect.encode() not in out:
        return ms, "unexpected-output"
    return ms, None


def rss_mb(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) // 1024
    except OSError:
        pass
    return -1


def alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except OSError:
        return False


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pid", type=int, required=True, help="the agent (for VmRSS)")
    ap.add_argument("--ctl-tcp", required=True, help="tcp:127.0.0.1:PORT")
    ap.add_argument("--ctl-unix", required=True, help="unixs:/path")
    ap.add_argument("--rpc-fifo", required=True)
    ap.add_argument("--http", required=True, help="http://127.0.0.1:PORT/RPC")
    ap.add_argument("--skip", default="", help="comma-separated clients not to run (e.g. kamcmd_tcp)")
    ap.add_argument("--timeout", type=float, default=1.0)
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--interval", type=float, default=1.0)
    ap.add_argument("--while-pid", type=int, default=0)
    ap.add_argument("--max-seconds", type=float, default=120.0)
    a = ap.parse_args()
    fifo_env = dict(os.environ, RPCFIFOPATH=a.rpc_fifo)
    clients = [
        ("kamcmd_tcp", ["kamcmd", "-s", a.ctl_tcp, "core.version"], None),
        ("kamcmd_unix", ["kamcmd", "-s", a.ctl_unix, "core.version"], None),
        ("kamctl", ["kamctl", "rpc", "core.version"], fifo_env),
        ("curl", ["curl", "-s", "-m", str(a.timeout), "--data-binary",
                  '{"jsonrpc":"2.0","method":"core.version","id":1}', a.http], None),
    ]
    skip = set(filter(None, a.skip.split(",")))
    clients = [c for c in clients if c[0] not in skip]
    worst = {name: 0 for name, _, _ in clients}
    fails = {name: [] for name, _, _ in clients}
    start, rounds, rss_max = time.monotonic(), 0, -1
    while True:
        rounds += 1
        fields = ["round", "n=%d" % rounds]
        for name, argv, env in clients:
            ms, reason = run(argv, a.timeout, env)
            worst[name] = max(worst[name], ms)
            if reason:
                fails[name].append(reason)
            fields.append("%s=%s%d" % (name, "" if reason is None else reason + "/", ms))
        rss = rss_mb(a.pid)
        rss_max = max(rss_max, rss)
        fields.append("rss_mb=%d" % rss)
        print(" ".join(fields), flush=True)
        elapsed = time.monotonic() - start
        more = rounds < a.rounds or (a.while_pid and alive(a.while_pid))
        if not more or elapsed + a.interval > a.max_seconds:
            break
        time.sleep(a.interval)
    out = ["summary", "rounds=%d" % rounds]
    for name, _, _ in clients:
        f = fails[name]
        out.append("%s=%s" % (name, "ok:%dms" % worst[name] if not f else "fail:%d/%d:%s" % (len(f), rounds, f[0])))
    out.append("rss_max_mb=%d" % rss_max)
    print(" ".join(out), flush=True)


if __name__ == "__main__":
    main()
