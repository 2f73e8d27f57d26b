"""Crash safety: writers in threads of this process PUT, DELETE and import through the API while
the server is killed with SIGKILL at a random moment; then `whoknows check` verifies the files
the crash left (out and in edges mirror each other, every edge's ends exist, the ids index matches
the nodes), the server restarts, and every entity any writer touched is compared with a model:

- every acknowledged write is there (or what a later acknowledged write made of it);
- the one request each writer had in flight when the server died is either entirely there or
  entirely absent: its import of several records (a "unit": a person, a topic, a document by the
  person about the topic, a project with the person as member, all named and versioned together)
  is checked record by record, and every record must show the same version.

Each round also asks for a backup (POST /v1/admin/backup) at a random moment before the kill;
when it was answered, the backup must pass `whoknows check`, open, and hold every write
acknowledged before it was requested (or a later version).

Then the next round writes on (new units, new versions of old ones, deletions) and kills again.

Usage: python3 crash_test.py --whoknows PATH --source-dir DIR [--rounds N] [--seed S]
       [--writers W] [--min-ms A] [--max-ms B]
Seeded: the seed fixes what each writer does and when the kill comes (the thread schedule, and
so how far each writer got, still varies).  Python standard library only.
"""

import argparse
import http.client
import json
import os
import random
import shutil
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import harness  # noqa: E402

TIMEOUT_S = 60
ABSENT = None  # the model's value of an entity that does not exist


class Failure(AssertionError):
    pass


def unit_records(uid, version):
    """The records of unit `uid` at `version`, and what GET must show for each."""
    v = "v%d" % version
    p, t, d, j = uid + "-p", uid + "-t", uid + "-d", uid + "-j"
    records = [
        {"type": "person", "id": p, "name": "%s %s" % (p, v)},
        {"type": "topic", "id": t, "name": "%s %s" % (t, v)},
        {"type": "document", "id": d, "title": "%s %s" % (d, v), "created": "2024-05-01",
         "authors": [p], "topics": [t]},
        {"type": "project", "id": j, "name": "%s %s" % (j, v), "topics": [t],
         "members": [{"person": p, "role": "lead"}]},
    ]
    expected = {
        "/v1/people/" + p: {"name": "%s %s" % (p, v)},
        "/v1/topics/" + t: {"name": "%s %s" % (t, v)},
        "/v1/documents/" + d: {"title": "%s %s" % (d, v), "authors": [p]},
        "/v1/projects/" + j: {"name": "%s %s" % (j, v)},
    }
    return records, expected


