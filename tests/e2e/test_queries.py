"""Experts, topic search, expertise, stats, health and the document itself."""

import json

import company
import harness
from e2e_base import ServerTestCase


class ExpertsTest(ServerTestCase):

    def test_ranks_from_evidence(self):
        answer = self.experts("k8s")
        self.assertEqual(answer["topics"], [{"id": "k8s", "name": "Kubernetes", "match": "id"}])
        ids = [e["id"] for e in answer["experts"]]
        self.assertEqual(ids[:2], ["alice", "bob"])
        self.assertIn("carol", ids)
        scores = [e["score"] for e in answer["experts"]]
        self.assertEqual(scores, sorted(scores, reverse=True))
        self.assertTrue(all(s > 0 for s in scores))

    def test_a_declared_skill_alone_ranks_below_document_evidence(self):
        self.assertEqual(self.expert_ids("rust"), ["dave", "frank"])

    def test_aliases_names_and_case_give_the_same_experts_as_the_id(self):
        reference = self.experts("k8s", explain="true")
        for text, match in [("K8S", "id"), ("kubernetes", "name"), ("KUBERNETES", "name"),
                            ("kube", "alias"), ("K8s", "id"), ("KUBE", "alias")]:
            answer = self.experts(text, explain="true")
            self.assertEqual(answer["experts"], reference["experts"], text)
            self.assertEqual([(t["id"], t["match"]) for t in answer["topics"]], [("k8s", match)], text)

    def test_evidence_accounts_for_the_score(self):
        for expert in self.experts("k8s", explain="true")["experts"]:
            self.assertEqual(len(expert["evidence"]), expert["evidence_count"], expert["id"])
            total = sum(e["contribution"] for e in expert["evidence"])
            self.assertAlmostEqual(total, expert["score"], places=9, msg=expert["id"])
            contributions = [e["contribution"] for e in expert["evidence"]]
            self.assertEqual(contributions, sorted(contributions, reverse=True), expert["id"])

    def test_without_explain_at_most_five_pieces_of_evidence(self):
        alice = self.experts("k8s")["experts"][0]
        self.assertEqual(alice["id"], "alice")
        self.assertGreater(alice["evidence_count"], 5)
        self.assertEqual(len(alice["evidence"]), 5)

    def test_evidence_names_documents_projects_skills_and_endorsers(self):
        experts = {e["id"]: e for e in self.experts("k8s", explain="true")["experts"]}
        alice = experts["alice"]
        kinds = {e["kind"] for e in alice["evidence"]}
        self.assertEqual(kinds, {"document", "skill", "endorsement"})
        docs = {e["id"]: e for e in alice["evidence"] if e["kind"] == "document"}
        self.assertEqual(docs["d1"]["title"], "Running Kubernetes in production")
        self.assertEqual(docs["d1"]["date"], "2024-06-01")
        self.assertEqual(docs["d1"]["topic"], "k8s")
        endorsers = sorted((e["id"] or "", e["title"]) for e in alice["evidence"]
                           if e["kind"] == "endorsement")
        self.assertEqual(endorsers, [("", "Endorsed by a colleague"),
                                     ("bob", "Endorsed by Bob Brown"),
                                     ("carol", "Endorsed by Carol Chen")])
        projects = [e for e in experts["bob"]["evidence"] if e["kind"] == "project"]
        self.assertEqual([(p["id"], p["role"]) for p in projects], [("p1", "lead")])

    def test_narrower_topics_count_for_broader_ones(self):
        ids = self.expert_ids("infra")
        self.assertEqual(ids[:2], ["alice", "bob"])
        direct = {e["id"]: e["score"] for e in self.experts("k8s")["experts"]}
        for e in self.experts("Infrastructure")["experts"]:
            self.assertLess(e["score"], direct[e["id"]], e["id"])

    def test_filters_and_limit(self):
        self.assertEqual(self.expert_ids("k8s", department="platform"), ["alice", "bob", "carol"])
        self.assertEqual(self.expert_ids("k8s", location="BERLIN"), ["bob"])
        self.assertEqual(self.expert_ids("k8s", department="Data"), [])
        self.assertEqual(self.expert_ids("k8s", limit=1), ["alice"])

    def test_fuzzy_spelling_resolves(self):
        answer = self.experts("kubernets")
        self.assertEqual(answer["topics"], [{"id": "k8s", "name": "Kubernetes", "match": "fuzzy"}])

    def test_unknown_topic_is_404_with_suggestions(self):
        r = self.api.get("/v1/experts", params={"topic": "kuberne"})
        self.assertError(r, 404, "unknown_topic")
        self.assertIn({"id": "k8s", "name": "Kubernetes"}, r.json["error"]["suggestions"])
        r = self.api.get("/v1/experts", params={"topic": "quantum chromodynamics"})
        self.assertError(r, 404, "unknown_topic")
        self.assertIsInstance(r.json["error"]["suggestions"], list)

    def test_opted_out_people_appear_nowhere(self):
        responses = [self.api.get("/v1/experts", params={"topic": t, "explain": "true"})
                     for t in ["k8s", "rust", "infra", "prog", "ml"]]
        responses.append(self.api.get("/v1/people", params={"limit": 1000}))
        responses += [self.api.get("/v1/people/%s/expertise" % p, params={"explain": "true"})
                      for p in company.VISIBLE_PEOPLE]
        responses.append(self.api.get("/v1/topics/search", params={"q": "e"}))
        for r in responses:
            self.assertEqual(r.status, 200, r)
            text = r.raw.decode()
            self.assertNotIn('"erin"', text)
            self.assertNotIn("Eriksen", text)
        self.assertError(self.api.get("/v1/people/erin"), 404, "not_found")
        self.assertError(self.api.get("/v1/people/erin/expertise"), 404, "not_found")


