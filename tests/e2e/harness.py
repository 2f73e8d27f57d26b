"""The e2e harness: the real `whoknows serve` on a free port with a fresh database, an HTTP client
that checks every response against schema/openapi.json, and a small JSON Schema validator.

Python standard library only.  Configured once by run_e2e.py (configure()).
"""

import http.client
import json
import os
import re
import select
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.parse

CONFIG = {"whoknows": None, "source_dir": None}
# (method, path template, status) of every response checked against the document.
SEEN = set()

START_TIMEOUT_S = 120  # generous: sanitizer builds start slowly
STOP_TIMEOUT_S = 60


def configure(whoknows, source_dir):
    CONFIG["whoknows"] = os.path.abspath(whoknows)
    CONFIG["source_dir"] = os.path.abspath(source_dir)


def source_path(*parts):
    return os.path.join(CONFIG["source_dir"], *parts)


_DOC = None


def openapi():
    global _DOC
    if _DOC is None:
        with open(source_path("schema", "openapi.json"), encoding="utf-8") as f:
            _DOC = json.load(f)
    return _DOC


# ---------------------------------------------------------------------------------------------
# JSON Schema (the subset schema/openapi.json uses; an unknown keyword is an error, so the
# validator never silently passes what it does not understand).

ANNOTATIONS = {"description", "examples", "default", "title", "$schema", "$id", "$comment",
               "deprecated", "readOnly", "writeOnly"}
KEYWORDS = {"type", "properties", "required", "additionalProperties", "items", "enum", "const",
            "$ref", "oneOf", "anyOf", "allOf", "minimum", "maximum", "exclusiveMinimum",
            "exclusiveMaximum", "minLength", "maxLength", "pattern", "minItems", "maxItems",
            "uniqueItems", "$defs"}


class SchemaError(AssertionError):
    pass


def _type_ok(value, name):
    if name == "null":
        return value is None
    if name == "boolean":
        return isinstance(value, bool)
    if name == "integer":
        return (isinstance(value, int) and not isinstance(value, bool)) or (
            isinstance(value, float) and value.is_integer())
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if name == "string":
        return isinstance(value, str)
    if name == "array":
        return isinstance(value, list)
    if name == "object":
        return isinstance(value, dict)
    raise SchemaError("unknown type %r in schema" % name)


def resolve_ref(doc, ref):
    if not ref.startswith("#/"):
        raise SchemaError("only local $refs are supported: %r" % ref)
    node = doc
    for part in ref[2:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        if not isinstance(node, dict) or part not in node:
            raise SchemaError("unresolvable $ref %r" % ref)
        node = node[part]
    return node


def _json_equal(a, b):
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    return type(a) is type(b) and json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def validate(value, schema, doc, path="$"):
    """Raises SchemaError naming the JSON path of the first mismatch."""
    if schema is True or schema == {}:
        return
    if schema is False:
        raise SchemaError("%s: no value is allowed here" % path)
    unknown = set(schema) - KEYWORDS - ANNOTATIONS
    if unknown:
        raise SchemaError("%s: validator does not support %s" % (path, sorted(unknown)))
    if "$ref" in schema:
        validate(value, resolve_ref(doc, schema["$ref"]), doc, path)
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_type_ok(value, t) for t in types):
            raise SchemaError("%s: %r is not of type %s" % (path, value, types))
    if "enum" in schema and not any(_json_equal(value, e) for e in schema["enum"]):
        raise SchemaError("%s: %r is not one of %r" % (path, value, schema["enum"]))
    if "const" in schema and not _json_equal(value, schema["const"]):
        raise SchemaError("%s: %r is not %r" % (path, value, schema["const"]))
    for sub in schema.get("allOf", []):
        validate(value, sub, doc, path)
    if "anyOf" in schema:
        _validate_any(value, schema["anyOf"], doc, path)
    if "oneOf" in schema:
        _validate_one(value, schema["oneOf"], doc, path)
    _validate_number(value, schema, path)
    _validate_string(value, schema, path)
    _validate_array(value, schema, doc, path)
    _validate_object(value, schema, doc, path)


