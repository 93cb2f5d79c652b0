"""Members' profiles (/users/<name>, /api/v1/users/<name>), read from the record of changes, and /settings, where a
member says who they are; every author name on the site links to its profile."""

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import func, select, text

from tests.conftest import as_user, csrf_from, csrf_token, post_form, save_page, user_link
from tests.test_recent import count_queries, rows
from wiki.auth.models import Role
from wiki.changes import Change
from wiki.extensions import db

BLNS = (Path(__file__).resolve().parents[2] / "shared" / "data" / "blns.txt").read_text(encoding="utf-8")
BLNS_LINES = [line for line in BLNS.split("\n") if line and not line.startswith("#")]


def seen(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.get_data(as_text=True)


def posted_id(response) -> int:
    assert response.status_code == 303
    return int(response.headers["Location"].rsplit("-", 1)[1])


@pytest.fixture
def active(app, make_user, make_page):
    """alice: a page created and edited, a definition, two comments, a stance taken, moved, removed and taken
    again, and a flag (which is not a contribution); bob's definition to take stances on."""
    for name, role in (("alice", Role.MEMBER), ("bob", Role.MEMBER), ("mod", Role.MODERATOR)):
        make_user(name, role=role)
    make_page("IT manager", "Runs IT.\n", author="writer")
    alice, bob = as_user(app, "alice"), as_user(app, "bob")
    created = save_page(alice, "network-architect", "Designs networks.\n", title="Network architect", kind="term")
    assert created.status_code == 303
    assert save_page(alice, "network-architect", "Designs and runs networks.\n").status_code == 303
    assert post_form(alice, "/wiki/network-architect/definitions", {"body": "Draws the network."}).status_code == 303
    bobs = post_form(bob, "/wiki/it-manager/definitions", {"body": "The glue."})
    definition = int(bobs.headers["Location"].split("/definitions/")[1].split("?")[0].split("#")[0])
    comment = posted_id(post_form(alice, "/wiki/it-manager/comments", {"body": "A first comment."}))
    posted_id(post_form(alice, "/wiki/network-architect/comments", {"body": "A second comment."}))
    for stance in ("endorse", "dispute", "none", "endorse"):
        assert post_form(alice, f"/definitions/{definition}/stance", {"stance": stance}).status_code == 303
    bobs_comment = posted_id(post_form(bob, "/wiki/it-manager/comments", {"body": "Bob's comment."}))
    assert post_form(alice, f"/comments/{bobs_comment}/flag", {"reason": "rude"}).status_code == 303
    return {"alice": alice, "bob": bob, "mod": as_user(app, "mod"), "definition": definition, "comment": comment}


def test_a_profile_shows_when_they_joined_their_role_counts_and_contributions(app, client, active):
    html = seen(client, "/users/alice")
    assert re.search(r"<h1>alice\s*</h1>", html)
    assert re.search(r'Member since <time datetime="\d{4}-\d\d-\d\dT[^"]+Z" data-time="absolute">', html)
    counts = re.search(r'<p class="counts">(.*?)</p>', html, re.S).group(1)
    assert " ".join(re.sub(r"<[^>]+>", " ", counts).split()) == "2 page edits 1 definition 2 comments 1 stance"
    contributions = [number for number, _ in rows(html)]
    assert len(contributions) == 2 + 1 + 2 + 4  # every stance move is a contribution; the flag is not
    everything = [number for number, _ in rows(seen(as_user(app, "mod"), "/recent?user=alice"))]
    assert contributions == everything[1:]  # her newest change is the flag
    assert "rude" not in html and '<td class="who">' not in html  # whose they are goes without saying
    assert "<span class=\"badge\">moderator</span>" in seen(client, "/users/mod")
    canonical = client.get("/users/ALICE?page=2")  # names are matched without regard to case
    assert canonical.status_code == 301 and canonical.headers["Location"] == "/users/alice?page=2"
    assert client.get("/users/nobody").status_code == 404
    assert client.get("/api/v1/users/nobody").status_code == 404


def test_the_api_gives_the_same_profile(app, client, active):
    app.config["PUBLIC_URL"] = "https://wiki.example.org"
    data = client.get("/api/v1/users/alice").json
    assert set(data) == {"username", "role", "joined", "about", "about_html", "role_held", "counts", "contributions",
                         "next"}  # fmt: skip
    assert data["username"] == "alice" and data["role"] == "member" and data["next"] is None
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", data["joined"])
    assert data["counts"] == {"edits": 2, "definitions": 1, "comments": 2, "stances": 1}
    assert data["about"] == "" and data["role_held"] == ""
    assert [change["kind"] for change in data["contributions"]][:2] == ["stance.taken", "stance.removed"]
    assert {tuple(sorted(change)) for change in data["contributions"]} == {
        ("created_at", "id", "kind", "page", "summary", "title", "url", "user")
    }
    assert data["contributions"][-1]["url"] == "https://wiki.example.org/wiki/network-architect"
    assert client.get("/api/v1/users/alice?page=2").status_code == 404
    assert client.get("/api/v1/users/alice?page=x").status_code == 400


def test_contributions_come_fifty_a_page(app, client, make_user, make_page):
    make_page("IT manager", *(f"Version {number}.\n" for number in range(1, 52)), author="prolific")
    first = seen(client, "/users/prolific")
    assert len(rows(first)) == 50 and 'href="/users/prolific?page=2">Older →</a>' in first
    assert len(rows(seen(client, "/users/prolific?page=2"))) == 1
    assert client.get("/users/prolific?page=3").status_code == 404
    api = client.get("/api/v1/users/prolific").json
    assert api["next"] == "/api/v1/users/prolific?page=2" and api["counts"]["edits"] == 51
    assert len(client.get(api["next"]).json["contributions"]) == 1


def test_a_profile_takes_a_constant_number_of_queries(app, client, active, make_page):
    few = count_queries(app, client, "/users/alice"), count_queries(app, client, "/api/v1/users/alice")
    alice = active["alice"]
    for number in range(20):
        assert save_page(alice, "it-manager", f"Runs IT, take {number}.\n").status_code == 303
        posted_id(post_form(alice, f"/definitions/{active['definition']}/comments", {"body": f"Comment {number}."}))
    many = count_queries(app, client, "/users/alice"), count_queries(app, client, "/api/v1/users/alice")
    assert len(rows(seen(client, "/users/alice"))) == 49
    assert many == few and max(many) <= 4, (few, many)  # the member, the counts, the ids, the lines


def settings_form(client) -> dict:
    html = seen(client, "/settings")
    return {"csrf_token": csrf_from(html)}


def test_a_member_says_who_they_are_in_settings(app, client, make_user):
    make_user("alice")
    alice = as_user(app, "alice")
    assert client.get("/settings").headers["Location"].startswith("/auth/login?next=")
    form = seen(alice, "/settings")
    assert 'name="about"' in form and 'name="role_held"' in form and 'href="/auth/password"' in form
    about = "I run *networks*.\r\n\r\n<script>alert(1)</script>"
    response = alice.post("/settings", data={**settings_form(alice), "about": about, "role_held": "Network engineer"})
    assert response.status_code == 303 and response.headers["Location"] == "/settings"
    after = seen(alice, "/settings")
    assert "Your settings are saved." in after and "I run *networks*." in after and 'value="Network engineer"' in after
    profile = seen(client, "/users/alice")
    assert "<p>I run <em>networks</em>.</p>" in profile and "&lt;script&gt;alert(1)&lt;/script&gt;" in profile
    assert "<script>alert" not in profile and '<p class="role-held">Network engineer</p>' in profile
    data = client.get("/api/v1/users/alice").json
    assert data["about"] == "I run *networks*.\n\n<script>alert(1)</script>" and data["role_held"] == "Network engineer"
    assert data["about_html"].startswith("<p>I run <em>networks</em>.</p>")
    # The same again changes nothing, and records nothing.
    with app.app_context():
        before = db.session.scalar(select(func.count()).select_from(Change))
    again = alice.post("/settings", data={**settings_form(alice), "about": about, "role_held": "Network engineer"})
    assert again.status_code == 303 and "Nothing changed." in seen(alice, "/settings")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Change)) == before
    # Rendered once, when saved: the profile shows what was stored, never a fresh rendering.
    with app.app_context():
        db.session.execute(text("UPDATE users SET about_html = '<p>STORED</p>' WHERE username = 'alice'"))
        db.session.commit()
    assert "<p>STORED</p>" in seen(client, "/users/alice")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"about": "x" * 2001}, "This is 2,001 characters; the limit is 2,000."),
        ({"role_held": "r" * 101}, "Keep it under 100 characters."),
        ({"role_held": "Two\nlines"}, "Write it on one line"),
    ],
)
def test_bad_settings_are_refused_with_the_text_kept(app, make_user, fields, message):
    make_user("alice")
    alice = as_user(app, "alice")
    data = {"about": "Kept about.", "role_held": "Kept role", **fields}
    response = alice.post("/settings", data={**settings_form(alice), **data})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert message in html
    kept = data["about"][:50] if "about" in fields else "Kept about."
    assert kept in html and (data["role_held"][:50] if "role_held" in fields else "Kept role") in html
    assert seen(alice, "/users/alice").count("Kept") == 0


