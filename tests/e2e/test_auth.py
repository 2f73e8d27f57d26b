"""Access control and operations: API keys and roles on every endpoint, private fields, the
request and audit logs, request ids, metrics, probes, loopback without keys, and TLS."""

import json
import os
import re
import shutil
import ssl
import subprocess
import unittest

import company
import e2e_base
import harness

ROLES = ["reader", "editor", "admin"]
RANK = {"none": 0, "reader": 1, "editor": 2, "admin": 3}


def keys_cli(*args):
    return subprocess.run([harness.CONFIG["whoknows"], "keys"] + list(args),
                          capture_output=True, text=True, timeout=60)


def add_key(keys_file, name, role):
    r = keys_cli("add", name, role, "--keys", keys_file)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert len(lines) == 1 and re.fullmatch(r"wk_[A-Za-z0-9_-]{43}", lines[0]), r.stdout
    return lines[0]


def operations():
    """(method, template, required role) of every documented operation."""
    for template, item in harness.openapi()["paths"].items():
        for method, op in item.items():
            if method != "parameters":
                yield method.upper(), template, op["x-required-role"]


def example_request(method, template, n, scratch):
    """A request to the operation that succeeds for a caller allowed to make it; `n` makes ids
    unique per attempt, `scratch` is a directory for backups.  Returns (path, kwargs for
    Client.request)."""
    person = {"name": "Walker %d" % n}
    bodies = {
        "people": person,
        "topics": {"name": "Walk topic %d" % n},
        "documents": {"title": "Walk doc", "created": "2024-01-01", "authors": ["alice"]},
        "projects": {"name": "Walk project", "members": [{"person": "alice"}]},
    }
    m = re.fullmatch(r"/v1/(people|topics|documents|projects)/\{id\}", template)
    if m and method == "PUT":
        return "/v1/%s/walk-%d" % (m.group(1), n), {"body": bodies[m.group(1)]}
    if m and method == "DELETE":
        return "/v1/%s/walk-del-%s" % (m.group(1), m.group(1)), {}
    if m:
        ids = {"people": "alice", "topics": "k8s", "documents": "d1", "projects": "p1"}
        return "/v1/%s/%s" % (m.group(1), ids[m.group(1)]), {}
    fixed = {
        ("POST", "/v1/import"): ("/v1/import", {
            "body": json.dumps({"type": "topic", "id": "walk-import-%d" % n, "name": "W"}) + "\n",
            "headers": {"Content-Type": "application/x-ndjson"}}),
        ("GET", "/v1/experts"): ("/v1/experts", {"params": {"topic": "k8s"}}),
        ("GET", "/v1/topics/search"): ("/v1/topics/search", {"params": {"q": "ku"}}),
        ("GET", "/v1/people/{id}/expertise"): ("/v1/people/alice/expertise", {}),
        ("GET", "/v1/topics/{id}/related"): ("/v1/topics/k8s/related", {}),
        ("GET", "/v1/people/{id}/similar"): ("/v1/people/alice/similar", {}),
        ("GET", "/v1/people/{a}/path/{b}"): ("/v1/people/alice/path/bob", {}),
        ("POST", "/v1/teams"): ("/v1/teams", {"body": {"topics": ["k8s"]}}),
        ("GET", "/v1/coverage"): ("/v1/coverage", {"params": {"topics": "k8s"}}),
        ("POST", "/v1/admin/backup"): ("/v1/admin/backup", {
            "body": {"to": os.path.join(scratch, "backup-%d" % n)}}),
    }
    if (method, template) in fixed:
        return fixed[(method, template)]
    assert "{" not in template, "no example request for %s %s: add one" % (method, template)
    return template, {}


