"""The JSON read API: fields, order, pagination with "next", JSON errors."""

import json
import sys
from datetime import datetime

import pytest

from tests.conftest import save_page


def test_pages_list_is_paginated_with_next(client, make_page):
    for number in range(53):
        make_page(f"Role {number:02d}", f"Body {number}\n")
    first = client.get("/api/v1/pages")
    assert first.status_code == 200
    assert first.mimetype == "application/json"
    data = first.json
    assert len(data["pages"]) == 50
    assert set(data["pages"][0]) >= {"slug", "title", "revision", "updated_at"}
    assert data["pages"][0]["slug"] == "role-52"  # most recently changed first
    assert data["next"].endswith("/api/v1/pages?page=2")
    second = client.get(data["next"]).json
    assert [page["slug"] for page in second["pages"]] == ["role-02", "role-01", "role-00"]
    assert second["next"] is None


def test_page_detail(client, make_page, member):
    make_page("IT manager", "first\n")
    save_page(client, "it-manager", "**second**\n", summary="bold")
    data = client.get("/api/v1/pages/it-manager").json
    assert data["slug"] == "it-manager"
    assert data["title"] == "IT manager"
    assert data["revision"] == 2
    assert data["body"] == "**second**\n"
    assert data["html"] == "<p><strong>second</strong></p>\n"
    assert data["author"] == "alice"
    assert datetime.fromisoformat(data["updated_at"]).tzinfo is not None
    assert data["updated_at"].endswith("Z")


def test_revisions_newest_first_and_one_revision(client, make_page):
    make_page("IT manager", "one\n", "one two\n", "three\n")
    data = client.get("/api/v1/pages/it-manager/revisions").json
    assert [revision["number"] for revision in data["revisions"]] == [3, 2, 1]
    assert data["revisions"][0] == {
        "number": 3,
        "author": "writer",
        "summary": "seeded by test",
        "hidden": False,
        "created_at": data["revisions"][0]["created_at"],
        "size": 6,
    }
    assert data["next"] is None
    old = client.get("/api/v1/pages/it-manager/revisions/2").json
    assert (old["revision"], old["body"], old["html"], old["author"]) == (2, "one two\n", "<p>one two</p>\n", "writer")


def test_revisions_paginate(client, make_page):
    make_page("IT manager", *[f"v{n}\n" for n in range(1, 61)])
    data = client.get("/api/v1/pages/it-manager/revisions").json
    assert len(data["revisions"]) == 50
    assert data["next"].endswith("/api/v1/pages/it-manager/revisions?page=2")
    rest = client.get(data["next"]).json
    assert [revision["number"] for revision in rest["revisions"]] == list(range(10, 0, -1))


@pytest.mark.parametrize(
    "url, status",
    [
        ("/api/v1/pages/missing", 404),
        ("/api/v1/pages/missing/revisions", 404),
        ("/api/v1/pages/it-manager/revisions/9", 404),
        ("/api/v1/pages?page=0", 400),
        ("/api/v1/pages?page=abc", 400),
        ("/api/v1/nothing-here", 404),
    ],
)
def test_errors_are_json(client, make_page, url, status):
    make_page("IT manager")
    response = client.get(url)
    assert response.status_code == status
    assert response.mimetype == "application/json"
    assert response.json["error"]["status"] == status
    assert response.json["error"]["message"]


def test_api_refuses_writes(client, make_page):
    make_page("IT manager")
    response = client.post("/api/v1/pages/it-manager")
    assert response.status_code == 405
    assert response.json["error"]["status"] == 405


def test_a_thousand_deep_chain_of_replies_reads_through_every_api_route(
    app, client, make_page, make_user, make_definition
):
    """Trees are written by walking them: recursion stopped near 490 nested replies (RecursionError, a 500)."""
    from wiki.auth.models import User
    from wiki.definitions.models import Definition
    from wiki.discussion.service import post_comment
    from wiki.extensions import db
    from wiki.pages.models import find_page

    slug = make_page("IT manager")
    author = make_user("alice")
    definition_id = make_definition(slug, author.id, "A definition.")
    chains = {}
    with app.app_context():
        user = db.session.get(User, author.id)
        for owner in (find_page(slug), db.session.get(Definition, definition_id)):
            parent, ids = None, []
            for depth in range(1000):
                parent = post_comment(owner, f"Reply at depth {depth}.", user, parent)
                db.session.flush()
                ids.append(parent.id)
            chains[type(owner).__name__] = ids
        db.session.commit()

    def read(url: str):
        """Decode with room to spare: Python's own JSON decoder recurses once per level too."""
        response = client.get(url)
        assert response.status_code == 200, url
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(10_000)
        try:
            return json.loads(response.get_data(as_text=True))
        finally:
            sys.setrecursionlimit(limit)

    def depth_of(tree: dict) -> int:
        depth = 1
        while tree["replies"]:
            tree, depth = tree["replies"][0], depth + 1
        return depth

    page_chain, definition_chain = chains["Page"], chains["Definition"]
    for url, top in [(f"/api/v1/pages/{slug}/comments", None), (f"/api/v1/definitions/{definition_id}/comments", None),
                     (f"/api/v1/comments/{page_chain[0]}", page_chain[0]),
                     (f"/api/v1/comments/{definition_chain[0]}", definition_chain[0])]:  # fmt: skip
        data = read(url)
        assert depth_of(data if top else data["comments"][0]) == 1000, url
    deepest = read(f"/api/v1/comments/{page_chain[-1]}")
    assert deepest["body"] == "Reply at depth 999." and deepest["replies"] == []
    middle = read(f"/api/v1/comments/{page_chain[500]}")
    assert middle["parent_id"] == page_chain[499] and depth_of(middle) == 500
    # The HTML views of the same chain stand too.
    assert client.get(f"/wiki/{slug}").status_code == 200
    assert client.get(f"/comments/{page_chain[-1]}").status_code == 200
