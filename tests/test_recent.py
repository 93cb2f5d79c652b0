"""Recent changes (/recent and /api/v1/changes): every change from the record of changes, newest first, filtered,
paginated, with what each viewer may see, kept for readers and drawn in a constant number of queries."""

import re
from pathlib import Path

import pytest
from sqlalchemy import event, text

from tests.conftest import as_user, csrf_from, post_form, save_page, user_link
from wiki.auth.models import Role
from wiki.extensions import db
from wiki.history.service import get_revision
from wiki.pages.models import find_page

BLNS = (Path(__file__).resolve().parents[2] / "shared" / "data" / "blns.txt").read_text(encoding="utf-8")
BLNS_LINES = [line for line in BLNS.split("\n") if line and not line.startswith("#")]
ROW = re.compile(r'<tr id="change-(\d+)" class="change kind-[a-z]+">(.*?)</tr>', re.S)


def rows(html: str) -> list[tuple[int, str]]:
    """The lines of a list of changes: (change id, the row's HTML)."""
    return [(int(number), row) for number, row in ROW.findall(html)]


def seen(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code, response.get_data(as_text=True)[:300])
    return response.get_data(as_text=True)


def posted_comment_id(response) -> int:
    return int(response.headers["Location"].rsplit("-", 1)[1])


@pytest.fixture
def world(app, make_user, make_page):
    """A term edited by alice, bob's definition edited once, a comment by bob edited once, alice's stance on it."""
    for name, role in (("alice", Role.MEMBER), ("bob", Role.MEMBER), ("mod", Role.MODERATOR)):
        make_user(name, role=role)
    make_page("IT manager", "Runs IT.\n")
    alice, bob = as_user(app, "alice"), as_user(app, "bob")
    assert save_page(alice, "it-manager", "Runs IT and its budget.\n", summary="budget too").status_code == 303
    proposed = post_form(bob, "/wiki/it-manager/definitions", {"body": "The glue.\n"}, token_from="/wiki/it-manager")
    definition = int(proposed.headers["Location"].split("/definitions/")[1].split("#")[0].split("?")[0])
    html = seen(bob, f"/definitions/{definition}/edit")
    edit = {"csrf_token": csrf_from(html), "body": "The glue of IT.\n", "base_revision": "1", "summary": "wider"}
    edited = bob.post(f"/definitions/{definition}/edit", data=edit)
    assert edited.status_code == 303
    comment = posted_comment_id(post_form(bob, "/wiki/it-manager/comments", {"body": "Budgets first."}))
    html = seen(bob, f"/comments/{comment}/edit")
    bob.post(f"/comments/{comment}/edit", data={"csrf_token": csrf_from(html), "body": "Budgets first, people next.",
                                                "base_revision": "1"})  # fmt: skip
    assert post_form(alice, f"/definitions/{definition}/stance", {"stance": "endorse"}).status_code == 303
    return {"definition": definition, "comment": comment, "alice": alice, "bob": bob, "mod": as_user(app, "mod")}


def test_every_change_is_listed_newest_first_with_who_what_where_and_its_diff(client, world):
    html = seen(client, "/recent")
    lines = rows(html)
    times = [re.search(r'datetime="([^"]+)"', row).group(1) for _, row in lines]
    assert times == sorted(times, reverse=True)
    actions = [re.search(r'<td class="what">(?:<a [^>]*>)?([^<]+)', row).group(1) for _, row in lines]
    assert actions == ["take stance endorse", "edit comment", "post comment", "edit definition", "propose definition",
                       "edit page", "create page"]  # fmt: skip
    stance, comment_edit, _, definition_edit, _, page_edit, created = (row for _, row in lines)
    d, c = world["definition"], world["comment"]
    assert user_link("alice") in page_edit and "budget too" in page_edit
    assert 'href="/wiki/it-manager/diff?from=1&amp;to=2">diff</a>' in page_edit
    assert '<a href="/wiki/it-manager">IT manager</a>' in page_edit
    assert f'href="/definitions/{d}/diff?from=1&amp;to=2">diff</a>' in definition_edit and "wider" in definition_edit
    assert f'href="/comments/{c}/diff?from=1&amp;to=2">diff</a>' in comment_edit and user_link("bob") in comment_edit
    assert ">diff</a>" not in created and ">diff</a>" not in stance  # nothing to compare
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\dT[^"]+Z" data-time="absolute">\d{4}-\d\d-\d\d \d\d:\d\d UTC',
                     created)  # fmt: skip
    for _, row in lines:  # every diff link leads to a diff
        for link in re.findall(r'href="([^"]+)">diff</a>', row):
            assert client.get(link.replace("&amp;", "&")).status_code == 200, link
    nav = re.search(r'<nav class="site-nav".*?</nav>', html, re.S).group(0)
    assert '<a href="/recent">Recent changes</a>' in nav
    feed = '<link rel="alternate" type="application/atom+xml" title="Recent changes (Atom)" href="/recent.atom">'
    assert feed in html