class TopicsAndPeopleTest(ServerTestCase):

    def test_search_finds_prefixes_aliases_and_exact_matches_best_first(self):
        r = self.api.get("/v1/topics/search", params={"q": "kub"})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["items"][0]["id"], "k8s")
        r = self.api.get("/v1/topics/search", params={"q": "Rust"})
        first = r.json["items"][0]
        self.assertEqual((first["id"], first["score"]), ("rust", 1))
        self.assertIn(first["match"], ("id", "name"))
        self.assertEqual(first["aliases"], ["rust-lang"])
        r = self.api.get("/v1/topics/search", params={"q": "m", "limit": 1})
        self.assertLessEqual(len(r.json["items"]), 1)

    def test_expertise_lists_topics_with_the_experts_score(self):
        r = self.api.get("/v1/people/alice/expertise", params={"explain": "true"})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["person"], {"id": "alice", "name": "Alice Archer",
                                            "title": "Staff Engineer", "department": "Platform",
                                            "location": "Zurich"})
        topics = {t["id"]: t for t in r.json["topics"]}
        self.assertIn("k8s", topics)
        scores = [t["score"] for t in r.json["topics"]]
        self.assertEqual(scores, sorted(scores, reverse=True))
        by_experts = {e["id"]: e for e in self.experts("k8s")["experts"]}["alice"]
        self.assertAlmostEqual(topics["k8s"]["score"], by_experts["score"], places=9)
        self.assertEqual(topics["k8s"]["evidence_count"], by_experts["evidence_count"])
        r = self.api.get("/v1/people/alice/expertise", params={"limit": 1})
        self.assertEqual(len(r.json["topics"]), 1)

    def test_expertise_of_unknown_person_is_404(self):
        self.assertError(self.api.get("/v1/people/nobody/expertise"), 404, "not_found")

    def test_stats_count_what_was_imported(self):
        r = self.api.get("/v1/stats")
        self.assertEqual(r.json["counts"], company.COUNTS)
        self.assertGreater(r.json["edges"], 0)
        self.assertGreaterEqual(r.json["db_bytes"], 0)

    def test_health(self):
        r = self.api.get("/healthz")
        self.assertEqual(r.json, {"status": "ok"})
        r = self.api.request("HEAD", "/healthz")
        self.assertEqual((r.status, r.raw), (200, b""))

    def test_openapi_document_is_served_as_built(self):
        r = self.api.get("/v1/openapi.json")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.json, harness.openapi())

    def test_every_documented_operation_exists_and_nothing_else(self):
        doc = harness.openapi()
        methods = {"get", "put", "post", "delete", "patch"}
        for template, item in doc["paths"].items():
            path = template.replace("{id}", "alice")
            for method in methods:
                if method not in item and any(
                        method in other and harness._template_matches(t, path)
                        for t, other in doc["paths"].items()):
                    continue  # e.g. DELETE /v1/topics/search is DELETE /v1/topics/{id}
                r = self.api.request(method.upper(), path, check=False,
                                     params={"probe": "1"} if method in item else None)
                if method in item:
                    # Reached the handler: it rejects the unknown parameter, so nothing changes.
                    self.assertEqual((r.status, r.code), (400, "invalid_parameter"), (method, path))
                else:
                    self.assertEqual((r.status, r.code), (405, "method_not_allowed"), (method, path))
                    self.assertIn("GET" if "get" in item else "POST", r.headers["allow"])
