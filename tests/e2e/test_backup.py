"""Backups: POST /v1/admin/backup while writes run, `whoknows backup` offline, `whoknows restore`,
and the answers a restored database gives."""

import json
import os
import subprocess
import threading
import time

import company
import harness
from e2e_base import ServerTestCase


def run_cli(*args):
    return subprocess.run([harness.CONFIG["whoknows"]] + list(args), capture_output=True, text=True)


class UnitWriter(threading.Thread):
    """Imports documents bk-d{i} (by alice and a new person bk-p{i}, about k8s) one after the
    other until stopped, so the ranking for k8s changes with every write."""

    def __init__(self, client):
        super().__init__(daemon=True)
        self.client = client
        self.stop = threading.Event()
        self.acked = 0
        self.error = None

    def run(self):
        i = 0
        while not self.stop.is_set():
            records = [{"type": "person", "id": "bk-p%d" % i, "name": "Writer %d" % i},
                       {"type": "document", "id": "bk-d%d" % i, "title": "Backup doc %d" % i,
                        "created": "2024-10-01", "authors": ["bk-p%d" % i, "alice"], "topics": ["k8s"]}]
            r = self.client.import_ndjson(records, check=False)
            if r.status != 200:
                self.error = r
                return
            i += 1
            self.acked = i


class BackupTest(ServerTestCase):

    def answers(self, api):
        out = {"stats": {k: v for k, v in api.get("/v1/stats").json.items() if k != "db_bytes"}}
        for topic in ["k8s", "infra", "rust"]:
            out["experts " + topic] = api.get("/v1/experts", params={"topic": topic, "explain": "true",
                                                                     "limit": 1000}).json
        out["alice"] = api.get("/v1/people/alice/expertise", params={"explain": "true"}).json
        for coll in ["people", "documents", "topics", "projects"]:
            out[coll] = api.get("/v1/" + coll, params={"limit": 1000}).json
        for path in company.records_by_path():
            out[path] = api.get(path).json
        return out

    def test_a_backup_taken_while_writing_restores_to_the_same_answers(self):
        writer = UnitWriter(self.api)
        writer.start()
        while writer.acked < 5 and writer.is_alive():
            time.sleep(0.01)
        target = os.path.join(self.tmp.path, "backup-live")
        acked_before = writer.acked
        r = self.api.post("/v1/admin/backup", {"to": target})
        acked_after = writer.acked
        writer.stop.set()
        writer.join()
        self.assertIsNone(writer.error)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json, {"to": target})
        self.assertEqual(run_cli("check", "--db", target).returncode, 0)

        restored_dir = self.tmp.db("restored")
        p = run_cli("restore", "--from", target, "--db", restored_dir)
        self.assertEqual(p.returncode, 0, p.stderr)
        restored = harness.Server(restored_dir)
        try:
            rapi = restored.start()
            present = [i for i in range(writer.acked)
                       if rapi.get("/v1/documents/bk-d%d" % i).status == 200]
            k = len(present)
            # A prefix of the writer's imports: all acknowledged before the backup, none begun
            # after it, each whole.
            self.assertEqual(present, list(range(k)))
            self.assertGreaterEqual(k, acked_before)
            self.assertLessEqual(k, acked_after + 1)
            for i in range(k):
                self.assertEqual(rapi.get("/v1/people/bk-p%d" % i).status, 200)
            # The source at the backup moment: undo what came later.
            for i in range(k, writer.acked):
                self.assertEqual(self.api.delete("/v1/documents/bk-d%d" % i).status, 204)
                self.assertEqual(self.api.delete("/v1/people/bk-p%d" % i).status, 204)
            self.assertEqual(self.answers(rapi), self.answers(self.api))
            self.assertEqual(restored.stop(), 0, restored.stderr())
        finally:
            restored.kill()
        for i in range(k):
            self.api.delete("/v1/documents/bk-d%d" % i)
            self.api.delete("/v1/people/bk-p%d" % i)

    def test_backup_targets_are_checked_before_anything_is_written(self):
        full = os.path.join(self.tmp.path, "full")
        os.mkdir(full)
        with open(os.path.join(full, "keep.txt"), "w") as f:
            f.write("precious")
        cases = [
            ({"to": "relative/dir"}, 400, "invalid_backup_target"),
            ({"to": os.path.join(self.server.db_dir, "inside")}, 400, "invalid_backup_target"),
            ({"to": self.server.db_dir}, 400, "invalid_backup_target"),
            ({"to": self.tmp.path}, 400, "invalid_backup_target"),  # the database's parent
            ({"to": os.path.join(self.tmp.path, "no", "parent")}, 400, "invalid_backup_target"),
            ({"to": full}, 409, "backup_target_exists"),
            ({"to": full + "/../full"}, 409, "backup_target_exists"),
            ({}, 400, "missing_parameter"),
            ({"to": 5}, 400, "invalid_parameter"),
            ({"to": ""}, 400, "invalid_parameter"),
            ({"to": "/tmp/x", "compress": True}, 400, "invalid_parameter"),
        ]
        for body, status, code in cases:
            r = self.api.post("/v1/admin/backup", body)
            self.assertError(r, status, code)
        self.assertEqual(os.listdir(full), ["keep.txt"])
        self.assertFalse(os.path.exists(os.path.join(self.tmp.path, "no")))
        self.assertFalse(os.path.exists(os.path.join(self.server.db_dir, "inside")))
        for body in ['{"to": ', "[]", '{"to": "/tmp/\xff"}'.encode("latin-1")]:
            r = self.api.post("/v1/admin/backup", body, headers={"Content-Type": "application/json"})
            self.assertError(r, 400, "malformed_json")
        r = self.api.post("/v1/admin/backup", "to=/tmp/x", headers={"Content-Type": "text/plain"})
        self.assertError(r, 415, "unsupported_media_type")

    def test_an_empty_directory_is_a_valid_target(self):
        target = os.path.join(self.tmp.path, "empty")
        os.mkdir(target)
        r = self.api.post("/v1/admin/backup", {"to": target})
        self.assertEqual(r.status, 200, r)
        self.assertIn("CURRENT", os.listdir(target))


