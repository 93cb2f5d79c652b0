"""Renaming a page, on both databases: a new title and address, the whole page goes with it, the old address
answers 301 everywhere, an address in use is refused, and links, search and what links here follow."""

import pytest

from tests.conftest import as_user, csrf_from, post_form, save_page
from wiki.auth.models import Role


def rename(client, slug: str, title: str, reason: str = ""):
    token = csrf_from(client.get(f"/wiki/{slug}/rename").get_data(as_text=True))
    return client.post(f"/wiki/{slug}/rename", data={"csrf_token": token, "title": title, "reason": reason})


@pytest.fixture
def renamed(app, make_page, make_user, make_definition):
    """'IT manager' (two revisions, a definition, a comment) renamed to 'Head of IT' by alice."""
    make_page("IT manager", "Runs IT.\n", "Runs IT and its budget.\n")
    definition = make_definition("it-manager", make_user("bob").id, "The glue.")
    make_user("alice")
    alice = as_user(app, "alice")
    post_form(alice, "/wiki/it-manager/comments", {"body": "Budgets first."})
    response = rename(alice, "it-manager", "Head of IT", "the usual title")
    assert response.status_code == 303 and response.headers["Location"] == "/wiki/head-of-it"
    return {"client": alice, "definition": definition}


def test_the_page_moves_with_its_history_definitions_and_discussion(client, renamed):
    page = client.get("/wiki/head-of-it").get_data(as_text=True)
    assert "Head of IT" in page and "Runs IT and its budget." in page and "The glue." in page
    assert "Budgets first." in page
    assert client.get("/api/v1/pages/head-of-it").json["title"] == "Head of IT"
    assert client.get("/api/v1/pages/head-of-it/revisions").json["revisions"][0]["number"] == 2
    assert client.get(f"/api/v1/definitions/{renamed['definition']}").json["page"] == "head-of-it"
    recent = client.get("/api/v1/pages").json["pages"]
    assert [item["slug"] for item in recent] == ["head-of-it"]


@pytest.mark.parametrize(
    "old, new",
    [
        ("/wiki/it-manager", "/wiki/head-of-it"),
        ("/wiki/it-manager/edit", "/wiki/head-of-it/edit"),
        ("/wiki/it-manager/history", "/wiki/head-of-it/history"),
        ("/wiki/it-manager/history?page=1", "/wiki/head-of-it/history?page=1"),
        ("/wiki/it-manager/diff?from=1&to=2", "/wiki/head-of-it/diff?from=1&to=2"),
        ("/wiki/it-manager/revisions/1", "/wiki/head-of-it/revisions/1"),
        ("/wiki/it-manager/links", "/wiki/head-of-it/links"),
        ("/api/v1/pages/it-manager", "/api/v1/pages/head-of-it"),
        ("/api/v1/pages/it-manager/revisions", "/api/v1/pages/head-of-it/revisions"),
        ("/api/v1/pages/it-manager/comments", "/api/v1/pages/head-of-it/comments"),
    ],
)
def test_the_old_address_answers_301_everywhere(client, renamed, old, new):
    for who in (client, renamed["client"]):
        response = who.get(old)
        assert response.status_code == 301, old
        assert response.headers["Location"] == new
    assert renamed["client"].get(new).status_code == 200


@pytest.mark.parametrize(
    "old, new",
    [
        ("/api/v1/pages/it-manager", "/api/v1/pages/head-of-it"),
        ("/api/v1/pages/it-manager/revisions?page=1", "/api/v1/pages/head-of-it/revisions?page=1"),
        ("/api/v1/pages/it-manager/backlinks", "/api/v1/pages/head-of-it/backlinks"),
    ],
)
def test_the_apis_301_is_json_like_its_other_answers(client, renamed, old, new):
    """Before: the API's 301 carried Werkzeug's HTML "Redirecting..." page, the one answer under /api not JSON."""
    response = client.get(old)
    assert response.status_code == 301 and response.headers["Location"] == new
    assert response.mimetype == "application/json"
    assert response.json == {"error": {"status": 301, "message": f"This has moved to {new}."}}
    assert client.get("/wiki/it-manager").mimetype == "text/html"  # pages' redirects stay as they were