def _validate_any(value, options, doc, path):
    errors = []
    for sub in options:
        try:
            validate(value, sub, doc, path)
            return
        except SchemaError as e:
            errors.append(str(e))
    raise SchemaError("%s: matches none of anyOf: %s" % (path, errors))


def _validate_one(value, options, doc, path):
    matched, errors = 0, []
    for sub in options:
        try:
            validate(value, sub, doc, path)
            matched += 1
        except SchemaError as e:
            errors.append(str(e))
    if matched != 1:
        raise SchemaError("%s: matches %d of oneOf (exactly 1 needed): %s" % (path, matched, errors))


def _validate_number(value, schema, path):
    if not _type_ok(value, "number"):
        return
    if "minimum" in schema and value < schema["minimum"]:
        raise SchemaError("%s: %r < minimum %r" % (path, value, schema["minimum"]))
    if "maximum" in schema and value > schema["maximum"]:
        raise SchemaError("%s: %r > maximum %r" % (path, value, schema["maximum"]))
    if "exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"]:
        raise SchemaError("%s: %r <= exclusiveMinimum %r" % (path, value, schema["exclusiveMinimum"]))
    if "exclusiveMaximum" in schema and value >= schema["exclusiveMaximum"]:
        raise SchemaError("%s: %r >= exclusiveMaximum %r" % (path, value, schema["exclusiveMaximum"]))


def _validate_string(value, schema, path):
    if not isinstance(value, str):
        return
    if "minLength" in schema and len(value) < schema["minLength"]:
        raise SchemaError("%s: %r is shorter than %d" % (path, value, schema["minLength"]))
    if "maxLength" in schema and len(value) > schema["maxLength"]:
        raise SchemaError("%s: %r is longer than %d" % (path, value, schema["maxLength"]))
    if "pattern" in schema and not re.search(schema["pattern"], value):
        raise SchemaError("%s: %r does not match %r" % (path, value, schema["pattern"]))


def _validate_array(value, schema, doc, path):
    if not isinstance(value, list):
        return
    if "minItems" in schema and len(value) < schema["minItems"]:
        raise SchemaError("%s: fewer than %d items" % (path, schema["minItems"]))
    if "maxItems" in schema and len(value) > schema["maxItems"]:
        raise SchemaError("%s: more than %d items" % (path, schema["maxItems"]))
    if schema.get("uniqueItems"):
        seen = [json.dumps(v, sort_keys=True) for v in value]
        if len(seen) != len(set(seen)):
            raise SchemaError("%s: items are not unique" % path)
    if "items" in schema:
        for i, item in enumerate(value):
            validate(item, schema["items"], doc, "%s[%d]" % (path, i))


def _validate_object(value, schema, doc, path):
    if not isinstance(value, dict):
        return
    for name in schema.get("required", []):
        if name not in value:
            raise SchemaError("%s: required property %r is missing" % (path, name))
    props = schema.get("properties", {})
    for name, sub in props.items():
        if name in value:
            validate(value[name], sub, doc, "%s.%s" % (path, name))
    extra = schema.get("additionalProperties", True)
    for name in value:
        if name in props:
            continue
        if extra is False:
            raise SchemaError("%s: property %r is not allowed" % (path, name))
        if isinstance(extra, dict):
            validate(value[name], extra, doc, "%s.%s" % (path, name))


# ---------------------------------------------------------------------------------------------
# Matching a request to the document.

def _template_matches(template, path):
    t, p = template.split("/"), path.split("/")
    if len(t) != len(p):
        return False
    for a, b in zip(t, p):
        if a.startswith("{") and a.endswith("}"):
            if not b:
                return False
        elif a != b:
            return False
    return True


def find_template(path):
    """The documented path template for a concrete path: the one with most literal segments."""
    best, best_literals = None, -1
    for template in openapi()["paths"]:
        if _template_matches(template, path):
            literals = sum(1 for s in template.split("/") if not s.startswith("{"))
            if literals > best_literals:
                best, best_literals = template, literals
    return best


