"""The CLI and the API give the same answers from the same database, with the same validation."""

import json
import os
import subprocess
import threading
import time

import company
import harness
from e2e_base import ServerTestCase


def whoknows(*args, stdin=None):
    return subprocess.run([harness.CONFIG["whoknows"]] + list(args), input=stdin,
                          capture_output=True, text=True, timeout=300)


def write_company(test):
    """Writes the fictional company's records as NDJSON into the test's folder; returns the path."""
    path = os.path.join(test.tmp.path, "company.ndjson")
    with open(path, "w") as f:
        f.writelines(json.dumps(r) + "\n" for r in company.ALL)
    return path


def import_company(test, name):
    """A fresh database `name` holding the fictional company, imported by the CLI."""
    db = test.tmp.db(name)
    test.assertEqual(whoknows("import", "--db", db, write_company(test)).returncode, 0)
    return db


class CliTest(ServerTestCase):
    LOAD_COMPANY = False

    def test_cli_import_and_experts_match_the_api(self):
        db = self.tmp.db("cli-db")
        path = write_company(self)
        done = whoknows("import", "--db", db, path)
        self.assertEqual(done.returncode, 0, done.stderr)

        bad = os.path.join(self.tmp.path, "bad.ndjson")
        with open(bad, "w") as f:
            f.write('{"type": "topic", "id": "new-topic", "name": "N"}\n')
            f.write('{"type": "person", "id": "zed", "name": "Zed", "manager": "ghost"}\n')
        failed = whoknows("import", "--db", db, bad)
        self.assertEqual(failed.returncode, 1)
        self.assertIn("dangling_reference", failed.stderr)
        self.assertIn("bad.ndjson:2", failed.stderr)

        offline = {}
        for topic in ["k8s", "KUBE", "rust"]:
            r = whoknows("experts", "--db", db, "--topic", topic, "--json", "--explain",
                         "--as-of", "2025-01-01")
            self.assertEqual(r.returncode, 0, r.stderr)
            offline[topic] = json.loads(r.stdout)
        unknown = whoknows("experts", "--db", db, "--topic", "quantum", "--as-of", "2025-01-01")
        self.assertEqual(unknown.returncode, 1)
        self.assertIn("unknown_topic", unknown.stderr)

        server = harness.Server(db)
        api = server.start()
        try:
            self.assertEqual(api.get("/v1/stats").json["counts"], company.COUNTS)
            self.assertEqual(api.get("/v1/topics/new-topic").status, 404)
            for topic, answer in offline.items():
                r = api.get("/v1/experts", params={"topic": topic, "explain": "true"})
                self.assertEqual(r.json, answer, topic)
        finally:
            self.assertEqual(server.stop(), 0, server.stderr())


class PresetTest(ServerTestCase):
    LOAD_COMPANY = False

    def test_import_phases_reports_where_the_time_went_and_imports_the_same(self):
        path = write_company(self)
        plain_db, timed_db = self.tmp.db("plain"), self.tmp.db("timed")
        plain = whoknows("import", "--db", plain_db, path)
        timed = whoknows("import", "--phases", "--db", timed_db, path)
        self.assertEqual(plain.returncode, 0, plain.stderr)
        self.assertEqual(timed.returncode, 0, timed.stderr)
        self.assertNotIn("phases:", plain.stderr)
        self.assertRegex(timed.stderr, r"phases: read and add [0-9.]+ s \(in Add [0-9.]+ s, "
                                       r"spilling 0 runs [0-9.]+ s\); commit [0-9.]+ s ")
        self.assertEqual(plain.stdout.split(" in ")[0], timed.stdout.split(" in ")[0])
        answers = [whoknows("experts", "--db", db, "--topic", "k8s", "--json", "--as-of",
                            "2025-01-01") for db in (plain_db, timed_db)]
        self.assertEqual(answers[0].returncode, 0, answers[0].stderr)
        self.assertEqual(answers[0].stdout, answers[1].stdout)

    def test_the_history_preset_ranks_alike_offline_and_served(self):
        db = import_company(self, "preset-db")

        def offline(*extra):
            r = whoknows("experts", "--db", db, "--topic", "k8s", "--json", "--explain",
                         "--as-of", "2025-01-01", *extra)
            self.assertEqual(r.returncode, 0, r.stderr)
            return json.loads(r.stdout)

        default, history = offline(), offline("--preset", "history")
        self.assertEqual(offline("--preset", "default"), default)
        # An eight-year half-life instead of two: the same evidence, different scores.
        self.assertNotEqual([e["score"] for e in history["experts"]],
                            [e["score"] for e in default["experts"]])
        bad = whoknows("experts", "--db", db, "--topic", "k8s", "--preset", "nope")
        self.assertEqual(bad.returncode, 2)
        self.assertIn("unknown preset", bad.stderr)

        server = harness.Server(db, extra_args=["--preset", "history"])
        api = server.start()
        try:
            r = api.get("/v1/experts", params={"topic": "k8s", "explain": "true"})
            self.assertEqual(r.json, history)
        finally:
            self.assertEqual(server.stop(), 0, server.stderr())


