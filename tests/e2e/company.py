"""A small hand-made company for the e2e tests.  Dates are chosen against --as-of 2025-01-01.

Who should come out on top, and why:
- k8s (alias "K8s", "kube"; narrower than infra): alice wrote two recent documents on it, has the
  skill at level 5 and three endorsements (one from erin, who opted out); bob reviewed one, wrote an
  old half-weight one and leads the migration project; carol is only a project member.
- erin opted out: she co-wrote d1 and d4 and must never appear, nor her name as an endorser.
- rust: dave (and erin) wrote d4; frank only declares the skill, so he ranks below dave.
"""

TOPICS = [
    {"type": "topic", "id": "infra", "name": "Infrastructure"},
    {"type": "topic", "id": "prog", "name": "Programming"},
    {"type": "topic", "id": "k8s", "name": "Kubernetes", "aliases": ["K8s", "kube"],
     "broader": ["infra"], "description": "Container orchestration."},
    {"type": "topic", "id": "rust", "name": "Rust", "aliases": ["rust-lang"], "broader": ["prog"]},
    {"type": "topic", "id": "ml", "name": "Machine learning", "aliases": ["ML"],
     "related": ["prog"]},
]

PEOPLE = [
    {"type": "person", "id": "carol", "name": "Carol Chen", "title": "Engineering Manager",
     "department": "Platform", "location": "Zurich"},
    {"type": "person", "id": "alice", "name": "Alice Archer", "title": "Staff Engineer",
     "department": "Platform", "location": "Zurich", "manager": "carol", "email": "alice@example.com",
     "skills": [{"topic": "k8s", "level": 5}], "interests": ["rust"]},
    {"type": "person", "id": "bob", "name": "Bob Brown", "title": "Engineer",
     "department": "Platform", "location": "Berlin", "manager": "carol"},
    {"type": "person", "id": "dave", "name": "Dave Diaz", "title": "Data Scientist",
     "department": "Data", "location": "Berlin", "skills": [{"topic": "ml", "level": 3}]},
    {"type": "person", "id": "erin", "name": "Erin Eriksen", "title": "Principal Engineer",
     "department": "Platform", "location": "Zurich", "opted_out": True},
    {"type": "person", "id": "frank", "name": "Frank Fischer", "department": "Data",
     "location": "Lisbon", "skills": [{"topic": "rust", "level": 2}]},
]

DOCUMENTS = [
    {"type": "document", "id": "d1", "title": "Running Kubernetes in production",
     "created": "2024-06-01", "authors": ["alice", "erin"], "topics": ["k8s"]},
    {"type": "document", "id": "d2", "title": "Kubernetes networking", "created": "2023-03-01",
     "authors": ["alice"], "contributors": [{"person": "bob", "role": "reviewer"}],
     "topics": ["k8s"], "url": "https://wiki.example.com/d2"},
    {"type": "document", "id": "d3", "title": "Helm charts", "created": "2016-01-01",
     "authors": ["bob"], "topics": [{"topic": "k8s", "weight": 0.5}]},
    {"type": "document", "id": "d4", "title": "Rust at scale", "created": "2024-01-01",
     "authors": ["dave", "erin"], "topics": ["rust"]},
    {"type": "document", "id": "d5", "title": "Feature stores", "created": "2022-01-01",
     "authors": ["dave"], "topics": ["ml"]},
]

PROJECTS = [
    {"type": "project", "id": "p1", "name": "Cluster migration", "start": "2023-01-01",
     "topics": ["k8s"], "members": [{"person": "bob", "role": "lead", "since": "2023-01-01"},
                                    {"person": "carol"}]},
]

ENDORSEMENTS = [
    {"type": "endorsement", "from": "erin", "to": "alice", "topic": "k8s"},
    {"type": "endorsement", "from": "carol", "to": "alice", "topic": "k8s"},
    {"type": "endorsement", "from": "bob", "to": "alice", "topic": "k8s"},
    {"type": "endorsement", "from": "alice", "to": "bob", "topic": "k8s"},
]

# Any order works within one import: documents before the people they name.
ALL = DOCUMENTS + PROJECTS + ENDORSEMENTS + PEOPLE + TOPICS

COUNTS = {"person": len(PEOPLE), "topic": len(TOPICS), "document": len(DOCUMENTS),
          "project": len(PROJECTS), "endorsement": len(ENDORSEMENTS)}

VISIBLE_PEOPLE = sorted(p["id"] for p in PEOPLE if not p.get("opted_out"))
OPTED_OUT = {"id": "erin", "name": "Erin Eriksen"}

COLLECTIONS = {"person": "people", "topic": "topics", "document": "documents",
               "project": "projects"}


def records_by_path():
    """{"/v1/people/alice": record, ...} for every record with its own resource."""
    out = {}
    for r in ALL:
        if r["type"] in COLLECTIONS:
            out["/v1/%s/%s" % (COLLECTIONS[r["type"]], r["id"])] = r
    return out


def _visible(ref):
    person = ref if isinstance(ref, str) else ref.get("person")
    return person != OPTED_OUT["id"]


def as_returned(record):
    """The record as GET returns it to a non-admin: private fields (email) and references to the
    person who opted out left out."""
    out = {k: v for k, v in record.items() if k != "email"}
    for field in ("authors", "contributors", "members"):
        if field in out:
            out[field] = [ref for ref in out[field] if _visible(ref)]
            if not out[field] and field != "authors":
                del out[field]
    if out.get("manager") == OPTED_OUT["id"]:
        del out["manager"]
    return out
