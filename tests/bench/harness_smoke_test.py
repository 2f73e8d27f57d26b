#!/usr/bin/env python3
"""scripts/bench at a tiny size without peers: it runs end to end with the binaries of this build,
writes the JSON the issue asks for, prints the table, and leaves no process or folder behind.
Figures are checked for presence and sense (positive), never against a time."""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import unittest

ARGS = None
KEYS = ["import_records_per_s", "db_bytes", "cold_start_s", "rss_mib", "experts_p50_ms",
        "experts_p99_ms", "http_rps", "http_rps_uncached", "http_first_p50_ms",
        "http_first_max_ms", "communities_s", "check_s"]


class HarnessSmokeTest(unittest.TestCase):
    def test_tiny_run_without_peers(self):
        with tempfile.TemporaryDirectory(prefix="wk-bench-smoke-") as tmp:
            out = os.path.join(tmp, "bench.json")
            work_root = os.path.join(tmp, "tmp")  # the harness's temporary folders go here
            os.mkdir(work_root)
            env = dict(os.environ, TMPDIR=work_root)
            proc = subprocess.run(
                [ARGS.bench, "--people", "150", "--peers", "none", "--no-build", "--build-dir",
                 ARGS.build_dir, "--rounds", "2", "--import-rounds", "3", "--http-seconds", "1",
                 "--out", out],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=500, env=env)
            self.assertEqual(proc.returncode, 0, proc.stderr)
            with open(out) as f:
                result = json.load(f)
            self.assertEqual(os.listdir(work_root), [])  # its work folder is gone
        self.assertEqual(result["people"], 150)
        self.assertEqual(list(result["systems"]), ["whoknows"])
        wk = result["systems"]["whoknows"]
        for key in KEYS:
            self.assertGreater(wk[key], 0, key)
        self.assertGreater(wk["default_experts_p50_ms"], 0)
        # Three timed imports; the figure is their median.
        samples = wk["import_s_samples"]
        self.assertEqual(len(samples), 3)
        self.assertTrue(all(s > 0 for s in samples))
        self.assertEqual(wk["import_s"], sorted(samples)[1])
        self.assertAlmostEqual(wk["import_records_per_s"], wk["records"] / wk["import_s"])
        self.assertEqual(len(result["topics"]), 12)
        self.assertIn("experts_p50_ms", proc.stdout)  # the table
        self.assertEqual(proc.stderr.count("\033["), 0)  # no progress in a pipe

    def test_sizes_are_interleaved_and_summarized_by_medians(self):
        with tempfile.TemporaryDirectory(prefix="wk-bench-sizes-") as tmp:
            out = os.path.join(tmp, "sizes.json")
            work_root = os.path.join(tmp, "tmp")
            os.mkdir(work_root)
            env = dict(os.environ, TMPDIR=work_root)
            proc = subprocess.run(
                [ARGS.bench, "--sizes", "150,120", "--repeat", "3", "--peers", "none", "--no-build",
                 "--build-dir", ARGS.build_dir, "--rounds", "1", "--http-seconds", "1",
                 "--out", out],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=500, env=env)
            self.assertEqual(proc.returncode, 0, proc.stderr)
            with open(out) as f:
                got = json.load(f)
            self.assertEqual(os.listdir(work_root), [])
            growth = subprocess.run([ARGS.bench, "--growth", out], stdout=subprocess.PIPE,
                                    text=True, timeout=60)
        self.assertEqual(got["sizes"], [120, 150])
        self.assertEqual(got["repeat"], 3)
        # Interleaved: 120, 150, 120, 150, 120, 150.
        self.assertEqual([r["sequence"] for r in got["runs"]["120"]], [0, 2, 4])
        self.assertEqual([r["sequence"] for r in got["runs"]["150"]], [1, 3, 5])
        self.assertEqual([r["people"] for r in got["results"]], [120, 150])
        for result in got["results"]:
            runs = got["runs"][str(result["people"])]
            self.assertEqual(result["repeat"], 3)
            wk = result["systems"]["whoknows"]
            for key in KEYS:
                values = sorted(r["systems"]["whoknows"][key] for r in runs)
                self.assertEqual(wk[key], values[1], key)  # the median of three
                self.assertEqual(result["spread"]["whoknows"][key], [values[0], values[2]], key)
            self.assertEqual(wk["check"], "reference")
        self.assertIn("growth", proc.stdout)
        self.assertEqual(growth.returncode, 0)
        self.assertIn("whoknows cold_start_s", growth.stdout)
        self.assertIn("runs from-to", growth.stdout)
        self.assertIn("whoknows communities_cpu_s", growth.stdout)
        self.assertIn("120", growth.stdout.splitlines()[1])
        self.assertIn("150", growth.stdout.splitlines()[1])

    def test_sizes_refuses_people_and_a_repeat_below_one(self):
        for extra, message in ((["--people", "100"], "--people and --sizes exclude each other"),
                               (["--repeat", "0"], "--repeat must be at least 1")):
            proc = subprocess.run([ARGS.bench, "--no-build", "--build-dir", ARGS.build_dir,
                                   "--sizes", "100,200"] + extra,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  timeout=60)
            self.assertNotEqual(proc.returncode, 0)
            self.assertIn(message, proc.stderr)

    def test_import_rounds_below_one_is_refused(self):
        proc = subprocess.run([ARGS.bench, "--no-build", "--build-dir", ARGS.build_dir,
                               "--import-rounds", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=60)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("--import-rounds must be at least 1", proc.stderr)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--bench", required=True)
    parser.add_argument("--build-dir", required=True)
    ARGS, rest = parser.parse_known_args()
    unittest.main(argv=[sys.argv[0]] + rest)
