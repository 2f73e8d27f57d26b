"""Communities of practice and the collaboration network: GET /v1/communities and the
`whoknows communities` command on a public graph."""

import os
import subprocess

import company
import harness
from e2e_base import ServerTestCase


def members_of(answer):
    return [m["id"] for c in answer["communities"] for m in c["members"]]


class CommunitiesTest(ServerTestCase):

    def communities(self, **params):
        r = self.api.get("/v1/communities", params=params)
        self.assertEqual(r.status, 200, r)
        return r.json

    def test_whole_graph_lists_everyone_visible_once_largest_first(self):
        answer = self.communities(members=1000, limit=1000)
        ids = members_of(answer)
        self.assertEqual(sorted(ids), company.VISIBLE_PEOPLE)
        sizes = [c["size"] for c in answer["communities"]]
        self.assertEqual(sizes, sorted(sizes, reverse=True))
        # alice-bob (d2) and bob-carol (p1) collaborate; dave and frank work alone.
        first = answer["communities"][0]
        self.assertEqual(sorted(m["id"] for m in first["members"]), ["alice", "bob", "carol"])
        self.assertEqual(first["topics"][0]["id"], "k8s")
        self.assertEqual([c["id"] for c in answer["communities"]], list(range(len(sizes))))

    def test_opted_out_people_are_never_listed(self):
        for params in [{}, {"topic": "rust"}, {"topic": "k8s"}]:
            answer = self.communities(**params)
            self.assertNotIn(company.OPTED_OUT["id"], members_of(answer), params)
            self.assertNotIn(company.OPTED_OUT["name"], str(answer), params)

    def test_a_topic_clusters_its_experts_scored_by_their_evidence(self):
        answer = self.communities(topic="kube")
        experts = {e["id"]: e["score"] for e in self.experts("k8s", limit=1000)["experts"]}
        listed = {m["id"]: m["score"] for c in answer["communities"] for m in c["members"]}
        self.assertEqual(set(listed), set(experts))
        for person, score in listed.items():
            self.assertAlmostEqual(score, experts[person], places=9)
        roles = {m["role"] for c in answer["communities"] for m in c["members"]}
        self.assertTrue(roles <= {"core", "broker", "member"})

    def test_limits_cut_the_lists_but_not_the_sizes(self):
        answer = self.communities(limit=1, members=1)
        self.assertEqual(len(answer["communities"]), 1)
        self.assertEqual(len(answer["communities"][0]["members"]), 1)
        self.assertEqual(answer["communities"][0]["size"], 3)

    def test_unknown_topic_and_bad_parameters(self):
        r = self.api.get("/v1/communities", params={"topic": "quantum basket weaving"})
        self.assertError(r, 404, "unknown_topic")
        self.assertIsInstance(r.json["error"]["suggestions"], list)
        self.assertError(self.api.get("/v1/communities", params={"limit": 0}), 400,
                         "invalid_parameter")
        self.assertError(self.api.get("/v1/communities", params={"colour": "red"}), 400,
                         "invalid_parameter")


class CommunitiesCliTest(ServerTestCase):
    LOAD_COMPANY = False

    def run_cli(self, *args):
        return subprocess.run([harness.CONFIG["whoknows"], "communities"] + list(args),
                              capture_output=True, text=True, timeout=120)

    def test_karate_club_reaches_the_known_optimum(self):
        edges = os.path.join(harness.CONFIG["source_dir"], "tests", "support", "karate-club",
                             "edges.tsv")
        for flags, optimum in [((), 0.4449), (("--unweighted",), 0.4198)]:
            done = self.run_cli("--edges", edges, "--seed", "3", *flags)
            self.assertEqual(done.returncode, 0, done.stderr)
            lines = done.stdout.splitlines()
            nodes = [l.split("\t") for l in lines if not l.startswith("#")]
            self.assertEqual(len(nodes), 34)
            modularity = float([l for l in lines if l.startswith("# modularity ")][0].split()[2])
            self.assertGreaterEqual(modularity, optimum * 0.99, flags)

    def test_bad_input_is_refused(self):
        path = os.path.join(self.tmp.path, "bad.tsv")
        with open(path, "w") as f:
            f.write("source\ttarget\tweight\na\tb\t-1\n")
        done = self.run_cli("--edges", path)
        self.assertEqual(done.returncode, 1)
        self.assertIn("line 2", done.stderr)
        self.assertEqual(self.run_cli().returncode, 2)


