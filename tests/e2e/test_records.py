"""PUT/GET/DELETE and the lists, on real data."""

import json

import company
from e2e_base import ServerTestCase


class RecordsTest(ServerTestCase):

    def test_get_returns_every_imported_record_as_written(self):
        for path, record in company.records_by_path().items():
            r = self.api.get(path)
            if record.get("opted_out"):
                self.assertEqual(r.status, 404, path)
                continue
            self.assertEqual(r.status, 200, path)
            self.assertEqual(r.json, company.as_returned(record), path)

    def test_put_creates_then_replaces(self):
        body = {"name": "Gina Gray", "department": "Data", "skills": [{"topic": "ml", "level": 4}]}
        r = self.api.put("/v1/people/gina", body)
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json, dict(body, type="person", id="gina"))
        body["title"] = "Analyst"
        r = self.api.put("/v1/people/gina", dict(body, type="person", id="gina"))
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["title"], "Analyst")
        self.assertEqual(self.api.get("/v1/people/gina").json, r.json)
        self.assertEqual(self.api.delete("/v1/people/gina").status, 204)

    def test_put_of_every_kind_round_trips(self):
        records = [
            ("/v1/topics/t-go", {"name": "Go", "aliases": ["golang"], "related": ["prog"]}),
            ("/v1/people/p-hank", {"name": "Hank", "interests": ["t-go"]}),
            ("/v1/documents/doc-go", {"title": "Go tips", "created": "2024-02-02",
                                      "authors": ["p-hank"], "topics": [{"topic": "t-go", "weight": 0.3}]}),
            ("/v1/projects/prj-go", {"name": "Go port", "start": "2024-01-01", "end": "2024-12-31",
                                     "topics": ["t-go"], "members": [{"person": "p-hank", "role": "lead"}]}),
        ]
        for path, body in records:
            r = self.api.put(path, body)
            self.assertEqual(r.status, 201, (path, r))
            self.assertEqual(self.api.get(path).json, r.json)
            self.assertEqual(r.json["id"], path.rsplit("/", 1)[1])
            # What GET returns is a valid PUT body that changes nothing.
            again = self.api.put(path, r.json)
            self.assertEqual((again.status, again.json), (200, r.json), path)
        for path, _ in reversed(records):
            self.assertEqual(self.api.delete(path).status, 204, path)
            self.assertEqual(self.api.get(path).status, 404, path)

    def test_delete_then_missing(self):
        self.assertEqual(self.api.put("/v1/topics/tmp", {"name": "Temporary"}).status, 201)
        self.assertEqual(self.api.delete("/v1/topics/tmp").status, 204)
        r = self.api.get("/v1/topics/tmp")
        self.assertError(r, 404, "not_found")
        self.assertError(self.api.delete("/v1/topics/tmp"), 404, "not_found")

    def test_email_is_private(self):
        r = self.api.get("/v1/people/alice")
        self.assertNotIn("email", r.json)
        self.assertNotIn("alice@example.com", r.raw.decode())

    def walk(self, path, **params):
        items, cursor, pages = [], None, 0
        while True:
            p = dict(params)
            if cursor:
                p["cursor"] = cursor
            r = self.api.get(path, params=p)
            self.assertEqual(r.status, 200, r)
            items += r.json["items"]
            pages += 1
            cursor = r.json["next_cursor"]
            if cursor is None:
                return items, pages
            self.assertLess(pages, 100)

    def test_lists_page_in_id_order_without_opted_out_people(self):
        items, pages = self.walk("/v1/people", limit=2)
        ids = [i["id"] for i in items]
        self.assertEqual(ids, company.VISIBLE_PEOPLE)
        self.assertEqual(pages, 3)  # 5 visible people in pages of 2
        for kind, coll in [("topic", "topics"), ("document", "documents"), ("project", "projects")]:
            items, _ = self.walk("/v1/" + coll, limit=1)
            expected = sorted(r["id"] for r in company.ALL if r["type"] == kind)
            self.assertEqual([i["id"] for i in items], expected, coll)

    def test_list_filters_people_by_department_and_location_in_any_case(self):
        r = self.api.get("/v1/people", params={"department": "platform"})
        self.assertEqual([i["id"] for i in r.json["items"]], ["alice", "bob", "carol"])
        r = self.api.get("/v1/people", params={"department": "PLATFORM", "location": "zurich"})
        self.assertEqual([i["id"] for i in r.json["items"]], ["alice", "carol"])
        r = self.api.get("/v1/people", params={"location": "Nowhere"})
        self.assertEqual(r.json, {"items": [], "next_cursor": None})

    def test_cursor_survives_writes(self):
        r = self.api.get("/v1/people", params={"limit": 2})
        cursor = r.json["next_cursor"]
        self.assertEqual([i["id"] for i in r.json["items"]], ["alice", "bob"])
        # A new person before the cursor does not shift the next page.
        self.assertEqual(self.api.put("/v1/people/aaron", {"name": "Aaron"}).status, 201)
        try:
            r = self.api.get("/v1/people", params={"limit": 2, "cursor": cursor})
            self.assertEqual([i["id"] for i in r.json["items"]], ["carol", "dave"])
        finally:
            self.api.delete("/v1/people/aaron")