def response_schema(method, path, status):
    """(template, schema or None for no body).  Raises SchemaError when the document does not
    list this response."""
    doc = openapi()
    error_schema = {"$ref": "#/components/schemas/Error"}
    template = find_template(path)
    if template is None:
        if status != 404:
            raise SchemaError("%s %s: undocumented path answered %d" % (method, path, status))
        return None, error_schema
    operation = doc["paths"][template].get(method.lower())
    if operation is None:
        if status != 405:
            raise SchemaError("%s %s: undocumented method answered %d" % (method, template, status))
        return template, error_schema
    responses = operation["responses"]
    if str(status) not in responses:
        raise SchemaError("%s %s: status %d is not documented (documented: %s)"
                          % (method, template, status, sorted(responses)))
    response = responses[str(status)]
    if "$ref" in response:
        response = resolve_ref(doc, response["$ref"])
    content = response.get("content")
    if not content:
        return template, None
    if "application/json" not in content and "text/plain" in content:
        return template, TEXT
    if "application/json" not in content:
        raise SchemaError("%s %s %d: no application/json response documented" % (method, template, status))
    return template, content["application/json"]["schema"]


# The "schema" of a documented text/plain response (GET /metrics): checked by Content-Type only.
TEXT = object()


# ---------------------------------------------------------------------------------------------
# HTTP.

class Response:
    def __init__(self, status, headers, raw):
        self.status = status
        self.headers = headers
        self.raw = raw
        text = headers.get("content-type", "").startswith("text/")  # /metrics, the web page
        self.json = json.loads(raw.decode("utf-8")) if raw and not text else None

    @property
    def code(self):
        """The error code of an error response."""
        return self.json["error"]["code"]

    def __repr__(self):
        return "<%d %s>" % (self.status, self.raw[:300])


class Client:
    """`token`: sent as Authorization: Bearer TOKEN.  `tls`: an ssl.SSLContext for HTTPS."""

    def __init__(self, port, token=None, tls=None):
        self.port = port
        self.token = token
        self.tls = tls

    def with_token(self, token):
        """The same server, another key (None: no Authorization header)."""
        return Client(self.port, token, self.tls)

    def request(self, method, path, body=None, params=None, headers=None, check=True,
                chunked=False):
        """Sends one request on a fresh connection.  `body`: bytes, str, or an object sent as
        JSON.  With `check`, the response must match schema/openapi.json."""
        url = path
        if params:
            url += "?" + urllib.parse.urlencode(params, doseq=True)
        headers = dict(headers or {})
        if self.token is not None:
            headers.setdefault("Authorization", "Bearer " + self.token)
        if body is not None and not isinstance(body, (bytes, str)):
            body = json.dumps(body)
            headers.setdefault("Content-Type", "application/json")
        if isinstance(body, str):
            body = body.encode("utf-8")
        if self.tls is not None:
            conn = http.client.HTTPSConnection("127.0.0.1", self.port, timeout=120,
                                               context=self.tls)
        else:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            if chunked:
                conn.request(method, url, body=iter([body[i:i + 65536] for i in range(0, len(body), 65536)]),
                             headers=headers, encode_chunked=True)
            else:
                conn.request(method, url, body=body, headers=headers)
            r = conn.getresponse()
            raw = r.read()
            response = Response(r.status, {k.lower(): v for k, v in r.getheaders()}, raw)
        finally:
            conn.close()
        if check:
            check_response(method, urllib.parse.unquote(path), response)
            if 200 <= response.status < 300 and headers.get("Content-Type") == "application/json":
                check_request_body(method, urllib.parse.unquote(path), json.loads(body))
        return response

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def put(self, path, body, **kw):
        return self.request("PUT", path, body=body, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)

    def post(self, path, body, **kw):
        return self.request("POST", path, body=body, **kw)

    def import_ndjson(self, records, **kw):
        text = "".join(json.dumps(r) + "\n" for r in records)
        return self.post("/v1/import", text, headers={"Content-Type": "application/x-ndjson"}, **kw)


