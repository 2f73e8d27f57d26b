"""Hostile input: configured limits (body, import lines and records, parameter lengths),
timeouts that cut off stalled clients, malformed bodies at every endpoint that takes one, and a
graceful stop on SIGTERM that lets the request in flight finish."""

import json
import signal
import socket
import time

import company
from e2e_base import ServerTestCase

MAX_RECORDS = len(company.ALL)  # the company loads in one import, at the limit

# Every endpoint that takes a JSON body.
JSON_ENDPOINTS = [("PUT", "/v1/people/zed"), ("PUT", "/v1/topics/zed"), ("PUT", "/v1/documents/zed"),
                  ("PUT", "/v1/projects/zed"), ("POST", "/v1/teams"), ("POST", "/v1/admin/backup")]

MALFORMED_BODIES = [
    b'{"name": "\xff\xfe"}',            # invalid UTF-8
    b'{"name": "\xc0\xaf"}',            # an overlong encoding of '/'
    b'{"name": "a\x00b"}',              # a raw NUL inside a string
    b'{"name": "Zed"}\x00',             # a NUL after the document
    b'\x00',
    b'{"name": "Zed",}',
    b"{'name': 'Zed'}",
    b'{"name": NaN}',
    b'{"name": "Zed"',
]

# Valid JSON with values no endpoint accepts.
BAD_VALUES = [
    {"name": 1e308},
    {"name": 123456789012345678901234567890},
    {"name": ["Zed"]},
    {"name": {"first": "Zed"}},
    {"name": None},
    {"name": True},
]


def raw_connection(port):
    sock = socket.create_connection(("127.0.0.1", port), timeout=60)
    return sock


def read_all(sock):
    """Everything the server sends until it closes the connection."""
    data = b""
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return data
        data += chunk


