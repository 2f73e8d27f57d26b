"""PostgreSQL 15 (Debian's `postgresql`) as a peer of whoknows in scripts/bench.

A private cluster in its own folder (owned by the postgres user, mode 0700), on its own port,
listening on 127.0.0.1 and on a socket inside the folder; the server programs refuse to run as
root, so every command runs through `runuser -u postgres`.  The data goes in with
`COPY ... FROM STDIN` (the postgres user may not be able to read our files), keys and indexes
after the load, then VACUUM ANALYZE.  Queries run in one psql session with \\timing: the time is
psql's, from sending a query to its last row (a Unix socket round trip included).

The fair question is asked in two SQL forms (PEERS.md): the taxonomy levels as a UNION ALL of
three joins (a prepared statement, default plan caching), and a recursive CTE under
plan_cache_mode=force_custom_plan (a generic plan of it scans whole tables).  Both must agree
with whoknows before either is timed; the faster is reported.
"""
import os
import re
import shutil
import subprocess
import time

BIN = "/usr/lib/postgresql/15/bin"
TABLES = """
CREATE TABLE person(id text, name text, department text, title text, location text,
                    manager text, opted_out boolean);
CREATE TABLE topic(id text, name text);
CREATE TABLE broader(topic text, broader text);
CREATE TABLE document(id text, title text, created date);
CREATE TABLE authored(document text, person text);
CREATE TABLE about(document text, topic text, weight real);
"""
LOADED = ["person", "topic", "broader", "document", "authored", "about"]
# The author count is derived once, at load time, into doc (one row per document).
AFTER_LOAD = """
ALTER TABLE person ADD PRIMARY KEY (id);
ALTER TABLE topic ADD PRIMARY KEY (id);
CREATE TABLE doc AS SELECT d.id, d.created, count(a.person)::int AS n_authors
  FROM document d JOIN authored a ON a.document = d.id GROUP BY d.id, d.created;
ALTER TABLE doc ADD PRIMARY KEY (id);
CREATE INDEX broader_by_broader ON broader (broader, topic);
CREATE INDEX authored_by_document ON authored (document, person);
CREATE INDEX about_by_topic ON about (topic, document);
VACUUM ANALYZE;
"""

# Shared by both forms: `sub` (topic, depth) is T's subtree, each topic at its shortest depth.
SCORE = """
docs AS (SELECT ab.document, max(power(0.5::float8, s.depth)) AS w
         FROM about ab JOIN sub s ON ab.topic = s.topic GROUP BY ab.document)
SELECT au.person, sum(docs.w / d.n_authors
                      * power(0.5::float8, (DATE '{as_of}' - d.created) / 730.0::float8)) AS score
FROM docs JOIN doc d ON d.id = docs.document
JOIN authored au ON au.document = docs.document
JOIN person p ON p.id = au.person
WHERE NOT p.opted_out
GROUP BY au.person ORDER BY score DESC, au.person LIMIT {limit}"""
LEVELS = """PREPARE q(text) AS
WITH t1 AS (SELECT topic FROM broader WHERE broader = $1),
t2 AS (SELECT b.topic FROM broader b JOIN t1 ON b.broader = t1.topic),
t3 AS (SELECT b.topic FROM broader b JOIN t2 ON b.broader = t2.topic),
sub AS (SELECT topic, min(depth) AS depth FROM (
          SELECT $1::text AS topic, 0 AS depth UNION ALL SELECT topic, 1 FROM t1
          UNION ALL SELECT topic, 2 FROM t2 UNION ALL SELECT topic, 3 FROM t3) x
        GROUP BY topic),
""" + SCORE + ";\n"
RECURSIVE = """SET plan_cache_mode = force_custom_plan;
PREPARE q(text) AS
WITH RECURSIVE walk(topic, depth) AS (
  SELECT $1::text, 0
  UNION ALL SELECT b.topic, w.depth + 1 FROM broader b JOIN walk w ON b.broader = w.topic
  WHERE w.depth < 3),
sub AS (SELECT topic, min(depth) AS depth FROM walk GROUP BY topic),
""" + SCORE + ";\n"
FORMS = {"union_all_levels": LEVELS, "recursive_custom_plan": RECURSIVE}


def _quote(text):
    return "'" + text.replace("'", "''") + "'"