def ids(client, url: str) -> list[int]:
    return [number for number, _ in rows(seen(client, url))]


def test_filters_by_kind_member_and_page(client, world, make_page):
    make_page("Network architect", "Designs networks.\n", author="carol")
    everything = ids(client, "/recent")
    by_kind = {kind: ids(client, f"/recent?kind={kind}") for kind in ("page", "definition", "comment", "stance")}
    assert len(by_kind["page"]) == 3 and len(by_kind["definition"]) == 2 and len(by_kind["comment"]) == 2
    assert len(by_kind["stance"]) == 1 and sorted(sum(by_kind.values(), []), reverse=True) == everything
    assert ids(client, "/recent?kind=page.edited") == by_kind["page"][1:2]
    assert len(ids(client, "/recent?user=bob")) == 4
    assert ids(client, "/recent?user=BOB") == ids(client, "/recent?user=bob")
    assert ids(client, "/recent?user=carol") == [everything[0]]
    on_it_manager = ids(client, "/recent?page=it-manager")
    assert len(on_it_manager) == 7 and everything[0] not in on_it_manager
    assert ids(client, "/recent?slug=it-manager") == on_it_manager
    assert ids(client, "/recent?page=it-manager&kind=comment&user=bob") == by_kind["comment"]
    # A form sent with fields left empty filters nothing.
    assert ids(client, "/recent?kind=&user=&slug=") == everything
    # Hiding one's own changes: for members only.
    alice = world["alice"]
    assert ids(client, "/recent?hide_mine=1") == everything
    mine = set(ids(client, "/recent?user=alice"))
    assert ids(alice, "/recent?hide_mine=1") == [number for number in everything if number not in mine]
    form = seen(alice, "/recent?hide_mine=1&kind=page")
    assert 'name="hide_mine" value="1" checked' in form and '<option value="page" selected>' in form
    assert 'name="hide_mine"' not in seen(client, "/recent")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("kind=bogus", "'kind' must be one of page, definition"),
        ("kind=page.exploded", "'kind' must be one of"),
        ("kind=page&kind=comment", "Give 'kind' once."),
        ("user=nobody", "There is no member called “nobody”."),
        ("user=" + "x" * 500, "There is no member called “" + "x" * 60 + "…”."),
        ("page=no-such-page", "There is no page called “no-such-page”."),
        ("slug=no-such-page", "There is no page called “no-such-page”."),
        ("page=" + "p" * 5000, "There is no page called"),
        ("page=0", "'page' must be a positive whole number"),
        ("page=99999999999999999999", "'page' must be a positive whole number"),
        ("page=1&page=2", "at most one page number"),
        ("page=it-manager&slug=it-manager", "at most one page number and one page"),
        ("hide_mine=yes", "'hide_mine' must be 1"),
    ],
)
def test_unknown_filters_are_a_clear_400(client, world, query, message):
    for url in (f"/recent?{query}", f"/api/v1/changes?{query}", f"/recent.atom?{query}"):
        response = client.get(url)
        assert response.status_code == 400, url
        shown = response.json["error"]["message"] if url.startswith("/api/") else response.get_data(as_text=True)
        assert message in shown.replace("&#39;", "'").replace("&#34;", '"'), (url, shown[:500])


def test_no_input_makes_a_500(app, client, world):
    member = world["alice"]
    names = ("kind", "user", "page", "slug", "hide_mine")
    for number, line in enumerate(BLNS_LINES):
        for name in names:
            status = member.get("/recent", query_string={name: line}).status_code
            assert status in (200, 400, 404), (name, line, status)
        name = names[number % len(names)]  # the same reading behind them: each line once, by turns
        for url in ("/api/v1/changes", "/recent.atom", "/recent"):
            status = client.get(url, query_string={name: line}).status_code
            assert status in (200, 400, 404), (url, name, line, status)


