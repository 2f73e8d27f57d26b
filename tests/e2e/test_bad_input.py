"""Every kind of bad input gets the right 4xx and changes nothing."""

import json

import company
from e2e_base import ServerTestCase


class BadInputTest(ServerTestCase):
    EXTRA_ARGS = ("--max-body-mib", "1")

    def state(self):
        """What a bad request must not change: counts, some records, an answer."""
        out = {"stats": self.api.get("/v1/stats").json["counts"]}
        for path in ["/v1/people/alice", "/v1/documents/d1", "/v1/topics/k8s", "/v1/projects/p1"]:
            out[path] = self.api.get(path).json
        out["experts"] = self.experts("k8s", explain="true")
        out["people"] = self.api.get("/v1/people").json
        for path in ["/v1/people/zed", "/v1/topics/new-topic", "/v1/documents/d-new"]:
            out[path] = self.api.get(path).status
        return out

    def setUp(self):
        self.before = self.state()

    def tearDown(self):
        self.assertEqual(self.state(), self.before, "a rejected request changed the database")
        self.assertEqual(self.api.get("/healthz").status, 200)

    # --- PUT bodies

    def test_malformed_json(self):
        for body in ['{"name": "Zed"', "not json", "", '{"name": "Zed"} trailing', "[1, 2]", '"text"', "null"]:
            r = self.api.put("/v1/people/zed", body, headers={"Content-Type": "application/json"})
            self.assertError(r, 400, "malformed_json")

    def test_wrong_types_and_values(self):
        cases = [
            ("/v1/people/zed", {"name": 5}),
            ("/v1/people/zed", {"name": "Zed", "opted_out": "yes"}),
            ("/v1/people/zed", {"name": "Zed", "skills": [{"topic": "k8s", "level": 9}]}),
            ("/v1/people/zed", {"name": "Zed", "skills": "k8s"}),
            ("/v1/documents/d-new", {"title": "T", "created": "2023-02-30", "authors": ["alice"]}),
            ("/v1/documents/d-new", {"title": "T", "created": "yesterday", "authors": ["alice"]}),
            ("/v1/documents/d-new", {"title": "T", "created": "2024-01-01", "authors": ["alice"],
                                     "topics": [{"topic": "k8s", "weight": 2}]}),
            ("/v1/topics/new-topic", {"name": "N", "aliases": "n"}),
        ]
        for path, body in cases:
            r = self.api.put(path, body)
            self.assertError(r, 422, "invalid_field")

    def test_unknown_missing_and_mismatched_fields(self):
        self.assertError(self.api.put("/v1/people/zed", {"name": "Zed", "salary": 1}), 422, "unknown_field")
        self.assertError(self.api.put("/v1/people/zed", {"title": "No name"}), 422, "missing_field")
        self.assertError(self.api.put("/v1/documents/d-new", {"title": "T", "authors": ["alice"]}),
                         422, "missing_field")
        self.assertError(self.api.put("/v1/people/zed", {"id": "other", "name": "Zed"}), 422, "id_mismatch")
        r = self.api.put("/v1/people/zed", {"type": "topic", "name": "Zed"})
        self.assertEqual(r.status, 422, r)
        self.assertError(self.api.put("/v1/people/zed", {"name": "Zed", "manager": "zed"}), 422,
                         "self_reference")

    def test_dangling_references(self):
        self.assertError(self.api.put("/v1/people/zed", {"name": "Zed", "manager": "ghost"}), 422,
                         "dangling_reference")
        # Replacing an existing record with a dangling one keeps the old record.
        d1 = dict(company.DOCUMENTS[0])
        d1["authors"] = ["alice", "ghost"]
        r = self.api.put("/v1/documents/d1", d1)
        self.assertError(r, 422, "dangling_reference")
        self.assertNotIn("line", r.json["error"])

    def test_invalid_ids_in_the_path(self):
        for path in ["/v1/people/a%20b", "/v1/people/a%7Cb", "/v1/people/" + "x" * 129,
                     "/v1/people/%C3%A9", "/v1/people/a%00b"]:
            self.assertError(self.api.get(path), 400, "invalid_id")
            self.assertError(self.api.put(path, {"name": "X"}), 400, "invalid_id")
            self.assertError(self.api.delete(path), 400, "invalid_id")
        self.assertError(self.api.get("/v1/people/a%20b/expertise"), 400, "invalid_id")

    def test_wrong_content_type(self):
        r = self.api.put("/v1/people/zed", '{"name": "Zed"}', headers={"Content-Type": "text/csv"})
        self.assertError(r, 415, "unsupported_media_type")
        r = self.api.put("/v1/people/zed", "name=Zed",
                         headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertError(r, 415, "unsupported_media_type")
        r = self.api.post("/v1/import", '{"type": "topic", "id": "new-topic", "name": "N"}\n',
                          headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertError(r, 415, "unsupported_media_type")

    # --- imports

    def ndjson(self, lines):
        return "".join((l if isinstance(l, str) else json.dumps(l)) + "\n" for l in lines)

    def post_import(self, lines, **kw):
        return self.api.post("/v1/import", self.ndjson(lines),
                             headers={"Content-Type": "application/x-ndjson"}, **kw)

    def test_import_is_all_or_nothing(self):
        good_topic = {"type": "topic", "id": "new-topic", "name": "New"}
        good_person = {"type": "person", "id": "zed", "name": "Zed"}
        cases = [
            ([good_topic, good_person, '{"type": "person", "id": "x",'], 400, "malformed_json", 3),
            ([good_topic, "[1]"], 400, "malformed_json", 2),
            ([good_topic, {"type": "person", "id": "zed"}], 422, "missing_field", 2),
            ([good_topic, {"type": "robot", "id": "r2"}], 422, "unknown_type", 2),
            ([{"id": "no-type", "name": "N"}], 422, "unknown_type", 1),
            ([good_person, good_topic, {"type": "document", "id": "d-new", "title": "T",
                                        "created": "2024-01-01", "authors": ["zed", "ghost"]}],
             422, "dangling_reference", 3),
            ([good_person, {"type": "endorsement", "from": "zed", "to": "ghost", "topic": "k8s"}],
             422, "dangling_reference", 2),
            ([good_person, {"type": "person", "id": "bad id", "name": "B"}], 422, "invalid_id", 2),
        ]
        for lines, status, code, line in cases:
            r = self.post_import(lines)
            self.assertError(r, status, code)
            self.assertEqual(r.json["error"]["line"], line, r)

    def test_blank_lines_are_skipped_and_count_in_line_numbers(self):
        r = self.api.post("/v1/import", '\n\n{"type": "person", "id": "zed"}\n',
                          headers={"Content-Type": "application/x-ndjson"})
        self.assertError(r, 422, "missing_field")
        self.assertEqual(r.json["error"]["line"], 3)

    # --- sizes

    def test_bodies_over_the_limit_are_413(self):
        big_name = "x" * (3 << 19)  # 1.5 MiB: over --max-body-mib 1
        r = self.api.put("/v1/people/zed", {"name": big_name})
        self.assertError(r, 413, "body_too_large")
        r = self.api.post("/v1/import", self.ndjson([{"type": "person", "id": "zed", "name": big_name}]),
                          headers={"Content-Type": "application/x-ndjson"})
        self.assertError(r, 413, "body_too_large")
        r = self.api.put("/v1/people/zed", json.dumps({"name": big_name}),
                         headers={"Content-Type": "application/json"}, chunked=True)
        self.assertError(r, 413, "body_too_large")

    def test_deeply_nested_json_is_rejected_not_fatal(self):
        deep = '{"name": ' + "[" * 100000 + "]" * 100000 + "}"
        r = self.api.put("/v1/people/zed", deep, headers={"Content-Type": "application/json"})
        self.assertIn(r.status, (400, 422), r)

    # --- parameters

    def test_bad_parameter_values(self):
        cases = [
            ("/v1/experts", {"topic": "k8s", "limit": "-3"}, "limit"),
            ("/v1/experts", {"topic": "k8s", "limit": "abc"}, "limit"),
            ("/v1/experts", {"topic": "k8s", "limit": "0"}, "limit"),
            ("/v1/experts", {"topic": "k8s", "limit": "1001"}, "limit"),
            ("/v1/experts", {"topic": "k8s", "limit": "99999999999999999999"}, "limit"),
            ("/v1/experts", {"topic": "k8s", "limit": ""}, "limit"),
            ("/v1/experts", {"topic": "k8s", "limit": "1.5"}, "limit"),
            ("/v1/experts", {"topic": "k8s", "explain": "maybe"}, "explain"),
            ("/v1/experts", {"topic": "k8s", "sort": "name"}, "sort"),
            ("/v1/experts", {"topic": "k8s", "limit": ["1", "2"]}, "limit"),
            ("/v1/topics/search", {"q": "k", "limit": "-1"}, "limit"),
            ("/v1/people", {"limit": "x"}, "limit"),
            ("/v1/people", {"cursor": "not-a-cursor!"}, "cursor"),
            ("/v1/people", {"cursor": "djE6"}, "cursor"),  # "v1:" without an id
            ("/v1/topics", {"department": "Platform"}, "department"),
            ("/v1/people/alice", {"fields": "name"}, "fields"),
            ("/v1/people/alice/expertise", {"explain": "yes"}, "explain"),
            ("/v1/stats", {"verbose": "1"}, "verbose"),
        ]
        for path, params, name in cases:
            r = self.api.get(path, params=params)
            self.assertError(r, 400, "invalid_parameter")
            self.assertEqual(r.json["error"]["parameter"], name, (path, params))
            self.assertIn(name, r.json["error"]["message"])
        r = self.api.put("/v1/people/zed", {"name": "Zed"}, params={"upsert": "1"})
        self.assertError(r, 400, "invalid_parameter")

    def test_missing_parameters(self):
        for path, params, name in [("/v1/experts", {}, "topic"), ("/v1/experts", {"topic": ""}, "topic"),
                                   ("/v1/topics/search", {}, "q")]:
            r = self.api.get(path, params=params)
            self.assertError(r, 400, "missing_parameter")
            self.assertEqual(r.json["error"]["parameter"], name)

    def test_unknown_topic_bytes_are_answered_as_json(self):
        r = self.api.get("/v1/experts?topic=%FF%FE")
        self.assertError(r, 404, "unknown_topic")

    # --- routes

    def test_unknown_routes_and_methods(self):
        for path in ["/assets/nothing.js", "/v1", "/v1/nothing", "/v1/people/alice/friends", "/v1/people/", "/v2/people",
                     "/v1/people/a%2Fb", "/" + "x" * 3000]:
            self.assertError(self.api.get(path), 404, "not_found")
        for method, path in [("POST", "/v1/experts"), ("PATCH", "/v1/people/alice"),
                             ("DELETE", "/v1/people"), ("PUT", "/v1/import"), ("POST", "/v1/people/alice"),
                             ("DELETE", "/healthz")]:
            r = self.api.request(method, path)
            self.assertError(r, 405, "method_not_allowed")
            self.assertTrue(r.headers.get("allow"), r)
