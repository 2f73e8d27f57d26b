#!/usr/bin/env python3
"""Mixed read/write load on a real `whoknows serve` over loopback, checking every answer.

Writers, all at once:
  - the importer posts generation after generation: ONE NDJSON import that rewrites eight
    documents (title "gen K doc i", authors that move with K) and the titles of eight people
    ("gen K"), so one snapshot holds exactly one generation; every fifth import is refused first (a
    dangling reference, 422) with a "bad K" marker that must never be seen;
  - the updater PUTs a counter person (title "n=M", M increasing) and must read its own write
    right after, and PUTs then DELETEs scratch documents.
Readers (many threads) ask experts, the document and people lists, communities, coverage, topic
search and the counter, and check that no answer mixes generations (titles, and authors that
agree with the titles), that generations and the counter never go back for one reader, and that
every status is the expected one.  Any failed check or unexpected status fails the run.

--rss-csv samples the server's resident memory (VmRSS, /proc/PID/status) every --rss-every
seconds into a CSV (scripts/soak).  Python standard library only.
"""

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

DOCS = 8          # documents rewritten by every import
MOVERS = 8        # people whose title every import rewrites
PEOPLE = 20
BAD_EVERY = 5     # every n-th import is first attempted with a dangling reference


def authors_of(doc, gen):
    """The two authors of document `doc` in generation `gen`."""
    return ["lp%02d" % ((doc + gen) % PEOPLE), "lp%02d" % ((doc + gen + 1) % PEOPLE)]


def base_records():
    recs = [{"type": "topic", "id": "t-load", "name": "Load testing", "aliases": ["soak"]},
            {"type": "topic", "id": "t-side", "name": "Side topic", "broader": ["t-load"]}]
    for p in range(PEOPLE):
        recs.append({"type": "person", "id": "lp%02d" % p, "name": "Load Person %d" % p,
                     "department": "Dept%d" % (p % 3), "title": "gen 0",
                     "skills": [{"topic": "t-side", "level": 1 + p % 5}]})
    recs.append({"type": "person", "id": "counter", "name": "Counter", "title": "n=0"})
    recs.append({"type": "project", "id": "proj-load", "name": "Load project", "start": "2024-01-01",
                 "topics": ["t-load"],
                 "members": [{"person": "lp%02d" % p, "role": "member"} for p in range(0, PEOPLE, 2)]})
    return recs


def generation_records(gen, bad=False, docs=range(DOCS), movers=True):
    marker = ("bad %d" if bad else "gen %d") % gen
    recs = []
    for p in range(MOVERS if movers else 0):
        recs.append({"type": "person", "id": "lp%02d" % p, "name": "Load Person %d" % p,
                     "department": "Dept%d" % (p % 3), "title": marker,
                     "skills": [{"topic": "t-side", "level": 1 + p % 5}]})
    for d in docs:
        recs.append({"type": "document", "id": "gdoc-%d" % d, "title": "%s doc %d" % (marker, d),
                     "created": "2025-%02d-01" % (1 + d), "authors": authors_of(d, gen),
                     "topics": ["t-load"]})
    if bad:
        recs.append({"type": "document", "id": "gdoc-bad", "title": marker, "created": "2025-01-01",
                     "authors": ["nobody-%d" % gen]})
    return "".join(json.dumps(r) + "\n" for r in recs)


class Failure(Exception):
    pass


class Client:
    def __init__(self, port):
        self.port = port
        self.conn = None

    def request(self, method, path, body=None, ctype=None):
        """(status, parsed JSON or None); one reconnect when the server closed a kept-alive
        connection."""
        for attempt in (0, 1):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            try:
                headers = {"Content-Type": ctype} if ctype else {}
                self.conn.request(method, path, body=body, headers=headers)
                resp = self.conn.getresponse()
                data = resp.read()
                break
            except (ConnectionError, http.client.RemoteDisconnected, BrokenPipeError) as e:
                self.conn.close()
                self.conn = None
                if attempt == 1:
                    raise Failure("%s %s: %s" % (method, path, e))
        parsed = json.loads(data) if data else None
        return resp.status, parsed

    def expect(self, method, path, statuses, body=None, ctype=None):
        status, parsed = self.request(method, path, body, ctype)
        if status not in statuses:
            raise Failure("%s %s: status %d, expected %s: %s" % (method, path, status, statuses,
                                                              json.dumps(parsed)[:300]))
        return status, parsed


GEN_RE = re.compile(r"^(gen|bad) (\d+)(?: doc (\d+))?$")


