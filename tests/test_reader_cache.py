"""Readers who are not logged in get kept renderings (wiki/caching.py), and never a stale one.

Each test first proves the cache is really serving (a change made behind the app's back, in raw SQL that
bumps nothing, stays unseen), then that every change made through the app reaches the reader at once.
"""

import pytest
from sqlalchemy import text

from tests.conftest import PASSWORD, csrf_token, post_form, save_page
from wiki.auth.models import Role
from wiki.extensions import db

PAGE_VIEWS = ["/wiki/it-manager", "/wiki/it-manager/history", "/wiki/it-manager/diff?from=1&to=2",
              "/wiki/it-manager/revisions/1"]  # fmt: skip


def as_user(app, username: str):
    client = app.test_client()
    response = client.post(
        "/auth/login", data={"username": username, "password": PASSWORD, "csrf_token": csrf_token(client)}
    )
    assert response.status_code == 303
    return client


def seen(reader, url: str) -> str:
    response = reader.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def rewrite_behind_the_apps_back(app, old: str, new: str) -> None:
    """Change every stored rendering without telling the app: only a fresh rendering would show it."""
    with app.app_context():
        db.session.execute(text("UPDATE revisions SET html = REPLACE(html, :old, :new)"), {"old": old, "new": new})
        db.session.commit()


@pytest.fixture
def page(make_page):
    return make_page("IT manager", "Runs the IT department.\n", "Runs the IT department and its budget.\n")


def test_readers_get_kept_renderings_until_the_page_changes(app, client, page, make_user):
    for url in PAGE_VIEWS:
        seen(client, url)
    rewrite_behind_the_apps_back(app, "department", "SNEAKY")
    for url in PAGE_VIEWS:
        assert "SNEAKY" not in seen(client, url), url  # served from memory
    make_user("alice")
    assert (
        save_page(as_user(app, "alice"), page, "Runs the IT department, its budget and its people.\n").status_code
        == 303
    )
    assert "its people" in seen(client, "/wiki/it-manager")
    assert "SNEAKY" in seen(client, "/wiki/it-manager/revisions/1")  # rendered afresh after the change
    assert "3 revisions" in seen(client, "/wiki/it-manager/history")
    # Responses from memory carry the same headers as fresh ones, and start no session.
    response = client.get("/wiki/it-manager")
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert "Set-Cookie" not in response.headers


def test_members_and_messages_are_never_served_from_the_cache(app, client, page, make_user):
    make_user("alice")
    member = as_user(app, "alice")
    seen(client, "/wiki/it-manager")  # kept for readers
    html = seen(member, "/wiki/it-manager")
    assert "Post comment" in html and 'name="csrf_token"' in html
    assert 'name="csrf_token"' not in seen(client, "/wiki/it-manager")
    # A message waiting in a reader's session is shown once, and never kept for the other readers.
    member.post("/auth/logout", data={"csrf_token": csrf_token(member, "/wiki/it-manager")})
    assert "Logged out." in seen(member, "/")
    member.post("/auth/logout", data={"csrf_token": csrf_token(member, "/auth/login")})
    assert "Logged out." in seen(member, "/wiki/it-manager")
    assert "Logged out." not in seen(client, "/wiki/it-manager")
    assert "Logged out." not in seen(app.test_client(), "/wiki/it-manager")


def test_every_kind_of_change_reaches_readers_at_once(app, client, page, make_user):
    for name in ("alice", "bob", "a", "b", "c"):
        make_user(name)
    make_user("mod", role=Role.MODERATOR)
    alice, bob, mod = as_user(app, "alice"), as_user(app, "bob"), as_user(app, "mod")

    def check(url: str, present: str = "", absent: str = "") -> None:
        html = seen(client, url)
        assert present in html, (url, present)
        assert not absent or absent not in html, (url, absent)

    check("/wiki/it-manager")
    response = post_form(alice, "/wiki/it-manager/definitions", {"body": "The person who owns the IT budget."})
    assert response.status_code == 303
    definition = int(response.headers["Location"].rsplit("/", 1)[1])
    definition_url = f"/definitions/{definition}"
    check("/wiki/it-manager", "owns the IT budget", "1 endorsement")
    check(definition_url, "0 endorsements")

    assert post_form(bob, f"{definition_url}/stance", {"stance": "endorse", "reason": ""}).status_code == 303
    check("/wiki/it-manager", "1 endorsement")
    check(definition_url, "1 endorsement")

    response = post_form(bob, f"{definition_url}/comments", {"body": "Budget is only half of it."})
    assert response.status_code == 303
    check(definition_url, "Budget is only half of it.")
    reply = int(response.headers["Location"].rsplit("-", 1)[1])
    assert post_form(bob, f"/comments/{reply}/delete", {}).status_code == 303
    check(definition_url, absent="Budget is only half of it.")

    response = post_form(bob, "/wiki/it-manager/comments", {"body": "Nasty words."})
    comment = int(response.headers["Location"].rsplit("-", 1)[1])
    check("/wiki/it-manager", "Nasty words.")
    for name in ("a", "b", "c"):
        assert post_form(as_user(app, name), f"/comments/{comment}/flag", {"reason": "abusive"}).status_code == 303
    check("/wiki/it-manager", "hidden while moderators review it", "Nasty words.")

    edit_html = alice.get(f"{definition_url}/edit").get_data(as_text=True)
    base = edit_html.split('name="base_revision"')[1].split('value="')[1].split('"')[0]
    response = post_form(
        alice, f"{definition_url}/edit", {"body": "The person who owns the IT budget and staff.", "base_revision": base}
    )
    assert response.status_code == 303
    check(definition_url, "budget and staff")
    check(f"{definition_url}/history", "2 revisions")

    assert post_form(alice, f"{definition_url}/withdraw", {}).status_code == 303
    check("/wiki/it-manager", "Withdrawn")

    assert post_form(mod, "/wiki/it-manager/lock", {"reason": "edit war"}).status_code == 303
    check("/wiki/it-manager", "Only moderators can edit this page")
    check("/wiki/it-manager/history", "Only moderators can edit this page")

    with app.app_context():
        first = db.session.execute(text("SELECT id FROM revisions ORDER BY id LIMIT 1")).scalar_one()
    check("/wiki/it-manager/revisions/1", "Runs the IT department.")
    assert post_form(mod, f"/moderation/revisions/{first}/hide", {"reason": "libel"}).status_code == 303
    hidden = client.get("/wiki/it-manager/revisions/1")
    assert hidden.status_code == 403 and "Runs the IT department." not in hidden.get_data(as_text=True)
    check("/wiki/it-manager/history", "text hidden")


def test_a_change_through_another_app_server_reaches_readers_at_once(app, make_app, make_page, make_user):
    other_server = make_app()  # another process's memory, the same database
    make_page("IT manager", "First words.\n")
    make_user("alice")
    reader = other_server.test_client()
    assert "First words." in seen(reader, "/wiki/it-manager")
    assert save_page(as_user(app, "alice"), "it-manager", "Second words.\n").status_code == 303
    assert "Second words." in seen(reader, "/wiki/it-manager")


def test_the_cache_can_be_turned_off(app, make_app, make_page):
    uncached = make_app(READER_CACHE_SECONDS=0)
    make_page("IT manager", "Runs the IT department.\n")
    reader = uncached.test_client()
    assert "department" in seen(reader, "/wiki/it-manager")
    rewrite_behind_the_apps_back(uncached, "department", "SNEAKY")
    assert "SNEAKY" in seen(reader, "/wiki/it-manager")