class Postgres:
    """A private cluster under `root`; call stop() on every exit (scripts/bench does, in finally)."""

    def __init__(self, root, port):
        self.dir = os.path.join(root, "pg")
        self.port = port
        self.running = False

    def _as_postgres(self, args, **kw):
        return subprocess.run(["runuser", "-u", "postgres", "--"] + args, check=True, **kw)

    def _psql_args(self, extra=()):
        return ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", self.dir, "-p", str(self.port),
                "-d", "bench", "-A", "-t", "-F", ","] + list(extra)

    def psql(self, sql, stdin=None):
        """Runs one statement; returns its rows as psql prints them unaligned."""
        return self._as_postgres(self._psql_args(["-c", sql]), stdin=stdin, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True).stdout

    def start(self):
        # A cluster that an earlier run left in this folder (scripts/bench --sizes measures each
        # size again in the same one) is stopped by now: start from an empty one.
        shutil.rmtree(self.dir, ignore_errors=True)
        os.makedirs(self.dir, mode=0o700)
        shutil.chown(self.dir, "postgres", "postgres")
        os.chmod(os.path.dirname(self.dir), 0o755)
        self._as_postgres([BIN + "/initdb", "-D", self.dir, "--locale=C", "-E", "UTF8", "-A", "trust"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self._pg_ctl_start()
        self._as_postgres(["psql", "-X", "-q", "-h", self.dir, "-p", str(self.port), "-d", "postgres",
                           "-c", "CREATE DATABASE bench"])

    def _pg_ctl_start(self):
        opts = ("-c listen_addresses=127.0.0.1 -p {} -k {} -c shared_buffers=1GB -c work_mem=64MB "
                "-c fsync=on").format(self.port, self.dir)
        self._as_postgres([BIN + "/pg_ctl", "-D", self.dir, "-o", opts, "-l",
                           os.path.join(self.dir, "log"), "-w", "start"], stdout=subprocess.DEVNULL)
        self.running = True

    def stop(self):
        if self.running:
            self.running = False
            subprocess.run(["runuser", "-u", "postgres", "--", BIN + "/pg_ctl", "-D", self.dir,
                            "-m", "fast", "-w", "stop"], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)

    def drop(self):
        """Drops what load made, so that the next load starts from an empty database."""
        self.psql("DROP TABLE IF EXISTS doc, " + ", ".join(LOADED))

    def load(self, csv_dir):
        """Loads the question's tables; returns records (rows loaded), load_s, db_bytes."""
        self.psql(TABLES)
        start = time.monotonic()
        records = 0
        for table in LOADED:
            with open(os.path.join(csv_dir, table + ".csv"), "rb") as f:
                self.psql("COPY {} FROM STDIN WITH (FORMAT csv, HEADER true)".format(table), stdin=f)
        for statement in AFTER_LOAD.strip().split(";\n"):
            self.psql(statement)
        load_s = time.monotonic() - start
        for table in LOADED:
            records += int(self.psql("SELECT count(*) FROM " + table).strip())
        size = int(self.psql("SELECT pg_database_size('bench')").strip())
        return {"records": records, "load_s": load_s, "import_records_per_s": records / load_s,
                "db_bytes": size}

    def cold_start(self):
        """Seconds from starting the stopped server to its first answer."""
        self.stop()
        start = time.monotonic()
        self._pg_ctl_start()
        self.psql("SELECT 1")
        return time.monotonic() - start

    def _session(self, form, topics, as_of, limit, timed):
        script = FORMS[form].format(as_of=as_of, limit=limit)
        if timed:
            script += "\\timing on\n"
        script += "".join("EXECUTE q({});\n".format(_quote(t)) for t in topics)
        # Rows go to stdout; with -o /dev/null only \timing's lines do.
        extra = ["-o", "/dev/null"] if timed else []
        return self._as_postgres(self._psql_args(extra), input=script, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True).stdout

    def check(self, form, topics, as_of, limit):
        """{topic: [[person, score], ...]}: each EXECUTE's rows, in order (an empty answer is
        no rows, so topics are asked one session each)."""
        out = {}
        for t in topics:
            rows = self._session(form, [t], as_of, limit, timed=False).split("\n")
            out[t] = [[r.split(",")[0], float(r.split(",")[1])] for r in rows if r.strip()]
        return out

    def time(self, form, topics, as_of, limit, rounds):
        """Latencies in ms, `rounds` x topics, after one warm-up round."""
        text = self._session(form, topics * (rounds + 1), as_of, limit, timed=True)
        ms = [float(m) for m in re.findall(r"^Time: ([0-9.]+) ms", text, re.M)]
        return ms[len(topics):]
