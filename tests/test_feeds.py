"""Atom feeds: recent changes, a page's history and its discussion. Each is parsed by feedparser and, strictly, as
XML: Atom 1.0, every feed and entry with an id, a title and an updated time, absolute links from PUBLIC_URL (never
the Host header), what readers may see and nothing more, everything from members escaped, kept for readers."""

import xml.etree.ElementTree as ElementTree

import feedparser
import pytest
from sqlalchemy import text

from tests.conftest import as_user, csrf_from, post_form, save_page
from wiki.auth.models import Role, find_user
from wiki.extensions import db
from wiki.history.service import get_revision
from wiki.pages.models import find_page

ATOM = "{http://www.w3.org/2005/Atom}"
PUBLIC = "https://wiki.example.org"
HOSTILE = "<script>alert(1)</script> ]]> & Co"


def feed(client, url: str, **headers):
    """The feed at `url`, parsed twice: leniently by feedparser (which must find nothing wrong) and strictly as
    XML, checking what Atom 1.0 requires of every feed and entry."""
    response = client.get(url, headers=headers)
    assert response.status_code == 200, (url, response.status_code)
    assert response.mimetype == "application/atom+xml"
    body = response.get_data()
    parsed = feedparser.parse(body)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    root = ElementTree.fromstring(body)
    assert root.tag == f"{ATOM}feed"
    for element in (root, *root.findall(f"{ATOM}entry")):
        for required in ("id", "title", "updated"):
            found = element.find(f"{ATOM}{required}")
            assert found is not None and found.text, (url, required)
    assert root.find(f"{ATOM}author/{ATOM}name") is not None
    return parsed


@pytest.fixture
def wiki(app, make_user, make_page, make_definition):
    """A term with three revisions, a definition by bob, members, a moderator; links start with PUBLIC_URL."""
    app.config["PUBLIC_URL"] = PUBLIC
    for name, role in (("alice", Role.MEMBER), ("bob", Role.MEMBER), ("mod", Role.MODERATOR)):
        make_user(name, role=role)
    make_page("IT manager", "Runs IT.\n", "Runs IT and its budget.\n", author="writer")
    alice = as_user(app, "alice")
    assert save_page(alice, "it-manager", "Runs IT, budget, people.\n", summary="people").status_code == 303
    with app.app_context():
        bob_id = find_user("bob").id
    definition = make_definition("it-manager", bob_id, "The glue.")
    return {"alice": alice, "bob": as_user(app, "bob"), "mod": as_user(app, "mod"), "definition": definition}


def test_the_recent_feed_has_the_newest_changes_readers_may_see(app, client, wiki):
    mod = wiki["mod"]
    assert post_form(mod, "/wiki/it-manager/lock", {"reason": "a moderators' secret"}).status_code == 303
    assert post_form(wiki["alice"], f"/definitions/{wiki['definition']}/flag", {"reason": "flagged"}).status_code == 303
    parsed = feed(client, "/recent.atom", Host="evil.example")
    assert parsed.feed.id == f"{PUBLIC}/recent.atom" and parsed.feed.title == "Recent changes — Rolewiki"
    assert {link.rel: link.href for link in parsed.feed.links} == {
        "alternate": f"{PUBLIC}/recent",
        "self": f"{PUBLIC}/recent.atom",
    }
    entries = parsed.entries
    titles = [entry.title for entry in entries]
    assert titles == ["IT manager: propose definition by bob", "IT manager: edit page by alice",
                      "IT manager: edit page by writer", "IT manager: create page by writer"]  # fmt: skip
    edit = entries[1]
    assert edit.link == f"{PUBLIC}/wiki/it-manager/diff?from=2&to=3" and edit.summary == "people"
    assert edit.author == "alice" and edit.id.startswith(f"{PUBLIC}/recent#change-")
    assert entries[3].link == f"{PUBLIC}/wiki/it-manager"
    assert len({entry.id for entry in entries}) == len(entries)
    assert all(entry.link.startswith(PUBLIC + "/") for entry in entries)
    # Feeds show what readers see, whoever asks: a moderator's copy has no moderation in it either.
    assert [entry.title for entry in feed(mod, "/recent.atom").entries] == titles
    filtered = feed(client, "/recent.atom?kind=page&user=alice")
    assert [entry.title for entry in filtered.entries] == ["IT manager: edit page by alice"]
    assert filtered.feed.id == f"{PUBLIC}/recent.atom?kind=page&user=alice"


