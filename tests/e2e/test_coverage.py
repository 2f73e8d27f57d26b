"""GET /v1/coverage and /v1/coverage/gaps on the e2e company (as of 2025-01-01).

Expected from the company's evidence: k8s has three experts (bob leads the migration project,
alice wrote two recent documents, carol is a project member), all in Platform, and alice holds
two of its three held items, so its bus factor is 1.  rust's only document (2024-01-01) is older
than a year and gives dave 0.35 < 0.5: no expert and stale; at min_score 0.3 dave is its one
expert.  alice wants to learn rust; the migration project is the only active one.
"""

import csv
import io
import json
import os
import subprocess

import company
import harness
from e2e_base import ServerTestCase


class CoverageTest(ServerTestCase):

    def coverage(self, **params):
        r = self.api.get("/v1/coverage", params=params)
        self.assertEqual(r.status, 200, r)
        self.assertNotIn("erin", json.dumps(r.json).lower())
        return r.json

    def test_topics_in_the_order_given(self):
        answer = self.coverage(topics="rust,K8s")
        self.assertIsNone(answer["next_cursor"])
        rust, k8s = answer["topics"]
        self.assertEqual((rust["id"], k8s["id"]), ("rust", "k8s"))
        self.assertEqual(k8s["experts"], 3)
        self.assertEqual(k8s["departments"], {"Platform": 3})
        self.assertEqual(k8s["bus_factor"], 1)
        self.assertEqual(k8s["held_items"], 3)
        self.assertEqual(sorted(p["id"] for p in k8s["top"]), ["alice", "bob", "carol"])
        self.assertEqual(k8s["risks"], ["one_department"])
        self.assertEqual(k8s["last_evidence"], "2025-01-01")  # the ongoing project
        self.assertEqual(rust["experts"], 0)
        self.assertEqual(rust["risks"], ["no_expert", "stale"])
        self.assertEqual(rust["last_evidence"], "2024-01-01")
        self.assertEqual(rust["bus_factor"], 1)  # dave holds d4 (erin, opted out, does not count)

    def test_min_score_and_department(self):
        rust = self.coverage(topics="rust", min_score="0.3")["topics"][0]
        self.assertEqual([p["id"] for p in rust["top"]], ["dave"])
        self.assertEqual(rust["risks"], ["single_expert", "stale"])
        k8s = self.coverage(topics="k8s", department="data")["topics"][0]
        self.assertEqual(k8s["experts"], 0)
        self.assertEqual(k8s["bus_factor"], 0)
        self.assertIn("no_expert", k8s["risks"])

    def test_every_topic_riskiest_first_paged(self):
        seen, cursor, pages = [], None, 0
        while True:
            params = {"limit": "2"}
            if cursor:
                params["cursor"] = cursor
            page = self.coverage(**params)
            seen += page["topics"]
            pages += 1
            cursor = page["next_cursor"]
            if cursor is None:
                break
        self.assertEqual(pages, 3)
        self.assertEqual(sorted(t["id"] for t in seen), sorted(t["id"] for t in company.TOPICS))
        no_expert = [t["experts"] == 0 for t in seen]
        self.assertEqual(no_expert, sorted(no_expert, reverse=True))  # no expert first
        self.assertEqual(self.coverage(limit="1000")["topics"], seen)

    def test_bad_input(self):
        for params, code in [({"topics": ""}, "invalid_parameter"),
                             ({"topics": "k8s,,rust"}, "invalid_parameter"),
                             ({"min_score": "abc"}, "invalid_parameter"),
                             ({"min_score": "-1"}, "invalid_parameter"),
                             ({"min_score": "nan"}, "invalid_parameter"),
                             ({"limit": "0"}, "invalid_parameter"),
                             ({"cursor": "not-a-cursor"}, "invalid_parameter"),
                             ({"topic": "k8s"}, "invalid_parameter")]:
            self.assertError(self.api.get("/v1/coverage", params=params), 400, code)
        r = self.api.get("/v1/coverage", params={"topics": "k8s,kubernetez-nope"})
        self.assertError(r, 404, "unknown_topic")
        r = self.api.get("/v1/coverage/gaps", params={"min_score": "x"})
        self.assertError(r, 400, "invalid_parameter")
        self.assertError(self.api.get("/v1/coverage/gaps", params={"topics": "k8s"}), 400,
                         "invalid_parameter")

    def test_gaps_worst_first_with_mentors(self):
        r = self.api.get("/v1/coverage/gaps")
        self.assertEqual(r.status, 200, r)
        gaps = r.json["gaps"]
        self.assertEqual([g["id"] for g in gaps], ["rust", "k8s"])
        rust, k8s = gaps
        self.assertEqual(rust["gap"], 1.0)
        self.assertEqual(rust["pairs"], [{"learner": {"id": "alice", "name": "Alice Archer"},
                                          "mentor": None}])
        self.assertEqual(k8s["projects"], [{"id": "p1", "name": "Cluster migration"}])
        self.assertEqual(k8s["experts"], 3)
        self.assertEqual(k8s["gap"], 0.25)
        r = self.api.get("/v1/coverage/gaps", params={"min_score": "0.3", "limit": "1"})
        self.assertEqual(r.status, 200, r)
        (rust,) = r.json["gaps"]
        self.assertEqual(rust["pairs"][0]["mentor"]["id"], "dave")
        self.assertNotIn("erin", json.dumps(r.json).lower())


class CoverageCliTest(ServerTestCase):
    """whoknows coverage and whoknows team print what the API answers, from their own copy."""

    def test_cli_agrees_with_the_api(self):
        def whoknows(*args):
            return subprocess.run([harness.CONFIG["whoknows"]] + list(args), capture_output=True,
                                  text=True, timeout=300)

        db = self.tmp.db("cli-coverage-db")
        path = os.path.join(self.tmp.path, "coverage.ndjson")
        with open(path, "w") as f:
            f.writelines(json.dumps(r) + "\n" for r in company.ALL)
        self.assertEqual(whoknows("import", "--db", db, path).returncode, 0)

        as_of = ("--as-of", "2025-01-01")
        done = whoknows("coverage", "--db", db, "--json", *as_of)
        self.assertEqual(done.returncode, 0, done.stderr)
        api = self.api.get("/v1/coverage", params={"limit": "1000"}).json
        self.assertEqual(json.loads(done.stdout)["topics"], api["topics"])

        done = whoknows("coverage", "--db", db, "--topics", "k8s,rust", "--csv", *as_of)
        self.assertEqual(done.returncode, 0, done.stderr)
        rows = list(csv.DictReader(io.StringIO(done.stdout)))
        self.assertEqual([(r["topic_id"], r["experts"], r["bus_factor"], r["risks"]) for r in rows],
                         [("k8s", "3", "1", "one_department"), ("rust", "0", "1", "no_expert stale")])
        self.assertEqual(rows[0]["departments"], "Platform 3")

        done = whoknows("team", "--db", db, "--topics", "k8s", "--alternatives", "3", "--json",
                        *as_of)
        self.assertEqual(done.returncode, 0, done.stderr)
        api = self.api.post("/v1/teams", {"topics": ["k8s"], "alternatives": 3}).json
        self.assertEqual(json.loads(done.stdout), api)

        bad = whoknows("team", "--db", db, "--topics", "k8s", "--max-size", "0")
        self.assertEqual(bad.returncode, 2, bad.stderr)
        bad = whoknows("coverage", "--db", db, "--topics", "no-such-topic-at-all")
        self.assertEqual(bad.returncode, 1)
        self.assertIn("unknown_topic", bad.stderr)
