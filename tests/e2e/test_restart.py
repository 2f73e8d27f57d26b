"""A restarted server answers exactly as before; an acknowledged write survives a crash."""

import signal

import company
import harness
from e2e_base import ServerTestCase


class RestartTest(ServerTestCase):

    def answers(self):
        """Everything a client can read, by request."""
        out = {}
        gets = [("/v1/stats", None)]
        for t in ["k8s", "Kubernetes", "kube", "infra", "rust", "ml", "prog"]:
            gets.append(("/v1/experts", {"topic": t, "explain": "true"}))
            gets.append(("/v1/experts", {"topic": t, "department": "Platform"}))
        for p in company.VISIBLE_PEOPLE:
            gets.append(("/v1/people/%s/expertise" % p, {"explain": "true"}))
        for path in company.records_by_path():
            gets.append((path, None))
        for coll in ["people", "topics", "documents", "projects"]:
            gets.append(("/v1/" + coll, {"limit": 2}))
            gets.append(("/v1/" + coll, None))
        for q in ["k", "kub", "rust", "machine", "infra"]:
            gets.append(("/v1/topics/search", {"q": q}))
        for path, params in gets:
            r = self.api.get(path, params=params)
            body = r.json
            if path == "/v1/stats":
                body = {"counts": body["counts"], "edges": body["edges"]}  # bytes on disk vary
            out[(path, str(params))] = (r.status, body)
        return out

    def test_restart_answers_exactly_as_before(self):
        # Writes of every kind after the import, so the restart replays more than one batch.
        self.assertEqual(self.api.put("/v1/people/gina", {"name": "Gina", "department": "Data",
                                                          "skills": [{"topic": "ml", "level": 4}]}).status, 201)
        self.assertEqual(self.api.put("/v1/documents/d6", {"title": "ML at Platform", "created": "2024-12-01",
                                                           "authors": ["gina", "alice"],
                                                           "topics": ["ml", {"topic": "k8s", "weight": 0.25}]}).status, 201)
        self.assertEqual(self.api.delete("/v1/documents/d3").status, 204)
        before = self.answers()
        self.restart()
        self.assertEqual(self.answers(), before)
        self.restart()
        self.assertEqual(self.answers(), before)

    def test_an_acknowledged_write_survives_a_crash(self):
        r = self.api.put("/v1/topics/crash-safe", {"name": "Crash safety", "broader": ["infra"]})
        self.assertEqual(r.status, 201, r)
        stored = r.json
        self.server.stop(signal.SIGKILL)
        type(self).api = self.server.start()
        self.api = type(self).api
        self.assertEqual(self.api.get("/v1/topics/crash-safe").json, stored)
        self.assertEqual(self.api.delete("/v1/topics/crash-safe").status, 204)


class SignalsTest(ServerTestCase):
    LOAD_COMPANY = False

    def test_sigint_stops_cleanly(self):
        self.assertEqual(self.api.get("/healthz").status, 200)
        self.assertEqual(self.server.stop(signal.SIGINT), 0, self.server.stderr())
        self.api = self.server.start()
        type(self).api = self.api
        self.assertEqual(self.api.get("/healthz").status, 200)

    def test_a_second_server_on_the_same_database_fails_cleanly(self):
        other = harness.Server(self.server.db_dir)
        try:
            with self.assertRaises(AssertionError) as failed:
                other.start()
            self.assertIn("exited", str(failed.exception))
        finally:
            other.kill()