class ConcurrencyTest(ServerTestCase):

    def test_concurrent_writes_and_reads_all_succeed_and_all_land(self):
        errors = []
        writers, per_writer = 4, 15

        def write(w):
            try:
                for i in range(per_writer):
                    doc = {"title": "ML note %d-%d" % (w, i), "created": "2024-0%d-01" % (1 + i % 9),
                           "authors": ["dave"], "topics": ["ml"]}
                    r = self.api.put("/v1/documents/c-%d-%d" % (w, i), doc)
                    if r.status != 201:
                        errors.append(r)
                    # Read-your-writes, from this thread, at once.
                    if self.api.get("/v1/documents/c-%d-%d" % (w, i)).status != 200:
                        errors.append(("lost", w, i))
            except Exception as e:  # noqa: BLE001 - reported below
                errors.append(e)

        def read():
            try:
                for _ in range(per_writer):
                    for path, params in [("/v1/experts", {"topic": "ml", "explain": "true"}),
                                         ("/v1/documents", {"limit": 7}), ("/v1/stats", None)]:
                        r = self.api.get(path, params=params)
                        if r.status != 200:
                            errors.append(r)
            except Exception as e:  # noqa: BLE001
                errors.append(e)

        threads = [threading.Thread(target=write, args=(w,)) for w in range(writers)]
        threads += [threading.Thread(target=read) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])
        counts = self.api.get("/v1/stats").json["counts"]
        self.assertEqual(counts["document"], company.COUNTS["document"] + writers * per_writer)
        dave = [e for e in self.experts("ml", explain="true")["experts"] if e["id"] == "dave"][0]
        self.assertEqual(dave["evidence_count"], 1 + writers * per_writer + 1)  # d5, notes, skill


class ExpertsCacheTest(ServerTestCase):
    LOAD_COMPANY = False

    def test_warm_experts_fills_the_cache_and_answers_as_the_cli(self):
        db = import_company(self, "warm-db")
        bad = whoknows("serve", "--db", db, "--port", "0", "--experts-cache-mib", "-1")
        self.assertEqual(bad.returncode, 2)
        self.assertIn("experts-cache-mib", bad.stderr)
        offline = {}  # one query per process: always computed afresh
        for topic in ["k8s", "rust", "ml", "infra"]:
            r = whoknows("experts", "--db", db, "--topic", topic, "--json", "--explain",
                         "--as-of", "2025-01-01")
            self.assertEqual(r.returncode, 0, r.stderr)
            offline[topic] = json.loads(r.stdout)

        server = harness.Server(db, extra_args=["--warm-experts", "--experts-cache-mib", "4"])
        api = server.start()
        try:
            deadline = time.monotonic() + 60
            while "experts cache warm" not in server.stderr() and time.monotonic() < deadline:
                time.sleep(0.05)
            topics = company.COUNTS["topic"]
            self.assertIn("warming the experts cache: %d topics" % topics, server.stderr())
            self.assertIn("experts cache warm: %d topics computed" % topics, server.stderr())
            metrics = api.get("/metrics").raw.decode()
            self.assertIn("whoknows_experts_cache_entries %d\n" % topics, metrics)
            self.assertIn("whoknows_experts_cache_max_bytes %d\n" % (4 << 20), metrics)
            for topic, answer in offline.items():
                r = api.get("/v1/experts", params={"topic": topic, "explain": "true"})
                self.assertEqual(r.json, answer, topic)
            metrics = api.get("/metrics").raw.decode()
            self.assertIn('whoknows_experts_cache_total{event="hit"} %d\n' % len(offline), metrics)
            self.assertIn('whoknows_experts_cache_total{event="miss"} 0\n', metrics)

            # A write drops every profile; once writes pause, the server computes them again.
            doc = {"title": "More k8s", "created": "2024-12-01", "authors": ["dave"],
                   "topics": ["k8s"]}
            self.assertEqual(api.put("/v1/documents/warm-1", doc).status, 201)
            while "re-warmed after writes" not in server.stderr() and time.monotonic() < deadline:
                time.sleep(0.05)
            self.assertIn("re-warmed after writes: %d topics computed" % topics, server.stderr())
            r = api.get("/v1/experts", params={"topic": "k8s", "explain": "true"})
            self.assertIn("dave", [e["id"] for e in r.json["experts"]])
            metrics = api.get("/metrics").raw.decode()
            self.assertIn('whoknows_experts_cache_total{event="miss"} 0\n', metrics)
        finally:
            self.assertEqual(server.stop(), 0, server.stderr())