def test_moderation_and_flags_are_for_moderators_only(app, client, world):
    mod, alice, bob = world["mod"], world["alice"], world["bob"]
    assert post_form(mod, "/wiki/it-manager/lock", {"reason": "edit war"}).status_code == 303
    assert post_form(mod, "/wiki/it-manager/unlock", {}).status_code == 303
    assert post_form(alice, f"/comments/{world['comment']}/flag", {"reason": "alice flagged this"}).status_code == 303
    for viewer in (client, alice, bob):
        html = seen(viewer, "/recent")
        assert "lock page" not in html and "edit war" not in html and "alice flagged this" not in html
        assert ">flag<" not in html
        assert "Moderators’ actions and flags are shown to moderators only." in seen(viewer, "/recent?kind=moderation")
        assert rows(seen(viewer, "/recent?kind=flag")) == [] and rows(seen(viewer, "/recent?kind=page.locked")) == []
        kinds = {change["kind"] for change in viewer.get("/api/v1/changes").json["changes"]}
        assert kinds.isdisjoint({"page.locked", "page.unlocked", "flag.raised"})
        assert '<option value="moderation"' not in html
    html = seen(mod, "/recent")
    assert "lock page" in html and "edit war" in html and "unlock page" in html
    assert "alice flagged this" in html and user_link("alice") in html
    assert len(rows(seen(mod, "/recent?kind=moderation"))) == 2 and len(rows(seen(mod, "/recent?kind=flag"))) == 1
    assert '<option value="moderation"' in html
    # The moderation log stays the moderators' too: recent changes show no more of it than it does.
    assert client.get("/moderation/log").status_code in (302, 303) and alice.get("/moderation/log").status_code == 403


def test_hidden_revisions_definitions_and_comments_keep_their_summaries_from_members(app, client, world, make_user):
    mod, alice = world["mod"], world["alice"]
    assert save_page(alice, "it-manager", "Libel.\n", summary="a libellous summary").status_code == 303
    assert save_page(alice, "it-manager", "Runs IT.\n", summary="back to sense").status_code == 303
    with app.app_context():
        libel = get_revision(find_page("it-manager").document, 3).id
    assert post_form(mod, f"/moderation/revisions/{libel}/hide", {"reason": "libel"}).status_code == 303
    definition = world["definition"]
    post_form(mod, f"/definitions/{definition}/flag", {"reason": "spam"})
    assert post_form(mod, f"/moderation/decide/definition/{definition}", {"decision": "remove"}).status_code == 303
    for name in ("x1", "x2", "x3"):
        make_user(name)
        post_form(as_user(app, name), f"/comments/{world['comment']}/flag", {"reason": "nasty"})
    with app.app_context():  # an edit summary of the comment, as only the database has one
        db.session.execute(text("UPDATE changes SET summary = 'the comment summary' WHERE kind = 'comment.edited'"))
        db.session.commit()
    for viewer in (client, alice):
        html = seen(viewer, "/recent")
        assert "a libellous summary" not in html and "back to sense" in html
        assert "wider" not in html and "the comment summary" not in html
        # Everything done to the hidden definition (proposed, edited, a stance) and the hidden comment (posted,
        # edited), and the hidden revision.
        assert html.count('<span class="muted">(hidden)</span>') == 6
        assert "/wiki/it-manager/diff?from=2&amp;to=3" not in html and f"/definitions/{definition}/diff" not in html
        summaries = {change["id"]: change["summary"] for change in viewer.get("/api/v1/changes").json["changes"]}
        assert "a libellous summary" not in summaries.values() and list(summaries.values()).count(None) == 6
    html = seen(mod, "/recent")
    assert "a libellous summary" in html and "wider" in html and "the comment summary" in html
    assert "/wiki/it-manager/diff?from=2&amp;to=3" in html


def test_a_list_of_changes_has_pages_of_fifty(app, client, make_page):
    make_page("IT manager", *(f"Version {number}.\n" for number in range(1, 52)))  # 51 changes
    first = seen(client, "/recent")
    assert len(rows(first)) == 50 and 'href="/recent?page=2">Older →</a>' in first
    second = seen(client, "/recent?page=2")
    assert len(rows(second)) == 1 and 'href="/recent?page=1">← Newer</a>' in second and "Older" not in second
    assert client.get("/recent?page=3").status_code == 404
    filtered = seen(client, "/recent?page=it-manager&kind=page")
    assert 'href="/recent?page=2&amp;kind=page&amp;slug=it-manager">Older →</a>' in filtered
    assert len(rows(seen(client, "/recent?page=2&kind=page&slug=it-manager"))) == 1
    api = client.get("/api/v1/changes?kind=page&page=it-manager").json
    assert len(api["changes"]) == 50 and api["next"] == "/api/v1/changes?page=2&kind=page&slug=it-manager"
    assert client.get(api["next"]).json["next"] is None and len(client.get(api["next"]).json["changes"]) == 1
    assert client.get("/api/v1/changes?page=3").status_code == 404


