"""schema/openapi.json itself, and the validator the other tests rely on."""

import json
import unittest

import harness


def walk(node, path="#"):
    yield path, node
    if isinstance(node, dict):
        for k, v in node.items():
            yield from walk(v, path + "/" + k)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from walk(v, "%s/%d" % (path, i))


class DocumentTest(unittest.TestCase):

    def test_every_ref_resolves(self):
        doc = harness.openapi()
        for path, node in walk(doc):
            if isinstance(node, dict) and isinstance(node.get("$ref"), str):
                harness.resolve_ref(doc, node["$ref"])

    def test_record_schemas_are_those_of_records_schema_json(self):
        with open(harness.source_path("schema", "records.schema.json"), encoding="utf-8") as f:
            records = json.load(f)
        names = {"id": "Id", "idList": "IdList", "date": "Date", "person": "Person", "topic": "Topic",
                 "document": "Document", "project": "Project", "endorsement": "Endorsement"}
        text = json.dumps(records["$defs"], sort_keys=True)
        for old, new in names.items():
            text = text.replace('"#/$defs/%s"' % old, '"#/components/schemas/%s"' % new)
        expected = {names[k]: v for k, v in json.loads(text).items()}
        schemas = harness.openapi()["components"]["schemas"]
        for name, schema in expected.items():
            self.assertEqual(schemas[name], schema, name)

    def test_operation_ids_are_unique_and_parameters_resolve(self):
        doc = harness.openapi()
        ids = []
        for template, item in doc["paths"].items():
            for method, op in item.items():
                if method == "parameters":
                    continue
                ids.append(op["operationId"])
                params = item.get("parameters", []) + op.get("parameters", [])
                params = [harness.resolve_ref(doc, p["$ref"]) if "$ref" in p else p for p in params]
                in_path = sorted(p["name"] for p in params if p["in"] == "path")
                self.assertEqual(in_path, sorted(s[1:-1] for s in template.split("/") if s.startswith("{")),
                                 (method, template))
        self.assertEqual(len(ids), len(set(ids)))

    def test_every_operation_documents_its_errors(self):
        for template, item in harness.openapi()["paths"].items():
            for method, op in item.items():
                if method == "parameters":
                    continue
                self.assertIn("400", op["responses"], (method, template))
                self.assertIn("500", op["responses"], (method, template))
                self.assertTrue(any(c.startswith("2") for c in op["responses"]), (method, template))


class ValidatorTest(unittest.TestCase):
    """The validator must reject what the document forbids, or the e2e checks prove nothing."""

    def rejects(self, value, schema):
        with self.assertRaises(harness.SchemaError):
            harness.validate(value, schema, harness.openapi())

    def accepts(self, value, schema):
        harness.validate(value, schema, harness.openapi())

    def test_types(self):
        self.accepts(None, {"type": ["string", "null"]})
        self.rejects(3, {"type": ["string", "null"]})
        self.rejects(True, {"type": "integer"})
        self.accepts(3, {"type": "number"})
        self.rejects(1.5, {"type": "integer"})

    def test_objects(self):
        schema = {"type": "object", "required": ["a"], "additionalProperties": False,
                  "properties": {"a": {"type": "string"}}}
        self.accepts({"a": "x"}, schema)
        self.rejects({}, schema)
        self.rejects({"a": "x", "b": 1}, schema)
        self.rejects({"a": 1}, schema)

    def test_combinators_refs_and_bounds(self):
        ref = {"$ref": "#/components/schemas/Evidence"}
        good = {"kind": "document", "id": "d1", "title": "T", "topic": "k8s", "role": "author",
                "date": "2024-01-01", "contribution": 0.5}
        self.accepts(good, ref)
        self.rejects(dict(good, kind="rumour"), ref)
        self.rejects(dict(good, date="01/02/2024"), ref)
        self.rejects(dict(good, contribution=-1), ref)
        self.rejects(dict(good, id="bad id"), ref)
        self.accepts(dict(good, id=None, date=None), ref)
        self.rejects({"x": 1}, {"oneOf": [{"type": "object"}, {"type": "object"}]})
        self.rejects([1, 1], {"type": "array", "uniqueItems": True})
        self.rejects("x", {"enum": ["y"]})
        self.rejects({"error": {"code": "nope", "message": "m"}}, {"$ref": "#/components/schemas/Error"})
        self.rejects({"error": {"code": "not_found", "message": "m"}},
                     {"$ref": "#/components/schemas/UnknownTopicError"})

    def test_unknown_keywords_are_errors(self):
        self.rejects("x", {"format": "email"})

    def test_undocumented_statuses_fail(self):
        with self.assertRaises(harness.SchemaError):
            harness.response_schema("GET", "/v1/experts", 418)
        with self.assertRaises(harness.SchemaError):
            harness.response_schema("GET", "/v1/undocumented", 200)