def test_an_address_in_use_is_refused_and_nothing_changes(app, client, make_page, make_user):
    make_page("IT manager", "Runs IT.\n")
    make_page("Head of IT", "Another page.\n")
    make_user("alice")
    alice = as_user(app, "alice")
    refused = rename(alice, "it-manager", "Head of  it")
    assert refused.status_code == 422
    html = refused.get_data(as_text=True)
    assert "already a page" in html and 'value="Head of  it"' in html
    for title, message in (("", "new title"), ("   ", "new title"), ("!!!", "letter or digit"), ("x" * 121, "limit"),
                           ("IT manager", "already")):  # fmt: skip
        response = rename(alice, "it-manager", title)
        assert response.status_code == 422 and message in response.get_data(as_text=True), title
    assert client.get("/wiki/it-manager").status_code == 200
    assert "Another page." in client.get("/wiki/head-of-it").get_data(as_text=True)


def test_who_may_rename(app, client, make_page, make_user):
    make_page("IT manager", "Runs IT.\n")
    make_user("alice")
    make_user("mod", role=Role.MODERATOR)
    anonymous = client.post("/wiki/it-manager/rename", data={"title": "X"})
    assert anonymous.status_code in (302, 303, 400)
    assert client.get("/wiki/it-manager/rename").status_code == 302
    assert post_form(as_user(app, "mod"), "/wiki/it-manager/lock", {"reason": "war"}).status_code == 303
    assert as_user(app, "alice").get("/wiki/it-manager/rename").status_code == 403
    assert rename(as_user(app, "mod"), "it-manager", "Head of IT").status_code == 303


def test_a_rename_can_be_undone_and_redirects_do_not_pile_up(app, client, make_page, make_user):
    make_page("IT manager", "Runs IT.\n")
    make_user("alice")
    alice = as_user(app, "alice")
    assert rename(alice, "it-manager", "Head of IT").status_code == 303
    assert rename(alice, "head-of-it", "IT Manager").status_code == 303  # back to its old address
    assert client.get("/wiki/it-manager").status_code == 200
    assert client.get("/wiki/head-of-it").headers["Location"] == "/wiki/it-manager"
    assert rename(alice, "it-manager", "Head of IT").status_code == 303
    assert client.get("/wiki/it-manager").headers["Location"] == "/wiki/head-of-it"
    assert client.get("/wiki/head-of-it").status_code == 200
    assert client.get("/api/v1/pages/head-of-it").json["title"] == "Head of IT"


def test_links_search_and_history_follow_a_rename(app, client, make_page, make_user):
    make_page("IT manager", "Runs IT.\n")
    make_page("Architect", "Works with the [[IT manager]].\n")
    make_user("alice")
    alice = as_user(app, "alice")
    client.get("/wiki/architect")  # kept for readers
    assert rename(alice, "it-manager", "Head of IT", "clearer").status_code == 303
    page = client.get("/wiki/architect").get_data(as_text=True)
    assert '<a href="/wiki/it-manager" class="wikilink">' in page  # an old address still leads there: not missing
    assert [link["url"] for link in client.get("/api/v1/pages/head-of-it/backlinks").json["links"]] == [
        "/wiki/architect"
    ]
    hits = client.get("/api/v1/search?q=head").json["results"]
    assert [(hit["url"], hit["title"]) for hit in hits] == [("/wiki/head-of-it", "Head of IT")]
    assert [hit["url"] for hit in client.get("/api/v1/search?q=manager").json["results"]] == ["/wiki/architect"]
    assert alice.get("/wiki/it-manager/edit").status_code == 301  # the editor moved too
    assert save_page(alice, "head-of-it", "Runs IT well.\n").status_code == 303


def test_another_pages_old_address_is_not_taken_over(app, client, make_page, make_user):
    make_page("Bee", "A page.\n")
    make_page("Sea", "Another.\n")
    make_page("Linker", "See [[Bee]].\n")
    make_user("alice")
    alice = as_user(app, "alice")
    assert rename(alice, "bee", "Bee two").status_code == 303
    refused = rename(alice, "sea", "Bee")
    assert refused.status_code == 422 and "was the address of a page" in refused.get_data(as_text=True)
    assert client.get("/wiki/bee").headers["Location"] == "/wiki/bee-two"
    assert [link["url"] for link in client.get("/api/v1/pages/bee-two/backlinks").json["links"]] == ["/wiki/linker"]
