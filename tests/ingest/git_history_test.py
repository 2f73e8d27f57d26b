#!/usr/bin/env python3
"""scripts/git-history on a tiny git repository made in a temp dir, imported by whoknows.

usage: git_history_test.py WHOKNOWS_BINARY GIT_HISTORY_SCRIPT
"""
import gzip
import json
import os
import subprocess
import sys
import tempfile


def git(repo, *args, env=None):
    subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True, env=env)


def commit(repo, name, email, message):
    env = dict(os.environ, GIT_AUTHOR_NAME=name, GIT_AUTHOR_EMAIL=email,
               GIT_COMMITTER_NAME="Ann A", GIT_COMMITTER_EMAIL="ann@example.org")
    git(repo, "add", "-A", env=env)
    git(repo, "commit", "-q", "-m", message, env=env)


def write(repo, path, text):
    os.makedirs(os.path.dirname(os.path.join(repo, path)), exist_ok=True)
    with open(os.path.join(repo, path), "w") as f:
        f.write(text)


def main(whoknows, extractor):
    with tempfile.TemporaryDirectory() as tmp:
        repo, out, db = (os.path.join(tmp, d) for d in ("repo", "out", "db"))
        os.makedirs(repo)
        git(repo, "init", "-q")
        write(repo, "net/ice/a.c", "1")
        commit(repo, "Ann A", "Ann@Example.org", "net/ice: first")
        write(repo, "net/ice/b.c", "2")
        write(repo, "doc/guide.md", "g")
        commit(repo, "Bob B", "bob@example.org",
               "doc: guide\n\nReviewed-by: Cy C <cy@example.org>\nSigned-off-by: Bob B <bob@example.org>")
        maintainers = os.path.join(tmp, "MAINTAINERS")
        with open(maintainers, "w") as f:
            f.write("Ice driver\nM: someone\nF: net/ice/\nX: net/ice/b.c\n\nGuides\nF: doc/*.md\n")
        subprocess.run([sys.executable, extractor, repo, out, "--topics", maintainers], check=True)
        with gzip.open(os.path.join(out, "commits.tsv.gz"), "rt") as f:
            text = f.read()
        assert "example.org" not in text.lower(), "e-mail leaked"
        people = open(os.path.join(out, "people.tsv")).read()
        assert "example.org" not in people.lower()
        assert "Cy C\t0" in people, people  # only in a trailer
        topics = open(os.path.join(out, "topics.tsv")).read().splitlines()
        assert len(topics) == 3 and "Ice driver\tnet/ice/\tnet/ice/b.c" in topics[1], topics
        subprocess.run([whoknows, "import-history", "--db", db, out], check=True,
                       capture_output=True)
        answer = json.loads(subprocess.run(
            [whoknows, "experts", "--db", db, "--topic", "Guides", "--json"],
            check=True, capture_output=True, text=True).stdout)
        names = [e["name"] for e in answer["experts"]]
        # Ann committed Bob's patch: a "committer" contributor, weighted below a review.
        assert names == ["Bob B", "Cy C", "Ann A"], names
        answer = json.loads(subprocess.run(
            [whoknows, "experts", "--db", db, "--topic", "Ice driver", "--json"],
            check=True, capture_output=True, text=True).stdout)
        names = [e["name"] for e in answer["experts"]]
        assert names == ["Ann A"], names  # b.c is excluded: Bob's commit is not about it
    print("ok")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