class OfflineBackupTest(ServerTestCase):
    """whoknows backup and restore on a database no server uses."""

    def setUp(self):
        self.assertEqual(self.server.stop(), 0)

    def tearDown(self):
        type(self).api = self.server.start()

    def test_offline_backup_and_restore(self):
        db = self.server.db_dir
        backup = os.path.join(self.tmp.path, "offline")
        p = run_cli("backup", "--db", db, "--to", backup)
        self.assertEqual(p.returncode, 0, p.stderr)
        p = run_cli("backup", "--db", db, "--to", backup)
        self.assertEqual(p.returncode, 1)
        self.assertIn("backup_target_exists", p.stderr)
        p = run_cli("backup", "--db", db, "--to", "relative")
        self.assertEqual(p.returncode, 1)
        self.assertIn("absolute", p.stderr)

        # restore refuses a non-empty database without --force, and leaves it as it was
        other = self.tmp.db("other")
        with open(os.path.join(self.tmp.path, "one.ndjson"), "w") as f:
            f.write(json.dumps({"type": "topic", "id": "lonely", "name": "Lonely"}) + "\n")
        self.assertEqual(run_cli("import", "--db", other, f.name).returncode, 0)
        p = run_cli("restore", "--from", backup, "--db", other)
        self.assertEqual(p.returncode, 1)
        self.assertIn("--force", p.stderr)
        stats = json.loads(run_cli("stats", "--db", other, "--json").stdout)
        self.assertEqual(stats["counts"]["topic"], 1)
        p = run_cli("restore", "--from", backup, "--db", other, "--force")
        self.assertEqual(p.returncode, 0, p.stderr)
        restored = json.loads(run_cli("stats", "--db", other, "--json").stdout)
        source = json.loads(run_cli("stats", "--db", db, "--json").stdout)
        self.assertEqual(restored["counts"], source["counts"])
        self.assertEqual(restored["edges"], source["edges"])
        self.assertEqual(run_cli("check", "--db", other).returncode, 0)
        self.assertEqual(sorted(os.listdir(self.tmp.path)).count("other.restoring"), 0)

        # a directory that is not a backup is refused before anything is touched
        p = run_cli("restore", "--from", self.tmp.path, "--db", self.tmp.db("third"))
        self.assertEqual(p.returncode, 1)
        self.assertFalse(os.path.exists(self.tmp.db("third")))

    def test_restore_refuses_a_database_in_use(self):
        backup = os.path.join(self.tmp.path, "for-in-use")
        self.assertEqual(run_cli("backup", "--db", self.server.db_dir, "--to", backup).returncode, 0)
        type(self).api = self.server.start()
        try:
            p = run_cli("restore", "--from", backup, "--db", self.server.db_dir, "--force")
            self.assertEqual(p.returncode, 1)
            self.assertIn("locked", p.stderr)
            self.assertEqual(self.api.get("/healthz").status, 200)
        finally:
            self.assertEqual(self.server.stop(), 0)
