"""The seeded wiki: the required pages, real histories by several members, idempotent."""

from sqlalchemy import func, select

from wiki.auth.models import User
from wiki.extensions import db
from wiki.history.models import Revision
from wiki.pages.models import Page, find_page
from wiki.seed.content import MEMBERS

REQUIRED = [
    "infrastructure-architect",
    "it-manager",
    "infrastructure-manager",
    "solutions-architect",
    "career-tracks-in-infrastructure",
    "helpdesk-analyst",
    "system-engineer",
    "senior-engineer",
    "operations-manager",
    "engineering-manager",
]


def test_seed_fills_the_wiki_with_histories(app, client):
    result = app.test_cli_runner().invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        for slug in REQUIRED:
            page = find_page(slug)
            assert page is not None, slug
            revisions = db.session.scalars(select(Revision).where(Revision.document_id == page.document_id)).all()
            assert len(revisions) >= 3, slug
            assert len({revision.author_id for revision in revisions}) >= 2, slug
            assert [revision.number for revision in revisions] == list(range(1, len(revisions) + 1))
            times = [revision.created_at for revision in sorted(revisions, key=lambda r: r.number)]
            assert times == sorted(times)
        names = set(db.session.scalars(select(User.username)))
        assert {"Michael-Platt", "Warren-Brown", "Beth-Patton", "Anonymous"} <= names
        assert all(user.password_hash is None for user in db.session.scalars(select(User)))
    home = client.get("/").get_data(as_text=True)
    assert "Career tracks in infrastructure" in home
    assert client.get("/wiki/infrastructure-architect/diff?from=1&to=2").status_code == 200
    article = client.get("/wiki/career-tracks-in-infrastructure").get_data(as_text=True)
    assert "Warren Brown" in article and "Beth Patton" in article and "<table>" in article


def test_seed_is_idempotent(app):
    runner = app.test_cli_runner()
    runner.invoke(args=["seed"])
    with app.app_context():
        counts = (
            db.session.scalar(select(func.count()).select_from(Page)),
            db.session.scalar(select(func.count()).select_from(Revision)),
            db.session.scalar(select(func.count()).select_from(User)),
        )
    second = runner.invoke(args=["seed"])
    assert "Seeded 0 members, 0 pages, 0 definitions and 0 comments" in second.output
    assert "not seeding" in runner.invoke(args=["seed", "--if-empty"]).output
    with app.app_context():
        assert counts == (
            db.session.scalar(select(func.count()).select_from(Page)),
            db.session.scalar(select(func.count()).select_from(Revision)),
            db.session.scalar(select(func.count()).select_from(User)),
        )
        assert counts[2] == len(MEMBERS)


def test_the_seeded_debate_is_a_living_threaded_discussion(app, client):
    app.test_cli_runner().invoke(args=["seed"])
    thread = client.get("/api/v1/pages/career-tracks-in-infrastructure/comments").json["comments"]
    opening = thread[0]
    assert opening["author"] == "Michael-Platt" and "solution" in opening["body"].lower()
    answer = opening["replies"][0]
    assert answer["author"] == "Michael-Platt" and "two tracks" in answer["body"].lower()
    repliers = [reply["author"] for reply in answer["replies"]]
    assert {"Anonymous", "Warren-Brown", "Beth-Patton"} <= set(repliers)
    warren = next(reply for reply in answer["replies"] if reply["author"] == "Warren-Brown")
    assert warren["replies"][0]["author"] == "Michael-Platt"  # Platt's reply to Warren nests under Warren
    assert warren["edited"] is True

    definitions = client.get("/api/v1/pages/infrastructure-architect/definitions").json["definitions"]
    assert {"Michael-Platt", "Beth-Patton", "Warren-Brown"} <= {item["author"] for item in definitions}
    assert definitions[0]["leading"] and definitions[0]["endorsements"] > definitions[0]["disputes"]
    it_manager = client.get("/api/v1/pages/it-manager/definitions").json["definitions"]
    assert "Beth-Patton" in {item["author"] for item in it_manager}
    assert "withdrawn" in {item["status"] for item in it_manager}
    assert client.get("/api/v1/pages/infrastructure-manager/definitions").json["definitions"]
    assert client.get("/api/v1/pages/infrastructure-manager/comments").json["comments"]
    labelled = [
        node
        for item in definitions
        for node in client.get(f"/api/v1/definitions/{item['id']}/comments").json["comments"]
        if node["stance"]
    ]
    assert labelled, "stance reasons are posted as labelled comments"
    html = client.get("/wiki/infrastructure-architect").get_data(as_text=True)
    assert "Leading" in html and "Proposed definitions" in html
