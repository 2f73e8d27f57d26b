#!/usr/bin/env python3
"""wk_gen (benchmarks/tools/gen.cc): the same seed gives the same bytes, another seed other bytes,
and the CSV tables describe exactly the graph of the NDJSON records."""
import argparse
import csv
import filecmp
import json
import os
import subprocess
import sys
import tempfile
import unittest

GEN = None
PEOPLE = 400


def generate(out, seed=7):
    subprocess.run([GEN, "--people", str(PEOPLE), "--seed", str(seed), out], check=True,
                   stderr=subprocess.DEVNULL)


def rows(folder, table):
    with open(os.path.join(folder, "csv", table + ".csv"), newline="") as f:
        return list(csv.DictReader(f))


class GenTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="wk-gen-test-")
        cls.a = os.path.join(cls.tmp.name, "a")
        generate(cls.a)
        with open(os.path.join(cls.a, "records.ndjson")) as f:
            cls.records = [json.loads(line) for line in f]

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_same_seed_same_bytes_other_seed_other_bytes(self):
        b = os.path.join(self.tmp.name, "b")
        c = os.path.join(self.tmp.name, "c")
        generate(b)
        generate(c, seed=8)
        files = ["records.ndjson", "counts.json"] + [
            os.path.join("csv", f) for f in sorted(os.listdir(os.path.join(self.a, "csv")))]
        self.assertGreater(len(files), 10)
        match, mismatch, errors = filecmp.cmpfiles(self.a, b, files, shallow=False)
        self.assertEqual((mismatch, errors), ([], []))
        self.assertFalse(filecmp.cmp(os.path.join(self.a, "records.ndjson"),
                                     os.path.join(c, "records.ndjson"), shallow=False))

    def by_type(self, kind):
        return [r for r in self.records if r["type"] == kind]

    def test_counts_match_the_records(self):
        with open(os.path.join(self.a, "counts.json")) as f:
            counts = json.load(f)
        self.assertEqual(counts["people"], PEOPLE)
        self.assertEqual(counts["records"], len(self.records))
        self.assertEqual(counts["documents"], 10 * PEOPLE)
        for kind in ("person", "topic", "document", "project"):
            self.assertEqual(counts["csv_rows"][kind], len(self.by_type(kind)), kind)
            self.assertEqual(len(rows(self.a, kind)), len(self.by_type(kind)), kind)
        self.assertEqual(counts["csv_rows"]["endorsement"], len(self.by_type("endorsement")))

    def test_csv_edges_are_the_records_edges(self):
        docs = self.by_type("document")
        authored = {(d["id"], a) for d in docs for a in d["authors"]}
        self.assertEqual({(r["document"], r["person"]) for r in rows(self.a, "authored")}, authored)
        about = {(d["id"], t if isinstance(t, str) else t["topic"]) for d in docs for t in d["topics"]}
        self.assertEqual({(r["document"], r["topic"]) for r in rows(self.a, "about")}, about)
        broader = {(t["id"], b) for t in self.by_type("topic") for b in t.get("broader", [])}
        self.assertEqual({(r["topic"], r["broader"]) for r in rows(self.a, "broader")}, broader)
        members = {(p["id"], m["person"]) for p in self.by_type("project") for m in p["members"]}
        self.assertEqual({(r["project"], r["person"]) for r in rows(self.a, "member")}, members)

    def test_csv_fields_round_trip_with_quoting(self):
        people = {p["id"]: p for p in self.by_type("person")}
        for r in rows(self.a, "person"):
            p = people[r["id"]]
            self.assertEqual(r["name"], p["name"])
            self.assertEqual(r["manager"], p.get("manager", ""))
            self.assertEqual(r["opted_out"], "true" if p.get("opted_out") else "false")
        titles = {d["id"]: (d["title"], d["created"]) for d in self.by_type("document")}
        self.assertTrue(any("," in t for t, _ in titles.values()))  # quoting is exercised
        for r in rows(self.a, "document"):
            self.assertEqual((r["title"], r["created"]), titles[r["id"]])

    def test_benchmark_shape(self):
        docs = self.by_type("document")
        sizes = [len(d["authors"]) for d in docs]
        self.assertEqual(min(sizes), 1)
        self.assertGreater(max(sizes), 6)  # the power-law tail beyond the demo's six
        self.assertLessEqual(max(sizes), 40)
        self.assertGreater(sizes.count(1), sizes.count(2))
        # Topics are unweighted, so that the peers' unweighted score is exact.
        self.assertTrue(all(isinstance(t, str) for d in docs for t in d["topics"]))
        self.assertTrue(any(p.get("opted_out") for p in self.by_type("person")))
        self.assertTrue(any(p.get("manager") for p in self.by_type("person")))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--gen", required=True)
    args, rest = parser.parse_known_args()
    GEN = args.gen
    unittest.main(argv=[sys.argv[0]] + rest)