class KeyedServer(e2e_base.ServerTestCase):
    """A server with --keys, --log and --audit, the company loaded, a key per role and a revoked
    one (its own setUpClass; the shared tearDownClass stops it and removes the folder)."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = harness.TempDir()
        cls.keys_file = os.path.join(cls.tmp.path, "keys.json")
        cls.log_file = os.path.join(cls.tmp.path, "requests.log")
        cls.audit_file = os.path.join(cls.tmp.path, "audit.log")
        cls.tokens = {role: add_key(cls.keys_file, "the-" + role, role) for role in ROLES}
        cls.tokens["revoked"] = add_key(cls.keys_file, "gone", "admin")
        assert keys_cli("revoke", "gone", "--keys", cls.keys_file).returncode == 0
        cls.server = harness.Server(cls.tmp.db(), extra_args=[
            "--keys", cls.keys_file, "--log", cls.log_file, "--audit", cls.audit_file])
        try:
            cls.anonymous = cls.server.start()
            cls.as_role = {role: cls.anonymous.with_token(cls.tokens[role]) for role in cls.tokens}
            cls.as_role["none"] = cls.anonymous
            r = cls.as_role["editor"].import_ndjson(company.ALL)
            assert r.status == 200, r
            for collection, body in [
                    ("people", {"name": "To delete"}), ("topics", {"name": "To delete"}),
                    ("documents", {"title": "D", "created": "2024-01-01", "authors": ["alice"]}),
                    ("projects", {"name": "P", "members": [{"person": "alice"}]})]:
                r = cls.as_role["editor"].put("/v1/%s/walk-del-%s" % (collection, collection), body)
                assert r.status == 201, r
        except BaseException:
            cls.server.kill()
            cls.tmp.remove()
            raise

    def assertError(self, response, status, code):
        self.assertEqual(response.status, status, response)
        self.assertEqual(response.code, code, response)

    def read_lines(self, path):
        with open(path, encoding="utf-8") as f:
            return [json.loads(line) for line in f]


class TestAccessControl(KeyedServer):
    def test_every_endpoint_with_every_role(self):
        n = 0
        walked = set()
        for method, template, required in operations():
            walked.add((method, template))
            # Weakest first, so that refused writes are seen to change nothing before the
            # allowed one succeeds.
            for who in ["none", "revoked", "garbage", "reader", "editor", "admin"]:
                n += 1
                path, kw = example_request(method, template, n, self.tmp.path)
                client = (self.anonymous.with_token("wk_" + "x" * 43) if who == "garbage"
                          else self.as_role[who])
                r = client.request(method, path, **kw)
                rank = RANK.get(who, 0)
                with self.subTest(method=method, path=path, who=who, required=required):
                    if rank >= RANK[required]:
                        self.assertLess(r.status, 300, r)
                    elif rank == 0:
                        self.assertError(r, 401, "unauthorized")
                        self.assertTrue(r.headers["www-authenticate"].startswith("Bearer"))
                        if who != "none":
                            self.assertIn('error="invalid_token"', r.headers["www-authenticate"])
                    else:
                        self.assertError(r, 403, "forbidden")
                        self.assertIn("the-" + who, r.json["error"]["message"])
        self.assertIn(("DELETE", "/v1/people/{id}"), walked)
        self.assertGreater(len(walked), 25)

    def test_the_web_page_and_probes_need_no_key(self):
        for path in ["/healthz", "/readyz", "/v1/openapi.json"]:
            self.assertEqual(self.anonymous.get(path).status, 200, path)
        r = self.anonymous.request("GET", "/", check=False)
        self.assertEqual(r.status, 200)

    def test_private_fields_only_for_admins(self):
        for role in ["reader", "editor"]:
            client = self.as_role[role]
            self.assertNotIn("email", client.get("/v1/people/alice").json)
            items = client.get("/v1/people", params={"limit": 100}).json["items"]
            self.assertFalse(any("email" in p for p in items))
            self.assertError(client.get("/v1/people/erin"), 404, "not_found")
        admin = self.as_role["admin"]
        self.assertEqual(admin.get("/v1/people/alice").json["email"], "alice@example.com")
        items = admin.get("/v1/people", params={"limit": 100}).json["items"]
        self.assertIn("alice@example.com", [p.get("email") for p in items])
        self.assertNotIn("erin", [p["id"] for p in items])  # lists never show opted-out people
        erin = admin.get("/v1/people/erin")
        self.assertEqual(erin.status, 200, erin)
        self.assertTrue(erin.json["opted_out"])
        r = self.as_role["editor"].put("/v1/people/eve", {"name": "Eve", "email": "eve@x.org"})
        self.assertNotIn("email", r.json)
        r = self.as_role["admin"].put("/v1/people/eve", {"name": "Eve", "email": "eve@x.org"})
        self.assertEqual(r.json["email"], "eve@x.org")

    def test_keys_take_effect_without_a_restart(self):
        token = add_key(self.keys_file, "late-reader", "reader")
        client = self.anonymous.with_token(token)
        self.assertEqual(client.get("/v1/stats").status, 200)
        self.assertEqual(keys_cli("revoke", "late-reader", "--keys", self.keys_file).returncode, 0)
        self.assertError(client.get("/v1/stats"), 401, "unauthorized")

    def test_keys_cli_lists_names_and_roles_but_no_secrets(self):
        r = keys_cli("list", "--keys", self.keys_file)
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = r.stdout.splitlines()
        self.assertEqual(lines[0], "name\trole\tcreated")
        names = {line.split("\t")[0]: line.split("\t")[1] for line in lines[1:]}
        self.assertEqual(names["the-admin"], "admin")
        self.assertNotIn("gone", names)
        for token in self.tokens.values():
            self.assertNotIn(token, r.stdout)
        self.assertEqual(os.stat(self.keys_file).st_mode & 0o777, 0o600)
        self.assertEqual(keys_cli("add", "x", "root", "--keys", self.keys_file).returncode, 2)
        self.assertNotEqual(keys_cli("add", "the-admin", "reader", "--keys",
                                     self.keys_file).returncode, 0)
        self.assertNotEqual(keys_cli("revoke", "nobody", "--keys", self.keys_file).returncode, 0)


class TestOperations(KeyedServer):
    def test_request_ids_are_echoed_and_logged(self):
        reader = self.as_role["reader"]
        r = reader.get("/v1/experts", params={"topic": "k8s"},
                       headers={"X-Request-Id": "trace-42.a:b"})
        self.assertEqual(r.headers["x-request-id"], "trace-42.a:b")
        r2 = reader.get("/v1/stats", headers={"X-Request-Id": "not sane\u00e9"})
        generated = r2.headers["x-request-id"]
        self.assertRegex(generated, r"^[0-9a-f]{16}$")
        lines = {line["request_id"]: line for line in self.read_lines(self.log_file)}
        line = lines["trace-42.a:b"]
        self.assertEqual(line["method"], "GET")
        self.assertEqual(line["route"], "/v1/experts")
        self.assertEqual(line["status"], 200)
        self.assertEqual(line["key"], "the-reader")
        self.assertGreaterEqual(line["duration_ms"], 0)
        self.assertRegex(line["time"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
        self.assertEqual(lines[generated]["route"], "/v1/stats")

    def test_audit_log_says_who_wrote_what(self):
        editor, admin = self.as_role["editor"], self.as_role["admin"]
        ids = {"X-Request-Id": "audit-put"}
        self.assertEqual(editor.put("/v1/topics/audited", {"name": "Audited"},
                                    headers=ids).status, 201)
        self.assertEqual(editor.delete("/v1/topics/audited",
                                       headers={"X-Request-Id": "audit-refused"}).status, 403)
        self.assertEqual(admin.delete("/v1/topics/audited",
                                      headers={"X-Request-Id": "audit-delete"}).status, 204)
        ndjson = "".join(json.dumps({"type": "topic", "id": "audited-%d" % i, "name": "A"}) + "\n"
                         for i in (2, 3))
        r = editor.post("/v1/import", ndjson, headers={"Content-Type": "application/x-ndjson",
                                                       "X-Request-Id": "audit-import"})
        self.assertEqual(r.status, 200)
        self.assertEqual(self.as_role["reader"].get(
            "/v1/experts", params={"topic": "k8s"}, headers={"X-Request-Id": "audit-read"}).status,
            200)
        lines = {line["request_id"]: line for line in self.read_lines(self.audit_file)}
        put = lines["audit-put"]
        self.assertEqual((put["key"], put["method"], put["path"], put["status"], put["result"]),
                         ("the-editor", "PUT", "/v1/topics/audited", 201, "ok"))
        refused = lines["audit-refused"]
        self.assertEqual((refused["key"], refused["status"], refused["result"]),
                         ("the-editor", 403, "forbidden"))
        deleted = lines["audit-delete"]
        self.assertEqual((deleted["key"], deleted["method"], deleted["status"]),
                         ("the-admin", "DELETE", 204))
        self.assertEqual(lines["audit-import"]["imported"]["topic"], 2)
        self.assertNotIn("audit-read", lines)  # reads are not audited

    def test_metrics_count_requests_and_report_the_graph_and_storage(self):
        reader = self.as_role["reader"]
        self.assertError(self.anonymous.get("/metrics"), 401, "unauthorized")
        before = parse_metrics(reader.get("/metrics").raw.decode())
        for _ in range(3):
            self.assertEqual(reader.get("/v1/experts", params={"topic": "k8s"}).status, 200)
        reader.get("/v1/experts", params={"topic": "nothing-like-it"})
        r = reader.get("/metrics")
        self.assertTrue(r.headers["content-type"].startswith("text/plain"))
        after = parse_metrics(r.raw.decode())
        ok = 'whoknows_http_requests_total{method="GET",route="/v1/experts",status="2xx"}'
        missing = 'whoknows_http_requests_total{method="GET",route="/v1/experts",status="4xx"}'
        self.assertEqual(after[ok] - before.get(ok, 0), 3)
        self.assertEqual(after[missing] - before.get(missing, 0), 1)
        count = ('whoknows_http_request_duration_seconds_count{method="GET",route="/v1/experts",'
                 'status="2xx"}')
        inf = ('whoknows_http_request_duration_seconds_bucket{method="GET",route="/v1/experts",'
               'status="2xx",le="+Inf"}')
        self.assertEqual(after[count], after[ok])
        self.assertEqual(after[inf], after[ok])
        stats = reader.get("/v1/stats").json
        for kind, n in stats["counts"].items():
            self.assertEqual(after['whoknows_graph_nodes{kind="%s"}' % kind], n, kind)
        self.assertEqual(after["whoknows_graph_edges"], stats["edges"])
        self.assertEqual(after["whoknows_ready"], 1)
        self.assertIn('whoknows_rocksdb_memtable_bytes{cf="nodes"}', after)
        self.assertGreater(after['whoknows_rocksdb_memtable_bytes{cf="nodes"}'], 0)
        self.assertIn('whoknows_rocksdb_sst_bytes{cf="out"}', after)
        self.assertIn("whoknows_rocksdb_block_cache_bytes", after)
        # The same question three times, no write between: at least the last two from the cache.
        hits = "whoknows_reply_cache_hits_total"
        self.assertGreaterEqual(after[hits] - before.get(hits, 0), 2)
        self.assertGreater(after["whoknows_reply_cache_bytes"], 0)

    def test_metrics_report_the_experts_cache(self):
        reader = self.as_role["reader"]
        before = parse_metrics(reader.get("/metrics").raw.decode())
        for limit in (7, 8, 9):  # three replies (the reply cache misses), one topic profile
            r = reader.get("/v1/experts", params={"topic": "k8s", "limit": str(limit)})
            self.assertEqual(r.status, 200)
        after = parse_metrics(reader.get("/metrics").raw.decode())
        hit = 'whoknows_experts_cache_total{event="hit"}'
        self.assertGreaterEqual(after[hit] - before.get(hit, 0), 2)
        self.assertGreater(after["whoknows_experts_cache_bytes"], 0)
        self.assertEqual(after["whoknows_experts_cache_max_bytes"], 256 << 20)


def parse_metrics(text):
    """{series: value} of a Prometheus text exposition; checks each metric has one TYPE."""
    values, types = {}, set()
    for line in text.splitlines():
        if line.startswith("# TYPE "):
            name = line.split()[2]
            assert name not in types, "two TYPE lines for " + name
            types.add(name)
        elif line and not line.startswith("#"):
            series, value = line.rsplit(" ", 1)
            values[series] = float(value)
    return values


class TestWithoutKeys(unittest.TestCase):
    def test_loopback_only_and_says_so(self):
        tmp = harness.TempDir()
        try:
            refused = subprocess.run(
                [harness.CONFIG["whoknows"], "serve", "--db", tmp.db(), "--bind", "0.0.0.0",
                 "--port", "0"], capture_output=True, text=True, timeout=60)
            self.assertNotEqual(refused.returncode, 0)
            self.assertIn("--keys", refused.stderr)
            self.assertFalse(os.path.exists(tmp.db()), "nothing opened before refusing")
            server = harness.Server(tmp.db())
            api = server.start()
            try:
                self.assertEqual(api.get("/v1/stats").status, 200)
                self.assertIn("loopback only", server.stderr())
            finally:
                self.assertEqual(server.stop(), 0)
        finally:
            tmp.remove()


class TestTls(unittest.TestCase):
    def test_https_with_a_self_signed_certificate(self):
        if shutil.which("openssl") is None:
            self.fail("openssl is not installed (scripts/test installs it)")
        tmp = harness.TempDir()
        cert, key = os.path.join(tmp.path, "cert.pem"), os.path.join(tmp.path, "key.pem")
        try:
            made = subprocess.run(
                ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                 "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                 "-keyout", key, "-out", cert], capture_output=True, text=True, timeout=120)
            self.assertEqual(made.returncode, 0, made.stderr)
            context = ssl.create_default_context(cafile=cert)
            server = harness.Server(tmp.db(), extra_args=["--tls-cert", cert, "--tls-key", key],
                                    tls=context)
            api = server.start()
            try:
                r = api.get("/readyz")
                self.assertEqual(r.status, 200)
                self.assertIn("x-request-id", r.headers)
                self.assertEqual(api.put("/v1/topics/tls", {"name": "TLS"}).status, 201)
                plain = harness.Client(server.port)
                with self.assertRaises(Exception):  # plain HTTP to the TLS port gets no answer
                    plain.get("/healthz", check=False)
            finally:
                self.assertEqual(server.stop(), 0)
            broken = subprocess.run(
                [harness.CONFIG["whoknows"], "serve", "--db", tmp.db(), "--port", "0",
                 "--tls-cert", key, "--tls-key", cert], capture_output=True, text=True,
                timeout=60)
            self.assertNotEqual(broken.returncode, 0)
            self.assertIn("TLS", broken.stderr)
        finally:
            tmp.remove()

    def assertError(self, response, status, code):
        self.assertEqual(response.status, status, response)
        self.assertEqual(response.code, code, response)