def test_about_is_counted_in_characters_after_line_endings_are_made_one(app, make_user):
    make_user("alice")
    alice = as_user(app, "alice")
    about = "x\r\n" * 1000  # 3,000 characters as sent, 2,000 once each CRLF is one newline
    assert alice.post("/settings", data={**settings_form(alice), "about": about}).status_code == 303
    assert alice.post("/settings", data={"about": "No token."}).status_code == 400
    assert "No token." not in seen(alice, "/users/alice")


def test_no_input_makes_a_500(app, client, make_user):
    make_user("alice")
    alice = as_user(app, "alice")
    for number, line in enumerate(BLNS_LINES):
        assert client.get("/users/" + quote(line, safe="")).status_code in (200, 404), line
        assert client.get("/api/v1/users/" + quote(line, safe="")).status_code in (200, 404), line
        if number % 4 == 0:  # a sample of saves: each one renders and records a change
            data = {"about": line, "role_held": line[:100]}
            status = alice.post("/settings", data={"csrf_token": csrf_token(alice, "/settings"), **data}).status_code
            assert status in (303, 422), (line, status)
    assert seen(client, "/users/alice")


def test_every_author_name_links_to_the_profile(app, client, active):
    mod, alice = active["mod"], active["alice"]
    assert post_form(mod, "/wiki/it-manager/lock", {"reason": "calm"}).status_code == 303
    link = user_link("alice")
    pages = {
        "/": link,
        "/wiki/network-architect": link,  # the revision line, the definition card and the thread
        "/wiki/network-architect/history": link,
        "/wiki/network-architect/revisions/1": link,
        f"/comments/{active['comment']}": link,
        f"/comments/{active['comment']}/history": link,
        "/recent": link,
    }
    for url, expected in pages.items():
        assert expected in seen(client, url), url
    page = seen(client, "/wiki/network-architect")
    assert page.count(link) >= 3  # its text, its definition, its comment
    assert f'<strong class="comment-author">{link}</strong>' in page and f"Proposed by <strong>{link}</strong>" in page
    assert user_link("mod") in seen(mod, "/moderation/log")
    assert user_link("alice") in seen(mod, "/moderation/users") and user_link("alice") in seen(mod, "/moderation")
    header = re.search(r'<nav class="site-nav".*?</nav>', seen(alice, "/"), re.S).group(0)
    assert '<a class="whoami" title="Logged in: your profile" href="/users/alice">alice</a>' in header
    assert '<a href="/settings">Settings</a>' in header and '<a href="/auth/password">Password</a>' in header