def send(port, method, path, body=None, ctype="application/json"):
    """(status, parsed body).  Raises OSError / http.client errors when the server is gone."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT_S)
    try:
        headers = {"Content-Type": ctype} if body is not None else {}
        conn.request(method, path, body=body, headers=headers)
        r = conn.getresponse()
        raw = r.read()
        return r.status, (json.loads(raw) if raw else None)
    finally:
        conn.close()


class Writer(threading.Thread):
    """One client writing its own entities (so that its requests are ordered), until the server
    dies.  `model` maps a path to what GET must show (a dict of fields) or ABSENT; `pending` is
    the request in flight when the server died: {path: expected after it}."""

    def __init__(self, wid, seed, model, port, round_no):
        super().__init__(daemon=True)
        self.wid = wid
        self.rng = random.Random(seed)
        self.model = model  # this writer's own: path -> expected fields or ABSENT
        self.port = port
        self.round_no = round_no
        self.pending = None
        self.acked = 0
        self.error = None

    def own_units(self):
        return sorted(p[len("/v1/people/"):-2] for p in self.model if p.startswith("/v1/people/"))

    def next_request(self, n):
        """(method, path, body, content type, {path: expected after})."""
        units = self.own_units()
        choice = self.rng.random()
        if not units or choice < 0.35:  # a new unit
            uid = "w%d-r%d-n%d" % (self.wid, self.round_no, n)
            return self.import_unit(uid, 1)
        uid = self.rng.choice(units)
        version = self.version_of(uid) + 1
        if choice < 0.65:  # a new version of the whole unit, in one import
            return self.import_unit(uid, version)
        if choice < 0.85:  # a new version of its person alone
            path = "/v1/people/%s-p" % uid
            name = "%s-p v%d" % (uid, version)
            return "PUT", path, json.dumps({"name": name}), "application/json", {path: {"name": name}}
        path = "/v1/documents/%s-d" % uid  # delete its document (re-imported later, maybe)
        if self.model.get(path) is ABSENT:
            return self.import_unit(uid, version)
        return "DELETE", path, None, None, {path: ABSENT}

    def version_of(self, uid):
        best = 0
        for path in unit_records(uid, 0)[1]:
            fields = self.model.get(path)
            if fields:
                text = fields.get("name") or fields.get("title")
                best = max(best, int(text.rsplit(" v", 1)[1]))
        return best

    def import_unit(self, uid, version):
        records, expected = unit_records(uid, version)
        body = "".join(json.dumps(r) + "\n" for r in records)
        return "POST", "/v1/import", body, "application/x-ndjson", expected

    def run(self):
        n = 0
        while True:
            method, path, body, ctype, after = self.next_request(n)
            n += 1
            try:
                status, answer = send(self.port, method, path, body, ctype)
            except (OSError, http.client.HTTPException):
                self.pending = after  # the server died: this request may or may not be applied
                return
            if status not in (200, 201, 204):
                self.error = "%s %s answered %d: %s" % (method, path, status, answer)
                return
            self.model.update(after)
            self.acked += 1


def fields_match(answer, fields):
    return all(answer.get(k) == v for k, v in fields.items())


def observe(port, path):
    status, answer = send(port, "GET", path)
    if status == 404:
        return ABSENT
    if status != 200:
        raise Failure("GET %s answered %d: %s" % (path, status, answer))
    return answer


def observe_all(port):
    """Every record, by path, read page by page from the list endpoints (one GET per entity
    would make later rounds slow)."""
    records = {}
    for collection in ["people", "topics", "documents", "projects"]:
        cursor = None
        while True:
            path = "/v1/%s?limit=1000" % collection + ("&cursor=" + cursor if cursor else "")
            status, page = send(port, "GET", path)
            if status != 200:
                raise Failure("GET %s answered %d: %s" % (path, status, page))
            for item in page["items"]:
                records["/v1/%s/%s" % (collection, item["id"])] = item
            cursor = page["next_cursor"]
            if cursor is None:
                break
    return records


def verify(port, model, pending, everything):
    """Checks every path of one writer's model against `everything` (observe_all), then
    resolves its pending request: all of it applied (the model takes it) or none of it.
    Returns whether it was applied."""
    pending_paths = set(pending or {})
    for path, fields in model.items():
        if path in pending_paths:
            continue
        seen = everything.get(path, ABSENT)
        if not matches(seen, fields):
            raise Failure("acknowledged write lost: %s should be %r, is %r" % (path, fields, seen))
    if not pending:
        return False
    states = []
    for path, after in pending.items():
        seen = observe(port, path)
        before = model.get(path, ABSENT)
        is_after = matches(seen, after)
        is_before = matches(seen, before)
        if not (is_after or is_before):
            raise Failure("%s is neither before (%r) nor after (%r): %r" % (path, before, after, seen))
        states.append("both" if is_after and is_before else "after" if is_after else "before")
    if "after" in states and "before" in states:
        raise Failure("a request was half-applied: %s" % dict(zip(pending, states)))
    if "after" in states:
        model.update(pending)
        return True
    return False


def matches(seen, fields):
    if fields is ABSENT or seen is ABSENT:
        return fields is seen
    return fields_match(seen, fields)


def check_files(whoknows, db_dir):
    p = subprocess.run([whoknows, "check", "--db", db_dir, "--json"], capture_output=True, text=True)
    if p.returncode != 0:
        raise Failure("whoknows check failed (%d): %s %s" % (p.returncode, p.stdout, p.stderr))
    return json.loads(p.stdout)


class Backup(threading.Thread):
    """POST /v1/admin/backup after `delay` seconds, while the writers write.  `before`: each
    writer's model just before the request (writes acknowledged by then)."""

    def __init__(self, port, target, delay, writers):
        super().__init__(daemon=True)
        self.port, self.target, self.delay, self.writers = port, target, delay, writers
        self.before = None
        self.ok = False
        self.error = None

    def run(self):
        time.sleep(self.delay)
        self.before = [w.model.copy() for w in self.writers]
        try:
            status, answer = send(self.port, "POST", "/v1/admin/backup", json.dumps({"to": self.target}))
        except (OSError, http.client.HTTPException):
            return  # killed meanwhile
        self.ok = status == 200
        if not self.ok:
            self.error = "backup answered %d: %s" % (status, answer)