def generation_of(title, where):
    m = GEN_RE.match(title)
    if not m:
        raise Failure("%s: unexpected title %r" % (where, title))
    if m.group(1) == "bad":
        raise Failure("%s: a refused import is visible: %r" % (where, title))
    return int(m.group(2)), m.group(3)


def one_generation(gens, where):
    if len(set(gens)) > 1:
        raise Failure("%s: torn read, generations %s in one answer" % (where, sorted(set(gens))))
    return gens[0] if gens else None


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.counts = {}
        self.failures = []

    def add(self, name, n=1):
        with self.lock:
            self.counts[name] = self.counts.get(name, 0) + n

    def fail(self, message):
        with self.lock:
            self.failures.append(message)


class Shared:
    """What the writers tell the readers."""

    def __init__(self):
        self.attempting = 1   # the newest generation any import may have made visible
        self.counter = 0      # the newest counter value any PUT may have made visible
        self.stop = threading.Event()
        self.writes_until = float("inf")  # time.monotonic() after which the writers stop

    def writing(self):
        return not self.stop.is_set() and time.monotonic() < self.writes_until


def check_experts(client, shared, reader):
    _, body = client.expect("GET", "/v1/experts?topic=t-load&limit=50&explain=true", {200})
    gens, seen = [], 0
    for expert in body["experts"]:
        for ev in expert["evidence"]:
            if ev["kind"] != "document" or not (ev["id"] or "").startswith("gdoc-"):
                continue
            gen, doc = generation_of(ev["title"], "experts")
            if ev["id"] != "gdoc-%s" % doc or expert["id"] not in authors_of(int(doc), gen):
                raise Failure("experts: %s credited with %s (%r), whose authors in generation %d "
                              "are %s" % (expert["id"], ev["id"], ev["title"], gen,
                                          authors_of(int(doc), gen)))
            gens.append(gen)
            seen += 1
    if seen != 2 * DOCS:
        raise Failure("experts: %d author credits for the generation's documents, not %d"
                      % (seen, 2 * DOCS))
    return one_generation(gens, "experts")


def check_documents(client, shared, reader):
    _, body = client.expect("GET", "/v1/documents?limit=100", {200})
    gens = []
    for item in body["items"]:
        if not item["id"].startswith("gdoc-"):
            continue
        gen, doc = generation_of(item["title"], "documents")
        if item["authors"] != authors_of(int(doc), gen):
            raise Failure("documents: %s has authors %s, generation %d says %s"
                          % (item["id"], item["authors"], gen, authors_of(int(doc), gen)))
        gens.append(gen)
    if len(gens) != DOCS:
        raise Failure("documents: %d generation documents listed, not %d" % (len(gens), DOCS))
    return one_generation(gens, "documents")


def check_people(client, shared, reader):
    _, body = client.expect("GET", "/v1/people?limit=100", {200})
    gens = []
    for item in body["items"]:
        if item["id"] == "counter":
            reader.see_counter(int(item["title"][2:]), shared)
        elif int(item["id"][2:]) < MOVERS:
            gens.append(generation_of(item["title"], "people")[0])
    if len(gens) != MOVERS:
        raise Failure("people: %d of the %d movers listed" % (len(gens), MOVERS))
    return one_generation(gens, "people")


def check_expertise(client, shared, reader):
    person = "lp%02d" % (reader.index % PEOPLE)
    _, body = client.expect("GET", "/v1/people/%s/expertise?limit=10&explain=true" % person, {200})
    gens = []
    for topic in body["topics"]:
        for ev in topic["evidence"]:
            if ev["kind"] == "document" and (ev["id"] or "").startswith("gdoc-"):
                gen, doc = generation_of(ev["title"], "expertise")
                if person not in authors_of(int(doc), gen):
                    raise Failure("expertise: %s credited with %s of generation %d"
                                  % (person, ev["id"], gen))
                gens.append(gen)
    return one_generation(gens, "expertise") if gens else None


def check_counter(client, shared, reader):
    _, body = client.expect("GET", "/v1/people/counter", {200})
    reader.see_counter(int(body["title"][2:]), shared)
    return None


def check_network(client, shared, reader):
    _, body = client.expect("GET", "/v1/communities?topic=t-load&limit=5&members=50", {200})
    for community in body["communities"]:
        for member in community["members"]:
            if not member["id"].startswith("lp"):
                raise Failure("communities: unexpected member %s" % member["id"])
    _, body = client.expect("GET", "/v1/coverage?topics=t-load", {200})
    if body["topics"][0]["id"] != "t-load" or body["topics"][0]["experts"] < 1:
        raise Failure("coverage: %s" % json.dumps(body)[:300])
    _, body = client.expect("GET", "/v1/topics/search?q=soak&limit=3", {200})
    if not body["items"] or body["items"][0]["id"] != "t-load":
        raise Failure("search: %s" % json.dumps(body)[:300])
    client.expect("GET", "/v1/documents/scratch-%d" % (reader.index % 4), {200, 404})
    return None


