#!/usr/bin/env python3
"""Cold start of `whoknows serve`: process start until /readyz answers 200 (the graph is in memory).

  benchmarks/cold_start.py --db DIR [--runs N] WHOKNOWS [WHOKNOWS ...]

Starts `WHOKNOWS serve --db DIR --port 0` for each binary in turn (alternating, `--runs` rounds, so
that two builds are compared back to back under the same load), polls /readyz every 20 ms, and
prints per start: wall seconds until ready, the server's CPU seconds until then (user + system,
from /proc/PID/stat, all threads), its resident memory then (VmRSS) and the load average; then the
median per binary.  The server is stopped after each start.  `serve` opens the database read-write:
point --db at a copy, not at a database others use.  Python standard library only.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request


def cpu_seconds(pid):
    with open("/proc/{}/stat".format(pid)) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # Fields 14 and 15 of proc(5) (utime, stime), counted from the state field (3rd) here.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mib(pid):
    with open("/proc/{}/status".format(pid)) as f:
        return int(re.search(r"VmRSS:\s+(\d+) kB", f.read()).group(1)) / 1024


def one_start(binary, db):
    start = time.monotonic()
    server = subprocess.Popen([binary, "serve", "--db", db, "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        match = re.search(r"listening on (http://\S+)", server.stdout.readline())
        if not match:
            sys.exit("{} serve did not start".format(binary))
        url = match.group(1) + "/readyz"
        while True:
            if server.poll() is not None:
                sys.exit("{} serve exited while loading".format(binary))
            try:
                with urllib.request.urlopen(url) as r:
                    r.read()
                break
            except urllib.error.HTTPError as e:
                if e.code != 503:
                    sys.exit("/readyz answered {}".format(e.code))
            time.sleep(0.02)
        wall = time.monotonic() - start
        return {"wall_s": wall, "cpu_s": cpu_seconds(server.pid), "rss_mib": rss_mib(server.pid),
                "load": os.getloadavg()[0]}
    finally:
        server.terminate()
        server.wait(timeout=120)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--db", required=True)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("binaries", nargs="+")
    args = p.parse_args()
    results = {b: [] for b in args.binaries}
    for run in range(args.runs):
        for b in args.binaries:
            r = one_start(b, args.db)
            results[b].append(r)
            print("run {} {}: ready after {:.2f} s wall, {:.2f} s CPU, RSS {:.0f} MiB, load {:.1f}"
                  .format(run + 1, b, r["wall_s"], r["cpu_s"], r["rss_mib"], r["load"]),
                  flush=True)
    for b, rs in results.items():
        print("median {}: {:.2f} s wall, {:.2f} s CPU, RSS {:.0f} MiB (load {:.1f}-{:.1f})".format(
            b, statistics.median(r["wall_s"] for r in rs),
            statistics.median(r["cpu_s"] for r in rs),
            statistics.median(r["rss_mib"] for r in rs),
            min(r["load"] for r in rs), max(r["load"] for r in rs)))


if __name__ == "__main__":
    main()
