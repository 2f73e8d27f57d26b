"""Runs the end-to-end tests against a built `whoknows` and checks that every operation of
schema/openapi.json was exercised with every success status it documents.

Usage: python3 run_e2e.py --whoknows PATH --source-dir DIR [unittest args, e.g. -k restart]
"""

import argparse
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import harness  # noqa: E402

MODULES = ["test_schema", "test_records", "test_queries", "test_bad_input", "test_restart",
           "test_cli", "test_coverage", "test_teams", "test_network", "test_backup", "test_limits",
           "test_auth", "test_privacy"]


def uncovered():
    """Documented (method, path, status) pairs with a 2xx status no test received."""
    missing = []
    for template, item in harness.openapi()["paths"].items():
        for method, op in item.items():
            if method == "parameters":
                continue
            for status in op["responses"]:
                if status.startswith("2") and (method.upper(), template, int(status)) not in harness.SEEN:
                    missing.append("%s %s %s" % (method.upper(), template, status))
    return missing


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--whoknows", required=True)
    parser.add_argument("--source-dir", required=True)
    args, rest = parser.parse_known_args()
    harness.configure(args.whoknows, args.source_dir)

    loader = unittest.TestLoader()
    if "-k" in rest:
        loader.testNamePatterns = [rest[rest.index("-k") + 1]]
    suite = unittest.TestSuite(loader.loadTestsFromName(m) for m in MODULES)
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    if not result.wasSuccessful():
        return 1
    if loader.testNamePatterns is None:
        missing = uncovered()
        if missing:
            print("documented operations no test exercised:\n  " + "\n  ".join(missing))
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