def test_the_api_lists_changes_with_the_contracts_fields(app, client, world):
    app.config["PUBLIC_URL"] = "https://wiki.example.org"
    changes = client.get("/api/v1/changes", headers={"Host": "evil.example"}).json["changes"]
    assert {tuple(sorted(change)) for change in changes} == {
        ("created_at", "id", "kind", "page", "summary", "title", "url", "user")
    }
    edit = next(change for change in changes if change["kind"] == "page.edited")
    assert edit["user"] == "alice" and edit["page"] == "it-manager" and edit["title"] == "IT manager"
    assert edit["url"] == "https://wiki.example.org/wiki/it-manager/diff?from=1&to=2"
    assert edit["summary"] == "budget too"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", edit["created_at"])
    created = next(change for change in changes if change["kind"] == "page.created")
    assert created["url"] == "https://wiki.example.org/wiki/it-manager"
    comment = next(change for change in changes if change["kind"] == "comment.posted")
    assert comment["url"] == f"https://wiki.example.org/comments/{world['comment']}"
    assert [change["id"] for change in changes] == sorted((change["id"] for change in changes), reverse=True)


def test_changes_are_listed_by_when_they_were_made(app, client):
    """The seeded debate is recorded with the times it retells, not in their order: lists go by time."""
    assert app.test_cli_runner().invoke(args=["seed"]).exit_code == 0
    url, times = "/api/v1/changes", []
    while url:
        data = client.get(url).json
        times += [change["created_at"] for change in data["changes"]]
        url = data["next"]
    assert len(times) > 100 and times == sorted(times, reverse=True)
    shown = [re.search(r'datetime="([^"]+)"', row).group(1) for _, row in rows(seen(client, "/recent?page=2"))]
    assert len(shown) == 50 and shown == sorted(shown, reverse=True)
    entries = re.findall(r"<updated>([^<]+)</updated>", seen(client, "/recent.atom"))[1:]  # the feed's own first
    assert len(entries) == 50 and entries == sorted(entries, reverse=True)


def count_queries(app, client, url: str) -> int:
    with app.app_context():
        statements = []
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            assert client.get(url).status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        return len([sql for sql in statements if not sql.startswith("BEGIN")])


def test_a_page_of_changes_takes_a_constant_number_of_queries(app, world, make_user, make_page):
    mod = world["mod"]
    post_form(mod, "/wiki/it-manager/lock", {"reason": "calm"})
    post_form(mod, "/wiki/it-manager/unlock", {"reason": "calmer"})
    post_form(world["alice"], f"/comments/{world['comment']}/flag", {"reason": "rude"})
    urls = ("/recent", "/api/v1/changes", "/recent?user=bob&page=it-manager")
    few = {url: count_queries(app, mod, url) for url in urls}
    for number in range(14):  # many members, pages and kinds of change
        make_page(f"Role {number}", "One.\n", "Two.\n", author=f"writer{number}")
        assert save_page(world["bob"], "it-manager", f"Runs IT, take {number}.\n").status_code == 303
    with app.app_context():
        hidden = get_revision(find_page("role-3").document, 1).id
    post_form(mod, f"/moderation/revisions/{hidden}/hide", {"reason": "x"})
    post_form(mod, "/moderation/users/bob/suspend", {"days": "1", "reason": "x"})
    many = {url: count_queries(app, mod, url) for url in urls}
    assert len(rows(seen(mod, "/recent"))) == 50
    assert many == few, (few, many)
    # the session's member, their unread count, the filters' member and page, the ids, the lines
    assert max(many.values()) <= 6, many


def test_readers_get_a_kept_list_until_anything_changes(app, client, world):
    kept = ["/recent", "/recent?page=1&kind=page&user=Alice&slug=it-manager&hide_mine=0", "/recent.atom"]
    first = {url: seen(client, url) for url in kept}
    with app.app_context():  # behind the app's back: only a fresh rendering would show it
        db.session.execute(text("UPDATE changes SET summary = 'SNEAKY' WHERE kind = 'page.edited'"))
        db.session.commit()
    assert {url: seen(client, url) for url in kept} == first
    assert "SNEAKY" not in seen(client, "/recent?page=01&kind=page&user=alice&slug=it-manager&hide_mine=0")  # one key
    assert "SNEAKY" in seen(client, "/recent?page=it-manager")  # not canonical (page is the page number): afresh
    assert "SNEAKY" in seen(client, "/recent?utm_source=junk")
    assert "SNEAKY" in seen(world["alice"], "/recent")  # members are never served from memory
    response = client.get("/recent")
    assert response.headers["Cache-Control"] == "public, max-age=0, must-revalidate" and response.headers["ETag"]
    assert client.get("/recent", headers={"If-None-Match": response.headers["ETag"]}).status_code == 304
    post_form(world["bob"], "/wiki/it-manager/comments", {"body": "A new comment."})
    fresh = seen(client, "/recent")
    assert "SNEAKY" in fresh and len(rows(fresh)) == len(rows(first["/recent"])) + 1
    assert "SNEAKY" in seen(client, "/recent.atom")
    assert client.get("/recent", headers={"If-None-Match": response.headers["ETag"]}).status_code == 200
