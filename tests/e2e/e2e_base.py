"""A test case base with one fresh server and database per test class."""

import unittest

import company
import harness


class ServerTestCase(unittest.TestCase):
    """Starts `whoknows serve` on a fresh database for the class; loads the company when
    LOAD_COMPANY.  self.api is the checking client."""

    LOAD_COMPANY = True
    EXTRA_ARGS = ()

    @classmethod
    def setUpClass(cls):
        cls.tmp = harness.TempDir()
        cls.server = harness.Server(cls.tmp.db(), extra_args=cls.EXTRA_ARGS)
        try:
            cls.api = cls.server.start()
            if cls.LOAD_COMPANY:
                r = cls.api.import_ndjson(company.ALL)
                assert r.status == 200, r
        except BaseException:
            cls.server.kill()
            cls.tmp.remove()
            raise

    @classmethod
    def tearDownClass(cls):
        try:
            code = cls.server.stop()
            assert code == 0, "server exited with %s: %s" % (code, cls.server.stderr())
        finally:
            cls.server.kill()
            cls.tmp.remove()

    def restart(self):
        """Stops the server cleanly and starts it again on the same database."""
        code = self.server.stop()
        self.assertEqual(code, 0, self.server.stderr())
        type(self).api = self.server.start()
        self.api = type(self).api

    def experts(self, topic, **params):
        r = self.api.get("/v1/experts", params=dict(params, topic=topic))
        self.assertEqual(r.status, 200, r)
        return r.json

    def expert_ids(self, topic, **params):
        return [e["id"] for e in self.experts(topic, **params)["experts"]]

    def assertError(self, response, status, code):
        self.assertEqual(response.status, status, response)
        self.assertEqual(response.code, code, response)
        self.assertTrue(response.json["error"]["message"], response)