CHECKS = [check_experts, check_documents, check_people, check_expertise, check_counter,
          check_network]


class Reader:
    def __init__(self, index):
        self.index = index
        self.gen = 0
        self.counter = 0

    def see_counter(self, value, shared):
        if value < self.counter:
            raise Failure("counter went back from %d to %d" % (self.counter, value))
        if value > shared.counter:
            raise Failure("counter %d seen before its PUT was sent" % value)
        self.counter = value

    def run(self, port, shared, stats):
        client = Client(port)
        i = self.index
        try:
            while not shared.stop.is_set():
                check = CHECKS[i % len(CHECKS)]
                i += 1
                gen = check(client, shared, self)
                stats.add(check.__name__[6:])
                if gen is None:
                    continue
                if gen < self.gen:
                    raise Failure("%s: generation went back from %d to %d"
                                  % (check.__name__, self.gen, gen))
                if gen > shared.attempting:
                    raise Failure("%s: generation %d seen before its import was sent"
                                  % (check.__name__, gen))
                self.gen = gen
        except Exception as e:  # noqa: BLE001: any error fails the run, with its message
            stats.fail("reader %d: %s: %s" % (self.index, type(e).__name__, e))
            shared.stop.set()


def run_importer(port, shared, stats, split):
    """`split` (a self-test of the checks) writes each generation in two imports, which readers
    must catch as torn reads."""
    client = Client(port)
    try:
        while shared.writing():
            gen = shared.attempting + 1
            if gen % BAD_EVERY == 0:
                _, body = client.expect("POST", "/v1/import", {422}, generation_records(gen, True),
                                        "application/x-ndjson")
                if body["error"]["code"] != "dangling_reference" or "line" not in body["error"]:
                    raise Failure("refused import: %s" % json.dumps(body))
                stats.add("import_refused")
            shared.attempting = gen
            parts = [range(DOCS // 2), range(DOCS // 2, DOCS)] if split else [range(DOCS)]
            for i, docs in enumerate(parts):
                client.expect("POST", "/v1/import", {200},
                              generation_records(gen, docs=docs, movers=i == 0),
                              "application/x-ndjson")
            stats.add("import")
    except Exception as e:  # noqa: BLE001
        stats.fail("importer: %s: %s" % (type(e).__name__, e))
        shared.stop.set()


def run_updater(port, shared, stats):
    client = Client(port)
    try:
        n = 0
        while shared.writing():
            n += 1
            shared.counter = n
            body = json.dumps({"name": "Counter", "title": "n=%d" % n})
            client.expect("PUT", "/v1/people/counter", {200}, body, "application/json")
            _, got = client.expect("GET", "/v1/people/counter", {200})
            if got["title"] != "n=%d" % n:
                raise Failure("read-your-writes: PUT n=%d, then GET %r" % (n, got["title"]))
            scratch = "/v1/documents/scratch-%d" % (n % 4)
            doc = json.dumps({"title": "Scratch %d" % n, "created": "2025-06-01",
                              "authors": ["lp%02d" % (n % PEOPLE)], "topics": ["t-side"]})
            client.expect("PUT", scratch, {201}, doc, "application/json")
            client.expect("DELETE", scratch, {204})
            stats.add("update")
    except Exception as e:  # noqa: BLE001
        stats.fail("updater: %s: %s" % (type(e).__name__, e))
        shared.stop.set()


def vm_rss_kib(pid):
    with open("/proc/%d/status" % pid, encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def wal_kib(db):
    """The bytes in RocksDB's write-ahead logs: about what its memtables hold (they are flushed,
    and the logs dropped, together)."""
    total = 0
    for name in os.listdir(db):
        if name.endswith(".log"):
            try:
                total += os.path.getsize(os.path.join(db, name))
            except OSError:
                pass  # dropped meanwhile
    return total // 1024


def sample_rss(pid, db, path, every, shared, stats, started):
    """Writes elapsed seconds, VmRSS, the WAL size and progress counters to `path` every `every`
    seconds."""
    with open(path, "w", encoding="ascii") as out:
        out.write("elapsed_s,rss_kib,wal_kib,requests,imports,updates\n")
        while True:
            with stats.lock:
                requests = sum(stats.counts.values())
                imports = stats.counts.get("import", 0)
                updates = stats.counts.get("update", 0)
            out.write("%.0f,%d,%d,%d,%d,%d\n" % (time.monotonic() - started, vm_rss_kib(pid),
                                                 wal_kib(db), requests, imports, updates))
            out.flush()
            if shared.stop.wait(every):
                return


def start_server(whoknows, db, log):
    # --log=: no line per request, so that a long soak does not fill the disk and the stderr tail
    # shown on failure holds the server's own messages.
    proc = subprocess.Popen([whoknows, "serve", "--db", db, "--port", "0", "--as-of", "2026-01-01",
                             "--log="],
                            stdout=subprocess.PIPE, stderr=log, text=True)
    line = proc.stdout.readline()  # "listening on http://127.0.0.1:PORT"
    m = re.search(r":(\d+)\s*$", line)
    if not m:
        proc.kill()
        raise Failure("the server did not start: %r" % line)
    return proc, int(m.group(1))


def setup(port):
    client = Client(port)
    base = "".join(json.dumps(r) + "\n" for r in base_records())
    client.expect("POST", "/v1/import", {200}, base, "application/x-ndjson")
    client.expect("POST", "/v1/import", {200}, generation_records(1), "application/x-ndjson")


def run(args, port, pid, db):
    shared, stats = Shared(), Stats()
    started = time.monotonic()
    if args.writes_for is not None:
        shared.writes_until = started + args.writes_for
    threads = [threading.Thread(target=Reader(i).run, args=(port, shared, stats))
               for i in range(args.readers)]
    threads.append(threading.Thread(target=run_importer, args=(port, shared, stats, args.split_imports)))
    threads.append(threading.Thread(target=run_updater, args=(port, shared, stats)))
    if args.rss_csv:
        threads.append(threading.Thread(target=sample_rss, args=(
            pid, db, args.rss_csv, args.rss_every, shared, stats, started)))
    for t in threads:
        t.start()
    shared.stop.wait(args.seconds)
    shared.stop.set()
    for t in threads:
        t.join()
    return stats, time.monotonic() - started, shared


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--whoknows", required=True)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--readers", type=int, default=8)
    ap.add_argument("--rss-csv", help="sample the server's VmRSS into this CSV")
    ap.add_argument("--rss-every", type=float, default=5)
    ap.add_argument("--writes-for", type=float,
                    help="stop the writers after this many seconds; the readers go on")
    ap.add_argument("--server-log", help="keep the server's stderr here")
    ap.add_argument("--split-imports", action="store_true",
                    help="self-test: write each generation in two imports; succeeds only when "
                         "the readers catch a torn read")
    args = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="whoknows-load-")
    log_path = args.server_log or os.path.join(tmp, "server.log")
    ok = False
    try:
        with open(log_path, "w", encoding="utf-8") as log:
            proc, port = start_server(args.whoknows, os.path.join(tmp, "db"), log)
        db = os.path.join(tmp, "db")
        try:
            setup(port)
            stats, elapsed, shared = run(args, port, proc.pid, db)
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                code = proc.wait(timeout=120)
            except subprocess.TimeoutExpired:
                proc.kill()
                code = "killed after 120 s"
        total = sum(stats.counts.values())
        print("load: %.0f s, %d readers: %d checked answers (%.0f/s); %s"
              % (elapsed, args.readers, total, total / elapsed,
                 ", ".join("%s %d" % kv for kv in sorted(stats.counts.items()))))
        print("load: last generation %d, counter %d" % (shared.attempting, shared.counter))
        for f in stats.failures:
            print(("caught " if args.split_imports else "FAIL ") + f)
        if code != 0:
            print("FAIL the server exited with %s" % code)
        missing = [n for n in ("experts", "documents", "people", "import", "update")
                   if not stats.counts.get(n)]
        if missing and not stats.failures:
            print("FAIL nothing completed for %s" % missing)
        ok = not stats.failures and code == 0 and not missing
        if args.split_imports:
            # A generation written in two imports shows as a mixed answer ("torn read") or, when
            # a reader sees the second half of a generation and then another answer still on the
            # first half, as a generation going back: both are what the checks must catch.
            caught = [f for f in stats.failures if "torn read" in f or "went back" in f]
            print("load: split imports, %d torn read(s) caught" % len(caught))
            ok = code == 0 and len(caught) == len(stats.failures) > 0
    except Failure as e:
        print("FAIL %s" % e)
    finally:
        if not ok:
            with open(log_path, encoding="utf-8", errors="replace") as f:
                tail = f.read()[-20000:]
            print("--- server stderr (last 20000 chars) ---\n" + tail)
        shutil.rmtree(tmp, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