class LimitsTest(ServerTestCase):
    EXTRA_ARGS = ("--max-body", "1", "--max-import-records", str(MAX_RECORDS), "--max-line-kib", "2",
                  "--read-timeout", "1", "--threads", "4")

    def state(self):
        out = {"stats": self.api.get("/v1/stats").json["counts"],
               "experts": self.experts("k8s", explain="true")}
        for path in ["/v1/people/alice", "/v1/documents/d1", "/v1/people/zed", "/v1/topics/zed",
                     "/v1/documents/zed", "/v1/projects/zed"]:
            r = self.api.get(path)
            out[path] = (r.status, r.json)
        return out

    def setUp(self):
        self.before = self.state()

    def tearDown(self):
        self.assertEqual(self.state(), self.before, "a rejected request changed the database")

    def post_import(self, text):
        return self.api.post("/v1/import", text, headers={"Content-Type": "application/x-ndjson"})

    def test_import_record_count_and_line_length_limits(self):
        lines = [json.dumps({"type": "topic", "id": "zed%d" % i, "name": "Z"})
                 for i in range(MAX_RECORDS + 1)]
        r = self.post_import("\n".join(lines) + "\n")
        self.assertError(r, 413, "too_many_records")
        self.assertEqual(r.json["error"]["line"], MAX_RECORDS + 1)
        long_line = json.dumps({"type": "topic", "id": "zed", "name": "x" * 3000})
        r = self.post_import(lines[0] + "\n" + long_line + "\n")
        self.assertError(r, 413, "line_too_long")
        self.assertEqual(r.json["error"]["line"], 2)
        # at the limits: accepted (then removed again)
        r = self.post_import("\n".join(lines[:MAX_RECORDS]) + "\n")
        self.assertEqual(r.status, 200, r)
        for i in range(MAX_RECORDS):
            self.assertEqual(self.api.delete("/v1/topics/zed%d" % i).status, 204)

    def test_max_body_applies_to_every_body(self):
        big = "x" * (3 << 19)  # 1.5 MiB: over --max-body 1
        for method, path in JSON_ENDPOINTS:
            r = self.api.request(method, path, body={"name": big})
            self.assertError(r, 413, "body_too_large")
        r = self.post_import(json.dumps({"type": "topic", "id": "zed", "name": big}) + "\n")
        self.assertError(r, 413, "body_too_large")

    def test_long_parameters_and_uris(self):
        for path, params, name in [("/v1/experts", {"topic": "k" * 1025}, "topic"),
                                   ("/v1/topics/search", {"q": "k" * 2000}, "q"),
                                   ("/v1/coverage", {"topics": ",".join(["k8s"] * 300)}, "topics"),
                                   ("/v1/people", {"cursor": "c" * 1025}, "cursor")]:
            r = self.api.get(path, params=params)
            self.assertError(r, 400, "invalid_parameter")
            self.assertEqual(r.json["error"]["parameter"], name)
        # Before any route: documented once, in the document's description.
        r = self.api.get("/v1/experts", params={"topic": "k" * 9000}, check=False)
        self.assertError(r, 414, "uri_too_long")

    def test_malformed_json_bodies_at_every_endpoint(self):
        for method, path in JSON_ENDPOINTS:
            for body in MALFORMED_BODIES:
                r = self.api.request(method, path, body=body, headers={"Content-Type": "application/json"})
                self.assertError(r, 400, "malformed_json")
            for body in BAD_VALUES:
                r = self.api.request(method, path, body=body)
                self.assertIn(r.status, (400, 422), (method, path, body, r))
            for body in [b'{"name": 1e400}', b'{"name": -1e400}', b'{"name": "Zed", "level": 1e999}',
                         b'{"topics": ["k8s"], "max_size": 1e400}', b'{"to": 18446744073709551617}']:
                r = self.api.request(method, path, body=body, headers={"Content-Type": "application/json"})
                self.assertIn(r.status, (400, 422), (method, path, body, r))

    def test_malformed_ndjson_lines(self):
        for line in MALFORMED_BODIES:
            r = self.api.post("/v1/import", b'{"type": "topic", "id": "zed", "name": "Z"}\n' + line + b"\n",
                              headers={"Content-Type": "application/x-ndjson"})
            self.assertIn(r.status, (400, 422), (line, r))
            self.assertEqual(r.json["error"]["line"], 2, (line, r))

    def test_ids_that_try_to_leave_their_collection(self):
        for path in ["/v1/people/..%2F..%2Fetc%2Fpasswd", "/v1/people/%2E%2E/alice", "/v1/people/../topics/k8s",
                     "/v1/people/alice%00.json"]:
            r = self.api.put(path, {"name": "X"})
            self.assertIn(r.status, (400, 404), (path, r))
            r = self.api.get(path)
            self.assertIn(r.status, (400, 404), (path, r))
        r = self.api.import_ndjson([{"type": "person", "id": "../../etc", "name": "X"}])
        self.assertError(r, 422, "invalid_id")

    def test_a_client_that_stalls_in_its_headers_is_cut_off(self):
        sock = raw_connection(self.server.port)
        try:
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            # --read-timeout 1: the server gives up on this client and closes the connection
            # (after a 400 at most).  The socket timeout (60 s) only keeps a broken server from
            # hanging the test.
            reply = read_all(sock)
            self.assertTrue(reply == b"" or reply.startswith(b"HTTP/1.1 400 "), reply)
        finally:
            sock.close()
        self.assertEqual(self.api.get("/healthz").status, 200)

    def test_a_client_that_stalls_in_its_body_is_cut_off_and_nothing_is_written(self):
        body = json.dumps({"name": "Zed"}).encode()
        sock = raw_connection(self.server.port)
        try:
            sock.sendall(b"PUT /v1/people/zed HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         b"Content-Length: %d\r\n\r\n" % len(body) + body[:5])
            reply = read_all(sock)
            self.assertNotIn(b" 201 ", reply)
        finally:
            sock.close()

    def test_many_stalled_clients_do_not_stop_the_server_for_long(self):
        socks = [raw_connection(self.server.port) for _ in range(6)]  # more than its 4 threads
        try:
            for s in socks:
                s.sendall(b"GET /healthz HTTP/1.1\r\n")
            self.assertEqual(self.api.get("/healthz").status, 200)
        finally:
            for s in socks:
                s.close()


class GracefulStopTest(ServerTestCase):
    LOAD_COMPANY = False

    def test_sigterm_lets_the_request_in_flight_finish(self):
        body = json.dumps({"name": "Last words"}).encode()
        sock = raw_connection(self.server.port)
        try:
            sock.sendall(b"PUT /v1/topics/last HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         b"Content-Length: %d\r\n\r\n" % len(body) + body[:10])
            time.sleep(1)  # the server is now reading this request's body
            self.server.proc.send_signal(signal.SIGTERM)
            time.sleep(0.5)
            sock.sendall(body[10:])
            reply = read_all(sock)
        finally:
            sock.close()
        self.assertTrue(reply.startswith(b"HTTP/1.1 201 "), reply)
        self.assertEqual(self.server.stop(), 0, self.server.stderr())
        self.assertIn("stopped", self.server.stderr())
        type(self).api = self.server.start()
        self.assertEqual(self.api.get("/v1/topics/last").json["name"], "Last words")