class NoBridgeTest(ServerTestCase):
    """The company as it is: alice and dave are linked only through erin, who opted out."""

    def test_no_chain_through_an_opted_out_person(self):
        r = self.api.get("/v1/people/alice/path/dave")
        self.assertError(r, 404, "no_path")
        self.assertNotIn("erin", r.json["error"]["message"])

    def test_a_chain_to_oneself_and_unknown_people(self):
        r = self.api.get("/v1/people/alice/path/alice")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["path"], [{"id": "alice", "name": "Alice Archer", "via": None}])
        self.assertError(self.api.get("/v1/people/alice/path/nobody"), 404, "not_found")
        self.assertError(self.api.get("/v1/people/erin/path/alice"), 404, "not_found")
        self.assertError(self.api.get("/v1/people/alice/path/erin"), 404, "not_found")


class NetworkTest(ServerTestCase):
    """The company plus d6, written by alice and dave about Kubernetes and machine learning."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        r = cls.api.import_ndjson([
            {"type": "document", "id": "d6", "title": "Serving models on Kubernetes",
             "created": "2024-09-01", "authors": ["alice", "dave"], "topics": ["k8s", "ml"]}])
        assert r.status == 200, r

    def test_introduction_chain_names_what_links_each_hop(self):
        r = self.api.get("/v1/people/carol/path/dave")
        self.assertEqual(r.status, 200, r)
        path = r.json["path"]
        self.assertEqual([p["id"] for p in path], ["carol", "bob", "alice", "dave"])
        self.assertIsNone(path[0]["via"])
        self.assertEqual(path[1]["via"], {"kind": "project", "id": "p1", "title": "Cluster migration"})
        self.assertEqual(path[2]["via"]["id"], "d2")
        self.assertEqual(path[3]["via"],
                         {"kind": "document", "id": "d6", "title": "Serving models on Kubernetes"})

    def test_related_topics_share_documents_and_people(self):
        r = self.api.get("/v1/topics/k8s/related")
        self.assertEqual(r.status, 200, r)
        related = {t["id"]: t for t in r.json["related"]}
        self.assertEqual(r.json["topic"], {"id": "k8s", "name": "Kubernetes"})
        self.assertEqual(r.json["related"][0]["id"], "ml")
        self.assertEqual(related["ml"]["shared_documents"], 1)
        self.assertEqual(related["ml"]["shared_people"], 2)  # alice and dave
        self.assertIn("rust", related)  # through dave, not through erin
        self.assertEqual(related["rust"]["shared_people"], 1)
        self.assertError(self.api.get("/v1/topics/nothing-here/related"), 404, "not_found")
        self.assertError(self.api.get("/v1/topics/k8s/related", params={"limit": 0}), 400,
                         "invalid_parameter")

    def test_similar_people_never_include_the_opted_out(self):
        r = self.api.get("/v1/people/alice/similar", params={"limit": 100})
        self.assertEqual(r.status, 200, r)
        ids = [p["id"] for p in r.json["similar"]]
        self.assertEqual(ids[0], "bob")
        self.assertNotIn("erin", ids)
        self.assertNotIn("alice", ids)
        self.assertIn("dave", ids)
        self.assertEqual(r.json["similar"][0]["topics"], [{"id": "k8s", "name": "Kubernetes"}])
        scores = [p["score"] for p in r.json["similar"]]
        self.assertEqual(scores, sorted(scores, reverse=True))
        self.assertError(self.api.get("/v1/people/erin/similar"), 404, "not_found")