def check_request_body(method, path, body):
    """A body the server accepted must match the documented request body."""
    operation = openapi()["paths"][find_template(path)][method.lower()]
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    try:
        validate(body, schema, openapi())
    except SchemaError as e:
        raise SchemaError("%s %s: an accepted body does not match the documented request body: %s"
                          % (method, path, e)) from None


def check_response(method, path, response):
    if method == "HEAD":  # answered as GET, without the body
        template, _ = response_schema("GET", path, response.status)
        SEEN.add((method, template, response.status))
        if response.raw:
            raise SchemaError("HEAD %s: a body %r" % (path, response.raw[:200]))
        return
    template, schema = response_schema(method, path, response.status)
    SEEN.add((method, template, response.status))
    if schema is TEXT:
        ctype = response.headers.get("content-type", "")
        if not ctype.startswith("text/plain"):
            raise SchemaError("%s %s %d: Content-Type %r" % (method, path, response.status, ctype))
        return
    if schema is None:
        if response.raw:
            raise SchemaError("%s %s %d: the document lists no body but got %r"
                              % (method, path, response.status, response.raw[:200]))
        return
    ctype = response.headers.get("content-type", "")
    if not ctype.startswith("application/json"):
        raise SchemaError("%s %s %d: Content-Type %r" % (method, path, response.status, ctype))
    if response.json is None:
        raise SchemaError("%s %s %d: empty body" % (method, path, response.status))
    try:
        validate(response.json, schema, openapi())
    except SchemaError as e:
        raise SchemaError("%s %s %d does not match schema/openapi.json: %s"
                          % (method, path, response.status, e)) from None


# ---------------------------------------------------------------------------------------------
# The server.

class Server:
    """`whoknows serve` on a free port.  Start with start(); stop() checks it exits cleanly."""

    def __init__(self, db_dir, extra_args=(), as_of="2025-01-01", tls=None):
        self.db_dir = db_dir
        self.tls = tls  # an ssl.SSLContext when the server serves HTTPS
        self.extra_args = list(extra_args)
        self.as_of = as_of
        self.proc = None
        self.port = None
        self.client = None
        self._log = None

    def start(self):
        args = [CONFIG["whoknows"], "serve", "--db", self.db_dir, "--port", "0"]
        if self.as_of:
            args += ["--as-of", self.as_of]
        args += self.extra_args
        self._log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=self._log)
        line = self._read_line(START_TIMEOUT_S)
        m = re.fullmatch(r"listening on (https?)://(\S+):(\d+)\n", line)
        if not m:
            self.kill()
            raise AssertionError("unexpected first line %r; stderr: %s" % (line, self.stderr()))
        self.port = int(m.group(3))
        self.client = Client(self.port, tls=self.tls)
        return self.client

    def _read_line(self, timeout):
        deadline = time.monotonic() + timeout
        data = b""
        fd = self.proc.stdout.fileno()
        while not data.endswith(b"\n"):
            left = deadline - time.monotonic()
            if left <= 0:
                self.kill()
                raise AssertionError("server did not report ready; stderr: %s" % self.stderr())
            ready, _, _ = select.select([fd], [], [], left)
            if ready:
                chunk = os.read(fd, 1)
                if not chunk:
                    self.proc.wait()
                    raise AssertionError("server exited with %s before it was ready; stderr: %s"
                                         % (self.proc.returncode, self.stderr()))
                data += chunk
        return data.decode("utf-8", "replace")

    def stderr(self):
        if self._log is None:
            return ""
        self._log.seek(0)
        return self._log.read().decode("utf-8", "replace")

    def stop(self, sig=signal.SIGTERM):
        """Stops the server with `sig` and returns its exit code."""
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            code = self.proc.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.kill()
            raise AssertionError("server did not stop on %s; stderr: %s" % (sig, self.stderr()))
        self.proc.stdout.close()
        self.proc = None
        return code

    def kill(self):
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.wait()
            self.proc.stdout.close()
            self.proc = None


class TempDir:
    def __init__(self):
        self.path = tempfile.mkdtemp(prefix="whoknows-e2e-")

    def db(self, name="db"):
        return os.path.join(self.path, name)

    def remove(self):
        shutil.rmtree(self.path, ignore_errors=True)