def version(record):
    return int((record.get("name") or record.get("title")).rsplit(" v", 1)[1])


def verify_backup(backup):
    """A backup the server acknowledged is consistent, opens, and holds every write acknowledged
    before it was requested, or a later version (people, topics and projects: documents may be
    deleted by a later write)."""
    check_files(harness.CONFIG["whoknows"], backup.target)
    server = harness.Server(backup.target)
    try:
        everything = observe_all(server.start().port)
        for model in backup.before:
            for path, fields in model.items():
                if fields is ABSENT or path.startswith("/v1/documents/"):
                    continue
                seen = everything.get(path)
                if seen is None or version(seen) < version(fields):
                    raise Failure("the backup lacks an acknowledged write: %s should be at least "
                                  "%r, is %r" % (path, fields, seen))
        server.stop()
    finally:
        server.kill()
        shutil.rmtree(backup.target, ignore_errors=True)


def run_round(server, models, rng, round_no, min_ms, max_ms):
    """One round: write (and back up), kill, check the files, restart, verify.  `models`: one per
    writer."""
    client = server.start()
    threads = [Writer(w, rng.getrandbits(32), models[w], client.port, round_no)
               for w in range(len(models))]
    for t in threads:
        t.start()
    kill_after = rng.uniform(min_ms, max_ms) / 1000.0
    backup = Backup(client.port, server.db_dir + "-backup-%d" % round_no,
                    rng.uniform(0, kill_after), threads)
    backup.start()
    time.sleep(kill_after)
    server.kill()  # SIGKILL
    for t in threads + [backup]:
        t.join(TIMEOUT_S)
        if t.is_alive():
            raise Failure("%s did not notice the server died" % t.name)
        if t.error:
            raise Failure(t.error)
    if backup.ok:
        verify_backup(backup)
    shutil.rmtree(backup.target, ignore_errors=True)  # one cut short by the kill
    report = check_files(harness.CONFIG["whoknows"], server.db_dir)
    client = server.start()
    everything = observe_all(client.port)
    applied = sum(verify(client.port, t.model, t.pending, everything) for t in threads)
    code = server.stop()
    if code != 0:
        raise Failure("server exited with %s after SIGTERM: %s" % (code, server.stderr()))
    pending = sum(1 for t in threads if t.pending)
    report["backup"] = backup.ok
    return sum(t.acked for t in threads), pending, applied, report


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--whoknows", required=True)
    parser.add_argument("--source-dir", required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--min-ms", type=float, default=200)
    parser.add_argument("--max-ms", type=float, default=1200)
    args = parser.parse_args()
    harness.configure(args.whoknows, args.source_dir)

    rng = random.Random(args.seed)
    tmp = harness.TempDir()
    server = harness.Server(tmp.db())
    models = [{} for _ in range(args.writers)]
    totals = [0, 0, 0]
    backups = 0
    started = time.monotonic()
    try:
        for round_no in range(args.rounds):
            acked, pending, applied, report = run_round(server, models, rng, round_no, args.min_ms,
                                                        args.max_ms)
            totals[0] += acked
            totals[1] += pending
            totals[2] += applied
            backups += report["backup"]
            print("round %d: %d acknowledged writes, %d in flight at the kill (%d of them applied "
                  "whole, the rest not at all); check: %d nodes, %d edges, consistent; backup %s"
                  % (round_no + 1, acked, pending, applied, report["nodes"], report["out_edges"],
                     "verified" if report["backup"] else "cut short by the kill"), flush=True)
    except Failure as e:
        print("FAILED (seed %d): %s" % (args.seed, e), flush=True)
        print("server stderr:\n" + server.stderr())
        return 1
    finally:
        server.kill()
        tmp.remove()
    print("crash test passed: %d rounds, seed %d, %d writers, %d acknowledged writes, %d in flight "
          "(%d applied whole), %d entities verified, %d backups verified, %.1f s"
          % (args.rounds, args.seed, args.writers, totals[0], totals[1], totals[2],
             sum(len(m) for m in models), backups,
             time.monotonic() - started))
    return 0


if __name__ == "__main__":
    sys.exit(main())