class WritesAndQueriesTest(ServerTestCase):
    """Read-your-writes and deletes reaching the ranking."""

    def test_a_new_document_is_seen_by_the_next_query(self):
        before = self.expert_ids("ml")
        self.assertNotIn("frank", before)
        r = self.api.put("/v1/documents/d-ml", {"title": "Gradient boosting", "created": "2024-10-01",
                                               "authors": ["frank"], "topics": ["ml"]})
        self.assertEqual(r.status, 201, r)
        self.assertIn("frank", self.expert_ids("ml"))
        self.assertEqual(self.api.delete("/v1/documents/d-ml").status, 204)
        self.assertEqual(self.expert_ids("ml"), before)

    def test_deleting_an_author_removes_them_and_their_edges(self):
        self.assertEqual(self.api.put("/v1/people/ivan", {"name": "Ivan", "department": "Data"}).status, 201)
        doc = {"title": "ML ops", "created": "2024-09-01", "authors": ["ivan", "dave"], "topics": ["ml"]}
        self.assertEqual(self.api.put("/v1/documents/d-ivan", doc).status, 201)
        self.api.import_ndjson([{"type": "endorsement", "from": "dave", "to": "ivan", "topic": "ml"}])
        self.assertIn("ivan", self.expert_ids("ml"))
        stats = self.api.get("/v1/stats").json

        self.assertEqual(self.api.delete("/v1/people/ivan").status, 204)
        self.assertNotIn("ivan", self.expert_ids("ml"))
        self.assertEqual(self.api.get("/v1/documents/d-ivan").json["authors"], ["dave"])
        after = self.api.get("/v1/stats").json
        self.assertEqual(after["counts"]["person"], stats["counts"]["person"] - 1)
        self.assertEqual(after["counts"]["endorsement"], stats["counts"]["endorsement"] - 1)
        # The authored_by edge and the endorsement's three edges went with them.
        self.assertEqual(after["edges"], stats["edges"] - 4)
        self.assertEqual(self.api.delete("/v1/documents/d-ivan").status, 204)

    def test_replacing_a_document_replaces_its_edges(self):
        doc = {"title": "K8s ops", "created": "2024-11-01", "authors": ["frank"], "topics": ["k8s"]}
        self.assertEqual(self.api.put("/v1/documents/d-swap", doc).status, 201)
        self.assertIn("frank", self.expert_ids("k8s"))
        doc["topics"] = ["ml"]
        self.assertEqual(self.api.put("/v1/documents/d-swap", doc).status, 200)
        self.assertNotIn("frank", self.expert_ids("k8s"))
        self.assertIn("frank", self.expert_ids("ml"))
        self.assertEqual(self.api.delete("/v1/documents/d-swap").status, 204)

    def test_opting_out_hides_a_person_at_once(self):
        alice = self.api.get("/v1/people/alice").json
        self.assertIn("alice", self.expert_ids("k8s"))
        r = self.api.put("/v1/people/alice", dict(alice, opted_out=True))
        self.assertEqual(r.status, 200, r)
        try:
            self.assertNotIn("alice", self.expert_ids("k8s"))
            self.assertEqual(self.api.get("/v1/people/alice").status, 404)
            self.assertEqual(self.api.get("/v1/people/alice/expertise").status, 404)
            ids = [i["id"] for i in self.api.get("/v1/people").json["items"]]
            self.assertNotIn("alice", ids)
            # Nor as an endorser of bob.
            bob = [e for e in self.experts("k8s", explain="true")["experts"] if e["id"] == "bob"][0]
            self.assertNotIn("Alice", json.dumps(bob))
        finally:
            alice.pop("opted_out", None)
            self.assertEqual(self.api.put("/v1/people/alice", alice).status, 200)
        self.assertIn("alice", self.expert_ids("k8s"))