def test_without_public_url_links_start_with_the_fallback(app, client, wiki):
    app.config["PUBLIC_URL"] = ""
    parsed = feed(client, "/wiki/it-manager/history.atom", Host="evil.example")
    assert parsed.feed.id == "http://localhost/wiki/it-manager/history.atom"
    assert all(entry.link.startswith("http://localhost/wiki/it-manager/") for entry in parsed.entries)


def test_the_history_feed_links_each_revision_to_its_diff(app, client, wiki):
    parsed = feed(client, "/wiki/it-manager/history.atom")
    assert parsed.feed.title == "History of IT manager — Rolewiki"
    assert [entry.title for entry in parsed.entries] == [
        "Revision 3 by alice: people",
        "Revision 2 by writer: seeded by test",
        "Revision 1 by writer: seeded by test",
    ]
    assert [entry.link for entry in parsed.entries] == [
        f"{PUBLIC}/wiki/it-manager/diff?from=2&to=3",
        f"{PUBLIC}/wiki/it-manager/diff?from=1&to=2",
        f"{PUBLIC}/wiki/it-manager/revisions/1",
    ]
    assert parsed.entries[0].id == f"{PUBLIC}/wiki/it-manager/revisions/3"
    assert parsed.feed.updated == parsed.entries[0].updated
    with app.app_context():
        second = get_revision(find_page("it-manager").document, 2).id
    assert post_form(wiki["mod"], f"/moderation/revisions/{second}/hide", {"reason": "libel"}).status_code == 303
    hidden = feed(client, "/wiki/it-manager/history.atom").entries[1]
    assert hidden.title == "Revision 2 by writer: (hidden by a moderator)" and "seeded" not in hidden.summary
    assert hidden.link == f"{PUBLIC}/wiki/it-manager/history"
    assert client.get("/wiki/no-such-page/history.atom").status_code == 404
    assert client.get("/wiki/no-such-page/discussion.atom").status_code == 404


def comment(client, url: str, body: str) -> int:
    response = post_form(client, url, {"body": body})
    assert response.status_code == 303
    return int(response.headers["Location"].rsplit("-", 1)[1])


def test_the_discussion_feed_has_the_comments_readers_may_read(app, client, wiki, make_user):
    alice, bob, definition = wiki["alice"], wiki["bob"], wiki["definition"]
    first = comment(alice, "/wiki/it-manager/comments", "On the **page**.")
    on_definition = comment(bob, f"/definitions/{definition}/comments", "On the definition.")
    deleted = comment(alice, "/wiki/it-manager/comments", "Deleted soon.")
    assert post_form(alice, f"/comments/{deleted}/delete", {}).status_code == 303
    hidden = comment(bob, "/wiki/it-manager/comments", "Hidden by flags.")
    for name in ("f1", "f2", "f3"):
        make_user(name)
        assert post_form(as_user(app, name), f"/comments/{hidden}/flag", {"reason": "rude"}).status_code == 303
    html = bob.get(f"/comments/{on_definition}/edit").get_data(as_text=True)
    bob.post(f"/comments/{on_definition}/edit", data={"csrf_token": csrf_from(html), "base_revision": "1",
                                                      "body": "On the definition, edited."})  # fmt: skip
    parsed = feed(client, "/wiki/it-manager/discussion.atom")
    assert parsed.feed.title == "Discussion of IT manager — Rolewiki"
    links = [entry.link for entry in parsed.entries]
    assert links == [f"{PUBLIC}/comments/{on_definition}", f"{PUBLIC}/comments/{first}"]
    newest, oldest = parsed.entries
    assert newest.title == "bob on bob’s definition of IT manager" and oldest.title == "alice on IT manager"
    # The stored HTML, as the renderer made it (feedparser drops its closing newline).
    assert oldest.content[0].type == "text/html" and oldest.content[0].value == "<p>On the <strong>page</strong>.</p>"
    assert newest.content[0].value == "<p>On the definition, edited.</p>"
    assert newest.updated > newest.published  # edited after it was posted
    # A hidden definition's discussion is hidden with it.
    mod = wiki["mod"]
    post_form(alice, f"/definitions/{definition}/flag", {"reason": "spam"})
    assert post_form(mod, f"/moderation/decide/definition/{definition}", {"decision": "remove"}).status_code == 303
    assert [entry.link for entry in feed(client, "/wiki/it-manager/discussion.atom").entries] == [
        f"{PUBLIC}/comments/{first}"
    ]


