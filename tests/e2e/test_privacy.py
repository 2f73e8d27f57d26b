"""Privacy, endpoint by endpoint: a person with the strongest evidence of all opts out and then
appears in no answer of any endpoint, not by id and not by name.

The same requests are made before the opt-out, and there the person shows up in every answer
that can show a person: so a leak after it would be seen."""

import json

import harness
from e2e_base import ServerTestCase

HIDDEN_ID = "zq-hidden"
HIDDEN_NAME = "Quinn Hidden"


def world():
    """Topics physics > quantum, optics related to quantum.  Quinn wrote most about quantum, with
    amy on one document and ben on another (so amy and ben meet only through Quinn), leads the
    quantum project, declares the skill at 5 and is endorsed; Quinn also endorses amy, manages
    amy and reviewed cat's document; dan wants to learn quantum (the best mentor: Quinn)."""
    people = [
        {"type": "person", "id": HIDDEN_ID, "name": HIDDEN_NAME, "department": "Lab",
         "email": "quinn@example.com", "skills": [{"topic": "quantum", "level": 5}]},
        {"type": "person", "id": "amy", "name": "Amy Able", "department": "Lab",
         "manager": HIDDEN_ID},
        {"type": "person", "id": "ben", "name": "Ben Baker", "department": "Optics"},
        {"type": "person", "id": "cat", "name": "Cat Cole", "department": "Lab"},
        {"type": "person", "id": "dan", "name": "Dan Dunn", "department": "Lab",
         "interests": ["quantum"]},
    ]
    docs = [{"type": "document", "id": "qd%d" % i, "title": "Quantum notes %d" % i,
             "created": "2024-0%d-01" % (i + 1), "authors": [HIDDEN_ID], "topics": ["quantum"]}
            for i in range(6)]
    docs += [
        {"type": "document", "id": "qa", "title": "Entanglement primer", "created": "2024-05-01",
         "authors": ["amy", HIDDEN_ID], "topics": ["quantum"]},
        {"type": "document", "id": "qb", "title": "Lasers for qubits", "created": "2024-05-01",
         "authors": ["ben", HIDDEN_ID], "topics": ["optics", "quantum"]},
        {"type": "document", "id": "oc", "title": "Lens design", "created": "2023-01-01",
         "authors": ["cat"], "contributors": [{"person": HIDDEN_ID, "role": "reviewer"}],
         "topics": ["optics"]},
    ]
    return [
        {"type": "topic", "id": "physics", "name": "Physics"},
        {"type": "topic", "id": "quantum", "name": "Quantum computing", "broader": ["physics"],
         "related": ["optics"]},
        {"type": "topic", "id": "optics", "name": "Optics", "broader": ["physics"]},
        {"type": "project", "id": "qproj", "name": "Qubit lab", "start": "2024-01-01",
         "topics": ["quantum"], "members": [{"person": HIDDEN_ID, "role": "lead"},
                                            {"person": "amy"}]},
        {"type": "project", "id": "oproj", "name": "Optics bench", "start": "2024-01-01",
         "topics": ["optics", "quantum"], "members": [{"person": "cat"}]},
        {"type": "endorsement", "from": "amy", "to": HIDDEN_ID, "topic": "quantum"},
        {"type": "endorsement", "from": "ben", "to": HIDDEN_ID, "topic": "quantum"},
        {"type": "endorsement", "from": HIDDEN_ID, "to": "amy", "topic": "quantum"},
    ] + people + docs


# (method, path, params or body, shows the person before the opt-out).  Every endpoint that
# answers about people, and the rest for good measure.
REQUESTS = [
    ("GET", "/v1/experts", {"topic": "quantum", "explain": "true"}, True),
    ("GET", "/v1/experts", {"topic": "physics"}, True),
    ("GET", "/v1/experts", {"topic": "optics", "explain": "true"}, True),
    ("GET", "/v1/topics/search", {"q": "quan"}, False),
    ("GET", "/v1/people/amy/expertise", {"explain": "true"}, True),
    ("GET", "/v1/people/amy/similar", {}, True),
    ("GET", "/v1/people/amy/path/ben", {}, True),
    ("GET", "/v1/communities", {}, True),
    ("GET", "/v1/communities", {"topic": "quantum"}, True),
    ("GET", "/v1/topics/quantum/related", {}, False),
    ("GET", "/v1/coverage", {}, True),
    ("GET", "/v1/coverage", {"topics": "quantum,optics", "department": "Lab"}, True),
    ("GET", "/v1/coverage/gaps", {"min_score": "0.01"}, True),
    ("POST", "/v1/teams", {"topics": ["quantum", "optics"], "alternatives": 3}, True),
    ("POST", "/v1/teams", {"topics": ["quantum"], "leader": "amy"}, True),
    ("GET", "/v1/stats", {}, False),
    ("GET", "/v1/people", {}, True),
    ("GET", "/v1/people", {"department": "Lab"}, True),
    ("GET", "/v1/people/amy", {}, True),
    ("GET", "/v1/documents", {}, True),
    ("GET", "/v1/documents/qa", {}, True),
    ("GET", "/v1/documents/oc", {}, True),
    ("GET", "/v1/projects/qproj", {}, True),
    ("GET", "/v1/projects", {}, True),
    ("GET", "/v1/topics", {}, False),
]


class PrivacyTest(ServerTestCase):
    LOAD_COMPANY = False

    def ask(self, method, path, arg):
        if method == "POST":
            return self.api.post(path, arg)
        return self.api.get(path, params=arg)

    def test_an_opted_out_person_appears_in_no_answer(self):
        self.assertEqual(self.api.import_ndjson(world()).status, 200)
        top = self.expert_ids("quantum")
        self.assertEqual(top[0], HIDDEN_ID, "the person must have the strongest evidence")
        for method, path, arg, shows in REQUESTS:
            r = self.ask(method, path, arg)
            with self.subTest(phase="before", method=method, path=path, arg=arg):
                self.assertEqual(r.status, 200, r)
                if shows:
                    self.assertIn(HIDDEN_ID, r.raw.decode(), "the control must show the person")

        person = self.api.get("/v1/people/" + HIDDEN_ID).json
        r = self.api.put("/v1/people/" + HIDDEN_ID, dict(person, opted_out=True))
        self.assertEqual(r.status, 200, r)

        for method, path, arg, _ in REQUESTS:
            r = self.ask(method, path, arg)
            with self.subTest(phase="after", method=method, path=path, arg=arg):
                text = r.raw.decode()
                self.assertNotIn(HIDDEN_ID, text)
                self.assertNotIn(HIDDEN_NAME, text)
                self.assertNotIn("Quinn", text)
                self.assertNotIn("quinn@", text)
                if path.endswith("/path/ben"):
                    # amy and ben meet only through the hidden person
                    self.assertError(r, 404, "no_path")
                else:
                    self.assertEqual(r.status, 200, r)
        for path in ["/v1/people/" + HIDDEN_ID, "/v1/people/%s/expertise" % HIDDEN_ID,
                     "/v1/people/%s/similar" % HIDDEN_ID, "/v1/people/amy/path/" + HIDDEN_ID]:
            self.assertError(self.api.get(path), 404, "not_found")
        r = self.api.post("/v1/teams", {"topics": ["quantum"], "leader": HIDDEN_ID})
        self.assertError(r, 404, "not_found")
        # Without keys everyone may write, but private fields need an admin key.
        self.assertNotIn("email", self.api.get("/v1/people/amy").json)
