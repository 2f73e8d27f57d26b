"""POST /v1/teams on the e2e company (as of 2025-01-01).

Collaboration ties: alice-bob (document d2), bob-carol (project p1); erin opted out and leaves
the graph, so dave (rust, with erin) is alone.  k8s has three experts (alice, bob, carol); rust
has none at the default min_score and dave at 0.3.
"""

import json

from e2e_base import ServerTestCase


class TeamsTest(ServerTestCase):

    def teams(self, body):
        r = self.api.post("/v1/teams", body)
        self.assertEqual(r.status, 200, r)
        self.assertNotIn("erin", json.dumps(r.json).lower())
        return r.json

    @staticmethod
    def member_ids(team):
        return [m["id"] for m in team["members"]]

    def test_rarest_first_alternatives_are_distinct(self):
        answer = self.teams({"topics": ["K8s"], "alternatives": 3})
        self.assertEqual(answer["algorithm"], "rarest_first")
        teams = answer["teams"]
        self.assertEqual(len(teams), 3)
        self.assertEqual(len({tuple(sorted(self.member_ids(t))) for t in teams}), 3)
        best = self.expert_ids("k8s")[0]
        self.assertEqual(self.member_ids(teams[0]), [best])
        self.assertEqual(teams[0]["covered"], ["k8s"])
        self.assertEqual(teams[0]["uncovered"], [])
        self.assertEqual(teams[0]["members"][0]["covers"], ["k8s"])
        self.assertEqual(teams[0]["communication_cost"], 0)

    def test_a_topic_nobody_reachable_covers_is_uncovered(self):
        team = self.teams({"topics": ["k8s", "rust"], "min_score": 0.3})["teams"][0]
        self.assertEqual(self.member_ids(team), ["dave"])  # rust is rarest; dave reaches no one
        self.assertEqual(team["covered"], ["rust"])
        self.assertEqual(team["uncovered"], ["k8s"])
        team = self.teams({"topics": ["rust"]})["teams"][0]
        self.assertEqual(team["members"], [])
        self.assertEqual(team["uncovered"], ["rust"])

    def test_constraints(self):
        for team in self.teams({"topics": ["k8s"], "exclude": ["bob", "alice", "nobody"],
                                "alternatives": 5})["teams"]:
            self.assertEqual(self.member_ids(team), ["carol"])
        team = self.teams({"topics": ["k8s"], "department": "data"})["teams"][0]
        self.assertEqual(team["uncovered"], ["k8s"])
        team = self.teams({"topics": ["k8s", "rust"], "min_score": 0.3, "max_size": 1})["teams"][0]
        self.assertLessEqual(len(team["members"]), 1)
        everyone = self.teams({"topics": ["k8s", "rust", "ml"], "min_score": 0.0,
                               "alternatives": 10})
        self.assertTrue(everyone["teams"])

    def test_leader(self):
        answer = self.teams({"topics": ["k8s"], "leader": "bob", "alternatives": 3})
        self.assertEqual(answer["algorithm"], "leader")
        self.assertEqual(len(answer["teams"]), 1)
        self.assertEqual(self.member_ids(answer["teams"][0])[0], "bob")
        answer = self.teams({"topics": ["k8s"], "leader": None})
        self.assertEqual(answer["algorithm"], "rarest_first")

    def test_bad_input(self):
        cases = [({"topics": []}, 400, "invalid_parameter"),
                 ({}, 400, "missing_parameter"),
                 ({"topics": ["k8s", ""]}, 400, "invalid_parameter"),
                 ({"topics": "k8s"}, 400, "invalid_parameter"),
                 ({"topics": ["k8s"], "max_size": 0}, 400, "invalid_parameter"),
                 ({"topics": ["k8s"], "alternatives": 0}, 400, "invalid_parameter"),
                 ({"topics": ["k8s"], "min_score": -1}, 400, "invalid_parameter"),
                 ({"topics": ["k8s"], "size": 3}, 400, "invalid_parameter"),
                 ({"topics": ["k8s"], "leader": "bob", "exclude": ["bob"]}, 400,
                  "invalid_parameter"),
                 ({"topics": ["k8s", "no-such-topic-at-all"]}, 404, "unknown_topic"),
                 ({"topics": ["k8s"], "leader": "nobody"}, 404, "not_found"),
                 ({"topics": ["k8s"], "leader": "erin"}, 404, "not_found")]
        for body, status, code in cases:
            self.assertError(self.api.post("/v1/teams", body), status, code)
        self.assertError(self.api.post("/v1/teams", "{not json",
                                       headers={"Content-Type": "application/json"}),
                         400, "malformed_json")
        self.assertError(self.api.post("/v1/teams", "[]",
                                       headers={"Content-Type": "application/json"}),
                         400, "malformed_json")
        self.assertError(self.api.post("/v1/teams", '{"topics": ["k8s"]}',
                                       headers={"Content-Type": "text/plain"}),
                         415, "unsupported_media_type")