def test_everything_from_members_is_escaped(app, client, make_user, make_page):
    app.config["PUBLIC_URL"] = PUBLIC
    make_page(HOSTILE, "Text.\n")
    slug = "script-alert-1-script-co"
    make_user("<b>&]]>")  # made before usernames had a rule, or by hand
    hostile = as_user(app, "<b>&]]>")
    summary = "<script>x</script> ]]> & \x1b end"
    assert save_page(hostile, slug, "Text, again.\n", summary=summary).status_code == 303
    comment(hostile, f"/wiki/{slug}/comments", "<script>alert(2)</script> ]]> & **bold**")
    for url in ("/recent.atom", f"/wiki/{slug}/history.atom", f"/wiki/{slug}/discussion.atom"):
        raw = client.get(url).get_data(as_text=True)
        assert "<script" not in raw and "<b>" not in raw, url
        parsed = feed(client, url)
        assert HOSTILE in parsed.feed.title or any(HOSTILE in entry.title for entry in parsed.entries), url
        assert any(entry.author == "<b>&]]>" for entry in parsed.entries), url
    recent = feed(client, "/recent.atom").entries[1]
    assert recent.summary == "<script>x</script> ]]> & \ufffd end"  # XML cannot hold ESC: it is replaced
    assert recent.title == f"{HOSTILE}: edit page by <b>&]]>"
    content = feed(client, f"/wiki/{slug}/discussion.atom").entries[0].content[0].value
    assert content == "<p>&lt;script&gt;alert(2)&lt;/script&gt; ]]&gt; &amp; <strong>bold</strong></p>"


def test_pages_and_recent_changes_link_their_feeds(client, wiki):
    page = client.get("/wiki/it-manager").get_data(as_text=True)
    assert ('<link rel="alternate" type="application/atom+xml" title="History of IT manager (Atom)" '
            'href="/wiki/it-manager/history.atom">') in page  # fmt: skip
    assert ('<link rel="alternate" type="application/atom+xml" title="Discussion of IT manager (Atom)" '
            'href="/wiki/it-manager/discussion.atom">') in page  # fmt: skip
    recent = client.get("/recent?kind=page").get_data(as_text=True)
    assert 'type="application/atom+xml" title="Recent changes (Atom)" href="/recent.atom?kind=page"' in recent


def test_readers_get_kept_feeds_until_what_they_show_changes(app, client, wiki):
    urls = ["/recent.atom", "/wiki/it-manager/history.atom", "/wiki/it-manager/discussion.atom"]
    comment(wiki["alice"], "/wiki/it-manager/comments", "A comment.")
    first = {url: client.get(url) for url in urls}
    for url, response in first.items():
        assert response.headers["Cache-Control"] == "public, max-age=0, must-revalidate" and response.headers["ETag"]
        assert client.get(url, headers={"If-None-Match": response.headers["ETag"]}).status_code == 304
    with app.app_context():  # behind the app's back: only a fresh rendering would show it
        db.session.execute(text("UPDATE changes SET summary = 'SNEAKY'"))
        db.session.execute(text("UPDATE revisions SET summary = 'SNEAKY', html = 'SNEAKY'"))
        db.session.commit()
    for url in urls:
        assert client.get(url).get_data() == first[url].get_data(), url
    assert save_page(wiki["bob"], "it-manager", "Runs IT for everyone.\n").status_code == 303
    for url in urls:
        assert b"SNEAKY" in client.get(url).get_data(), url
        assert client.get(url, headers={"If-None-Match": first[url].headers["ETag"]}).status_code == 200
